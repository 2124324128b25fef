import type { GraphProblem } from '../api/contract';
import { getOptimizer } from '../optimizers';
import type { OptimizerFieldName } from '../optimizers/types';
import { OPTIMIZERS, type TrainingSettings } from '../project/schema';
import { EARLY_STOPPING_LIMITS, LR_SCHEDULE_LIMITS, REDUCE_LR_LIMITS, TRAINING_LIMITS, checkLimit, type LimitBreach, type NumberLimit, type TrainingNumberField } from './limits';
import { kerasLogName } from './epoch-log';

/**
 * Checks the training settings of a document the way `validateGraph` checks its graph: every
 * problem is pinned to a settings field and says, in plain words, the field, the limit and the
 * value. The editor shows these on the field, counts them in the status bar and refuses Train
 * with them; main checks again before training. Limits come from src/shared/training/limits.ts
 * (which the project schema also reads), so the editor, main and the file format agree.
 */

/** A settings field: a top-level number, the optimizer's type, or one of its fields. */
export type SettingsField =
  | TrainingNumberField
  | 'optimizer.type'
  | `optimizer.${OptimizerFieldName}`
  | 'earlyStopping.monitor'
  | 'earlyStopping.patience'
  | 'earlyStopping.minDelta'
  | 'earlyStopping.mode'
  | 'earlyStopping.restoreBestWeights'
  // Issue 15 callbacks
  | `reduceLrOnPlateau.${'monitor' | 'factor' | 'patience' | 'mode' | 'minDelta' | 'cooldown' | 'minLr'}`
  | `lrSchedule.${'kind' | 'factor' | 'everyEpochs' | 'decaySteps' | 'decayRate' | 'staircase' | 'alpha' | 'warmupSteps'}`
  | `keepBest.${'monitor' | 'mode'}`;

/** Which words a problem takes; each is one message in SETTINGS_PROBLEM_MESSAGES_EN (and its translations). */
export type SettingsMessageId = 'atLeast' | 'greaterThan' | 'atMost' | 'lessThan' | 'wholeNumber' | 'notANumber' | 'notTrueFalse' | 'unknownOptimizer' | 'noTrainingRows' | 'unknownMonitor' | 'scheduleWithPlateau';

export interface SettingsProblem {
  code: 'invalid-setting';
  field: SettingsField;
  messageId: SettingsMessageId;
  /** The message's parameters: the field (by its label key), the kind of number, the bound and the value as text. */
  params: { labelKey: string; integer: boolean; bound: number | null; value: string; expected?: string };
  /** The English message (CLI, API, logs); the UI renders `messageId` + `params` in its language. */
  message: string;
}

/**
 * The English messages; `{field}` is the field's label, `{kind}` "a whole number" or "a number".
 * The renderer's English dictionary includes these entries as they are.
 */
export const SETTINGS_PROBLEM_MESSAGES_EN = {
  'settingsProblem.atLeast': '{field} must be {kind} of at least {bound}; it is {value}.',
  'settingsProblem.greaterThan': '{field} must be {kind} greater than {bound}; it is {value}.',
  'settingsProblem.atMost': '{field} must be {kind} of at most {bound}; it is {value}.',
  'settingsProblem.lessThan': '{field} must be {kind} less than {bound}; it is {value}.',
  'settingsProblem.wholeNumber': '{field} must be a whole number; it is {value}.',
  'settingsProblem.notANumber': '{field} must be {kind}; it is {value}.',
  'settingsProblem.notTrueFalse': '{field} must be on or off; it is {value}.',
  'settingsProblem.unknownOptimizer': '{field} must be one of {value}.',
  'settingsProblem.noTrainingRows': '{field} and the validation split together hold out {value} of the rows; together they must stay below 1 so that rows are left for training.',
  'settingsProblem.unknownMonitor': '{field} must name a log this run records ({expected}); it is {value}. Logs starting with val_ need a validation split above 0.',
  'settingsProblem.scheduleWithPlateau': '{field} cannot be used together with reduce learning rate on plateau: Keras\' ReduceLROnPlateau needs a fixed learning rate, and a schedule sets it every step. Turn one of them off.',
  'settingsProblem.kindInteger': 'a whole number',
  'settingsProblem.kindNumber': 'a number',
  'settingsProblem.empty': 'empty or not a number',
} as const;

