import type { ApiError } from '../../shared/api/contract';
import type { MessageParams } from '../../shared/graph/problem-text';

/**
 * An expected failure of a service call: it crosses the process boundary as `{code, message}`
 * and is shown to the user as is, so `message` must say what is wrong, where, and what to do.
 * Issue 16: `words` (a dictionary key and its parameters, see `MessageWordsFields` in the
 * contract) let the UI show the message in its language; `message` stays the English.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly words?: { messageId: string; params?: MessageParams },
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toApiError(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.words ? { messageId: this.words.messageId, params: this.words.params ?? {} } : {}),
    };
  }
}
