import { z } from 'zod';

/**
 * The learning-rate range test (Leslie N. Smith, "Cyclical Learning Rates for Training Neural
 * Networks", 2015; fastai's `Learner.lr_find`, fastai/callback/schedule.py): train a fresh copy
 * of the model for a few hundred batches while the learning rate rises exponentially, record the
 * loss of every batch, and suggest the rate where the smoothed loss fell fastest.
 *
 * Everything here is pure (no tfjs): the schedule, the smoothing, the divergence rule and the
 * suggestion, shared by the trainer's loop (src/main/engine/lr-finder.ts), the dialog and the tests.
 */

/**
 * fastai `lr_find`'s range, `start_lr=1e-7`, `end_lr=10`, over 300 batches rather than its
 * `num_it=100`: on the small data sets of the templates 100 batches (12 a decade) leave the loss
 * curve mostly noise. Batches are counted whatever the epoch; a dataset with fewer batches per
 * epoch than `steps` is gone through again (reshuffled as a run's epochs are).
 */
export const LR_FINDER_DEFAULTS = { startLr: 1e-7, endLr: 10, steps: 300 } as const;

/** What a request may ask for: rates in (0, 1000], 10 to 1000 batches. */
export const LR_FINDER_LIMITS = { minSteps: 10, maxSteps: 1000, maxLr: 1000 } as const;

/** fastai `AvgSmoothLoss(beta=0.98)`: the exponential moving average of the batch losses. */
export const SMOOTHING_BETA = 0.98;

/** fastai `LRFinder.after_batch`: stop once the smoothed loss exceeds 4× the best smoothed loss so far. */
export const DIVERGENCE_FACTOR = 4;

export const LrFinderOptionsSchema = z.object({
  startLr: z.number().positive().max(LR_FINDER_LIMITS.maxLr).optional(),
  endLr: z.number().positive().max(LR_FINDER_LIMITS.maxLr).optional(),
  steps: z.number().int().min(LR_FINDER_LIMITS.minSteps).max(LR_FINDER_LIMITS.maxSteps).optional(),
});
export type LrFinderOptions = z.infer<typeof LrFinderOptionsSchema>;
export type ResolvedLrFinderOptions = Required<LrFinderOptions>;

/** Request options that do not fit together: named field, expected and got. */
export class LrFinderOptionsError extends Error {
  readonly code = 'bad-value';
  constructor(message: string) {
    super(message);
    this.name = 'LrFinderOptionsError';
  }
}

/**
 * The options with fastai's defaults filled in.
 * @throws LrFinderOptionsError when `endLr` is not above `startLr`.
 */
export function resolveLrFinderOptions(options: LrFinderOptions = {}): ResolvedLrFinderOptions {
  const resolved = { ...LR_FINDER_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedLrFinderOptions;
  if (!(resolved.endLr > resolved.startLr)) {
    throw new LrFinderOptionsError(
      `The learning-rate finder's endLr must be above its startLr (${resolved.startLr}); got ${resolved.endLr}. Choose a range such as 1e-7 to 10.`,
    );
  }
  return resolved;
}

/**
 * The learning rate of batch `step` (0-based) of `steps`: exponential from `startLr` at the first
 * batch to `endLr` at the last, `startLr · (endLr/startLr)^(step/(steps−1))` (fastai's `SchedExp`,
 * which stops one step short of `end_lr`; here the last batch uses `endLr` itself).
 */
export function finderLearningRate(step: number, options: ResolvedLrFinderOptions): number {
  if (options.steps <= 1) return options.startLr;
  return options.startLr * Math.pow(options.endLr / options.startLr, step / (options.steps - 1));
}

/** One batch of the test: the rate it trained with, its loss, and the smoothed loss up to it. */
export interface LrFinderPoint {
  lr: number;
  loss: number;
  smoothed: number;
}

export type LrFinderStop =
  /** The smoothed loss rose above 4× its best (fastai's `stop_div`). */
  | { reason: 'diverged'; step: number; lr: number }
  /** A batch's loss was NaN or infinite; `value` says which. */
  | { reason: 'non-finite'; step: number; lr: number; value: 'NaN' | 'Infinity' | '-Infinity' }
  /** The user stopped it. */
  | { reason: 'stopped'; step: number; lr: number };

/**
 * Records the batches of a range test: smoothed loss (fastai `AvgSmoothLoss`: `avg = β·avg +
 * (1−β)·loss`, reported as `avg / (1 − β^n)`, the bias-corrected mean of the first n losses) and
 * the divergence rule. `add` returns the reason to stop, or null to go on.
 */
export class LrFinderRecorder {
  readonly points: LrFinderPoint[] = [];
  private average = 0;
  private best = Infinity;

  add(step: number, lr: number, loss: number): LrFinderStop | null {
    if (!Number.isFinite(loss)) return { reason: 'non-finite', step, lr, value: Number.isNaN(loss) ? 'NaN' : loss > 0 ? 'Infinity' : '-Infinity' };
    this.average = SMOOTHING_BETA * this.average + (1 - SMOOTHING_BETA) * loss;
    const smoothed = this.average / (1 - Math.pow(SMOOTHING_BETA, this.points.length + 1));
    this.points.push({ lr, loss, smoothed });
    if (smoothed < this.best) this.best = smoothed;
    if (smoothed > DIVERGENCE_FACTOR * this.best) return { reason: 'diverged', step, lr };
    return null;
  }
}

/** Why the test suggests a rate, or why it cannot; rendered by the dialog and the CLI in each language. */
export type LrSuggestion =
  /**
   * `lr` (two significant digits) is a tenth of `minimumAt`, the rate where the smoothed loss was
   * lowest (`minimumLoss`). `steepestAt`: fastai's "steep", where it fell fastest between two
   * consecutive points on the way there (null when the lowest point is the first kept one); on a
   * noisy curve that is often noise, so the dialog and the command line's text do not show it
   * (`--json` has it).
   */
  | { kind: 'minimum'; lr: number; minimumAt: number; minimumLoss: number; steepestAt: number | null }
  /** Fewer than 2 points are left once the first tenth and the last 5 are skipped. */
  | { kind: 'too-few-points'; points: number }
  /** The smoothed loss did not fall by `MIN_DESCENT` of its first kept value anywhere in the range. */
  | { kind: 'no-descent'; fall: number };

export const LrSuggestionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minimum'), lr: z.number().positive(), minimumAt: z.number().positive(), minimumLoss: z.number(), steepestAt: z.number().positive().nullable() }),
  z.object({ kind: z.literal('too-few-points'), points: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('no-descent'), fall: z.number() }),
]);