/** English labels of the issue 15 callback fields; the renderer's English dictionary includes them as they are. */
export const CALLBACK_LABELS_EN = {
  'settings.reduceLrOnPlateau.monitor': 'Reduce LR on plateau: monitor',
  'settings.reduceLrOnPlateau.factor': 'Reduce LR on plateau: factor',
  'settings.reduceLrOnPlateau.patience': 'Reduce LR on plateau: patience',
  'settings.reduceLrOnPlateau.mode': 'Reduce LR on plateau: mode',
  'settings.reduceLrOnPlateau.minDelta': 'Reduce LR on plateau: minimum change',
  'settings.reduceLrOnPlateau.cooldown': 'Reduce LR on plateau: cooldown',
  'settings.reduceLrOnPlateau.minLr': 'Reduce LR on plateau: minimum learning rate',
  'settings.lrSchedule.kind': 'Learning-rate schedule',
  'settings.lrSchedule.factor': 'Learning-rate schedule: factor',
  'settings.lrSchedule.everyEpochs': 'Learning-rate schedule: every (epochs)',
  'settings.lrSchedule.decaySteps': 'Learning-rate schedule: decay steps',
  'settings.lrSchedule.decayRate': 'Learning-rate schedule: decay rate',
  'settings.lrSchedule.staircase': 'Learning-rate schedule: staircase',
  'settings.lrSchedule.alpha': 'Learning-rate schedule: alpha',
  'settings.lrSchedule.warmupSteps': 'Learning-rate schedule: warm-up steps',
  'settings.keepBest.monitor': 'Keep best weights: monitor',
  'settings.keepBest.mode': 'Keep best weights: mode',
} as const;

/** English labels of the settings fields, by the renderer's label keys (the dictionary has the same text). */
const LABELS_EN: Record<string, string> = {
  'settings.epochs': 'Epochs',
  'settings.batchSize': 'Batch size',
  'settings.validationSplit': 'Validation split',
  'settings.testSplit': 'Test split',
  'settings.optimizer': 'Optimizer',
  'settings.learningRate': 'Learning rate',
  'settings.momentum': 'Momentum',
  'settings.rho': 'Rho',
  'settings.beta1': 'Beta 1',
  'settings.beta2': 'Beta 2',
  'settings.epsilon': 'Epsilon',
  'settings.nesterov': 'Nesterov',
  'settings.earlyStopping.monitor': 'Early stopping: monitor',
  'settings.earlyStopping.patience': 'Early stopping: patience',
  'settings.earlyStopping.minDelta': 'Early stopping: minimum change',
  'settings.earlyStopping.mode': 'Early stopping: mode',
  'settings.earlyStopping.restoreBestWeights': 'Early stopping: restore best weights',
  ...CALLBACK_LABELS_EN,
};


export type MessageRenderer = (key: keyof typeof SETTINGS_PROBLEM_MESSAGES_EN | string, vars?: Record<string, string | number>) => string;

/** Renders a problem through a dictionary (the UI's translator, or English by default). */
export function renderSettingsProblem(problem: Pick<SettingsProblem, 'messageId' | 'params'>, t: MessageRenderer = english): string {
  const { labelKey, integer, bound, value, expected } = problem.params;
  return t(`settingsProblem.${problem.messageId}`, {
    field: t(labelKey),
    kind: t(integer ? 'settingsProblem.kindInteger' : 'settingsProblem.kindNumber'),
    bound: bound === null ? '' : formatBound(bound),
    value: value === '' ? t('settingsProblem.empty') : value,
    expected: expected ?? '',
  });
}

