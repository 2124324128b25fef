import type { KeepBestSettings, LrScheduleSettings, ReduceLrOnPlateauSettings, TrainingSettings } from '../project/schema';
import { monitorDirection } from '../training/monitor';
import { kerasLogName } from '../training/epoch-log';
import { pyLiteral, tsLiteral } from './literals';

/**
 * The issue 15 callbacks in the exported scripts: reduce-on-plateau, learning-rate schedules and
 * keep-best, with the semantics the app trains with (src/shared/training/reduce-lr-on-plateau.ts,
 * lr-schedule.ts, keep-best.ts). Python uses Keras 3's own classes (`ReduceLROnPlateau`,
 * `ExponentialDecay`, `CosineDecay`, `ModelCheckpoint`) plus a small `LinearWarmup` schedule for
 * warm-up before an exponential or step decay; tfjs has none of these, so the TypeScript script
 * gets small callbacks with the same rules.
 */

/** The file keep-best checkpoints to in the Python script (Keras wants `.weights.h5` for weights only). */
export const KEEP_BEST_FILE = 'best.weights.h5';

/**
 * A Python function `learning_rate_schedule(steps_per_epoch)` returning the Keras 3 schedule for
 * the settings, with `lr` the optimizer's learning rate. Keras is imported inside it, as the
 * script imports Keras only where it trains.
 */
export function kerasLrScheduleCode(schedule: LrScheduleSettings, lr: number): string {
  const decay =
    schedule.kind === 'cosine'
      ? null
      : schedule.kind === 'exponential'
        ? `keras.optimizers.schedules.ExponentialDecay(${pyLiteral(lr)}, decay_steps=${schedule.decaySteps}, decay_rate=${pyLiteral(schedule.decayRate)}, staircase=${pyLiteral(schedule.staircase)})`
        : `keras.optimizers.schedules.ExponentialDecay(${pyLiteral(lr)}, decay_steps=${schedule.everyEpochs} * steps_per_epoch, decay_rate=${pyLiteral(schedule.factor)}, staircase=True)`;
  const what =
    schedule.kind === 'step'
      ? `the rate times ${schedule.factor} every ${schedule.everyEpochs} epoch(s) (ExponentialDecay with staircase)`
      : schedule.kind === 'exponential'
        ? 'keras.optimizers.schedules.ExponentialDecay'
        : 'keras.optimizers.schedules.CosineDecay';
  const lines = [
    'def learning_rate_schedule(steps_per_epoch):',
    `    """The learning rate per optimizer step: ${what}${schedule.warmupSteps > 0 ? `, after a linear warm-up from 0 over ${schedule.warmupSteps} steps` : ''} (as the Neurite app trains)."""`,
    '    import keras',
  ];
  if (schedule.kind === 'cosine') {
    // Keras' own warm-up: from initial_learning_rate (0) to warmup_target (the rate), then the decay from it.
    const warm = schedule.warmupSteps > 0;
    lines.push(
      `    return keras.optimizers.schedules.CosineDecay(${warm ? '0.0' : pyLiteral(lr)}, decay_steps=${schedule.decaySteps}, alpha=${pyLiteral(schedule.alpha)}${warm ? `, warmup_target=${pyLiteral(lr)}, warmup_steps=${schedule.warmupSteps}` : ''})`,
    );
    return lines.join('\n');
  }
  if (schedule.warmupSteps === 0) {
    lines.push(`    return ${decay}`);
    return lines.join('\n');
  }
  lines.push(
    '',
    '    @keras.saving.register_keras_serializable(package="neurite")',
    '    class LinearWarmup(keras.optimizers.schedules.LearningRateSchedule):',
    '        """The rate rises linearly from 0 to `learning_rate` over `warmup_steps` steps, then `after` runs on the steps since',
    '        (keras.optimizers.schedules.CosineDecay\'s warm-up with initial_learning_rate=0, for any schedule)."""',
    '',
    '        def __init__(self, learning_rate, warmup_steps, after):',
    '            super().__init__()',
    '            self.learning_rate = learning_rate',
    '            self.warmup_steps = warmup_steps',
    '            self.after = after',
    '',
    '        def __call__(self, step):',
    '            step = keras.ops.cast(step, "float32")',
    '            warm = self.learning_rate * (step / self.warmup_steps)',
    '            return keras.ops.where(step < self.warmup_steps, warm, self.after(keras.ops.maximum(step - self.warmup_steps, 0.0)))',
    '',
    '        def get_config(self):',
    '            return {"learning_rate": self.learning_rate, "warmup_steps": self.warmup_steps, "after": keras.optimizers.schedules.serialize(self.after)}',
    '',
    '        @classmethod',
    '        def from_config(cls, config):',
    '            return cls(config["learning_rate"], config["warmup_steps"], keras.optimizers.schedules.deserialize(config["after"]))',
    '',
    `    return LinearWarmup(${pyLiteral(lr)}, ${schedule.warmupSteps}, ${decay})`,
  );
  return lines.join('\n');
}

