import { describe, expect, it } from 'vitest';
import { TrainingSettingsSchema, type TrainingSettings } from '../project/schema';
import { validateTrainingSettings } from './validate-settings';

const valid: TrainingSettings = {
  optimizer: { type: 'rmsprop', learningRate: 0.001 },
  loss: 'categoricalCrossentropy',
  metrics: ['accuracy'],
  epochs: 100,
  batchSize: 32,
  validationSplit: 0,
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: true,
  seed: 1,
};
const messages = (s: TrainingSettings) => validateTrainingSettings(s).map((p) => `${p.field}: ${p.message}`);

describe('validateTrainingSettings', () => {
  it('finds nothing in valid settings', () => {
    expect(validateTrainingSettings(valid)).toEqual([]);
  });

  it('names the field, the limit and the value in plain words (issue 9: batch size 0, 1e9 epochs)', () => {
    expect(messages({ ...valid, batchSize: 0 })).toEqual(['batchSize: Batch size must be a whole number of at least 1; it is 0.']);
    expect(messages({ ...valid, epochs: 1e9 })).toEqual(['epochs: Epochs must be a whole number of at most 100000; it is 1000000000.']);
    expect(messages({ ...valid, epochs: 2.5 })).toEqual(['epochs: Epochs must be a whole number; it is 2.5.']);
    expect(messages({ ...valid, validationSplit: 1 })).toEqual(['validationSplit: Validation split must be a number less than 1; it is 1.']);
    expect(messages({ ...valid, batchSize: Number.NaN })).toEqual(['batchSize: Batch size must be a whole number; it is empty or not a number.']);
  });

  it('checks the fields of the chosen optimizer against the registry limits', () => {
    expect(messages({ ...valid, optimizer: { type: 'rmsprop', learningRate: 0 } })).toEqual([
      'optimizer.learningRate: Learning rate must be a number greater than 0; it is 0.',
    ]);
    expect(messages({ ...valid, optimizer: { type: 'adam', learningRate: 0.001, beta1: 1 } })).toEqual(['optimizer.beta1: Beta 1 must be a number less than 1; it is 1.']);
    expect(messages({ ...valid, optimizer: { type: 'rmsprop', learningRate: 20, rho: -0.1 } })).toEqual([
      'optimizer.learningRate: Learning rate must be a number of at most 10; it is 20.',
      'optimizer.rho: Rho must be a number of at least 0; it is -0.1.',
    ]);
    // A field the optimizer does not have is not its problem.
    expect(messages({ ...valid, optimizer: { type: 'sgd', learningRate: 0.01, beta1: 5 } })).toEqual([]);
  });

  it('agrees with the project schema, the hard limit, at every boundary', () => {
    const probes: Partial<TrainingSettings>[] = [
      { epochs: 0 }, { epochs: 1 }, { epochs: 100_000 }, { epochs: 100_001 }, { epochs: 1.5 },
      { batchSize: 0 }, { batchSize: 1 }, { batchSize: 1_000_000 }, { batchSize: 1_000_001 },
      { validationSplit: -0.01 }, { validationSplit: 0 }, { validationSplit: 0.99 }, { validationSplit: 1 },
      { optimizer: { type: 'adam', learningRate: 0 } }, { optimizer: { type: 'adam', learningRate: 10 } }, { optimizer: { type: 'adam', learningRate: 10.5 } },
      { optimizer: { type: 'momentum', learningRate: 0.1, momentum: 1 } }, { optimizer: { type: 'momentum', learningRate: 0.1, momentum: 1.01 } },
      { optimizer: { type: 'adadelta', learningRate: 0.1, rho: 0.999 } }, { optimizer: { type: 'adadelta', learningRate: 0.1, rho: 1 } },
      { optimizer: { type: 'adamax', learningRate: 0.1, epsilon: 0 } }, { optimizer: { type: 'adamax', learningRate: 0.1, epsilon: 1e-12 } },
    ];
    for (const probe of probes) {
      const settings = { ...valid, ...probe };
      expect(validateTrainingSettings(settings).length === 0, JSON.stringify(probe)).toBe(TrainingSettingsSchema.safeParse(settings).success);
    }
  });
});

describe('held-out fractions', () => {
  it('refuses a validation and test split that leave no row to train on, naming both', () => {
    const problems = validateTrainingSettings({ ...valid, validationSplit: 0.6, testSplit: 0.4 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'testSplit', messageId: 'noTrainingRows' });
    expect(problems[0].message).toBe('Test split and the validation split together hold out 1 of the rows; together they must stay below 1 so that rows are left for training.');
    expect(validateTrainingSettings({ ...valid, validationSplit: 0.5, testSplit: 0.3 })).toEqual([]);
  });
});