function english(key: string, vars?: Record<string, string | number>): string {
  const text = (SETTINGS_PROBLEM_MESSAGES_EN as Record<string, string>)[key] ?? LABELS_EN[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

const formatBound = (n: number) => String(n);
const formatValue = (v: unknown): string => (typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'boolean' ? String(v) : '');

function breachMessage(breach: LimitBreach, limit: NumberLimit): { messageId: SettingsMessageId; bound: number | null } {
  switch (breach) {
    case 'not-a-number':
      return { messageId: 'notANumber', bound: null };
    case 'not-integer':
      return { messageId: 'wholeNumber', bound: null };
    case 'below-min':
      return { messageId: limit.minExclusive ? 'greaterThan' : 'atLeast', bound: limit.min };
    case 'above-max':
      return { messageId: limit.maxExclusive ? 'lessThan' : 'atMost', bound: limit.max };
  }
}

function numberProblem(field: SettingsField, labelKey: string, value: unknown, limit: NumberLimit): SettingsProblem | null {
  const breach = checkLimit(value, limit);
  if (!breach) return null;
  const { messageId, bound } = breachMessage(breach, limit);
  const params = { labelKey, integer: limit.integer === true, bound, value: formatValue(value) };
  const problem = { code: 'invalid-setting' as const, field, messageId, params, message: '' };
  problem.message = renderSettingsProblem(problem);
  return problem;
}

/** The problems of the settings, in the panel's order (optimizer first, then epochs, batch size, split). */
export function validateTrainingSettings(settings: TrainingSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const push = (p: SettingsProblem | null) => p && problems.push(p);
  const optimizer = settings.optimizer as Record<string, unknown> & TrainingSettings['optimizer'];
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer?.type)) {
    const problem: SettingsProblem = {
      code: 'invalid-setting',
      field: 'optimizer.type',
      messageId: 'unknownOptimizer',
      params: { labelKey: 'settings.optimizer', integer: false, bound: null, value: OPTIMIZERS.join(', ') },
      message: '',
    };
    problem.message = renderSettingsProblem(problem);
    problems.push(problem);
  } else {
    for (const field of getOptimizer(optimizer.type).fields) {
      const value = optimizer[field.name];
      if (field.kind === 'number') {
        // Unset optional fields take the Keras default; the learning rate is always stored.
        if (value === undefined && field.name !== 'learningRate') continue;
        push(numberProblem(`optimizer.${field.name}`, field.labelKey, value, field.limit));
      } else if (value !== undefined && typeof value !== 'boolean') {
        const problem: SettingsProblem = {
          code: 'invalid-setting',
          field: `optimizer.${field.name}`,
          messageId: 'notTrueFalse',
          params: { labelKey: field.labelKey, integer: false, bound: null, value: String(value) },
          message: '',
        };
        problem.message = renderSettingsProblem(problem);
        problems.push(problem);
      }
    }
  }
  for (const name of Object.keys(TRAINING_LIMITS) as TrainingNumberField[]) {
    push(numberProblem(name, `settings.${name}`, settings[name], TRAINING_LIMITS[name]));
  }
  // Each fraction may be valid alone and still leave no row to train on (src/shared/data/split.ts).
  const held = settings.validationSplit + settings.testSplit;
  if (Number.isFinite(held) && !problems.some((p) => p.field === 'validationSplit' || p.field === 'testSplit') && held >= 1) {
    const problem: SettingsProblem = {
      code: 'invalid-setting',
      field: 'testSplit',
      messageId: 'noTrainingRows',
      params: { labelKey: 'settings.testSplit', integer: false, bound: 1, value: String(Math.round(held * 1000) / 1000) },
      message: '',
    };
    problem.message = renderSettingsProblem(problem);
    problems.push(problem);
  }
  problems.push(...earlyStoppingProblems(settings));
  problems.push(...callbackProblems(settings));
  return problems;
}

/**
 * The logs a run with these settings records, under Keras' names: `loss`, each metric, and with a
 * validation split above 0 the same with `val_`. Early stopping may watch any of them.
 */
export function recordedLogNames(settings: Pick<TrainingSettings, 'metrics' | 'validationSplit'>): string[] {
  const train = ['loss', ...(settings.metrics ?? [])];
  return settings.validationSplit > 0 ? [...train, ...train.map((n) => `val_${n}`)] : train;
}

/** A problem of a callback field other than a number out of its limits (an unknown mode or monitor, a value that is not true/false), worded by `renderSettingsProblem`. */
function otherProblem(field: SettingsField, messageId: SettingsMessageId, value: string, expected?: string): SettingsProblem {
  const problem: SettingsProblem = {
    code: 'invalid-setting',
    field,
    messageId,
    params: { labelKey: `settings.${field}`, integer: false, bound: null, value, ...(expected ? { expected } : {}) },
    message: '',
  };
  problem.message = renderSettingsProblem(problem);
  return problem;
}

/** Problems of `settings.earlyStopping` (absent = off = none): its limits, its mode, and a monitor this run will not log. */
function earlyStoppingProblems(settings: TrainingSettings): SettingsProblem[] {
  const es = settings.earlyStopping;
  if (!es) return [];
  const problems: SettingsProblem[] = [];
  const push = (p: SettingsProblem | null) => p && problems.push(p);
  const other = (field: SettingsField, messageId: SettingsMessageId, value: string, expected?: string) => problems.push(otherProblem(field, messageId, value, expected));
  const logs = recordedLogNames(settings);
  if (!isRecordedLog(es.monitor, logs)) {
    other('earlyStopping.monitor', 'unknownMonitor', JSON.stringify(es.monitor ?? ''), logs.join(', '));
  }
  push(numberProblem('earlyStopping.patience', 'settings.earlyStopping.patience', es.patience, EARLY_STOPPING_LIMITS.patience));
  push(numberProblem('earlyStopping.minDelta', 'settings.earlyStopping.minDelta', es.minDelta, EARLY_STOPPING_LIMITS.minDelta));
  if (!['auto', 'min', 'max'].includes(es.mode)) other('earlyStopping.mode', 'unknownOptimizer', 'auto, min, max');
  if (typeof es.restoreBestWeights !== 'boolean') other('earlyStopping.restoreBestWeights', 'notTrueFalse', String(es.restoreBestWeights));
  return problems;
}