/** A learning rate to two significant digits, so what the dialog shows is exactly what "Use" sets. */
export function roundLearningRate(lr: number): number {
  return Number(lr.toPrecision(2));
}

/** `3.2e-3`, `1e-2`, `0.5`: a learning rate as the dialog, its button and the CLI print it. */
export function formatLearningRate(lr: number): string {
  if (lr >= 0.01 && lr < 1000) return String(Number(lr.toPrecision(2)));
  const [mantissa, exponent] = lr.toExponential(1).split('e');
  return `${mantissa.replace(/\.0$/, '')}e${Number(exponent)}`;
}

/**
 * The least fall of the smoothed loss, as a share of its first kept value, that counts as the loss
 * falling at all (Neurite's choice: on a flat curve the smoothed loss of the templates wanders by
 * about 1 % from noise alone; fastai suggests a rate on any curve, flat or rising).
 */
export const MIN_DESCENT = 0.02;

/**
 * fastai's suggestion "minimum" (fastai/callback/schedule.py `minimum`: a tenth of the rate at the
 * lowest smoothed loss, where the rate is already too high; Smith 2015 and fastai's course pick
 * "an order of magnitude below the minimum"), on the points `lr_find` keeps: it drops the first
 * `num_it // 10` and the last 5. Chosen over fastai's "steep" (the rate where the smoothed loss
 * falls fastest against log lr), which on the noisy curves of small data sets lands on noise far
 * below any useful rate, or past the minimum where the loss climbs; the steepest fall before the
 * minimum comes along as `steepestAt`. No suggestion when fewer than two points remain, or the
 * smoothed loss never fell by `MIN_DESCENT`: a rate would be a guess.
 */
export function suggestLearningRate(points: readonly LrFinderPoint[], plannedSteps: number): LrSuggestion {
  const kept = points.slice(Math.floor(plannedSteps / 10), Math.max(0, points.length - 5));
  if (kept.length < 2) return { kind: 'too-few-points', points: kept.length };
  let lowest = 0;
  for (let i = 1; i < kept.length; i++) if (kept[i].smoothed < kept[lowest].smoothed) lowest = i;
  const fall = (kept[0].smoothed - kept[lowest].smoothed) / Math.abs(kept[0].smoothed);
  if (!(fall >= MIN_DESCENT)) return { kind: 'no-descent', fall: Number.isFinite(fall) ? fall : 0 };
  let steepest = -1;
  let gradient = 0;
  for (let i = 0; i < lowest; i++) {
    const g = (kept[i + 1].smoothed - kept[i].smoothed) / (Math.log(kept[i + 1].lr) - Math.log(kept[i].lr));
    if (g < gradient) {
      gradient = g;
      steepest = i;
    }
  }
  const at = kept[lowest];
  return { kind: 'minimum', lr: roundLearningRate(at.lr / 10), minimumAt: at.lr, minimumLoss: at.smoothed, steepestAt: steepest < 0 ? null : kept[steepest].lr };
}

/** How far a range test has got (the `train.lrFinderProgress` event): batch `step` (from 0) of `steps`, its rate and smoothed loss. */
export const LrFinderProgressSchema = z.object({
  step: z.number().int().nonnegative(),
  steps: z.number().int().positive(),
  lr: z.number().positive(),
  smoothed: z.number(),
});
export type LrFinderProgress = z.infer<typeof LrFinderProgressSchema>;

export const LrFinderPointSchema = z.object({ lr: z.number().positive(), loss: z.number(), smoothed: z.number() });

/** What a range test answers (the `train.findLearningRate` response). */
export const LrFinderResultSchema = z.object({
  /** The range and length asked for (defaults filled in). */
  startLr: z.number().positive(),
  endLr: z.number().positive(),
  steps: z.number().int().positive(),
  /** One per batch trained, in order, each with a finite loss (a non-finite one ends the test and is in `stoppedEarly`). */
  points: z.array(LrFinderPointSchema),
  suggestion: LrSuggestionSchema,
  /** Null when all `steps` batches ran. */
  stoppedEarly: z
    .discriminatedUnion('reason', [
      z.object({ reason: z.literal('diverged'), step: z.number().int().nonnegative(), lr: z.number().positive() }),
      z.object({ reason: z.literal('non-finite'), step: z.number().int().nonnegative(), lr: z.number().positive(), value: z.enum(['NaN', 'Infinity', '-Infinity']) }),
      z.object({ reason: z.literal('stopped'), step: z.number().int().nonnegative(), lr: z.number().positive() }),
    ])
    .nullable(),
  /** Batches per pass over the training rows, and the batch size used (the project's). */
  batchesPerEpoch: z.number().int().positive(),
  batchSize: z.number().int().positive(),
  elapsedMs: z.number().nonnegative(),
});
export type LrFinderResult = z.infer<typeof LrFinderResultSchema>;
