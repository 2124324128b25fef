import { describe, expect, it } from 'vitest';
import { translator } from '../../../shared/i18n/translate';
import { layoutReportChart, reportSvg } from '../lib/reportChart';
import { addBatches, addEpochs, emptySeries } from '../store/series';
import { lossTable } from './chartData';
import { lrFinderReportSpec, overlayCaption, overlayReportSpec, reportCaption, reportFileName, runReportSpec, type ReportRunInfo } from './reportSpec';

const en = translator('en');
const zh = translator('zh-CN');

const run: ReportRunInfo = {
  training: { optimizer: { type: 'adam', learningRate: 0.001 }, loss: 'categoricalCrossentropy', batchSize: 32, epochs: 2 },
  dataset: { kind: 'generator', generator: 'spirals', seed: 1, samples: 300, noise: 0.1 } as ReportRunInfo['dataset'],
  startedAt: new Date(2026, 10, 30, 9, 15).toISOString(),
  number: 3,
};

const series = addEpochs(addBatches(emptySeries, [0.5, 1, 1.5, 2], [10, 9, 8, 7]), [
  { epoch: 0, logs: { loss: 9, val_loss: 9.5, acc: 0.5, val_acc: 0.4 } },
  { epoch: 1, logs: { loss: 7, val_loss: 8, acc: 0.7, val_acc: 0.6 } },
]);

describe('run chart report spec (issue 17)', () => {
  it('titles the chart with the project and run, names the axes, and captions the run’s settings', () => {
    const spec = runReportSpec({ series, metric: 'loss', log: false, project: 'Spirals', run, t: en });
    expect(spec.title).toBe('Loss — Spirals, run 3');
    expect(spec.xLabel).toBe('Epoch');
    expect(spec.yLabel).toBe('Loss');
    expect(spec.caption).toBe('Optimizer Adam, learning rate 0.001 · loss categorical_crossentropy · batch size 32 · 2 epochs · data spirals (noise 0.1, seed 1, 300 rows) · 2026-11-30');
    expect(spec.series.map((s) => s.label)).toEqual(['training', 'validation', 'batch loss']);
  });

  it('draws the live loss chart’s own table (one computation)', () => {
    const spec = runReportSpec({ series, metric: 'loss', log: false, project: 'p', run, t: en });
    const [x, train, val, batch] = lossTable(series, 1400);
    expect(spec.series.map((s) => s.y)).toEqual([train, val, batch]);
    expect(spec.series[0].x).toEqual(x);
  });

  it('says "(log scale)" on a log axis and keeps the legend in the SVG', () => {
    const spec = runReportSpec({ series, metric: 'acc', log: true, project: 'p', run, t: en });
    expect(spec.yLabel).toBe('Accuracy (log scale)');
    const svg = reportSvg(layoutReportChart(spec));
    expect(svg).toContain('>Accuracy (log scale)</text>');
    expect(svg).toContain('>training</text>');
    expect(svg).toContain('>validation</text>');
  });

  it('is in the UI language', () => {
    const spec = runReportSpec({ series, metric: 'loss', log: true, project: '螺旋', run, t: zh });
    expect(spec.title).toBe('损失 — 螺旋，第 3 次运行');
    expect(spec.xLabel).toBe('轮次');
    expect(spec.yLabel).toBe('损失（对数刻度）');
    expect(spec.caption).toContain('批大小 32');
    // The built-in data set's name too (the caption said "spirals" in Chinese).
    expect(spec.caption).toContain('螺旋 (spirals)');
    expect(runReportSpec({ series, metric: 'loss', log: false, project: 'p', run, t: en }).caption).toContain('spirals');
  });

  it('never captions with settings it does not know, and leaves the run number out until the run is recorded', () => {
    expect(reportCaption(null, en)).toMatch(/not known/);
    expect(runReportSpec({ series, metric: 'loss', log: false, project: '', run: { ...run, number: null }, t: en }).title).toBe('Loss — Untitled');
  });

  it('names files after the project, chart and run', () => {
    expect(reportFileName('My model: v2', 'loss', run, 'png')).toBe('My_model_v2-loss-run3.png');
    expect(reportFileName('', 'acc', null, 'svg')).toBe('neurite-acc.svg');
  });
});

describe('overlay report spec (issue 17)', () => {
  it('keeps each run’s colour and dash, says what x is, and captions every run’s settings', () => {
    const spec = overlayReportSpec({
      title: 'Loss (validation)',
      yLabel: 'Loss (validation)',
      axis: 'seconds',
      lines: [
        { label: 'Run 1', color: '#1f77b4', curve: { x: [0.5, 1], y: [2, 1] } },
        { label: 'Run 11', color: '#1f77b4', dash: [6, 3], curve: { x: [0.4, 0.9], y: [3, 2] } },
      ],
      log: false,
      project: 'Spirals',
      caption: overlayCaption([{ ...run, number: 3 }, { ...run, number: 4, training: { ...run.training, batchSize: 8 } }], en),
      t: en,
    });
    expect(spec.title).toBe('Loss (validation) — Spirals');
    expect(spec.xLabel).toBe('Seconds');
    expect(spec.integerX).toBe(false);
    expect(spec.series.map((s) => [s.label, s.color, s.dash])).toEqual([
      ['Run 1', '#1f77b4', undefined],
      ['Run 11', '#1f77b4', [6, 3]],
    ]);
    expect(spec.caption).toMatch(/^Run 3: Optimizer Adam, .*batch size 32 .* Run 4: Optimizer Adam, .*batch size 8 /);
    const svg = reportSvg(layoutReportChart(spec));
    expect(svg).toContain('stroke-dasharray="6 3"');
  });
});

