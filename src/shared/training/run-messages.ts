import { renderTemplate, type MessageParams } from '../graph/problem-text';

/**
 * Issue 16: what the trainer says when a run ends early or fails, as data. The English is written
 * once here, next to nothing heavy so src/shared/i18n/en.ts can spread it; the trainer
 * (src/main/engine/train-loop.ts, trainer-process.ts, trainer-host.ts) raises these ids with their
 * `params` and keeps the English `message` (CLI, API, logs) rendered from the same template; the
 * UI renders the id through its dictionary. `{name}` marks a parameter; `{log}` is a Keras log name
 * (`loss`, `val_accuracy`) and `{value}` the non-finite value (`NaN`, `Infinity`), kept as is.
 */
export const RUN_MESSAGES_EN = {
  'train.diverged.batch':
    'The loss became {value} at epoch {epoch}, batch {batch}; training was stopped. Likely causes: the learning rate is too high (try 10× smaller), or the inputs are not normalised (large feature values; try z-score normalisation). The weights from the last good epoch were kept.',
  'train.diverged.epoch':
    'The {log} became {value} at the end of epoch {epoch}; training was stopped. Likely causes: the learning rate is too high (try 10× smaller), or the inputs are not normalised (large feature values; try z-score normalisation). The weights from the last good epoch were kept.',
  'train.busy.run': 'Run {runId} is still training; stop it before starting another.',
  'train.busy.lrFinder': 'The learning-rate finder is running; stop it or wait for it to end before training.',
  'train.crashed':
    'The training process stopped unexpectedly (exit code {exitCode}). Your project is untouched; press Train to try again — a fresh trainer will be started.',
  'train.crashed.signal':
    'The training process stopped unexpectedly (exit code none, killed by a signal). Your project is untouched; press Train to try again — a fresh trainer will be started.',
  'train.crashedBeforeAnswer': 'The training process stopped (exit code {exitCode}) before answering.',
} as const;

export type RunMessageId = keyof typeof RUN_MESSAGES_EN;

/** A message as data: its id, its parameters, and the English rendered from them. */
export interface MessageWords {
  messageId: string;
  params: MessageParams;
  message: string;
}

/** The words of run message `messageId` with `params`: the id, the params and the English `message`. */
export function runWords(messageId: RunMessageId, params: MessageParams = {}): MessageWords {
  return { messageId, params, message: renderTemplate(RUN_MESSAGES_EN, messageId, params) };
}