/** `keras.callbacks.ReduceLROnPlateau(...)` with every argument the app uses. */
export function kerasReduceLrCode(r: ReduceLrOnPlateauSettings): string {
  return `keras.callbacks.ReduceLROnPlateau(monitor=${pyLiteral(kerasLogName(r.monitor))}, factor=${pyLiteral(r.factor)}, patience=${r.patience}, mode=${pyLiteral(r.mode)}, min_delta=${pyLiteral(r.minDelta)}, cooldown=${r.cooldown}, min_lr=${pyLiteral(r.minLr)})`;
}

/** `keras.callbacks.ModelCheckpoint(...)` saving the best epoch's weights (loaded after fit: {@link kerasKeepBestLoadLines}). */
export function kerasKeepBestCode(k: KeepBestSettings): string {
  return `keras.callbacks.ModelCheckpoint(${pyLiteral(KEEP_BEST_FILE)}, monitor=${pyLiteral(kerasLogName(k.monitor))}, mode=${pyLiteral(k.mode)}, save_best_only=True, save_weights_only=True)`;
}

/** Lines after `fit` (indented for `main`): load the best checkpoint, as the app ends with the best epoch's weights. */
export function kerasKeepBestLoadLines(): string[] {
  return [
    '    # Keep best: end with the best epoch\'s weights (the checkpoint ModelCheckpoint saved), as the Neurite app does.',
    `    model.load_weights(${pyLiteral(KEEP_BEST_FILE)})`,
  ];
}

/** The settings that have callbacks in the scripts, in the order both scripts (and the app) apply them at an epoch's end. */
export type CallbackSettings = Pick<TrainingSettings, 'reduceLrOnPlateau' | 'lrSchedule' | 'keepBest'>;

/**
 * tfjs lines (inside `fit`'s callbacks array, `model` in scope) for the schedule and
 * reduce-on-plateau: they set the optimizer's rate before each step / after each epoch with the
 * app's rules, and add `learning_rate` to the epoch's logs with reduce-on-plateau (as Keras).
 * Put them before the callback that prints the logs.
 */
