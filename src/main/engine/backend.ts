import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../../shared/api/contract';
import { patchWasmMatMul } from './wasm-matmul';
import { registerCpuKernelFixes } from './cpu-kernels';
import { registerWasmConvGradients } from './wasm-conv';
import { selectBackend, type BackendEnvironment } from './backend-select';
import { runWords, type MessageWords } from '../../shared/training/run-messages';

let resolved: Promise<BackendInfo> | null = null;

// The built main bundle is CommonJS; vitest runs ESM, where only createRequire exists.
const nodeRequire: NodeJS.Require = typeof require === 'function' ? require : createRequire(__filename);

/**
 * Picks the fastest backend that loads here: tfjs-node-gpu on a GPU, tfjs-node, then wasm, then
 * cpu (the order and the reasons: backend-select.ts). Every fallback is recorded with its reason
 * so the UI and the command line can say why training is slower.
 * NEURITE_BACKEND=tensorflow-gpu|tensorflow|wasm|cpu forces one (tests and benchmarks).
 */
export function initBackend(): Promise<BackendInfo> {
  resolved ??= pickBackend();
  return resolved;
}

async function pickBackend(): Promise<BackendInfo> {
  // Whichever backend trains, the cpu backend may run too (a fallback, exports, tests): fix its kernels first.
  registerCpuKernelFixes();
  return selectBackend(nodeEnvironment, process.env.NEURITE_BACKEND);
}

/** This process's loaders: Node's require for the native packages, tf.setBackend for the rest. */
const nodeEnvironment: BackendEnvironment = {
  loadNative(pkg) {
    // A variable name keeps bundlers from trying to resolve the optional native module.
    const name: string = pkg;
    nodeRequire(name);
    // tfjs-node's NodeJSKernelBackend answers isUsingGpuDevice() (libtensorflow placed ops on a GPU).
    return { usesGpu: () => (tf.backend() as { isUsingGpuDevice?: () => boolean }).isUsingGpuDevice?.() };
  },
  activate: tryBackend,
};

/** Returns null when the backend is active, else why it is not. */
async function tryBackend(name: 'tensorflow' | 'wasm' | 'cpu'): Promise<MessageWords | null> {
  try {
    if (name === 'wasm') {
      const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmDistFolder());
      patchWasmMatMul();
      registerWasmConvGradients();
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return runWords('backend.initFailed', { backend: name });
    await tf.ready();
    return null;
  } catch (error) {
    return runWords('backend.activateFailed', { backend: name, detail: errorText(error) });
  }
}

/** The folder holding the .wasm binaries, found from the package itself so it works from out/main/*.js too. */
function wasmDistFolder(): string {
  const entry = nodeRequire.resolve('@tensorflow/tfjs-backend-wasm');
  let dir = path.dirname(entry);
  while (path.basename(dir) !== 'dist' && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir + path.sep;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
