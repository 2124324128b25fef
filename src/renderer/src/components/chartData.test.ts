import { describe, expect, it } from 'vitest';
import { addBatches, addEpochs, emptySeries } from '../store/series';
import { arrayPoints, axisTickLabels, chartTitleKey, decimateMinMax, epochIndexAt, linearSplits, lossTable, lowerBound, TICK_SPACE } from './chartData';

describe('decimateMinMax', () => {
  it('keeps every point when there are fewer than two per bucket', () => {
    const out = decimateMinMax(arrayPoints([1, 2, 3], [5, NaN, 7]), -Infinity, Infinity, 10);
    expect(out).toEqual({ x: [1, 3], y: [5, 7] });
  });

  it('bounds 100,000 points to two per bucket and keeps every spike', () => {
    const n = 100_000;
    const x = Array.from({ length: n }, (_, i) => i / 100);
    const y = Array.from({ length: n }, (_, i) => Math.sin(i / 50));
    y[12_345] = 40;
    y[67_890] = -40;
    const out = decimateMinMax(arrayPoints(x, y), -Infinity, Infinity, 1000);
    expect(out.x.length).toBeLessThanOrEqual(2002);
    expect(out.x[out.x.length - 1]).toBe(x[n - 1]);
    expect(out.y).toContain(40);
    expect(out.y).toContain(-40);
    expect(Math.max(...out.y)).toBe(40);
    expect(out.x[0]).toBe(0);
    for (let i = 1; i < out.x.length; i++) expect(out.x[i]).toBeGreaterThan(out.x[i - 1]);
  });

  it('looks only at the points inside [from, to]', () => {
    const x = Array.from({ length: 10_000 }, (_, i) => i);
    const out = decimateMinMax(arrayPoints(x, x), 100, 199, 1000);
    expect(out.x).toEqual(x.slice(100, 200));
  });
});

describe('lossTable', () => {
  it('aligns decimated batch losses with the per-epoch loss and val_loss on one x column', () => {
    const batches = addBatches(emptySeries, [0.5, 1, 1.5, 2], [10, 9, 8, 7]);
    const series = addEpochs(batches, [
      { epoch: 0, logs: { loss: 9, val_loss: 9.5 } },
      { epoch: 1, logs: { loss: 7, val_loss: NaN } },
    ]);
    const [x, train, valid, batch] = lossTable(series);
    expect(x).toEqual([0.5, 1, 1.5, 2]);
    expect(batch).toEqual([10, 9, 8, 7]);
    expect(train).toEqual([null, 9, null, 7]);
    expect(valid).toEqual([null, 9.5, null, null]);
  });
});

describe('epochIndexAt', () => {
  it('puts a batch of epoch k (x in (k-1, k]) in that epoch, and an unfinished epoch nowhere', () => {
    const epochX = [1, 2, 3];
    expect(epochIndexAt(epochX, 0.25)).toBe(0);
    expect(epochIndexAt(epochX, 1)).toBe(0);
    expect(epochIndexAt(epochX, 1.5)).toBe(1);
    expect(epochIndexAt(epochX, 3)).toBe(2);
    expect(epochIndexAt(epochX, 3.5)).toBe(-1);
  });
});

describe('helpers', () => {
  it('lowerBound finds the first x at or after a value', () => {
    expect(lowerBound([1, 2, 2, 3], 2)).toBe(1);
    expect(lowerBound([1, 2, 3], 4)).toBe(3);
  });

  it('names the charts of the metrics tfjs reports', () => {
    expect(chartTitleKey('loss')).toBe('chart.loss');
    expect(chartTitleKey('acc')).toBe('chart.accuracy');
    expect(chartTitleKey('mae')).toBe('chart.mae');
    expect(chartTitleKey('somethingElse')).toBeNull();
  });
});

describe('axisTickLabels (issue 17: log-axis labels)', () => {
  it('labels log-scale decades below 0.001 with their value, never "0"', () => {
    const labels = axisTickLabels([1e-6, 1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10]);
    expect(labels).toEqual(['1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1', '1', '10']);
    expect(labels.slice(0, 3)).not.toContain('0');
  });

  it('keeps mantissas, blanks the splits uPlot filters out, and prints a true zero as 0', () => {
    expect(axisTickLabels([2.5e-5, null, 0, 0.30000000000000004, 1_500_000, -0.0002])).toEqual(['2.5e-5', '', '0', '0.3', '1.5e6', '-2e-4']);
  });
});

describe('linearSplits (trial 10, 17: two labelled ticks on a small chart)', () => {
  it('a 90 px loss axis from 0.08 to 0.71 gets at least two ticks, evenly stepped, inside the range', () => {
    const ticks = linearSplits(0.08, 0.71, 90, TICK_SPACE.y);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(ticks.length).toBeLessThanOrEqual(3);
    for (const v of ticks) expect(v >= 0.08 && v <= 0.71).toBe(true);
    const steps = ticks.slice(1).map((v, i) => Number((v - ticks[i]).toFixed(9)));
    expect(new Set(steps).size).toBe(1);
    expect(axisTickLabels(ticks).every((l) => l !== '0')).toBe(true);
  });
  it('a tiny 40 px axis still has two ticks; a tall one has more but never closer than the spacing', () => {
    expect(linearSplits(-0.1, 1.9, 40, TICK_SPACE.y).length).toBe(2);
    const tall = linearSplits(0, 2, 300, TICK_SPACE.y);
    expect(tall.length).toBeGreaterThan(4);
    expect(tall.length).toBeLessThanOrEqual(10);
    expect(tall).toContain(0);
    expect(tall).toContain(2);
  });
  it('steps are round numbers written without float noise', () => {
    expect(linearSplits(0, 1, 200, TICK_SPACE.y)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearSplits(1, 1000, 500, TICK_SPACE.x)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(linearSplits(3, 3, 100, 30)).toEqual([3]);
  });
});