export function tfjsLearningRateCode(t: CallbackSettings & Pick<TrainingSettings, 'optimizer' | 'batchSize'>): string[] {
  const lr = tsLiteral(Math.fround(t.optimizer.learningRate));
  const setRate = [
    '        const setRate = (rate: number) => {',
    '          // tfjs SGD and Momentum keep the rate as a scalar only setLearningRate renews; the others read the field each step.',
    '          const o = model.optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };',
    '          if (o.setLearningRate) o.setLearningRate(rate);',
    '          else o.learningRate = rate;',
    '        };',
  ];
  const lines: (string | null)[] = [];
  const s = t.lrSchedule;
  if (s) {
    const body =
      s.kind === 'cosine'
        ? [
            `          const done = f(Math.min(t, ${s.decaySteps}) / ${s.decaySteps});`,
            '          const cosine = f(0.5 * f(1 + f(Math.cos(f(f(Math.PI) * done)))));',
            `          return f(base * f(f(f(1 - ${tsLiteral(s.alpha)}) * cosine) + f(${tsLiteral(s.alpha)})));`,
          ]
        : [
            `          const p = f(t / ${s.kind === 'step' ? `(${s.everyEpochs} * stepsPerEpoch)` : s.decaySteps});`,
            `          return f(base * f(Math.pow(f(${tsLiteral(s.kind === 'step' ? s.factor : s.decayRate)}), ${s.kind === 'step' || s.staircase ? 'Math.floor(p)' : 'p'})));`,
          ];
    lines.push(
      `      // Learning-rate schedule (${s.kind}${s.warmupSteps > 0 ? `, linear warm-up from 0 over ${s.warmupSteps} steps` : ''}), per optimizer step as Keras counts optimizer.iterations, in float32 as Keras computes it.`,
      '      (() => {',
      '        const f = Math.fround;',
      `        const base = ${lr};`,
      `        const stepsPerEpoch = Math.ceil(split.train.length / ${t.batchSize});`,
      '        let step = 0;',
      ...setRate,
      '        const rateAt = (s: number): number => {',
      s.warmupSteps > 0 ? `          if (s < ${s.warmupSteps}) return f(base * f(s / ${s.warmupSteps}));` : null,
      `          const t = s${s.warmupSteps > 0 ? ` - ${s.warmupSteps}` : ''};`,
      ...body,
      '        };',
      '        return {',
      "          onEpochBegin: async (epoch: number) => console.log(JSON.stringify({ event: 'lr', epoch, step, lr: rateAt(step) })),",
      '          onBatchBegin: async () => setRate(rateAt(step++)),',
      '        };',
      '      })(),',
    );
  }
  const r = t.reduceLrOnPlateau;
  if (r) {
    const min = monitorDirection(r.monitor, r.mode) === 'min';
    lines.push(
      '      // Reduce the rate on a plateau with the rule of Keras 3 keras.callbacks.ReduceLROnPlateau (as the Neurite app applies it).',
      '      (() => {',
      `        let lr = ${lr};`,
      '        let wait = 0;',
      '        let cooldown = 0;',
      '        let best: number | null = null;',
      ...setRate,
      '        return {',
      '          onTrainBegin: async () => setRate(lr),',
      '          onEpochEnd: async (epoch: number, logs?: Record<string, number>) => {',
      '            if (logs) logs.learning_rate = lr;',
      `            const current = logs?.[${tsLiteral(r.monitor)}] ?? logs?.[${tsLiteral(r.monitor.replace(/accuracy$/, 'acc'))}];`,
      '            if (current === undefined) return;',
      '            if (cooldown > 0) {',
      '              cooldown -= 1;',
      '              wait = 0;',
      '            }',
      `            const shifted = Math.fround(current ${min ? '+' : '-'} ${tsLiteral(r.minDelta)});`,
      `            if (best === null || shifted ${min ? '<' : '>'} Math.fround(best)) {`,
      '              best = current;',
      '              wait = 0;',
      '            } else if (cooldown === 0) {',
      '              wait += 1;',
      `              if (wait >= ${r.patience} && lr > Math.fround(${tsLiteral(r.minLr)})) {`,
      `                lr = Math.fround(Math.max(lr * ${tsLiteral(r.factor)}, ${tsLiteral(r.minLr)}));`,
      '                setRate(lr);',
      "                console.log(JSON.stringify({ event: 'reduce-lr', epoch, lr }));",
      `                cooldown = ${r.cooldown};`,
      '                wait = 0;',
      '              }',
      '            }',
      '          },',
      '        };',
      '      })(),',
    );
  }
  return lines.filter((line): line is string => line !== null);
}

/** tfjs lines for keep-best (Keras ModelCheckpoint save_best_only, loaded after fit): put them after early stopping, so they win at the end as in the app. */
export function tfjsKeepBestCode(k: KeepBestSettings): string[] {
  const min = monitorDirection(k.monitor, k.mode) === 'min';
  return [
    "      // Keep best: end with the best epoch's weights (Keras ModelCheckpoint(save_best_only=True), loaded after fit).",
    '      (() => {',
    '        let best: number | null = null;',
    '        let saved: tf.Tensor[] | null = null;',
    '        let savedEpoch = -1;',
    '        return {',
    '          onEpochEnd: async (epoch: number, logs?: Record<string, number>) => {',
    `            const current = logs?.[${tsLiteral(k.monitor)}] ?? logs?.[${tsLiteral(k.monitor.replace(/accuracy$/, 'acc'))}];`,
    `            if (current !== undefined && best !== null && !(Math.fround(current) ${min ? '<' : '>'} Math.fround(best))) return;`,
    '            if (current !== undefined) best = current;',
    '            saved?.forEach((w) => w.dispose());',
    '            saved = model.getWeights().map((w) => w.clone());',
    '            savedEpoch = epoch;',
    '          },',
    '          onTrainEnd: async () => {',
    '            if (!saved) return;',
    '            model.setWeights(saved);',
    "            console.log(JSON.stringify({ event: 'keep-best', epoch: savedEpoch }));",
    '          },',
    '        };',
    '      })(),',
  ];
}
