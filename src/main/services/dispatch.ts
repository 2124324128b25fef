import type { z } from 'zod';
import {
  calls,
  type ApiError,
  type CallName,
  type CallRequest,
  type CallResponse,
  type WireResult,
} from '../../shared/api/contract';
import { quoteValue, truncate } from '../../shared/api/quote';
import { ServiceError } from './errors';

/**
 * Longest error message sent back, in characters. Messages quote values through `quoteValue`
 * (src/shared/api/quote.ts); this cap is the backstop for any that don't, so a 50 MB value in a
 * project file can't become a 50 MB message.
 */
export const MAX_ERROR_MESSAGE_CHARS = 2000;
/** Most `details` entries sent with an error (e.g. one per problem line). */
export const MAX_ERROR_DETAILS = 100;

/** One implementation of every API call; both hosts (Electron IPC and the browser host) dispatch to it. */
export type Handlers = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>>;
};

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

/** Turns zod issues into "field `a.b`: expected number, got string" lines a person can act on. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => {
    // Keys come from the sender: a 50 MB key must not become a 50 MB message.
    const where = issue.path.length ? `field \`${truncate(issue.path.map(String).join('.'))}\`` : 'the message';
    return `${where}: ${truncate(issue.message, 300)}`;
  });
}

/**
 * Validates a raw message against the contract, runs the handler and wraps the outcome.
 * Never throws: an unknown call, a malformed request or a failing handler all become an
 * error reply, so one bad message can't take the host down.
 */
export async function dispatch(handlers: Handlers, name: unknown, payload: unknown): Promise<WireResult<unknown>> {
  try {
    return await dispatchUnguarded(handlers, name, payload);
  } catch (error) {
    // Reached only by a fault in dispatch itself (validation overflowing the stack on a pathological
    // payload, say): logged in full, answered briefly.
    console.error('[neurite] dispatch failed', error);
    return fail({ code: 'internal', message: `Internal error while handling ${isCallName(name) ? name : 'a message'}: ${truncate(describeError(error), 300)}` });
  }
}

async function dispatchUnguarded(handlers: Handlers, name: unknown, payload: unknown): Promise<WireResult<unknown>> {
  if (!isCallName(name)) {
    return fail({
      code: 'unknown-call',
      message: `Unknown API call ${quoteValue(name)}: expected one of ${Object.keys(calls).join(', ')}.`,
    });
  }
  const parsed = calls[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const lines = describeIssues(parsed.error);
    return fail({ code: 'bad-request', message: `Invalid request for ${name}: ${lines.join('; ')}`, details: lines });
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    const value = await handler(parsed.data);
    const checked = calls[name].response.safeParse(value);
    if (!checked.success) {
      console.error(`[neurite] response of ${name} broke the contract`, checked.error.issues);
      return fail({ code: 'internal', message: `Internal error: the reply of ${name} did not match the API contract.` });
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    if (error instanceof ServiceError) return fail(error.toApiError());
    console.error(`[neurite] ${name} failed`, error);
    return fail({ code: 'internal', message: `Internal error in ${name}: ${truncate(describeError(error), 300)}` });
  }
}

function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an error that cannot be described';
  }
}

function fail(error: ApiError): WireResult<never> {
  return {
    ok: false,
    error: {
      ...error,
      message: truncate(error.message, MAX_ERROR_MESSAGE_CHARS),
      ...(error.details ? { details: error.details.slice(0, MAX_ERROR_DETAILS) } : {}),
    },
  };
}
