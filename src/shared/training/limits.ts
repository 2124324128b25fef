/**
 * The limits of every numeric training setting, in one table. The project schema builds its zod
 * checks from it (so a file or an API request outside them is refused), the optimizer registry
 * takes its field limits from it, and `validateTrainingSettings` checks the document against it
 * and words the problems. Change a limit here and every path agrees.
 */
export interface NumberLimit {
  /** Lower bound; inclusive unless `minExclusive`. */
  min: number;
  minExclusive?: boolean;
  /** Upper bound; inclusive unless `maxExclusive`. Infinity = none. */
  max: number;
  maxExclusive?: boolean;
  /** Only whole numbers. */
  integer?: boolean;
}

export const TRAINING_LIMITS = {
  epochs: { min: 1, max: 100_000, integer: true },
  batchSize: { min: 1, max: 1_000_000, integer: true },
  /** Keras' `validation_split`: a fraction of the rows, 0 (none) up to but not including 1. */
  validationSplit: { min: 0, max: 1, maxExclusive: true },
  /** The held-out test fraction (see src/shared/data/split.ts); 0 = none. */
  testSplit: { min: 0, max: 1, maxExclusive: true },
} as const satisfies Record<string, NumberLimit>;

/** Early stopping (Keras `EarlyStopping`): patience in epochs, min_delta in the monitored value's units. */
export const EARLY_STOPPING_LIMITS = {
  patience: { min: 0, max: 100_000, integer: true },
  minDelta: { min: 0, max: Infinity },
} as const satisfies Record<string, NumberLimit>;

/**
 * Reduce-on-plateau (Keras `ReduceLROnPlateau`): Keras refuses factor ≥ 1; a factor of 0 would
 * drop the rate straight to min_lr, so the app asks for (0, 1). min_lr within the learning
 * rate's range [0, 10].
 */
export const REDUCE_LR_LIMITS = {
  factor: { min: 0, minExclusive: true, max: 1, maxExclusive: true },
  patience: { min: 0, max: 100_000, integer: true },
  minDelta: { min: 0, max: Infinity },
  cooldown: { min: 0, max: 100_000, integer: true },
  minLr: { min: 0, max: 10 },
} as const satisfies Record<string, NumberLimit>;

/**
 * Learning-rate schedules: Keras needs decay_steps > 0; the app asks for whole steps. A step
 * factor or decay rate in (0, 1] decays (above 1 the rate would grow without bound); cosine's
 * alpha is the final fraction of the rate, [0, 1].
 */
export const LR_SCHEDULE_LIMITS = {
  factor: { min: 0, minExclusive: true, max: 1 },
  everyEpochs: { min: 1, max: 100_000, integer: true },
  decaySteps: { min: 1, max: 1_000_000_000, integer: true },
  decayRate: { min: 0, minExclusive: true, max: 1 },
  alpha: { min: 0, max: 1 },
  warmupSteps: { min: 0, max: 1_000_000_000, integer: true },
} as const satisfies Record<string, NumberLimit>;

/**
 * Limits of the optimizer hyper-parameters (the fields of `OptimizerSchema`). Keras itself only
 * requires a learning rate ≥ 0; 0 would never move a weight and rates above 10 only diverge, so
 * the app asks for (0, 10]. Decay rates and betas are fractions below 1 (at 1 the running averages
 * never move); momentum may be 1 as Keras allows.
 */
export const OPTIMIZER_LIMITS = {
  learningRate: { min: 0, minExclusive: true, max: 10 },
  momentum: { min: 0, max: 1 },
  rho: { min: 0, max: 1, maxExclusive: true },
  beta1: { min: 0, max: 1, maxExclusive: true },
  beta2: { min: 0, max: 1, maxExclusive: true },
  epsilon: { min: 0, minExclusive: true, max: Infinity },
} as const satisfies Record<string, NumberLimit>;

export type TrainingNumberField = keyof typeof TRAINING_LIMITS;
export type OptimizerNumberField = keyof typeof OPTIMIZER_LIMITS;

/** Which limit a value breaks, or null when it is within all of them. */
export type LimitBreach = 'not-a-number' | 'not-integer' | 'below-min' | 'above-max';

export function checkLimit(value: unknown, limit: NumberLimit): LimitBreach | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-a-number';
  if (limit.integer && !Number.isInteger(value)) return 'not-integer';
  if (limit.minExclusive ? value <= limit.min : value < limit.min) return 'below-min';
  if (limit.maxExclusive ? value >= limit.max : value > limit.max) return 'above-max';
  return null;
}
