import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { BackendInfo } from '../../shared/api/contract';
import { patchWasmMatMul } from './wasm-matmul';
import { registerCpuKernelFixes } from './cpu-kernels';
import { registerWasmConvGradients } from './wasm-conv';

type BackendName = BackendInfo['name'];
const ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu'];

let resolved: Promise<BackendInfo> | null = null;

// The built main bundle is CommonJS; vitest runs ESM, where only createRequire exists.
const nodeRequire: NodeJS.Require = typeof require === 'function' ? require : createRequire(__filename);

/**
 * Picks the fastest backend that loads here: tfjs-node, then wasm, then cpu. Every fallback is
 * recorded with its reason so the UI and the command line can say why training is slower.
 * NEURITE_BACKEND=tensorflow|wasm|cpu forces one (tests and benchmarks).
 */
export function initBackend(): Promise<BackendInfo> {
  resolved ??= pickBackend();
  return resolved;
}

async function pickBackend(): Promise<BackendInfo> {
  // Whichever backend trains, the cpu backend may run too (a fallback, exports, tests): fix its kernels first.
  registerCpuKernelFixes();
  const fallbackReasons: string[] = [];
  const forced = process.env.NEURITE_BACKEND;
  let candidates = ORDER;
  if (forced) {
    if (!ORDER.includes(forced as BackendName)) {
      fallbackReasons.push(`NEURITE_BACKEND=${forced} is not a backend (expected one of ${ORDER.join(', ')}); using the best available.`);
    } else {
      candidates = ORDER.slice(ORDER.indexOf(forced as BackendName));
      if (forced !== 'tensorflow') fallbackReasons.push(`NEURITE_BACKEND=${forced} forces the ${forced} backend.`);
    }
  }
  for (const name of candidates) {
    const failure = await tryBackend(name);
    if (failure === null) return { name, fallbackReasons };
    fallbackReasons.push(failure);
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${fallbackReasons.join(' ')}`);
}

/** Returns null when the backend is active, else why it is not. */
async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      try {
        // A variable name keeps bundlers from trying to resolve the optional native module.
        const nativeModule = '@tensorflow/tfjs-node';
        nodeRequire(nativeModule);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'MODULE_NOT_FOUND') {
          return 'tfjs-node is not installed (optional dependency; its install downloads libtensorflow).';
        }
        return `tfjs-node failed to load: ${errorText(error)}.`;
      }
    }
    if (name === 'wasm') {
      const wasm = (await import('@tensorflow/tfjs-backend-wasm')) as typeof import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmDistFolder());
      patchWasmMatMul();
      registerWasmConvGradients();
    }
    const ok = await tf.setBackend(name);
    if (!ok || tf.getBackend() !== name) return `the ${name} backend failed to initialise.`;
    await tf.ready();
    return null;
  } catch (error) {
    return `the ${name} backend failed to load: ${errorText(error)}.`;
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
