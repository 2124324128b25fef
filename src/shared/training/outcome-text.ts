import { getOptimizer } from '../optimizers';
import { CHANCE_MARGIN, type Cause, type OutcomeKind, type Remedy, type RunOutcome } from './outcome';

/**
 * The words of a run outcome, in English. The editor's dictionary (src/renderer/src/i18n/en.ts)
 * spreads this table and zh-CN.ts translates the same keys; the command line uses it directly.
 * `{name}` marks a value filled in by {@link describeOutcome}.
 */
export const OUTCOME_MESSAGES_EN = {
  'outcome.kind.learned': 'Learned',
  'outcome.kind.didNotLearn': 'Did not learn',
  'outcome.kind.diverged': 'Diverged',
  'outcome.kind.overfitting': 'Overfitting',
  'outcome.kind.stopped': 'Stopped',
  'outcome.message.learned': 'The model learned: training loss fell from {first} to {last} in {epochs} epochs.',
  'outcome.message.learnedAccuracy': 'The model learned: training loss fell from {first} to {last} and accuracy reached {accuracy} (chance level {chance}).',
  'outcome.message.didNotLearn': 'The model did not learn: training loss went from {first} to {last} ({change}) in {epochs} epochs.',
  'outcome.message.didNotLearnAccuracy':
    'The model did not learn: accuracy {accuracy} is no better than chance level ({chance}, what always answering the most common class scores); training loss went from {first} to {last} ({change}).',
  'outcome.message.diverged': 'Training diverged: the loss became NaN or infinite in epoch {epoch}, so the run was stopped; the weights of the last good epoch were kept.',
  'outcome.message.divergedBlewUp':
    'Training diverged: the loss became NaN or infinite in epoch {epoch}, so the run was stopped. The loss had been rising since the first epoch ({first} → {last}), so the weights it reached are not used: this run leaves no trained model.',
  'outcome.message.divergedFirstEpoch': 'Training diverged: the loss became NaN or infinite in epoch 1, before any epoch had finished, so the run was stopped; the model still has its initial random weights.',
  'outcome.message.overfitting': 'Overfitting from epoch {epoch}: validation loss rose from {best} to {last} while training loss kept falling.',
  'outcome.message.stopped': 'Stopped after {epochs} of {planned} epochs.',
  'outcome.cause.learningRateTooHigh': 'The learning rate {learningRate} is too high for {optimizer} (Keras default {default}): each step overshoots.',
  'outcome.cause.learningRateTooLargeForData': 'Steps at learning rate {learningRate} are too large for this model and data, although that is within {optimizer}’s Keras default ({default}).',
  'outcome.cause.learningRateTooLow': 'The learning rate {learningRate} is very low for {optimizer} (Keras default {default}): the loss falls too slowly.',
  'outcome.cause.inputsNotNormalized':
    'The inputs are not normalised: “{feature}” is around {mean} ± {std} while normalisation is off; inputs that large saturate the activations.',
  'outcome.cause.stillImproving': 'The loss was still falling at epoch {epochs}: the run may be too short.',
  'outcome.cause.weakModelOrData': 'No setting explains it: the model may be too small, or the features may not predict the label.',
  'outcome.cause.memorizing': 'The model fits the training rows more and more closely but does worse on rows it has not seen.',
  'outcome.cause.worseThanConstant':
    'The training loss (mean of the last epochs: {loss}) is no lower than always answering one constant value would score ({baseline}): the model has not learned anything usable yet.',
  'outcome.cause.unrepresentativeSorted':
    'The validation rows are the file’s last rows, and the file is sorted by its label: they hold mostly the last label(s), not a fair sample of the data, so the validation numbers do not measure how the model does on unseen rows.',
  'outcome.cause.unrepresentativeClass': 'The validation rows hold a class the training rows never contain, so the validation numbers measure nothing.',
  'outcome.remedy.learningRateDefault': 'Use {optimizer}’s default learning rate ({learningRate})',
  'outcome.remedy.learningRateTenth': 'Lower the learning rate to {learningRate}',
  'outcome.remedy.normalize': 'Normalise the inputs (z-score)',
  'outcome.remedy.addDropout': 'Add Dropout({rate}) before the output layer',
  'outcome.remedy.epochsLonger': 'Train for {epochs} epochs',
  'outcome.remedy.epochsBest': 'Train for {epochs} epochs (where validation loss was lowest)',
  // Issue 13 follow-up (plurals): the one-epoch forms of the messages above.
  'outcome.message.learnedOneEpoch': 'The model learned: training loss fell from {first} to {last} in 1 epoch.',
  'outcome.message.didNotLearnOneEpoch': 'The model did not learn: training loss went from {first} to {last} ({change}) in 1 epoch.',
  'outcome.remedy.epochsLongerOne': 'Train for 1 epoch',
  'outcome.remedy.epochsBestOne': 'Train for 1 epoch (where validation loss was lowest)',
  'outcome.remedy.splitShuffle': 'Hold out rows at random (shuffle before splitting)',
  'outcome.remedy.splitStratified': 'Hold out rows class by class (stratified)',
} as const;