describe('learning-rate finder report spec (issue 17)', () => {
  const lrs = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1];
  const result = {
    startLr: 1e-6,
    endLr: 1,
    steps: 7,
    points: lrs.map((lr, i) => ({ lr, loss: [2, 1.9, 1.5, 0.9, 0.7, 3, 500][i], smoothed: [2, 1.95, 1.8, 1.4, 1.1, 1.6, 2.1][i] })),
    suggestion: { kind: 'minimum' as const, lr: 0.001, minimumAt: 1e-2, minimumLoss: 1.1, steepestAt: null },
    stoppedEarly: null,
    batchesPerEpoch: 10,
    batchSize: 32,
    elapsedMs: 100,
  };
  it('draws the learning rate on a log axis with true tick labels, the suggestion as a dashed line and the lowest point as a dot', () => {
    const spec = lrFinderReportSpec({ result, project: 'Spirals', run, t: en });
    expect(spec.title).toBe('Find a learning rate — Spirals');
    expect(spec.xLabel).toBe('learning rate (log scale)');
    expect(spec.caption).toBe('Optimizer Adam · loss categorical_crossentropy · batch size 32 · learning rate from 1e-6 to 1, 7 batches · data spirals (noise 0.1, seed 1, 300 rows) · 2026-11-30');
    const chart = layoutReportChart(spec);
    const xTicks = chart.marks.flatMap((m) => (m.kind === 'text' && m.role === 'x-tick' ? [m.text] : []));
    expect(xTicks).toEqual(['1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1', '1']);
    const marker = chart.marks.filter((m) => m.role === 'marker');
    expect(marker.map((m) => (m.kind === 'text' ? m.text : m.kind))).toEqual(['path', 'suggested 1e-3']);
    expect(chart.marks.filter((m) => m.kind === 'circle' && m.role === 'series')).toHaveLength(1);
    // Raw losses of 3 and 500 are beyond the y range: the line ends where it meets the plot's top instead of flattening the chart.
    const raw = chart.marks.filter((m) => m.kind === 'path' && m.role === 'series' && m.width === 1);
    expect(raw.map((m) => (m.kind === 'path' ? m.points.length : 0))).toEqual([6]);
    if (raw[0].kind === 'path') expect(raw[0].points[5][1]).toBe(chart.plot.top);
    const svg = reportSvg(chart);
    expect(svg).toContain('>suggested 1e-3</text>');
  });
});

describe('trial 10 (5): the caption identifies the data and the split', () => {
  const linear = (noise: number): ReportRunInfo => ({
    training: { optimizer: { type: 'sgd', learningRate: 0.01 }, loss: 'meanSquaredError', batchSize: 32, epochs: 1000, validationSplit: 0, splitMode: 'end', testSplit: 0 },
    dataset: { kind: 'generator', generator: 'linear', seed: 42, noise },
    startedAt: new Date(2026, 10, 30, 9, 15).toISOString(),
    number: 1,
  });
  it('two runs on the linear generator at noise 0.1 and 0 get different captions naming noise, seed and rows', () => {
    const a = reportCaption(linear(0.1), en);
    const b = reportCaption(linear(0), en);
    expect(a).not.toBe(b);
    expect(a).toContain('(noise 0.1, seed 42, 100 rows)');
    expect(b).toContain('(noise 0, seed 42, 100 rows)');
    expect(a).toContain('no validation split');
    expect(reportCaption(linear(0), zh)).toContain('噪声 0，种子 42，100 行');
  });
  it('names the validation split and its mode (the chart draws a validation curve), the test split, and a CSV file with its rows', () => {
    const circles: ReportRunInfo = {
      ...linear(0.1),
      training: { optimizer: { type: 'adam', learningRate: 0.03 }, loss: 'categoricalCrossentropy', batchSize: 16, epochs: 100, validationSplit: 0.2, splitMode: 'shuffle', testSplit: 0.1 },
      dataset: { kind: 'generator', generator: 'circles', seed: 7 },
    };
    const caption = reportCaption(circles, en);
    expect(caption).toContain('(noise 0.1, seed 7, 400 rows)');
    expect(caption).toContain('validation 20 % (Shuffled, then split), test 10 %');
    const csv = { ...circles, dataset: { kind: 'csv', file: { name: 'iris.csv', size: 10, sha256: 'a'.repeat(64) }, rows: 150 } as unknown as ReportRunInfo['dataset'] };
    expect(reportCaption(csv, en)).toContain('data iris.csv (150 rows)');
  });
});

