import type { LrScheduleSettings } from '../project/schema';

/**
 * Learning-rate schedules, per optimizer step as Keras counts `optimizer.iterations` (the first
 * step of a run is step 0 and uses `learningRateAt(…, 0)`; each run starts its count at 0):
 *
 * - `exponential` — Keras 3 `keras.optimizers.schedules.ExponentialDecay(initial_learning_rate,
 *   decay_steps, decay_rate, staircase)`: `lr · decay_rate^(step / decay_steps)`, the exponent
 *   floored with `staircase`;
 * - `step` — the rate multiplied by `factor` every `everyEpochs` epochs: exactly
 *   `ExponentialDecay(lr, everyEpochs × stepsPerEpoch, factor, staircase=True)`;
 * - `cosine` — Keras 3 `CosineDecay(initial_learning_rate, decay_steps, alpha)`:
 *   `lr · ((1 − α) · ½(1 + cos(π · min(step, decay_steps) / decay_steps)) + α)`.
 *
 * Warm-up (`warmupSteps` W > 0), the same for all three: Keras `CosineDecay`'s warm-up with
 * `initial_learning_rate=0, warmup_target=lr, warmup_steps=W`: for step < W the rate is
 * `lr · step / W` (so step 0 trains with rate 0), then the decay runs on `step − W`. The
 * exported Python script uses `CosineDecay` itself for cosine and a small `LinearWarmup`
 * schedule around `ExponentialDecay` for the others (src/shared/codegen).
 *
 * Keras evaluates schedules in float32, op by op; so does this (every intermediate rounded with
 * Math.fround), which the oracle test (test/integration/keras-callbacks.test.ts) compares with
 * Keras' own schedule objects to 1e-6 relative.
 */

/**
 * The learning rate of optimizer step `step` (0-based), given the optimizer's learning rate
 * `lr` and the number of steps (batches) per epoch. Returns a float32 value.
 */
export function learningRateAt(schedule: LrScheduleSettings, lr: number, step: number, stepsPerEpoch: number): number {
  const base = f(lr);
  const warmup = schedule.warmupSteps;
  // CosineDecay's warm-up: (target - initial) * (step / warmup_steps) + initial, initial 0.
  if (warmup > 0 && step < warmup) return f(base * f(f(step) / f(warmup)));
  const t = f(warmup > 0 ? step - warmup : step);
  switch (schedule.kind) {
    case 'exponential':
      return exponential(base, t, schedule.decaySteps, schedule.decayRate, schedule.staircase);
    case 'step':
      return exponential(base, t, stepScheduleDecaySteps(schedule, stepsPerEpoch), schedule.factor, true);
    case 'cosine': {
      const done = f(Math.min(t, schedule.decaySteps) / f(schedule.decaySteps));
      const cosine = f(0.5 * f(1 + f(Math.cos(f(PI32 * done)))));
      return f(base * f(f(f(1 - schedule.alpha) * cosine) + f(schedule.alpha)));
    }
  }
}

/** Keras runs the schedules in float32, op by op: each intermediate is rounded as TensorFlow's float32 kernels round it. */
const f = Math.fround;
const PI32 = f(Math.PI);

function exponential(base: number, step: number, decaySteps: number, rate: number, staircase: boolean): number {
  let p = f(step / f(decaySteps));
  if (staircase) p = Math.floor(p);
  return f(base * f(Math.pow(f(rate), p)));
}

/** The decay steps of a `step` schedule as Keras' `ExponentialDecay` takes them. */
export function stepScheduleDecaySteps(schedule: Extract<LrScheduleSettings, { kind: 'step' }>, stepsPerEpoch: number): number {
  return schedule.everyEpochs * Math.max(1, stepsPerEpoch);
}

/** Defaults for a newly chosen schedule in the settings panel and the CLI (Keras has none: these are the app's starting points). */
export const LR_SCHEDULE_DEFAULTS: { [K in LrScheduleSettings['kind']]: Extract<LrScheduleSettings, { kind: K }> } = {
  step: { kind: 'step', factor: 0.5, everyEpochs: 10, warmupSteps: 0 },
  exponential: { kind: 'exponential', decaySteps: 1000, decayRate: 0.96, staircase: false, warmupSteps: 0 },
  cosine: { kind: 'cosine', decaySteps: 1000, alpha: 0, warmupSteps: 0 },
};