export type OutcomeMessageKey = keyof typeof OUTCOME_MESSAGES_EN;
export type OutcomeTranslate = (key: OutcomeMessageKey, vars?: Record<string, string | number>) => string;

/** English, for the command line (the editor passes its own translator). */
export const englishOutcome: OutcomeTranslate = (key, vars) =>
  vars ? OUTCOME_MESSAGES_EN[key].replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : OUTCOME_MESSAGES_EN[key];

/** Four decimals, as Keras prints logs; exponent form for values too small or large to read that way. */
export function formatLogValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a < 1e-4 || a >= 1e6) ? value.toExponential(3) : value.toFixed(4);
}

const percent = (change: number) => `${change > 0 ? '+' : change < 0 ? '−' : '±'}${Math.abs(change * 100).toFixed(1)} %`;

export const OUTCOME_KIND_KEY: Record<OutcomeKind, OutcomeMessageKey> = {
  learned: 'outcome.kind.learned',
  'did-not-learn': 'outcome.kind.didNotLearn',
  diverged: 'outcome.kind.diverged',
  overfitting: 'outcome.kind.overfitting',
  stopped: 'outcome.kind.stopped',
};

/**
 * Whether a diverged run's last finite epoch is worth predicting with: not when its training loss
 * was already higher than the first epoch's (the weights were growing out of control before they
 * overflowed). One rule for the outcome's words and the app's "is there a trained model?".
 */
export function divergedWeightsBlewUp(loss: { first: number; last: number } | null | undefined): boolean {
  return !!loss && loss.last > loss.first;
}

export function outcomeMessage(outcome: RunOutcome, t: OutcomeTranslate = englishOutcome): string {
  const loss = outcome.loss;
  // The words quote the first and last epochs, the numbers the run panel shows; the judgement used tail means.
  const lossVars = loss
    ? { first: formatLogValue(loss.first), last: formatLogValue(loss.last), change: percent(loss.first === 0 ? 0 : (loss.last - loss.first) / Math.abs(loss.first)) }
    : { first: '—', last: '—', change: '—' };
  const accuracyVars = outcome.accuracy ? { accuracy: formatLogValue(outcome.accuracy.last), chance: formatLogValue(outcome.accuracy.chance) } : null;
  switch (outcome.kind) {
    case 'learned':
      return accuracyVars
        ? t('outcome.message.learnedAccuracy', { ...lossVars, ...accuracyVars })
        : outcome.epochs === 1 ? t('outcome.message.learnedOneEpoch', lossVars) : t('outcome.message.learned', { ...lossVars, epochs: outcome.epochs });
    case 'did-not-learn':
      return accuracyVars && outcome.accuracy!.tailMean <= outcome.accuracy!.chance + CHANCE_MARGIN
        ? t('outcome.message.didNotLearnAccuracy', { ...lossVars, ...accuracyVars })
        : outcome.epochs === 1 ? t('outcome.message.didNotLearnOneEpoch', lossVars) : t('outcome.message.didNotLearn', { ...lossVars, epochs: outcome.epochs });
    case 'diverged':
      // No finished epoch: the trainer put back the weights it started from (random ones, unless resumed).
      if (outcome.epochs === 0) return t('outcome.message.divergedFirstEpoch');
      // The weights were blowing up before they overflowed: not kept as a model (one rule with the app's trainedModel).
      return divergedWeightsBlewUp(loss) ? t('outcome.message.divergedBlewUp', { epoch: outcome.epochs + 1, ...lossVars! }) : t('outcome.message.diverged', { epoch: outcome.epochs + 1 });
    case 'overfitting':
      return t('outcome.message.overfitting', {
        epoch: outcome.overfitting?.fromEpoch ?? '?',
        best: outcome.overfitting ? formatLogValue(outcome.overfitting.bestValLoss) : '—',
        last: outcome.overfitting ? formatLogValue(outcome.overfitting.lastValLoss) : '—',
      });
    case 'stopped':
      return t('outcome.message.stopped', { epochs: outcome.epochs, planned: outcome.plannedEpochs });
  }
}

