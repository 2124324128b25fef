import { tr } from '../i18n';
import { download } from '../lib/download';
import { withPngText } from '../../../shared/report/png-text';
import { cjkOutlines } from '../lib/svgFont';
import { canvasFont, drawReportChart, layoutReportChart, reportSvg, type MeasureText, type ReportChart, type ReportChartSpec } from '../lib/reportChart';
import { useEditor } from '../store/editor';
import { runOfTrained } from '../store/runHistory';
import { isActive } from '../store/run';
import { recordedRunSetup, runFinished, useRun } from '../store/training';
import type { LrFinderResult } from '../../../shared/training/lr-finder';
import { lrFinderReportSpec, overlayReportSpec, reportFileName, runReportSpec, type ReportRunInfo } from './reportSpec';
import { useToast } from './Toast';

/**
 * Issue 17: saves a run panel chart for a report — PNG (2×, 1600 px wide, with `Title`,
 * `Description` and `Software` text chunks) or SVG — drawn off-screen from the run's data, not
 * copied from the small chart on screen. Files go where the PNG/CSV buttons' files go (`download`).
 */

/** What the run shown in the panel trained with: the run being recorded here, else the project's record of the run whose weights it holds; null when neither is known. */
export function shownRunInfo(): ReportRunInfo | null {
  const recorded = recordedRunSetup(useRun.getState().run.runId);
  if (recorded) return { training: recorded.setup.training, dataset: recorded.setup.dataset, startedAt: recorded.startedAt, number: recorded.number };
  const doc = useEditor.getState().doc;
  const id = runOfTrained(doc.runs, doc.trained);
  const record = id ? doc.runs?.find((r) => r.id === id) : undefined;
  return record ? { training: record.training, dataset: record.dataset, startedAt: record.startedAt, number: record.number } : null;
}

/** Text widths from a canvas in the export's font, so the layout fits what the PNG draws. */
function canvasMeasure(): MeasureText {
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  return (text, size, bold) => {
    ctx.font = canvasFont(size, bold);
    return ctx.measureText(text).width;
  };
}

/** The chart drawn on an off-screen canvas at `scale`, as PNG bytes with its text chunks. */
export async function reportPng(chart: ReportChart, scale = 2): Promise<Uint8Array> {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(chart.width * scale);
  canvas.height = Math.round(chart.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas context');
  drawReportChart(ctx, chart, scale);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error(`the browser made no PNG of ${canvas.width}×${canvas.height} px`);
  return withPngText(new Uint8Array(await blob.arrayBuffer()), { Title: chart.title, Description: chart.description, Software: 'Neurite' });
}

/** Lays `spec` out with the canvas' text widths and saves it as `fileName` (PNG or SVG by its extension). */
async function saveReportChart(spec: ReportChartSpec, fileName: string): Promise<void> {
  // Chinese titles need the bundled font loaded before the canvas measures and draws them.
  await document.fonts?.load(canvasFont(20, true), `${spec.title}${spec.caption}`).catch(() => undefined);
  const measure = canvasMeasure();
  const chart = layoutReportChart(spec, measure);
  // Trial 10 (22): Chinese texts are drawn as the bundled font's outlines, so the SVG shows no boxes where no CJK font is installed.
  if (fileName.endsWith('.svg')) download(new Blob([reportSvg(chart, 2, await cjkOutlines(chart, measure))], { type: 'image/svg+xml' }), fileName);
  else download(new Blob([(await reportPng(chart)) as Uint8Array<ArrayBuffer>], { type: 'image/png' }), fileName);
}

const failed = (error: unknown) => useToast.getState().show(tr('report.saveFailed', { message: error instanceof Error ? error.message : String(error) }));

/** Saves an overlay chart (runs view, experiment) as `format`; a failure is shown as a toast. */
export async function exportOverlayChart(args: Omit<Parameters<typeof overlayReportSpec>[0], 'project' | 't'> & { metric: string }, format: 'png' | 'svg'): Promise<void> {
  try {
    const project = useEditor.getState().doc.name;
    await saveReportChart(overlayReportSpec({ ...args, project, t: tr }), reportFileName(project, `${args.metric}-${args.axis}`, null, format));
  } catch (error) {
    failed(error);
  }
}

/** Saves the learning-rate range test's chart as `format`; `run`: what the test trained with. A failure is shown as a toast. */
export async function exportLrFinderChart(result: LrFinderResult, run: Omit<ReportRunInfo, 'number'>, format: 'png' | 'svg'): Promise<void> {
  try {
    const project = useEditor.getState().doc.name;
    await saveReportChart(lrFinderReportSpec({ result, project, run, t: tr }), reportFileName(project, 'lr-finder', null, format));
  } catch (error) {
    failed(error);
  }
}

/** Saves the run panel's chart of `metric` (`loss`, `accuracy`…) as `format`, in the UI language; a failure is shown as a toast. */
export async function exportRunChart(metric: string, log: boolean, format: 'png' | 'svg'): Promise<void> {
  try {
    let run = shownRunInfo();
    // A run that has ended is being recorded (its weights kept first): wait for its number.
    if (run?.number === null && !isActive(useRun.getState().run)) {
      await runFinished();
      run = shownRunInfo();
    }
    const project = useEditor.getState().doc.name;
    const spec = runReportSpec({ series: useRun.getState().run.series, metric, log, project, run, t: tr });
    await saveReportChart(spec, reportFileName(project, metric, run, format));
  } catch (error) {
    failed(error);
  }
}
