import { describe, expect, it } from 'vitest';
import { assessRun, constantBaselineLoss, majorityClassShare, unscaledFeature, type OutcomeContext } from './outcome';
import { describeOutcome, divergedWeightsBlewUp } from './outcome-text';
import { formatEpochLine } from './epoch-log';

// Real histories are judged in src/main/engine/outcome.test.ts (they need the engine). Here the
// histories are written by hand: assessRun is a pure function of the numbers, so a history with
// the exact shape of a case (val_loss turning up at a known epoch) tests the rule itself, and
// makes the boundaries exact in a way a seeded training run could only approximate.

const context: OutcomeContext = {
  reason: 'completed',
  plannedEpochs: 30,
  task: 'regression',
  optimizer: { type: 'adam', learningRate: 0.001 },
  hasDropout: false,
};

const history = (losses: number[], extra: (i: number) => Record<string, number> = () => ({})) =>
  losses.map((loss, epoch) => ({ epoch, logs: { loss, ...extra(epoch) } }));

describe('assessRun', () => {
  it('calls a run whose validation loss turns up while training loss falls overfitting, from the epoch after the lowest', () => {
    // Training loss falls all along; val_loss is lowest at epoch 10 (0-based 9), then rises 1 % an epoch.
    const train = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
    const val = Array.from({ length: 30 }, (_, i) => (i <= 9 ? 1 - i * 0.05 : 0.55 * (1 + 0.03 * (i - 9))));
    const outcome = assessRun(history(train, (i) => ({ val_loss: val[i] })), context);
    expect(outcome.kind).toBe('overfitting');
    expect(outcome.overfitting!.fromEpoch).toBe(11);
    expect(outcome.remedies).toEqual([
      { kind: 'add-dropout', rate: 0.2 },
      { kind: 'set-epochs', epochs: 10, basis: 'best-epoch' },
    ]);
    expect(describeOutcome(outcome).message).toMatch(/^Overfitting from epoch 11: validation loss rose from 0\.5500 to /);
    // With a Dropout already in the graph, only the earlier stop is offered.
    expect(assessRun(history(train, (i) => ({ val_loss: val[i] })), { ...context, hasDropout: true }).remedies).toEqual([{ kind: 'set-epochs', epochs: 10, basis: 'best-epoch' }]);
  });

  it('does not call noise overfitting: a rise under 10 % or shorter than 5 epochs is learned', () => {
    const train = Array.from({ length: 20 }, (_, i) => 1 / (i + 1));
    const small = Array.from({ length: 20 }, (_, i) => (i <= 9 ? 1 - i * 0.05 : 0.55 * 1.05));
    expect(assessRun(history(train, (i) => ({ val_loss: small[i] })), context).kind).toBe('learned');
    const short = Array.from({ length: 20 }, (_, i) => (i <= 15 ? 1 - i * 0.05 : 0.25 * 1.5));
    expect(assessRun(history(train, (i) => ({ val_loss: short[i] })), context).kind).toBe('learned');
  });

  it('did not learn when the loss fell by less than 5 %, and says the run may be too short when it was still falling', () => {
    const slow = Array.from({ length: 10 }, (_, i) => 1 - i * 0.004);
    const outcome = assessRun(history(slow), { ...context, optimizer: { type: 'adam', learningRate: 1e-5 } });
    expect(outcome.kind).toBe('did-not-learn');
    expect(outcome.causes.map((c) => c.kind)).toEqual(['learning-rate-too-low', 'still-improving']);
    expect(outcome.remedies).toEqual([
      { kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'adam' },
      { kind: 'set-epochs', epochs: 20, basis: 'longer' },
    ]);
    expect(assessRun(history(Array.from({ length: 10 }, (_, i) => 1 - i * 0.01)), context).kind).toBe('learned');
  });

  it('did not learn when accuracy stays within 5 points of the majority share, even if the loss fell', () => {
    const losses = [2, 1.5, 1.2, 1.1, 1.05];
    const stuck = assessRun(history(losses, () => ({ acc: 0.62 })), { ...context, task: 'classification', numClasses: 2, majorityShare: 0.6 });
    expect(stuck.kind).toBe('did-not-learn');
    expect(describeOutcome(stuck).message).toMatch(/accuracy 0\.6200 is no better than chance level \(0\.6000/);
    expect(assessRun(history(losses, () => ({ acc: 0.9 })), { ...context, task: 'classification', numClasses: 2, majorityShare: 0.6 }).kind).toBe('learned');
    // Without the class shares chance is 1/classes.
    expect(assessRun(history(losses, () => ({ acc: 0.62 })), { ...context, task: 'classification', numClasses: 2 }).accuracy!.chance).toBe(0.5);
  });

  it('a stopped run is stopped; a diverged one names the learning rate and offers the default, or a tenth when already at it', () => {
    expect(assessRun(history([1, 0.5]), { ...context, reason: 'stopped' })).toMatchObject({ kind: 'stopped', epochs: 2, plannedEpochs: 30 });
    const diverged = assessRun(history([1e6]), { ...context, reason: 'diverged', optimizer: { type: 'sgd', learningRate: 5 } });
    expect(diverged.kind).toBe('diverged');
    expect(diverged.remedies).toEqual([{ kind: 'set-learning-rate', learningRate: 0.01, basis: 'optimizer-default', optimizer: 'sgd' }]);
    expect(describeOutcome(diverged).message).toMatch(/epoch 2/);
    // Diverged before any epoch finished: no "last good epoch" to keep (issue 10).
    const atOnce = assessRun(history([]), { ...context, reason: 'diverged', optimizer: { type: 'sgd', learningRate: 5 } });
    expect(describeOutcome(atOnce).message).toMatch(/epoch 1, before any epoch had finished.*initial random weights/);
    expect(describeOutcome(atOnce).message).not.toMatch(/last good epoch/);
    const atDefault = assessRun(history([1e6]), { ...context, reason: 'diverged', optimizer: { type: 'adam', learningRate: 0.001 } });
    expect(atDefault.remedies).toEqual([{ kind: 'set-learning-rate', learningRate: 0.0001, basis: 'tenth', optimizer: 'adam' }]);
    expect(describeOutcome(atDefault).remedies[0].label).toBe('Lower the learning rate to 0.0001');
    expect(describeOutcome(atDefault).causes[0].message).toMatch(/^Steps at learning rate 0\.001 are too large for this model and data/);
    expect(describeOutcome(diverged).causes[0].message).toMatch(/^The learning rate 5 is too high for SGD \(Keras default 0\.01\)/);
    // Trial 10 (11): a loss that rose from 2.1 to 2e72 before it overflowed keeps no model; saying
    // "the weights of the last good epoch were kept" contradicted the status ("not trained").
    const blewUp = assessRun(history([2.1, 3e10, 2.094e72]), { ...context, reason: 'diverged', optimizer: { type: 'sgd', learningRate: 10 } });
    expect(describeOutcome(blewUp).message).toMatch(/rising since the first epoch .*this run leaves no trained model/);
    expect(describeOutcome(blewUp).message).not.toMatch(/were kept/);
    expect(divergedWeightsBlewUp(blewUp.loss)).toBe(true);
    const fellThenBlew = assessRun(history([2, 1, 0.5]), { ...context, reason: 'diverged', optimizer: { type: 'sgd', learningRate: 10 } });
    expect(divergedWeightsBlewUp(fellThenBlew.loss)).toBe(false);
    expect(describeOutcome(fellThenBlew).message).toMatch(/weights of the last good epoch were kept/);
  });
});

describe('helpers', () => {
  it('majorityClassShare reads one-hot and index labels', () => {
    const y = new Float32Array([1, 0, 0, 1, 0, 1]);
    expect(majorityClassShare({ task: 'classification', rows: 3, y, labelWidth: 2, labelEncoding: 'onehot', numClasses: 2 })).toBeCloseTo(2 / 3);
    expect(majorityClassShare({ task: 'classification', rows: 4, y: new Float32Array([0, 2, 2, 1]), labelWidth: 1, labelEncoding: 'index', numClasses: 3 })).toBe(0.5);
    expect(majorityClassShare({ task: 'regression', rows: 1, y: new Float32Array([3]), labelWidth: 1, labelEncoding: 'value' })).toBeUndefined();
  });

  it('unscaledFeature names the feature on the largest scale only when scales call for normalising', () => {
    expect(unscaledFeature({ featureNames: ['a', 'b'], means: [0.5, 3], stds: [0.2, 1] })).toBeUndefined();
    expect(unscaledFeature({ featureNames: ['hue', 'proline'], means: [1, 750], stds: [0.2, 300] })).toEqual({ feature: 'proline', mean: 750, std: 300 });
  });

  it('formats a Keras-like epoch line', () => {
    expect(formatEpochLine({ epoch: 2, durationMs: 12.3, logs: { loss: 0.12344, acc: 0.881, val_loss: 0.2, val_acc: 0.75 } }, 100)).toBe(
      'Epoch 3/100 - 12ms - loss: 0.1234 - accuracy: 0.8810 - val_loss: 0.2000 - val_accuracy: 0.7500',
    );
    expect(formatEpochLine({ epoch: 0, logs: { loss: 2 } }, 1)).toBe('Epoch 1/1 - loss: 2.0000');
  });
});

describe('judgements a new user found wrong (issue 9)', () => {
  it('calls a regression no better than always answering the mean "did not learn", naming the baseline', () => {
    // The house-price model: training loss 179,523 → 143,881 (−20 %) while the labels' variance is 20,744.
    const losses = Array.from({ length: 200 }, (_, i) => 179_522.8 - (35_642 * i) / 199);
    const outcome = assessRun(history(losses), { ...context, plannedEpochs: 200, baselineLoss: 20_744 });
    expect(outcome.kind).toBe('did-not-learn');
    expect(outcome.causes[0]).toMatchObject({ kind: 'worse-than-constant', baseline: 20_744 });
    expect(describeOutcome(outcome).causes[0].message).toMatch(/no lower than always answering one constant value would score \(20744\.0000\)/);
    // Below the baseline the same fall is learned.
    expect(assessRun(history(losses.map((l) => l / 10)), { ...context, plannedEpochs: 200, baselineLoss: 20_744 }).kind).toBe('learned');
  });

  it('computes the constant baseline: the variance for MSE, the mean distance to the median for MAE', () => {
    const data = { task: 'regression' as const, rows: 4, labelWidth: 1, y: new Float32Array([1, 2, 3, 10]) };
    expect(constantBaselineLoss(data, 'meanSquaredError')).toBeCloseTo(((3 ** 2 + 2 ** 2 + 1 ** 2 + 6 ** 2) / 4), 6);
    expect(constantBaselineLoss(data, 'meanAbsoluteError')).toBeCloseTo((1.5 + 0.5 + 0.5 + 7.5) / 4, 6);
    expect(constantBaselineLoss({ ...data, task: 'classification' }, 'meanSquaredError')).toBeUndefined();
  });

  it('does not call one lucky validation epoch a best that the run then overfits from', () => {
    // The xor template: val_loss wanders between 0.033 and 0.06, with one dip to 0.0322 at epoch 80.
    const train = Array.from({ length: 100 }, (_, i) => 0.7 / (1 + i / 5));
    const val = Array.from({ length: 100 }, (_, i) => (i === 79 ? 0.0322 : i < 20 ? 0.6 - i * 0.028 : 0.04 + 0.01 * Math.sin(i * 1.7)));
    expect(assessRun(history(train, (i) => ({ val_loss: val[i] })), { ...context, plannedEpochs: 100 }).kind).toBe('learned');
  });

  it('names validation rows that measure nothing, with the split remedy, instead of offering Dropout', () => {
    const train = Array.from({ length: 30 }, (_, i) => 1 / (i + 1));
    const val = Array.from({ length: 30 }, (_, i) => (i <= 9 ? 1 - i * 0.05 : 0.55 * (1 + 0.03 * (i - 9))));
    const outcome = assessRun(history(train, (i) => ({ val_loss: val[i] })), { ...context, unrepresentative: { problem: 'sorted', fix: 'stratified' } });
    expect(outcome.kind).toBe('overfitting');
    expect(outcome.causes).toEqual([{ kind: 'unrepresentative-validation', problem: 'sorted' }]);
    expect(outcome.remedies).toEqual([{ kind: 'set-split-mode', mode: 'stratified' }]);
    expect(describeOutcome(outcome).remedies[0].label).toBe('Hold out rows class by class (stratified)');
  });
});
