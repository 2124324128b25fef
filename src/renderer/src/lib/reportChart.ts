import { axisTickLabels } from '../components/chartData';

/**
 * Issue 17: charts people can put in a report. A chart is laid out once, from its data, into a
 * flat list of marks (text, polylines, rectangles, circles) in logical pixels; the SVG and the
 * PNG (canvas, src/renderer/src/components/chartExport.ts) are both written from that list, so
 * the two files always show the same title, axes, ticks, legend and caption.
 * Pure TypeScript: no DOM, so the layout and the SVG are unit-tested as they are shipped.
 */

/** One line of a report chart: y is null (or, on a log axis, ≤ 0) where there is no point; lines bridge such gaps, as the live charts do (uPlot `spanGaps`). */
export interface ReportSeries {
  label: string;
  color: string;
  /** Line width, logical px. */
  width: number;
  dash?: number[];
  /** Dots at the points (per-epoch metrics), as the live chart draws them. */
  points?: boolean;
  /** Drawn under the other lines and listed after them in the legend (the faint per-batch loss). */
  behind?: boolean;
  /** Dots only, no line (a marked point such as the lowest loss). */
  dotsOnly?: boolean;
  x: readonly number[];
  y: readonly (number | null)[];
}

/** Everything a report chart shows. Texts are already in the UI language. */
export interface ReportChartSpec {
  title: string;
  xLabel: string;
  /** The values' name; `(log scale)` is appended by the caller's translation when `log`. */
  yLabel: string;
  log: boolean;
  /** x ticks at whole numbers only (epochs). */
  integerX: boolean;
  /** A log x axis (the learning-rate range test's learning rates); values ≤ 0 are left out. */
  xLog?: boolean;
  /** The y range shown, when not the data's (points beyond it break their line instead of being squashed to the edge). */
  yRange?: [number, number];
  /** Dashed vertical lines with a label at the top (the learning-rate finder's suggestion). */
  markers?: readonly { x: number; label: string; color: string }[];
  series: readonly ReportSeries[];
  /** The run's settings, one sentence; wrapped to the chart's width. */
  caption: string;
  theme: ReportTheme;
}

/** The colours of a report chart. {@link PRINT_THEME} is the one used: reports are printed and pasted on white pages. */
export interface ReportTheme {
  background: string;
  text: string;
  muted: string;
  axis: string;
  grid: string;
}

/** Black on white, grid light grey: the look of a figure in a paper (Matplotlib's default style). */
export const PRINT_THEME: ReportTheme = { background: '#ffffff', text: '#1d2330', muted: '#4a5363', axis: '#5b6473', grid: '#e3e6eb' };

/** The font of every text: the app's stack, Neurite's bundled CJK subset last so Chinese renders everywhere the app does. */
export const REPORT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', 'Neurite CJK', sans-serif";

export type MarkRole = 'title' | 'x-label' | 'y-label' | 'x-tick' | 'y-tick' | 'legend' | 'caption' | 'series' | 'marker' | 'grid' | 'frame' | 'background' | 'swatch';

export type Mark =
  | { kind: 'text'; role: MarkRole; x: number; y: number; text: string; size: number; bold?: boolean; anchor: 'start' | 'middle' | 'end'; color: string; rotate?: number }
  | { kind: 'path'; role: MarkRole; points: [number, number][]; color: string; width: number; dash?: number[] }
  | { kind: 'rect'; role: MarkRole; x: number; y: number; width: number; height: number; fill?: string; stroke?: string }
  | { kind: 'circle'; role: MarkRole; x: number; y: number; r: number; fill: string };

/** A laid-out chart: its size in logical pixels, the plot box and the marks in drawing order. */
export interface ReportChart {
  width: number;
  height: number;
  title: string;
  /** The caption as written into the file's metadata (PNG `Description`, SVG `<desc>`). */
  description: string;
  plot: { left: number; top: number; width: number; height: number };
  marks: Mark[];
}

/** Width in logical px of `text` at `size` px (bold when `bold`). */
export type MeasureText = (text: string, size: number, bold: boolean) => number;

/**
 * A width estimate without a canvas (unit tests, and a fallback): CJK and full-width characters
 * one em, others 0.56 em (a sans-serif's average advance), bold 6% wider.
 */
