import { describe, expect, it } from 'vitest';
import { chartTable } from './SweepChart';

describe('SweepChart tables', () => {
  it('keeps every scatter point, x ascending, repeats kept', () => {
    const table = chartTable([{ label: 'val_loss', color: '#000', x: [0.1, 0.001, 0.1], y: [0.5, 0.2, 0.4] }], 'points');
    expect(table).toEqual([[0.001, 0.1, 0.1], [0.2, 0.5, 0.4]]);
  });

  it('aligns lines on the union of their x values, null where a line has no point', () => {
    const table = chartTable(
      [
        { label: 'a', color: '#000', x: [0.5, 1.5], y: [3, 2] },
        { label: 'b', color: '#111', x: [1, 1.5, 2], y: [4, null, 1] },
      ],
      'lines',
    );
    expect(table).toEqual([[0.5, 1, 1.5, 2], [3, null, 2, null], [null, 4, null, 1]]);
  });
});
