import { describe, expect, it } from 'vitest';
import { chain, node } from '../graph/fixtures';
import type { DatasetSpec } from '../project/schema';
import { differingFields } from './columns';
import { DEFAULT_TRAINING_FOR_TESTS } from './test-setup';

const dataset: DatasetSpec = { kind: 'generator', generator: 'classification', seed: 1 };
const graph = (dropout?: number) =>
  chain(node('in', 'Input', { shape: [4] }), node('d1', 'Dense', { units: 8 }), ...(dropout === undefined ? [] : [node('drop', 'Dropout', { rate: dropout })]), node('out', 'Dense', { units: 2 }));

describe('differingFields (issue 15: the runs table and `neurite runs`)', () => {
  it('finds the param of a layer the first run did not have, once two later runs differ in it', () => {
    const setups = [graph(), graph(0.2), graph(0.5), graph()].map((g) => ({ graph: g, training: DEFAULT_TRAINING_FOR_TESTS, dataset }));
    expect(differingFields(setups)).toEqual([{ key: 'param:drop.rate', label: 'dropout_drop.rate', values: [undefined, 0.2, 0.5, undefined] }]);
  });
});