/**
 * Whether a monitor names one of `logs` (Keras names), also under tfjs' spelling: `acc`/`val_acc`,
 * as `neurite train --json` prints the history, are `accuracy`/`val_accuracy` (trial 7).
 */
export function isRecordedLog(monitor: unknown, logs: readonly string[]): boolean {
  return typeof monitor === 'string' && logs.includes(kerasLogName(monitor));
}

/** Problems of the issue 15 callbacks (absent = off = none): limits, modes, monitors this run will not log, and a schedule together with reduce-on-plateau. */
function callbackProblems(settings: TrainingSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  const push = (p: SettingsProblem | null) => p && problems.push(p);
  const other = (field: SettingsField, messageId: SettingsMessageId, value: string, expected?: string) => problems.push(otherProblem(field, messageId, value, expected));
  const number = (field: SettingsField, value: unknown, limit: NumberLimit) => push(numberProblem(field, `settings.${field}`, value, limit));
  const logs = recordedLogNames(settings);
  const modes = ['auto', 'min', 'max'];
  const r = settings.reduceLrOnPlateau;
  if (r) {
    if (!isRecordedLog(r.monitor, logs)) other('reduceLrOnPlateau.monitor', 'unknownMonitor', JSON.stringify(r.monitor ?? ''), logs.join(', '));
    number('reduceLrOnPlateau.factor', r.factor, REDUCE_LR_LIMITS.factor);
    number('reduceLrOnPlateau.patience', r.patience, REDUCE_LR_LIMITS.patience);
    if (!modes.includes(r.mode)) other('reduceLrOnPlateau.mode', 'unknownOptimizer', modes.join(', '));
    number('reduceLrOnPlateau.minDelta', r.minDelta, REDUCE_LR_LIMITS.minDelta);
    number('reduceLrOnPlateau.cooldown', r.cooldown, REDUCE_LR_LIMITS.cooldown);
    number('reduceLrOnPlateau.minLr', r.minLr, REDUCE_LR_LIMITS.minLr);
  }
  const s = settings.lrSchedule;
  if (s) {
    if (r) other('lrSchedule.kind', 'scheduleWithPlateau', s.kind);
    if (s.kind === 'step') {
      number('lrSchedule.factor', s.factor, LR_SCHEDULE_LIMITS.factor);
      number('lrSchedule.everyEpochs', s.everyEpochs, LR_SCHEDULE_LIMITS.everyEpochs);
    } else if (s.kind === 'exponential') {
      number('lrSchedule.decaySteps', s.decaySteps, LR_SCHEDULE_LIMITS.decaySteps);
      number('lrSchedule.decayRate', s.decayRate, LR_SCHEDULE_LIMITS.decayRate);
      if (typeof s.staircase !== 'boolean') other('lrSchedule.staircase', 'notTrueFalse', String(s.staircase));
    } else if (s.kind === 'cosine') {
      number('lrSchedule.decaySteps', s.decaySteps, LR_SCHEDULE_LIMITS.decaySteps);
      number('lrSchedule.alpha', s.alpha, LR_SCHEDULE_LIMITS.alpha);
    } else {
      other('lrSchedule.kind', 'unknownOptimizer', 'step, exponential, cosine');
    }
    number('lrSchedule.warmupSteps', s.warmupSteps, LR_SCHEDULE_LIMITS.warmupSteps);
  }
  const k = settings.keepBest;
  if (k) {
    if (!isRecordedLog(k.monitor, logs)) other('keepBest.monitor', 'unknownMonitor', JSON.stringify(k.monitor ?? ''), logs.join(', '));
    if (!modes.includes(k.mode)) other('keepBest.mode', 'unknownOptimizer', modes.join(', '));
  }
  return problems;
}

/** The problem as an entry of the graph-problem list (status bar count, the refused-Train list, the API's `invalid-graph` details). */
export function settingsProblemAsGraphProblem(problem: SettingsProblem, message: string = problem.message): GraphProblem {
  return { code: problem.code, severity: 'error', field: problem.field, message };
}
