import { formatLogValue } from './outcome-text';
import { formatLearningRate, MIN_DESCENT, type LrFinderResult } from './lr-finder';

/**
 * The words of a learning-rate range test's result, in English. The editor's dictionary
 * (src/renderer/src/i18n/en.ts) spreads this table and zh-CN.ts translates the same keys; the
 * command line uses it directly. Batches are counted from 1 here (the result counts from 0).
 */
export const LR_FINDER_MESSAGES_EN = {
  'lrFinder.reason.minimum':
    'The smoothed loss was lowest ({loss}) at a learning rate of {at}. A tenth of that, {lr}, is where the loss is still falling fast without being close to blowing up (fastai’s “minimum ÷ 10” rule).',
  'lrFinder.reason.noDescent':
    'No suggestion: the smoothed loss did not fall by {min}% anywhere in the range (it fell {fall}% at most), so no learning rate stands out. The model may need more batches to show a trend, or it may not learn from these data: check the data, the loss and the output layer.',
  'lrFinder.reason.tooFewPoints':
    'No suggestion: too few batches to judge ({points} left once the first tenth and the last 5 are set aside, at least 2 needed).',
  'lrFinder.stopped.diverged': 'The test stopped at batch {step} of {steps} (learning rate {lr}): the smoothed loss rose above 4× its lowest value, so larger rates only make it diverge.',
  'lrFinder.stopped.nonFinite': 'The test stopped at batch {step} of {steps} (learning rate {lr}): the loss became {value}.',
  'lrFinder.stopped.nonFiniteFirst':
    'The loss was {value} at the very first batch, at a learning rate of only {lr}: the model diverges before any rate is tried. Check that the inputs are normalised and that the loss fits the labels and the output layer.',
  'lrFinder.stopped.stopped': 'You stopped the test at batch {step} of {steps}.',
  'lrFinder.summary': 'Batches trained: {points} of {steps} ({batchSize} rows each) in {seconds} s; learning rate from {start} to {end}.',
} as const;

export type LrFinderMessageKey = keyof typeof LR_FINDER_MESSAGES_EN;
type Translate = (key: LrFinderMessageKey, vars?: Record<string, string | number>) => string;

function english(key: LrFinderMessageKey, vars?: Record<string, string | number>): string {
  const text: string = LR_FINDER_MESSAGES_EN[key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export interface LrFinderText {
  /** Why this rate, or why none. */
  reason: string;
  /** Why the test ended before its last batch; null when it ran them all. */
  stopped: string | null;
  /** What ran: batches, batch size, time, range. */
  summary: string;
}

/** The dialog's and the command line's sentences for a result; English unless a translator is given. */
export function describeLrFinder(result: LrFinderResult, t: Translate = english): LrFinderText {
  const s = result.suggestion;
  const reason =
    s.kind === 'minimum'
      ? t('lrFinder.reason.minimum', { loss: formatLogValue(s.minimumLoss), at: formatLearningRate(s.minimumAt), lr: formatLearningRate(s.lr) })
      : s.kind === 'no-descent'
        ? t('lrFinder.reason.noDescent', { min: MIN_DESCENT * 100, fall: Math.max(0, Math.round(s.fall * 1000) / 10) })
        : t('lrFinder.reason.tooFewPoints', { points: s.points });
  const stop = result.stoppedEarly;
  let stopped: string | null = null;
  if (stop) {
    const vars = { step: stop.step + 1, steps: result.steps, lr: formatLearningRate(stop.lr) };
    if (stop.reason === 'diverged') stopped = t('lrFinder.stopped.diverged', vars);
    else if (stop.reason === 'stopped') stopped = t('lrFinder.stopped.stopped', vars);
    else stopped = t(stop.step === 0 ? 'lrFinder.stopped.nonFiniteFirst' : 'lrFinder.stopped.nonFinite', { ...vars, value: stop.value });
  }
  const summary = t('lrFinder.summary', {
    points: result.points.length,
    steps: result.steps,
    batchSize: result.batchSize,
    seconds: (result.elapsedMs / 1000).toFixed(1),
    start: formatLearningRate(result.startLr),
    end: formatLearningRate(result.endLr),
  });
  return { reason, stopped, summary };
}
