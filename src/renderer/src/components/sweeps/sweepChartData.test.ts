import { describe, expect, it } from 'vitest';
import { chartTable } from './sweepChartData';

describe('SweepChart tables', () => {
  it('keeps every scatter point, x ascending, repeats kept', () => {
    const table = chartTable([{ label: 'val_loss', color: '#000', x: [0.1, 0.001, 0.1], y: [0.5, 0.2, 0.4] }]);
    expect(table).toEqual([[0.001, 0.1, 0.1], [0.2, 0.5, 0.4]]);
  });

});
