import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { main } from '../../src/main/cli/main';

/**
 * Helpers of the training-package tests (issue 18: keras-distributed*.test.ts): the command line
 * in-process, the Python environment of a TensorFlow worker, a free loopback port and one worker
 * process of a TF_CONFIG cluster.
 */

/** `neurite ARGS…` in this process: its exit code and what it printed. */
export async function neurite(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** TensorFlow quiet, on the CPU, Keras on TensorFlow. */
export const pyEnv = { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', KERAS_BACKEND: 'tensorflow', CUDA_VISIBLE_DEVICES: '' };

/** The JSON objects among a script's output lines. */
export const jsonLines = (text: string) => text.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** One worker process of the cluster (`train.py` in `cwd`, TF_CONFIG set); resolves with its exit code and output. Killed after 400 s. */
export function worker(py: string, cwd: string, tfConfig: object, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(py, ['train.py', ...args], { cwd, env: { ...pyEnv, TF_CONFIG: JSON.stringify(tfConfig) } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 400_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
