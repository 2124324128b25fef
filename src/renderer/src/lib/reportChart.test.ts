import { describe, expect, it } from 'vitest';
import { layoutReportChart, linearTicks, logTicks, PRINT_THEME, reportSvg, wrapText, approxMeasure, type ReportChartSpec } from './reportChart';

const spec = (over: Partial<ReportChartSpec> = {}): ReportChartSpec => ({
  title: 'Loss — Iris, run 3',
  xLabel: 'Epoch',
  yLabel: 'Loss',
  log: false,
  integerX: true,
  series: [
    { label: 'training', color: '#2f7dd1', width: 2, x: [1, 2, 3], y: [1.2, 0.6, 0.3] },
    { label: 'validation', color: '#e0802f', width: 2, x: [1, 2, 3], y: [1.3, null, 0.4] },
    { label: 'never logged', color: '#000', width: 2, x: [1, 2, 3], y: [null, null, null] },
  ],
  caption: 'Optimizer Adam, learning rate 0.001 · loss categorical_crossentropy · batch size 32 · 3 epochs · data iris.csv · 2026-11-30',
  theme: PRINT_THEME,
  ...over,
});

const texts = (chart: ReturnType<typeof layoutReportChart>, role: string) => chart.marks.flatMap((m) => (m.kind === 'text' && m.role === role ? [m.text] : []));

describe('report chart layout (issue 17)', () => {
  it('has the title, both axis labels, a legend entry per line with points, and the caption', () => {
    const chart = layoutReportChart(spec());
    expect(texts(chart, 'title')).toEqual(['Loss — Iris, run 3']);
    expect(texts(chart, 'x-label')).toEqual(['Epoch']);
    expect(texts(chart, 'y-label')).toEqual(['Loss']);
    expect(texts(chart, 'legend')).toEqual(['training', 'validation']);
    expect(texts(chart, 'caption').join(' ')).toBe(spec().caption);
    expect(texts(chart, 'x-tick')).toEqual(['1', '2', '3']);
    // Two drawn lines: the validation line bridges its missing epoch as the live chart (spanGaps) does.
    const lines = chart.marks.filter((m) => m.kind === 'path' && m.role === 'series');
    expect(lines.map((m) => (m.kind === 'path' ? m.points.length : 0))).toEqual([3, 2]);
    expect(chart.width).toBe(800);
  });

  it('wraps a long caption inside the chart and grows the chart to hold it', () => {
    const short = layoutReportChart(spec({ caption: 'a' }));
    const long = layoutReportChart(spec({ caption: Array.from({ length: 60 }, (_, i) => `setting${i}`).join(' ') }));
    const lines = texts(long, 'caption');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(approxMeasure(line, 12, false)).toBeLessThanOrEqual(800 - 48);
    expect(long.height).toBeGreaterThan(short.height);
  });

  it('labels a log axis below 0.001 truly (the live charts’ formatter), never "0"', () => {
    const chart = layoutReportChart(spec({ log: true, yLabel: 'Loss (log scale)', series: [{ label: 'training', color: '#000', width: 2, x: [1, 2, 3, 4], y: [1, 0.01, 0.0001, 0.00002] }] }));
    const ticks = texts(chart, 'y-tick');
    expect(ticks).toEqual(['1e-5', '1e-4', '0.001', '0.01', '0.1', '1']);
    expect(ticks).not.toContain('0');
    expect(texts(chart, 'y-label')).toEqual(['Loss (log scale)']);
  });

  it('leaves non-positive values off a log axis', () => {
    const chart = layoutReportChart(spec({ log: true, series: [{ label: 'training', color: '#000', width: 2, x: [1, 2, 3], y: [0.5, 0, 0.2] }] }));
    const line = chart.marks.find((m) => m.kind === 'path' && m.role === 'series');
    expect(line?.kind === 'path' && line.points.length).toBe(2);
  });

  it('places points inside the plot box, larger values higher', () => {
    const chart = layoutReportChart(spec());
    const line = chart.marks.find((m) => m.kind === 'path' && m.role === 'series');
    if (line?.kind !== 'path') throw new Error('no line');
    const { left, top, width, height } = chart.plot;
    for (const [x, y] of line.points) {
      expect(x).toBeGreaterThanOrEqual(left);
      expect(x).toBeLessThanOrEqual(left + width);
      expect(y).toBeGreaterThanOrEqual(top);
      expect(y).toBeLessThanOrEqual(top + height);
    }
    expect(line.points[0][1]).toBeLessThan(line.points[2][1]);
  });
});

describe('ticks', () => {
  it('linear ticks step by 1, 2 or 5 × 10^k and cover the data', () => {
    expect(linearTicks(0.31, 1.18)).toEqual({ min: 0.2, max: 1.2, ticks: [0.2, 0.4, 0.6, 0.8, 1, 1.2] });
    expect(linearTicks(5, 5).ticks.length).toBeGreaterThan(1);
  });
  it('log ticks are decades, with 2× and 5× over a short range', () => {
    expect(logTicks(0.00002, 1).ticks).toEqual([1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(logTicks(0.3, 0.9)).toEqual({ min: 0.2, max: 1, ticks: [0.2, 0.5, 1] });
  });
});

describe('wrapText', () => {
  it('breaks Chinese between characters', () => {
    const lines = wrapText('优化器 Adam，学习率 0.001 · 损失函数 categorical_crossentropy · 批大小 32 · 轮次 20', 200, 12, approxMeasure);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('').replace(/\s/g, '')).toBe('优化器 Adam，学习率 0.001 · 损失函数 categorical_crossentropy · 批大小 32 · 轮次 20'.replace(/\s/g, ''));
    for (const line of lines) expect(approxMeasure(line, 12, false)).toBeLessThanOrEqual(200);
  });
});

describe('report SVG', () => {
  it('is vector: <title>, texts as <text>, lines as <path>, at 2× the layout size', () => {
    const chart = layoutReportChart(spec({ title: 'Loss — A&B <1>' }));
    const svg = reportSvg(chart);
    expect(svg).toMatch(/^<\?xml/);
    expect(svg).toContain('<title>Loss — A&amp;B &lt;1&gt;</title>');
    expect(svg).toMatch(/<text [^>]*data-role="title"[^>]*>Loss — A&amp;B &lt;1&gt;<\/text>/);
    expect(svg).toMatch(/<text [^>]*data-role="x-label"[^>]*>Epoch<\/text>/);
    expect(svg).toMatch(/<text [^>]*transform="rotate\(-90 [^"]+\)"[^>]*>Loss<\/text>/);
    expect(svg).toMatch(/<text [^>]*data-role="legend"[^>]*>training<\/text>/);
    expect(svg).toContain(`<desc>${spec().caption}</desc>`);
    expect((svg.match(/<path [^>]*data-role="series"/g) ?? []).length).toBe(2);
    expect(svg).toContain('width="1600"');
    expect(svg).toContain('viewBox="0 0 800 ');
    expect(svg).not.toContain('<image');
    // SVG 1.1 paints have no alpha: a translucent line is rgb() with an opacity.
    const faint = reportSvg(layoutReportChart(spec({ series: [{ label: 'batch', color: 'rgba(47, 125, 209, 0.3)', width: 1, x: [1, 2], y: [1, 2] }] })));
    expect(faint).toContain('stroke="rgb(47,125,209)" stroke-opacity="0.3"');
    expect(faint).not.toContain('rgba');
  });
});