describe('early stopping settings', () => {
  const es = { monitor: 'val_loss', patience: 3, minDelta: 0, mode: 'auto' as const, restoreBestWeights: true };
  it('accepts a monitor the run logs, and no early stopping at all', () => {
    expect(messages({ ...valid, validationSplit: 0.2, earlyStopping: es })).toEqual([]);
    expect(messages({ ...valid, validationSplit: 0, earlyStopping: { ...es, monitor: 'loss' } })).toEqual([]);
    expect(messages({ ...valid, earlyStopping: undefined })).toEqual([]);
  });

  it('refuses val_loss without a validation split, naming the field, the logs there will be and the value', () => {
    expect(messages({ ...valid, validationSplit: 0, metrics: ['mae'], earlyStopping: es })).toEqual([
      'earlyStopping.monitor: Early stopping: monitor must name a log this run records (loss, mae); it is "val_loss". Logs starting with val_ need a validation split above 0.',
    ]);
  });

  it('refuses a negative patience, a fractional one and a negative minimum change', () => {
    const ok = { ...valid, validationSplit: 0.2 };
    expect(messages({ ...ok, earlyStopping: { ...es, patience: -1 } })).toEqual(['earlyStopping.patience: Early stopping: patience must be a whole number of at least 0; it is -1.']);
    expect(messages({ ...ok, earlyStopping: { ...es, patience: 1.5 } })).toEqual(['earlyStopping.patience: Early stopping: patience must be a whole number; it is 1.5.']);
    expect(messages({ ...ok, earlyStopping: { ...es, minDelta: -0.1 } })).toEqual(['earlyStopping.minDelta: Early stopping: minimum change must be a number of at least 0; it is -0.1.']);
  });
});

describe('issue 15 callbacks settings', () => {
  const ok: TrainingSettings = { ...valid, validationSplit: 0.2, metrics: ['accuracy'] };
  const plateau = { monitor: 'val_loss', factor: 0.1, patience: 10, mode: 'auto' as const, minDelta: 1e-4, cooldown: 0, minLr: 0 };

  it('accepts reduce-on-plateau, each schedule and keep-best within their limits, and files without them', () => {
    expect(messages({ ...ok, reduceLrOnPlateau: plateau, keepBest: { monitor: 'val_accuracy', mode: 'auto' } })).toEqual([]);
    expect(messages({ ...ok, lrSchedule: { kind: 'step', factor: 0.5, everyEpochs: 10, warmupSteps: 0 } })).toEqual([]);
    expect(messages({ ...ok, lrSchedule: { kind: 'exponential', decaySteps: 100, decayRate: 0.96, staircase: false, warmupSteps: 50 } })).toEqual([]);
    expect(messages({ ...ok, lrSchedule: { kind: 'cosine', decaySteps: 1000, alpha: 0, warmupSteps: 0 } })).toEqual([]);
    expect(TrainingSettingsSchema.safeParse(valid).success).toBe(true);
  });

  it('refuses a schedule together with reduce-on-plateau, naming the field (Keras refuses it too)', () => {
    expect(messages({ ...ok, reduceLrOnPlateau: plateau, lrSchedule: { kind: 'cosine', decaySteps: 100, alpha: 0, warmupSteps: 0 } })).toEqual([
      "lrSchedule.kind: Learning-rate schedule cannot be used together with reduce learning rate on plateau: Keras' ReduceLROnPlateau needs a fixed learning rate, and a schedule sets it every step. Turn one of them off.",
    ]);
  });

  it('names the field, the limit and the value for numbers out of range', () => {
    expect(messages({ ...ok, reduceLrOnPlateau: { ...plateau, factor: 1 } })).toEqual(['reduceLrOnPlateau.factor: Reduce LR on plateau: factor must be a number less than 1; it is 1.']);
    expect(messages({ ...ok, reduceLrOnPlateau: { ...plateau, cooldown: -1 } })).toEqual(['reduceLrOnPlateau.cooldown: Reduce LR on plateau: cooldown must be a whole number of at least 0; it is -1.']);
    expect(messages({ ...ok, lrSchedule: { kind: 'step', factor: 0, everyEpochs: 1, warmupSteps: 0 } })).toEqual(['lrSchedule.factor: Learning-rate schedule: factor must be a number greater than 0; it is 0.']);
    expect(messages({ ...ok, lrSchedule: { kind: 'exponential', decaySteps: 0, decayRate: 0.9, staircase: false, warmupSteps: 1.5 } })).toEqual([
      'lrSchedule.decaySteps: Learning-rate schedule: decay steps must be a whole number of at least 1; it is 0.',
      'lrSchedule.warmupSteps: Learning-rate schedule: warm-up steps must be a whole number; it is 1.5.',
    ]);
  });

  it('refuses monitors this run will not log, and takes the names --json prints (acc, val_acc) as Keras\' (trial 7 finding 3)', () => {
    expect(messages({ ...ok, validationSplit: 0, keepBest: { monitor: 'val_loss', mode: 'auto' } })).toEqual([
      'keepBest.monitor: Keep best weights: monitor must name a log this run records (loss, accuracy); it is "val_loss". Logs starting with val_ need a validation split above 0.',
    ]);
    expect(messages({ ...ok, reduceLrOnPlateau: { ...plateau, monitor: 'mse' } })[0]).toMatch(/^reduceLrOnPlateau\.monitor: .* \(loss, accuracy, val_loss, val_accuracy\); it is "mse"/);
    expect(messages({ ...ok, earlyStopping: { monitor: 'val_acc', patience: 3, minDelta: 0, mode: 'auto', restoreBestWeights: false }, keepBest: { monitor: 'acc', mode: 'auto' } })).toEqual([]);
  });
});
