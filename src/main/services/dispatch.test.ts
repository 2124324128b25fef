import { describe, expect, it } from 'vitest';
import { dispatch, MAX_ERROR_DETAILS, MAX_ERROR_MESSAGE_CHARS, type Handlers } from './dispatch';
import { ServiceError } from './errors';

// Handlers whose behaviour is under the test's control: the subject here is dispatch's
// validation and error wrapping, not the services behind it.
function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notUsed = async () => {
    throw new Error('not used in this test');
  };
  return {
    'app.info': async () => ({ version: '1.2.3', host: 'web', platform: 'linux' }),
    'engine.backend': notUsed,
    'templates.list': async () => [],
    'templates.get': notUsed,
    'train.start': notUsed,
    'train.stop': async ({ runId }) => ({ stopped: runId === 'r1' }),
    'model.predict': notUsed,
    ...overrides,
  } as Handlers;
}

describe('dispatch', () => {
  it('runs a valid call and returns its value', async () => {
    expect(await dispatch(handlers(), 'app.info', {})).toEqual({ ok: true, value: { version: '1.2.3', host: 'web', platform: 'linux' } });
    expect(await dispatch(handlers(), 'train.stop', { runId: 'r1' })).toEqual({ ok: true, value: { stopped: true } });
  });

  it('answers an unknown call with an error, not a crash', async () => {
    const result = await dispatch(handlers(), 'fs.readFile', { path: '/etc/passwd' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unknown-call');
      expect(result.error.message).toContain('fs.readFile');
    }
    for (const name of [undefined, 42, { toString: 1 }, '__proto__', 'constructor']) {
      const r = await dispatch(handlers(), name, {});
      expect(r.ok).toBe(false);
    }
  });

  it('refuses a malformed request and names the field', async () => {
    const result = await dispatch(handlers(), 'train.stop', { runId: 7 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('runId');
    }
    const noPayload = await dispatch(handlers(), 'train.stop', null);
    expect(noPayload.ok).toBe(false);
  });

  it('passes a ServiceError through as its code and message', async () => {
    const result = await dispatch(
      handlers({
        'train.stop': async () => {
          throw new ServiceError('busy', 'A run is already in progress.');
        },
      }),
      'train.stop',
      { runId: 'r1' },
    );
    expect(result).toEqual({ ok: false, error: { code: 'busy', message: 'A run is already in progress.' } });
  });

  it('wraps an unexpected exception without leaking a stack trace', async () => {
    const result = await dispatch(
      handlers({
        'train.stop': async () => {
          throw new TypeError('x is undefined');
        },
      }),
      'train.stop',
      { runId: 'r1' },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toContain('x is undefined');
      expect(result.error.message).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses a reply that breaks the contract', async () => {
    const result = await dispatch(handlers({ 'train.stop': async () => ({ stopped: 'yes' }) as never }), 'train.stop', { runId: 'r1' });
    expect(result.ok).toBe(false);
  });

  it('answers a deeply nested call name (12 KB of brackets) without overflowing the stack', async () => {
    // The attack of issue 11, finding 3: JSON.parse accepts it, JSON.stringify of it overflows.
    const text = `{"id":1,"call":${'['.repeat(6000)}${']'.repeat(6000)},"payload":{}}`;
    const envelope = JSON.parse(text) as { call: unknown };
    const result = await dispatch(handlers(), envelope.call, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    if (!result.ok) expect(result.error.message.length).toBeLessThan(1000);
  });

  it('quotes at most a short part of a huge value in its error', async () => {
    const huge = 'c'.repeat(50 * 1024 * 1024);
    const result = await dispatch(handlers(), huge, {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message.length).toBeLessThan(2000);
      expect(result.error.message).toContain(`(${huge.length} characters)`);
    }
    const hugeKey = await dispatch(handlers(), 'train.stop', { runId: 'r1', [huge]: 1 });
    expect(JSON.stringify(hugeKey).length).toBeLessThan(2000);
  });

  it('answers an error whose message cannot even be read', async () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); } });
    const result = await dispatch(handlers({ 'train.stop': async () => { throw hostile; } }), 'train.stop', { runId: 'r1' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('cuts any error message to MAX_ERROR_MESSAGE_CHARS, whatever a service put in it', async () => {
    const huge = 'v'.repeat(50 * 1024 * 1024);
    const result = await dispatch(
      handlers({
        'train.stop': async () => {
          throw new ServiceError('invalid', `x has no valid formatVersion: got "${huge}"`, Array.from({ length: 10_000 }, (_, i) => ({ line: i })));
        },
      }),
      'train.stop',
      { runId: 'r1' },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS + 40);
      expect(result.error.message).toContain('formatVersion');
      expect(result.error.details?.length).toBe(MAX_ERROR_DETAILS);
    }
  });
});