export function causeText(cause: Cause, t: OutcomeTranslate = englishOutcome): string {
  switch (cause.kind) {
    case 'learning-rate-too-high':
    case 'learning-rate-too-low':
      return t(
        cause.kind === 'learning-rate-too-low'
          ? 'outcome.cause.learningRateTooLow'
          : cause.learningRate > cause.defaultLearningRate
            ? 'outcome.cause.learningRateTooHigh'
            : 'outcome.cause.learningRateTooLargeForData',
        {
          learningRate: cause.learningRate,
          optimizer: getOptimizer(cause.optimizer).label,
          default: cause.defaultLearningRate,
        },
      );
    case 'inputs-not-normalized':
      return t('outcome.cause.inputsNotNormalized', { feature: cause.feature, mean: Number(cause.mean.toPrecision(4)), std: Number(cause.std.toPrecision(3)) });
    case 'still-improving':
      return t('outcome.cause.stillImproving', { epochs: cause.epochs });
    case 'weak-model-or-data':
      return t('outcome.cause.weakModelOrData');
    case 'memorizing':
      return t('outcome.cause.memorizing');
    case 'worse-than-constant':
      return t('outcome.cause.worseThanConstant', { loss: formatLogValue(cause.loss), baseline: formatLogValue(cause.baseline) });
    case 'unrepresentative-validation':
      return t(cause.problem === 'sorted' ? 'outcome.cause.unrepresentativeSorted' : 'outcome.cause.unrepresentativeClass');
  }
}

export function remedyLabel(remedy: Remedy, t: OutcomeTranslate = englishOutcome): string {
  switch (remedy.kind) {
    case 'set-learning-rate':
      return remedy.basis === 'optimizer-default'
        ? t('outcome.remedy.learningRateDefault', { optimizer: getOptimizer(remedy.optimizer).label, learningRate: remedy.learningRate })
        : t('outcome.remedy.learningRateTenth', { learningRate: remedy.learningRate });
    case 'normalize-inputs':
      return t('outcome.remedy.normalize');
    case 'add-dropout':
      return t('outcome.remedy.addDropout', { rate: remedy.rate });
    case 'set-epochs':
      if (remedy.epochs === 1) return t(remedy.basis === 'longer' ? 'outcome.remedy.epochsLongerOne' : 'outcome.remedy.epochsBestOne');
      return t(remedy.basis === 'longer' ? 'outcome.remedy.epochsLonger' : 'outcome.remedy.epochsBest', { epochs: remedy.epochs });
    case 'set-split-mode':
      return t(remedy.mode === 'shuffle' ? 'outcome.remedy.splitShuffle' : 'outcome.remedy.splitStratified');
  }
}

/** The outcome with its words: what `neurite train --json` prints under `outcome`. */
export function describeOutcome(outcome: RunOutcome, t: OutcomeTranslate = englishOutcome) {
  return {
    ...outcome,
    title: t(OUTCOME_KIND_KEY[outcome.kind]),
    message: outcomeMessage(outcome, t),
    causes: outcome.causes.map((cause) => ({ ...cause, message: causeText(cause, t) })),
    remedies: outcome.remedies.map((remedy) => ({ ...remedy, label: remedyLabel(remedy, t) })),
  };
}
