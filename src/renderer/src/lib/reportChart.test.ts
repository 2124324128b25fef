import { describe, expect, it } from 'vitest';
import { crc32, layoutReportChart, linearTicks, logTicks, PRINT_THEME, readPngInfo, reportSvg, withPngText, wrapText, approxMeasure, type ReportChartSpec } from './reportChart';

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

/** A PNG's chunk structure (signature, IHDR of `width`×`height`, IDAT, IEND; the IDAT is not compressed pixel data: only the chunks are read here). */
function tinyPng(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (width + 1)).fill(255);
  for (let r = 0; r < height; r++) raw[r * (width + 1)] = 0;
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', raw), chunk('IEND', new Uint8Array())];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

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
  });
});

describe('PNG text chunks', () => {
  it('inserts a tEXt Title after the IHDR, with valid CRCs, and keeps the image', () => {
    const png = tinyPng(1600, 3);
    const out = withPngText(png, { Title: 'Loss - Iris, run 3', Software: 'Neurite' });
    const info = readPngInfo(out);
    expect(info).toEqual({ width: 1600, height: 3, texts: { Title: 'Loss - Iris, run 3', Software: 'Neurite' }, tEXt: { Title: 'Loss - Iris, run 3', Software: 'Neurite' } });
    expect(String.fromCharCode(...out.subarray(37, 41))).toBe('tEXt');
    // Every chunk's CRC checks out.
    const view = new DataView(out.buffer);
    for (let at = 8; at < out.length; ) {
      const length = view.getUint32(at);
      expect(crc32(out.subarray(at + 4, at + 8 + length))).toBe(view.getUint32(at + 8 + length));
      at += 12 + length;
    }
  });

  it('writes an em dash title exactly as iTXt and folded as tEXt', () => {
    const info = readPngInfo(withPngText(tinyPng(4, 1), { Title: 'Loss — Iris, run 3' }));
    expect(info.texts.Title).toBe('Loss — Iris, run 3');
    expect(info.tEXt.Title).toBe('Loss - Iris, run 3');
  });

  it('writes a Chinese title as UTF-8 iTXt (tEXt is Latin-1 only)', () => {
    const out = withPngText(tinyPng(4, 1), { Title: '损失 — 鸢尾花，第 3 次运行' });
    expect(String.fromCharCode(...out.subarray(37, 41))).toBe('iTXt');
    expect(readPngInfo(out).texts.Title).toBe('损失 — 鸢尾花，第 3 次运行');
  });

  it('refuses bytes that are not a PNG, saying what it got', () => {
    expect(() => withPngText(new Uint8Array(40), { Title: 'x' })).toThrow(/expected a PNG file/);
  });
});
