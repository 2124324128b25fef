import { decodeRows } from '../../../shared/api/numbers';
import type { RawValue } from '../../../shared/data/preprocess';
import { api } from './index';
import { withRunModel } from '../store/training';

/**
 * `model.predict` with its outputs decoded: `[rows][outputs]` numbers, where a float32 overflow
 * arrives as Infinity or NaN (on the wire they are strings; see shared/api/numbers.ts).
 * A model the trainer no longer holds is reloaded from the saved weights ({@link withRunModel}).
 */
export async function predict(runId: string, inputs: (number[] | RawValue[])[]): Promise<number[][]> {
  return decodeRows((await withRunModel(runId, (id) => api['model.predict']({ runId: id, inputs }))).outputs);
}
