import type { MeasureText, OutlinePiece, ReportChart, TextOutline } from './reportChart';
import fontUrl from '../assets/fonts/NeuriteCJK-Regular.woff2?url';

/**
 * Trial 10 (22): an exported SVG shows its Chinese without a CJK font installed. The SVG only
 * named fonts, so on such a machine its Chinese text showed as boxes. In every text mark with a
 * CJK character the CJK runs are drawn as outlines of the bundled "Neurite CJK" font (a subset of
 * Noto Sans CJK SC without Latin letters), laid out by fontkit in a worker, the other runs as text
 * beside them; the whole `<text>` stays, transparent, for search, copy and screen readers. (fontkit's font subsets lack a
 * `cmap` table, so browsers refuse them as embedded web fonts; outlines need no font at all.)
 */

/** CJK characters, as the bundled font's unicode-range covers them (CJK symbols, ideographs, compatibility forms, full-width forms). */
const CJK = /[\u3000-\u303F\u3100-\u312F\u31A0-\u31BF\u3200-\u32FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u;

/** Splits `text` into runs of CJK characters and runs of other characters, in order. */
export function cjkRuns(text: string): { cjk: boolean; text: string }[] {
  const runs: { cjk: boolean; text: string }[] = [];
  for (const ch of text) {
    const cjk = CJK.test(ch);
    const last = runs[runs.length - 1];
    if (last && last.cjk === cjk) last.text += ch;
    else runs.push({ cjk, text: ch });
  }
  return runs;
}

/** Indices in `chart.marks` of the text marks holding a CJK character (the ones drawn as outlines). */
export function cjkTextMarks(chart: Pick<ReportChart, 'marks'>): number[] {
  const out: number[] = [];
  chart.marks.forEach((m, i) => {
    if (m.kind === 'text' && CJK.test(m.text)) out.push(i);
  });
  return out;
}

/**
 * The chart's CJK text marks as pieces, by mark index: CJK runs as the bundled font's outlines,
 * other runs as text whose width `measure` gives (the layout's own measure), so the pieces follow
 * each other as the text would. Empty when the chart has no CJK text (the font is not loaded).
 * Rejects when the worker cannot read the font.
 */
export async function cjkOutlines(chart: Pick<ReportChart, 'marks'>, measure: MeasureText): Promise<Map<number, TextOutline>> {
  const indices = cjkTextMarks(chart);
  if (indices.length === 0) return new Map();
  const marks = indices.map((i) => chart.marks[i] as Extract<ReportChart['marks'][number], { kind: 'text' }>);
  const runs = marks.map((m) => cjkRuns(m.text));
  const texts = runs.flatMap((r) => r.filter((run) => run.cjk).map((run) => run.text));
  const worker = new Worker(new URL('./fontSubset.worker.ts', import.meta.url), { type: 'module' });
  try {
    const reply = await new Promise<{ ok: true; unitsPerEm: number; outlines: { d: string; advance: number }[] } | { ok: false; message: string }>((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message || 'the font worker failed'));
      worker.postMessage({ url: new URL(fontUrl, location.href).href, texts });
    });
    if (!reply.ok) throw new Error(reply.message);
    let next = 0;
    return new Map(
      indices.map((index, i) => {
        const m = marks[i];
        const scale = m.size / reply.unitsPerEm;
        const pieces: OutlinePiece[] = runs[i].map((run) => {
          if (!run.cjk) return { kind: 'text', text: run.text, width: measure(run.text, m.size, m.bold ?? false) };
          const outline = reply.outlines[next++];
          return { kind: 'path', d: outline.d, scale, width: outline.advance * scale };
        });
        return [index, { pieces, width: pieces.reduce((sum, p) => sum + p.width, 0) }];
      }),
    );
  } finally {
    worker.terminate();
  }
}
