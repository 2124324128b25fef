import type { Translate } from '../../../shared/i18n/translate';
import { getLoss } from '../../../shared/losses';
import { getOptimizer } from '../../../shared/optimizers';
import type { DatasetSpec, TrainingSettings } from '../../../shared/project/schema';
import { formatLearningRate, type LrFinderResult } from '../../../shared/training/lr-finder';
import { hexAlpha } from '../lib/chartTheme';
import { PRINT_THEME, type ReportChartSpec, type ReportSeries } from '../lib/reportChart';
import type { RunSeries } from '../store/series';
import { chartTitleKey, logSafe, runChartTable, type Curve } from './chartData';
import { datasetName } from './runs/runsTable';
import { DEFAULT_NOISE, DEFAULT_SAMPLES } from '../../../shared/data/generators';

/**
 * Issue 17: what a run chart's report export shows — its title, axis names, lines and the
 * caption with the settings the run trained with — built from the run's series (the live chart's
 * table, `runChartTable`) and its record. Pure: unit-tested as shipped.
 */

/** What a run trained with, for the caption: from the run being recorded or the project's run record. */
export interface ReportRunInfo {
  training: Pick<TrainingSettings, 'optimizer' | 'loss' | 'batchSize' | 'epochs'> & Partial<Pick<TrainingSettings, 'validationSplit' | 'splitMode' | 'testSplit'>>;
  dataset: DatasetSpec;
  /** ISO 8601 start time. */
  startedAt: string;
  /** The run record's number ("run 3"); null while the run is not recorded yet. */
  number: number | null;
}

/** The print theme's line colours: the light theme's `--chart-train` / `--chart-val` (styles.css). */
export const REPORT_TRAIN_COLOR = '#2f7dd1';
export const REPORT_VAL_COLOR = '#e0802f';

/** Points of the per-batch loss line in an export: the PNG is 1600 px wide, so about one per device pixel. */
const REPORT_BUCKETS = 1400;

/** The chart's name in the UI language: `Loss`, `Accuracy`…, or the metric's own name. */
export function chartName(metric: string, t: Translate): string {
  const key = chartTitleKey(metric);
  return key ? t(key) : metric;
}

