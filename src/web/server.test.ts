import { describe, expect, it } from 'vitest';
import { hostAllowed, tokenProblem } from './server';

describe('browser host checks', () => {
  it('answers only loopback names in the Host header, on any port (SSH forwards)', () => {
    for (const host of ['127.0.0.1:41234', 'localhost:9000', 'LOCALHOST:9000', '[::1]:8080', '127.0.0.1']) expect(hostAllowed(host), host).toBe(true);
    for (const host of [undefined, '', 'evil.example:41234', 'evil.example', '127.0.0.1.nip.io:41234', 'localhost.:41234', 'user@127.0.0.1:1', '127.0.0.1:1/x', '0.0.0.0:41234', '10.0.0.1:41234']) {
      expect(hostAllowed(host), String(host)).toBe(false);
    }
  });

  it('refuses empty, short and non-URL-safe tokens with the reason', () => {
    expect(tokenProblem('')).toContain('at least 24');
    expect(tokenProblem('a')).toContain('got 1');
    expect(tokenProblem('x'.repeat(24))).toBeNull();
    expect(tokenProblem(`${'x'.repeat(30)}&admin=1`)).toContain('only contain');
    expect(tokenProblem('x'.repeat(300))).toContain('at most 256');
  });
});
