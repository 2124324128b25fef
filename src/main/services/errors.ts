import type { ApiError } from '../../shared/api/contract';

/**
 * An expected failure of a service call: it crosses the process boundary as `{code, message}`
 * and is shown to the user as is, so `message` must say what is wrong, where, and what to do.
 */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}
