import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { installFaultGuards } from './fault-guard';

describe('fault guard', () => {
  it('logs an escaped exception and an unhandled rejection with their stacks, and counts them', () => {
    const listeners = new Map<string, (error: unknown) => void>();
    const logged: unknown[] = [];
    const faults = installFaultGuards({ on: (event: string, listener: (error: unknown) => void) => listeners.set(event, listener) } as never, (message, error) => logged.push(message, error));
    const boom = new Error('boom');
    listeners.get('uncaughtException')!(boom);
    listeners.get('unhandledRejection')!(new Error('late'));
    expect(faults()).toBe(2);
    expect(logged).toContain(boom);
    expect(String(logged[0])).toContain('uncaught exception #1');
    expect(String(logged[2])).toContain('unhandled promise rejection #2');
  });

  it('keeps a real Node process alive after an uncaught exception in a callback', async () => {
    // The guard's code, in a real process: a timer throws, a promise rejects unheard, and a later timer still runs.
    const source = `(${installFaultGuards.toString()})(process, (m) => console.log(m));
      setTimeout(() => { throw new Error('thrown in a callback'); }, 10);
      setTimeout(() => { Promise.reject(new Error('nobody listens')); }, 20);
      setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);`;
    const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(out).toContain('uncaught exception #1');
    expect(out).toContain('unhandled promise rejection #2');
    expect(out).toContain('still serving');
    expect(code).toBe(0);
  });
});