export const approxMeasure: MeasureText = (text, size, bold) => {
  let em = 0;
  for (const ch of text) em += /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : 0.56;
  return em * size * (bold ? 1.06 : 1);
};

/** Logical width of a report chart; exported at 2× (1600 px PNG). */
export const REPORT_WIDTH = 800;
const PLOT_HEIGHT = 360;
const PAD = 24;
const TITLE_SIZE = 20;
const LABEL_SIZE = 14;
const TICK_SIZE = 12;
const LEGEND_SIZE = 13;
const CAPTION_SIZE = 12;

/**
 * Nice linear ticks over [min, max]: a step of 1, 2 or 5 × 10^k giving about `count` ticks, and
 * the range widened to whole steps (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
 */
export function linearTicks(min: number, max: number, count = 6): { min: number; max: number; ticks: number[] } {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return linearTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const lo = Number((Math.floor(min / step + 1e-9) * step).toPrecision(12));
  const hi = Number((Math.ceil(max / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step * 1e-6; v += step) ticks.push(Number(v.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

/**
 * Log ticks over [min, max] (both > 0): the decades around the data, and 2× and 5× of each decade
 * when the data spans two decades or fewer (so a short range still has several labelled ticks).
 */
export function logTicks(min: number, max: number): { min: number; max: number; ticks: number[] } {
  const lo = Math.floor(Math.log10(min) + 1e-9);
  let hi = Math.ceil(Math.log10(max) - 1e-9);
  if (hi <= lo) hi = lo + 1;
  const ticks: number[] = [];
  const dense = hi - lo <= 2;
  for (let k = lo; k <= hi; k++) {
    for (const m of dense ? [1, 2, 5] : [1]) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (k === hi && m > 1) continue;
      ticks.push(v);
    }
  }
  // Tighten to the data when the multiples allow it (a loss from 0.3 to 0.9 need not start at 0.1).
  if (dense) {
    const below = ticks.filter((v) => v <= min);
    const above = ticks.filter((v) => v >= max);
    const from = below.length ? below[below.length - 1] : ticks[0];
    const to = above.length ? above[0] : ticks[ticks.length - 1];
    return { min: from, max: to, ticks: ticks.filter((v) => v >= from && v <= to) };
  }
  return { min: 10 ** lo, max: 10 ** hi, ticks };
}

/** Whole-number ticks (epochs) over [min, max]: a step of 1, 2, 5 × 10^k, at least 1. */
function integerTicks(min: number, max: number): { min: number; max: number; ticks: number[] } {
  const lo = Math.floor(min);
  const hi = Math.max(Math.ceil(max), lo + 1);
  const nice = linearTicks(lo, hi, 8);
  const step = Math.max(1, Math.round(nice.ticks[1] - nice.ticks[0]));
  const first = Math.ceil(lo / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= hi; v += step) ticks.push(v);
  if (ticks[0] !== lo && ticks.length < 2) ticks.unshift(lo);
  return { min: lo, max: hi, ticks };
}

/** Splits `text` into lines no wider than `width` at spaces (and between CJK characters, which need none). */
export function wrapText(text: string, width: number, size: number, measure: MeasureText): string[] {
  const words = text.match(/[\u2e80-\u9fff\uff00-\uffef]\s*|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line + word;
    if (line && measure(next.trimEnd(), size, false) > width) {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

const usable = (v: number | null, log: boolean): v is number => v !== null && Number.isFinite(v) && (!log || v > 0);

/**
 * The lines of a series as pixel polylines: nulls are bridged (uPlot `spanGaps`); a line leaving
 * the y range (`inside`) ends where it crosses the plot's top or bottom edge (`edge(y)`: that
 * edge's pixel row) and starts again where it comes back.
 */
function polylines(
  s: ReportSeries,
  ok: (x: number, y: number | null) => boolean,
  inside: (y: number) => boolean,
  at: (x: number, y: number) => [number, number],
  edge: (y: number) => number,
): [number, number][][] {
  const lines: [number, number][][] = [[]];
  let prev: { p: [number, number]; in: boolean; y: number } | null = null;
  const cross = (a: [number, number], b: [number, number], row: number): [number, number] => {
    const f = (row - a[1]) / (b[1] - a[1]);
    return [round(a[0] + f * (b[0] - a[0])), round(row)];
  };
  s.x.forEach((x, i) => {
    const y = s.y[i];
    if (!ok(x, y)) return;
    const p = at(x, y!);
    const isIn = inside(y!);
    const line = lines[lines.length - 1];
    if (isIn) {
      if (prev && !prev.in) line.push(cross(prev.p, p, edge(prev.y)));
      line.push(p);
    } else if (prev?.in) {
      line.push(cross(prev.p, p, edge(y!)));
      lines.push([]);
    }
    prev = { p, in: isIn, y: y! };
  });
  return lines.filter((l) => l.length > 0);
}

/**
 * Lays a chart out in logical pixels ({@link REPORT_WIDTH} wide): title, plot box with grid,
 * ticks (y labels by `axisTickLabels`, the live charts' formatter, so values below 0.001 read
 * `1e-4`, never `0`), axis labels, a legend of the series that have points, and the caption.
 * A chart with no finite point still gets its frame, axes 0…1 and every text.
 */
export function layoutReportChart(spec: ReportChartSpec, measure: MeasureText = approxMeasure): ReportChart {
  const { theme, log } = spec;
  const xLog = spec.xLog === true;
  const width = REPORT_WIDTH;
  const ok = (x: number, y: number | null): boolean => usable(y, log) && usable(x, xLog);
  const shown = spec.series.filter((s) => s.x.some((x, i) => ok(x, s.y[i])));
  const drawn = [...shown.filter((s) => s.behind), ...shown.filter((s) => !s.behind)];
  const listed = [...shown.filter((s) => !s.behind), ...shown.filter((s) => s.behind)];
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of drawn)
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (ok(x, y)) {
        xs.push(x);
        ys.push(y!);
      }
    });
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  const yMin = spec.yRange ? spec.yRange[0] : ys.length ? Math.min(...ys) : log ? 0.1 : 0;
  const yMax = spec.yRange ? spec.yRange[1] : ys.length ? Math.max(...ys) : 1;
  const xScale = xLog ? logTicks(xs.length ? xMin : 0.1, xMax) : spec.integerX ? integerTicks(Math.min(xMin, xs.length ? Math.floor(xMin) : 0), xMax) : linearTicks(xMin, xMax);
  const yScale = log ? logTicks(yMin, yMax) : linearTicks(yMin, yMax);
  const yLabels = axisTickLabels(yScale.ticks);
  const xLabels = spec.integerX && !xLog ? xScale.ticks.map(String) : axisTickLabels(xScale.ticks);

  const marks: Mark[] = [];
  const tickWidth = Math.max(0, ...yLabels.map((l) => measure(l, TICK_SIZE, false)));
  const left = PAD + LABEL_SIZE + 10 + tickWidth + 8;
  const top = PAD + TITLE_SIZE + 18;
  const right = width - PAD;
  const plot = { left, top, width: right - left, height: PLOT_HEIGHT };
  const bottom = top + PLOT_HEIGHT;
  const px = xLog
    ? (x: number) => left + ((Math.log10(x) - Math.log10(xScale.min)) / (Math.log10(xScale.max) - Math.log10(xScale.min))) * plot.width
    : (x: number) => left + ((x - xScale.min) / (xScale.max - xScale.min)) * plot.width;
  const py = log
    ? (y: number) => bottom - ((Math.log10(y) - Math.log10(yScale.min)) / (Math.log10(yScale.max) - Math.log10(yScale.min))) * plot.height
    : (y: number) => bottom - ((y - yScale.min) / (yScale.max - yScale.min)) * plot.height;

  marks.push({ kind: 'rect', role: 'background', x: 0, y: 0, width, height: 0, fill: theme.background });
  marks.push({ kind: 'text', role: 'title', x: width / 2, y: PAD + TITLE_SIZE, text: spec.title, size: TITLE_SIZE, bold: true, anchor: 'middle', color: theme.text });
  yScale.ticks.forEach((v, i) => {
    const y = py(v);
    marks.push({ kind: 'path', role: 'grid', points: [[left, y], [right, y]], color: theme.grid, width: 1 });
    marks.push({ kind: 'text', role: 'y-tick', x: left - 8, y: y + TICK_SIZE * 0.35, text: yLabels[i], size: TICK_SIZE, anchor: 'end', color: theme.muted });
  });
  xScale.ticks.forEach((v, i) => {
    const x = px(v);
    marks.push({ kind: 'path', role: 'grid', points: [[x, top], [x, bottom]], color: theme.grid, width: 1 });
    marks.push({ kind: 'path', role: 'frame', points: [[x, bottom], [x, bottom + 5]], color: theme.axis, width: 1 });
    marks.push({ kind: 'text', role: 'x-tick', x, y: bottom + 8 + TICK_SIZE, text: xLabels[i], size: TICK_SIZE, anchor: 'middle', color: theme.muted });
  });
  marks.push({ kind: 'rect', role: 'frame', x: left, y: top, width: plot.width, height: plot.height, stroke: theme.axis });

  const inside = (y: number) => y >= yScale.min - 1e-12 * Math.abs(yScale.min) && y <= yScale.max + 1e-12 * Math.abs(yScale.max);
  const at = (x: number, y: number): [number, number] => [round(px(x)), round(py(y))];
  const edge = (y: number) => (y > yScale.max ? top : bottom);
  for (const s of drawn) {
    const lines = polylines(s, ok, inside, at, edge);
    if (!s.dotsOnly) for (const points of lines) marks.push({ kind: 'path', role: 'series', points, color: s.color, width: s.width, ...(s.dash ? { dash: s.dash } : {}) });
    // Dots only at the data's own points (not where a line meets the plot's edge).
    const dots = s.x.flatMap((x, i) => (ok(x, s.y[i]) && inside(s.y[i]!) ? [at(x, s.y[i]!)] : []));
    if ((s.points && dots.length <= 200) || s.dotsOnly) for (const [x, y] of dots) marks.push({ kind: 'circle', role: 'series', x, y, r: s.dotsOnly ? 4.5 : 2.5, fill: s.color });
  }
  for (const m of spec.markers ?? []) {
    if (!usable(m.x, xLog) || m.x < xScale.min || m.x > xScale.max) continue;
    const x = round(px(m.x));
    marks.push({ kind: 'path', role: 'marker', points: [[x, top], [x, bottom]], color: m.color, width: 1.5, dash: [5, 4] });
    marks.push({ kind: 'text', role: 'marker', x: x + 4, y: top + TICK_SIZE + 2, text: m.label, size: TICK_SIZE, anchor: 'start', color: m.color });
  }

  marks.push({ kind: 'text', role: 'x-label', x: left + plot.width / 2, y: bottom + 8 + TICK_SIZE + 10 + LABEL_SIZE, text: spec.xLabel, size: LABEL_SIZE, anchor: 'middle', color: theme.text });
  const yLabelX = PAD + LABEL_SIZE;
  marks.push({ kind: 'text', role: 'y-label', x: yLabelX, y: top + plot.height / 2, text: spec.yLabel, size: LABEL_SIZE, anchor: 'middle', color: theme.text, rotate: -90 });

  // Legend: one row of entries (wrapping), centred under the x label.
  let y = bottom + 8 + TICK_SIZE + 10 + LABEL_SIZE + 14 + LEGEND_SIZE;
  const entries = listed.map((s) => ({ s, w: 28 + 6 + measure(s.label, LEGEND_SIZE, false) }));
  const gap = 24;
  const rows: (typeof entries)[] = [];
  for (const e of entries) {
    const row = rows[rows.length - 1];
    if (row && row.reduce((n, r) => n + r.w + gap, 0) + e.w <= right - PAD) row.push(e);
    else rows.push([e]);
  }
  for (const row of rows) {
    const total = row.reduce((n, r) => n + r.w, 0) + gap * (row.length - 1);
    let x = width / 2 - total / 2;
    for (const { s, w } of row) {
      const mid = y - LEGEND_SIZE * 0.35;
      if (!s.dotsOnly) marks.push({ kind: 'path', role: 'swatch', points: [[x, mid], [x + 28, mid]], color: s.color, width: Math.max(2, s.width), ...(s.dash ? { dash: s.dash } : {}) });
      if (s.points || s.dotsOnly) marks.push({ kind: 'circle', role: 'swatch', x: x + 14, y: mid, r: s.dotsOnly ? 4.5 : 2.5, fill: s.color });
      marks.push({ kind: 'text', role: 'legend', x: x + 34, y, text: s.label, size: LEGEND_SIZE, anchor: 'start', color: theme.text });
      x += w + gap;
    }
    y += LEGEND_SIZE + 8;
  }

  y += 10;
  for (const line of wrapText(spec.caption, width - 2 * PAD, CAPTION_SIZE, measure)) {
    y += CAPTION_SIZE;
    marks.push({ kind: 'text', role: 'caption', x: PAD, y, text: line, size: CAPTION_SIZE, anchor: 'start', color: theme.muted });
    y += 5;
  }
  const height = Math.ceil(y + PAD - 5);
  (marks[0] as Extract<Mark, { kind: 'rect' }>).height = height;
  return { width, height, title: spec.title, description: spec.caption, plot, marks };
}

const round = (v: number) => Math.round(v * 100) / 100;

/** An SVG 1.1 paint attribute: `rgba(r, g, b, a)` becomes `rgb(r, g, b)` with a separate opacity (SVG 1.1 paints have no alpha). */
function paint(attr: 'fill' | 'stroke', color: string): string {
  const m = /^rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)$/.exec(color);
  return m ? `${attr}="rgb(${m[1]},${m[2]},${m[3]})" ${attr}-opacity="${m[4]}"` : `${attr}="${color}"`;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Trial 10 (22): a text mark as drawn pieces, left to right, widths in logical px: runs of CJK
 * characters as outlines (`d`: SVG path data in font units, y up, from the pen on the baseline;
 * `scale`: px per font unit) and the other runs as text in the report font.
 */
export type OutlinePiece = { kind: 'path'; d: string; scale: number; width: number } | { kind: 'text'; text: string; width: number };
export interface TextOutline {
  pieces: OutlinePiece[];
  /** Sum of the pieces' widths, px. */
  width: number;
}

/** A text mark as its pieces: placed by its anchor, turned like the text; bold outlines get a thin stroke of the same colour (the bundled font has one weight). */
function outlineGroup(m: Extract<Mark, { kind: 'text' }>, outline: TextOutline): string {
  let pen = m.x - (m.anchor === 'middle' ? outline.width / 2 : m.anchor === 'end' ? outline.width : 0);
  const parts: string[] = [];
  for (const piece of outline.pieces) {
    if (piece.kind === 'path') {
      const bold = m.bold ? ` ${paint('stroke', m.color)} stroke-width="${round(0.6 / piece.scale)}"` : '';
      parts.push(`<path d="${piece.d}" transform="translate(${round(pen)} ${round(m.y)}) scale(${piece.scale} ${-piece.scale})" ${paint('fill', m.color)}${bold}/>`);
    } else {
      parts.push(`<text x="${round(pen)}" y="${round(m.y)}" font-size="${m.size}" ${paint('fill', m.color)}${m.bold ? ' font-weight="bold"' : ''} xml:space="preserve">${escapeXml(piece.text)}</text>`);
    }
    pen += piece.width;
  }
  const turn = m.rotate ? ` transform="rotate(${m.rotate} ${round(m.x)} ${round(m.y)})"` : '';
  return `<g data-role="${m.role}-outline" aria-hidden="true"${turn}>${parts.join('')}</g>`;
}

/**
 * The chart as a standalone SVG 1.1 document: `<title>` and `<desc>` (the caption), texts as
 * `<text>`, lines as `<path>`. Shown at `scale` × the logical size (2: the PNG's pixel size); the
 * viewBox keeps the logical coordinates, so it stays vector at any size. `outlines` (trial 10,
 * 22; src/renderer/src/lib/svgFont.ts), by index in `chart.marks`: text marks drawn as the
 * bundled font's outlines, so Chinese shows without a CJK font installed; their `<text>` stays,
 * transparent, for search, copy and screen readers.
 */
export function reportSvg(chart: ReportChart, scale = 2, outlines?: ReadonlyMap<number, TextOutline>): string {
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${chart.width * scale}" height="${chart.height * scale}" viewBox="0 0 ${chart.width} ${chart.height}" font-family="${escapeXml(REPORT_FONT)}">`,
  );
  out.push(`<title>${escapeXml(chart.title)}</title>`);
  out.push(`<desc>${escapeXml(chart.description)}</desc>`);
  chart.marks.forEach((m, index) => {
    switch (m.kind) {
      case 'text': {
        const outline = outlines?.get(index);
        if (outline) out.push(outlineGroup(m, outline));
        const attrs = [`x="${round(m.x)}"`, `y="${round(m.y)}"`, `font-size="${m.size}"`, outline ? 'fill="#000" fill-opacity="0"' : paint('fill', m.color), `data-role="${m.role}"`];
        if (m.anchor !== 'start') attrs.push(`text-anchor="${m.anchor}"`);
        if (m.bold) attrs.push('font-weight="bold"');
        if (m.rotate) attrs.push(`transform="rotate(${m.rotate} ${round(m.x)} ${round(m.y)})"`);
        out.push(`<text ${attrs.join(' ')}>${escapeXml(m.text)}</text>`);
        break;
      }
      case 'path': {
        if (m.points.length === 0) break;
        const d = m.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`).join(' ');
        const dash = m.dash ? ` stroke-dasharray="${m.dash.join(' ')}"` : '';
        out.push(`<path d="${d}" fill="none" ${paint('stroke', m.color)} stroke-width="${m.width}" stroke-linejoin="round" stroke-linecap="round"${dash} data-role="${m.role}"/>`);
        break;
      }
      case 'rect':
        out.push(`<rect x="${round(m.x)}" y="${round(m.y)}" width="${round(m.width)}" height="${round(m.height)}" ${paint('fill', m.fill ?? 'none')}${m.stroke ? ` ${paint('stroke', m.stroke)}` : ''} data-role="${m.role}"/>`);
        break;
      case 'circle':
        out.push(`<circle cx="${round(m.x)}" cy="${round(m.y)}" r="${m.r}" ${paint('fill', m.fill)} data-role="${m.role}"/>`);
        break;
    }
  });
  out.push('</svg>');
  return out.join('\n');
}

/** The canvas calls {@link drawReportChart} makes (a structural subset of `CanvasRenderingContext2D`, so this file needs no DOM). */
export interface ChartContext {
  fillStyle: unknown;
  strokeStyle: unknown;
  lineWidth: number;
  font: string;
  textAlign: string;
  textBaseline: string;
  lineJoin: string;
  lineCap: string;
  save(): void;
  restore(): void;
  scale(x: number, y: number): void;
  translate(x: number, y: number): void;
  rotate(angle: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  setLineDash(segments: number[]): void;
}

/** The canvas font of a text mark (the same stack as the SVG's). */
export const canvasFont = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${REPORT_FONT}`;

/** Draws the marks on a canvas `scale` times the logical size (2 for the 2× PNG). */
export function drawReportChart(ctx: ChartContext, chart: ReportChart, scale = 2): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.textBaseline = 'alphabetic';
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const m of chart.marks) {
    switch (m.kind) {
      case 'text':
        ctx.save();
        ctx.font = canvasFont(m.size, m.bold);
        ctx.fillStyle = m.color;
        ctx.textAlign = m.anchor === 'middle' ? 'center' : m.anchor;
        ctx.translate(m.x, m.y);
        if (m.rotate) ctx.rotate((m.rotate * Math.PI) / 180);
        ctx.fillText(m.text, 0, 0);
        ctx.restore();
        break;
      case 'path':
        if (m.points.length === 0) break;
        ctx.beginPath();
        ctx.strokeStyle = m.color;
        ctx.lineWidth = m.width;
        ctx.setLineDash(m.dash ?? []);
        m.points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
        ctx.stroke();
        ctx.setLineDash([]);
        break;
      case 'rect':
        if (m.fill) {
          ctx.fillStyle = m.fill;
          ctx.fillRect(m.x, m.y, m.width, m.height);
        }
        if (m.stroke) {
          ctx.strokeStyle = m.stroke;
          ctx.lineWidth = 1;
          ctx.strokeRect(m.x, m.y, m.width, m.height);
        }
        break;
      case 'circle':
        ctx.beginPath();
        ctx.fillStyle = m.fill;
        ctx.arc(m.x, m.y, m.r, 0, Math.PI * 2);
        ctx.fill();
        break;
    }
  }
  ctx.restore();
}
