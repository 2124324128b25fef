import { decodeRows } from '../../../shared/api/numbers';
import type { RawValue } from '../../../shared/data/preprocess';
import { api } from './index';

/**
 * `model.predict` with its outputs decoded: `[rows][outputs]` numbers, where a float32 overflow
 * arrives as Infinity or NaN (on the wire they are strings; see shared/api/numbers.ts).
 */
export async function predict(runId: string, inputs: (number[] | RawValue[])[]): Promise<number[][]> {
  return decodeRows((await api['model.predict']({ runId, inputs })).outputs);
}