/** The local date of an ISO time as YYYY-MM-DD (unambiguous in every language); the text itself when it is not a date. */
export function reportDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * The caption: optimizer (the registry's label) and learning rate, loss (its Keras name), batch
 * size, epochs, the data's name and the date the run started; a sentence saying the settings are
 * not known when there is no record of the run (never the editor's current settings, which may
 * have changed since).
 */
/** The data set's name for a caption: a built-in generator's in the UI language (十分类 (classification)), else the file's or image set's own name. */
function datasetLabel(dataset: ReportRunInfo['dataset'], t: Translate): string {
  return dataset.kind === 'generator' ? t(`dataset.name.${dataset.generator}`) : datasetName(dataset);
}

/**
 * Trial 10 (5): the data precisely enough to tell two runs' data apart — a generator's noise,
 * seed and rows (its defaults, DEFAULT_NOISE / DEFAULT_SAMPLES, when the spec leaves them out), a
 * CSV file's name and rows (and sheet), an image set's name and image count.
 */
export function datasetDetail(dataset: ReportRunInfo['dataset'], t: Translate): string {
  const name = datasetLabel(dataset, t);
  if (dataset.kind === 'generator') {
    return t('report.data.generator', { name, noise: dataset.noise ?? DEFAULT_NOISE[dataset.generator], seed: dataset.seed, rows: dataset.samples ?? DEFAULT_SAMPLES[dataset.generator] });
  }
  if (dataset.kind === 'csv') return t(dataset.sheet !== undefined ? 'report.data.sheet' : 'report.data.csv', { name, sheet: dataset.sheet ?? '', rows: dataset.rows });
  return t('report.data.images', { name, rows: dataset.rows });
}

/** Trial 10 (5): how rows were held out — validation fraction and mode, and the test split when there is one; null when the run's settings do not say. */
export function splitDetail(training: ReportRunInfo['training'], t: Translate): string | null {
  if (training.validationSplit === undefined) return null;
  const percent = (f: number) => Number((f * 100).toPrecision(3));
  const validation =
    training.validationSplit > 0
      ? t('report.split.validation', { percent: percent(training.validationSplit), mode: t(`settings.splitMode.${training.splitMode ?? 'end'}`) })
      : t('report.split.none');
  return training.testSplit ? `${validation}, ${t('report.split.test', { percent: percent(training.testSplit) })}` : validation;
}

export function reportCaption(run: ReportRunInfo | null, t: Translate): string {
  if (!run) return t('report.captionUnknown');
  const { training } = run;
  const caption = t('report.caption', {
    optimizer: getOptimizer(training.optimizer.type).label,
    learningRate: String(training.optimizer.learningRate),
    loss: getLoss(training.loss).kerasName,
    batchSize: training.batchSize,
    epochs: training.epochs,
    dataset: datasetDetail(run.dataset, t),
    date: reportDate(run.startedAt),
  });
  const split = splitDetail(training, t);
  return split ? `${caption} · ${split}` : caption;
}

/** `Loss — Iris, run 3` (no run number while the run is not recorded yet). */
export function reportTitle(metric: string, project: string, run: ReportRunInfo | null, t: Translate): string {
  const chart = chartName(metric, t);
  const name = project.trim() || t('files.untitled');
  return run?.number != null ? t('report.title', { chart, project: name, number: run.number }) : t('report.titleRunning', { chart, project: name });
}

/**
 * A run panel chart as a report chart: x = epoch, y = the metric (`(log scale)` when `log`); lines
 * training and validation (dots at the epochs for metrics, as on screen) and, for the loss, the
 * faint per-batch loss. Lines without a point are left out (and so from the legend).
 */
export function runReportSpec({ series, metric, log, project, run, t }: { series: RunSeries; metric: string; log: boolean; project: string; run: ReportRunInfo | null; t: Translate }): ReportChartSpec {
  const raw = runChartTable(series, metric, REPORT_BUCKETS);
  const [x, train, val, batch] = log ? logSafe(raw) : raw;
  const isLoss = metric === 'loss';
  const lines: ReportSeries[] = [];
  lines.push({ label: t('chart.train'), color: REPORT_TRAIN_COLOR, width: 2, points: !isLoss, x, y: train });
  lines.push({ label: t('chart.validation'), color: REPORT_VAL_COLOR, width: 2, points: !isLoss, x, y: val });
  if (batch) lines.push({ label: t('chart.batch'), color: hexAlpha(REPORT_TRAIN_COLOR, 0.3), width: 1, behind: true, x, y: batch });
  const name = chartName(metric, t);
  return {
    title: reportTitle(metric, project, run, t),
    xLabel: t('report.epoch'),
    yLabel: log ? t('report.logScale', { name }) : name,
    log,
    integerX: true,
    series: lines,
    caption: reportCaption(run, t),
    theme: PRINT_THEME,
  };
}

/** The file name of an export: `Iris-loss-run3.png` (characters other than letters, digits, `.`, `-`, `_` become `_`). */
export function reportFileName(project: string, metric: string, run: ReportRunInfo | null, extension: 'png' | 'svg'): string {
  const stem = `${project.trim() || 'neurite'}-${metric}${run?.number != null ? `-run${run.number}` : ''}`;
  return `${stem.replace(/[^\p{L}\p{N}._-]+/gu, '_')}.${extension}`;
}

/** One run's line on an overlay chart (issue 15's runs view, the learner's experiment), as `OverlayChart` draws it. */
export interface ReportOverlayLine {
  label: string;
  color: string;
  dash?: number[];
  curve: Curve;
}

/**
 * An overlay chart (several runs' curves of one log) as a report chart: x = epoch or seconds,
 * y = the log's name, one line per run with the on-screen colour and dash; the caption is given
 * (each run's settings: {@link overlayCaption}).
 */
export function overlayReportSpec({ title, yLabel, axis, lines, log, project, caption, t }: { title: string; yLabel: string; axis: 'epoch' | 'seconds'; lines: readonly ReportOverlayLine[]; log: boolean; project: string; caption: string; t: Translate }): ReportChartSpec {
  const name = project.trim() || t('files.untitled');
  return {
    title: t('report.titleRunning', { chart: title, project: name }),
    xLabel: axis === 'epoch' ? t('report.epoch') : t('report.seconds'),
    yLabel: log ? t('report.logScale', { name: yLabel }) : yLabel,
    log,
    integerX: axis === 'epoch',
    series: lines.map((l) => ({ label: l.label, color: l.color, width: 2, ...(l.dash ? { dash: l.dash } : {}), points: l.curve.x.length <= 60, x: l.curve.x, y: l.curve.y })),
    caption,
    theme: PRINT_THEME,
  };
}

/** The caption of an overlay of run records: `Run 1: <its settings> Run 2: …` (each as {@link reportCaption}). */
export function overlayCaption(runs: readonly (ReportRunInfo & { number: number })[], t: Translate): string {
  return runs.map((run) => `${t('runs.runLabel', { number: run.number })}: ${reportCaption(run, t)}`).join(' ');
}

/**
 * The learning-rate range test's chart as a report chart, as the dialog draws it: loss (faint)
 * and smoothed loss against the learning rate on a log axis, the lowest smoothed point as a dot,
 * the suggestion as a dashed line; the y axis shows the smoothed loss and a little more (raw losses
 * past the divergence would flatten the curve that matters). `run`: what the test trained with.
 */
export function lrFinderReportSpec({ result, project, run, t }: { result: LrFinderResult; project: string; run: Omit<ReportRunInfo, 'number'>; t: Translate }): ReportChartSpec {
  const xs = result.points.map((p) => p.lr);
  const losses = result.points.map((p) => p.loss);
  const smoothed = result.points.map((p) => p.smoothed);
  const suggestion = result.suggestion.kind === 'minimum' ? result.suggestion : null;
  const top = Math.max(...smoothed);
  const bottom = Math.min(...losses, ...smoothed);
  const name = project.trim() || t('files.untitled');
  return {
    title: t('report.titleRunning', { chart: t('lrFinder.title'), project: name }),
    xLabel: t('report.logScale', { name: t('lrFinder.chart.lr') }),
    yLabel: t('lrFinder.chart.loss'),
    log: false,
    integerX: false,
    xLog: true,
    ...(result.points.length > 0 ? { yRange: [bottom - (top - bottom) * 0.05, top + (top - bottom) * 0.25 || top + 1] as [number, number] } : {}),
    series: [
      { label: t('lrFinder.chart.smoothed'), color: REPORT_TRAIN_COLOR, width: 2, x: xs, y: smoothed },
      { label: t('lrFinder.chart.lowest'), color: REPORT_VAL_COLOR, width: 0, dotsOnly: true, x: xs, y: result.points.map((p) => (suggestion && p.lr === suggestion.minimumAt ? p.smoothed : null)) },
      { label: t('lrFinder.chart.loss'), color: hexAlpha(REPORT_TRAIN_COLOR, 0.3), width: 1, behind: true, x: xs, y: losses },
    ],
    markers: suggestion ? [{ x: suggestion.lr, label: `${t('lrFinder.chart.suggested')} ${formatLearningRate(suggestion.lr)}`, color: REPORT_VAL_COLOR }] : [],
    caption: t('report.lrCaption', {
      optimizer: getOptimizer(run.training.optimizer.type).label,
      loss: getLoss(run.training.loss).kerasName,
      batchSize: result.batchSize,
      start: formatLearningRate(result.startLr),
      end: formatLearningRate(result.endLr),
      steps: result.points.length,
      dataset: datasetDetail(run.dataset, t),
      date: reportDate(run.startedAt),
    }),
    theme: PRINT_THEME,
  };
}
