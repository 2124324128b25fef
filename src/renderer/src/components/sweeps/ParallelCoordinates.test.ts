import { describe, expect, it } from 'vitest';
import { axisPositions } from './ParallelCoordinates';

describe('parallel coordinates axes', () => {
  it('places numbers linearly or on log10, and names in order of appearance', () => {
    expect(axisPositions({ label: 'units', values: [16, 32, 48] }).positions).toEqual([0, 0.5, 1]);
    const lr = axisPositions({ label: 'lr', values: [0.001, 0.1, 0.01], log: true });
    expect(lr.positions.map((p) => Number(p.toFixed(6)))).toEqual([0, 1, 0.5]);
    expect(lr.ticks).toEqual([{ at: 0, text: '0.001' }, { at: 1, text: '0.1' }]);
    const optimizers = axisPositions({ label: 'optimizer', values: ['adam', 'sgd', 'adam', 'rmsprop'] });
    expect(optimizers.positions).toEqual([0, 0.5, 0, 1]);
    expect(optimizers.ticks.map((t) => t.text)).toEqual(['adam', 'sgd', 'rmsprop']);
    expect(axisPositions({ label: 'epochs', values: [5, 5] }).positions).toEqual([0.5, 0.5]);
  });
});
