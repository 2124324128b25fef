import { BACKENDS, type BackendInfo } from '../../shared/api/contract';
import { runWords, type MessageWords } from '../../shared/training/run-messages';

/**
 * Which TensorFlow.js backend trains, and why the faster ones did not (issue 18 adds the GPU):
 *
 * 1. `tensorflow-gpu` — `@tensorflow/tfjs-node-gpu` (Linux, NVIDIA GPU with the CUDA and cuDNN
 *    versions its libtensorflow was built for). It registers tfjs' `tensorflow` backend; it counts
 *    as the GPU backend only when TensorFlow reports a GPU device (`isUsingGpuDevice()`), otherwise
 *    it trains on TensorFlow's CPU kernels and the reason says so. tfjs-node is then not loaded:
 *    both register the same backend name.
 * 2. `tensorflow` — `@tensorflow/tfjs-node` (native TensorFlow on the CPU).
 * 3. `wasm`, 4. `cpu`.
 *
 * The logic is here, apart from the loaders (`BackendEnvironment`), so it is tested for machines
 * this one is not (a GPU server); backend.ts gives it the real loaders.
 */

export type BackendName = BackendInfo['name'];
export type NativePackage = '@tensorflow/tfjs-node-gpu' | '@tensorflow/tfjs-node';

/** The fastest first. */
export const BACKEND_ORDER: readonly BackendName[] = BACKENDS;

export interface BackendEnvironment {
  /**
   * `require`s a native package (throwing as require does: code MODULE_NOT_FOUND when it is not
   * installed). `usesGpu` asks the loaded TensorFlow whether it placed ops on a GPU (undefined: it
   * cannot tell); call it only after `activate('tensorflow')`.
   */
  loadNative(pkg: NativePackage): { usesGpu(): boolean | undefined };
  /** Makes a tfjs backend the active one; null when it is, else why not (a sentence, or its words as data: issue 16). */
  activate(name: 'tensorflow' | 'wasm' | 'cpu'): Promise<string | MessageWords | null>;
}

const NOT_INSTALLED: Record<NativePackage, MessageWords> = {
  '@tensorflow/tfjs-node-gpu': runWords('backend.notInstalled.gpu'),
  '@tensorflow/tfjs-node': runWords('backend.notInstalled.node'),
};

const SHORT: Record<NativePackage, string> = { '@tensorflow/tfjs-node-gpu': 'tfjs-node-gpu', '@tensorflow/tfjs-node': 'tfjs-node' };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads a native package; the reason it could not be, or the loaded package. */
function tryNative(env: BackendEnvironment, pkg: NativePackage): { ok: true; loaded: { usesGpu(): boolean | undefined } } | { ok: false; reason: MessageWords } {
  try {
    return { ok: true, loaded: env.loadNative(pkg) };
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return { ok: false, reason: NOT_INSTALLED[pkg] };
    return { ok: false, reason: runWords(pkg === '@tensorflow/tfjs-node-gpu' ? 'backend.loadFailed.gpu' : 'backend.loadFailed', { package: SHORT[pkg], detail: errorText(error) }) };
  }
}

/**
 * Picks the backend: the first of BACKEND_ORDER (from `forced` on, NEURITE_BACKEND) that loads,
 * with the reason for every one skipped, in order. Throws when none loads.
 */
export async function selectBackend(env: BackendEnvironment, forced?: string): Promise<BackendInfo> {
  const fallbackReasons: string[] = [];
  const fallbackWords: NonNullable<BackendInfo['fallbackWords']> = [];
  // Issue 16: each reason as English (fallbackReasons) and, when it has them, as words (fallbackWords, same order).
  const because = (reason: string | MessageWords) => {
    if (typeof reason === 'string') {
      fallbackReasons.push(reason);
      fallbackWords.push({});
    } else {
      fallbackReasons.push(reason.message);
      fallbackWords.push({ messageId: reason.messageId, params: reason.params });
    }
  };
  const info = (name: BackendInfo['name']): BackendInfo => ({ name, fallbackReasons, ...(fallbackWords.some((w) => w.messageId) ? { fallbackWords } : {}) });
  let candidates = [...BACKEND_ORDER];
  if (forced) {
    if (!BACKEND_ORDER.includes(forced as BackendName)) {
      because(runWords('backend.forcedUnknown', { forced, names: BACKEND_ORDER.join(', ') }));
    } else {
      candidates = candidates.slice(candidates.indexOf(forced as BackendName));
      if (forced !== BACKEND_ORDER[0]) because(runWords('backend.forced', { forced }));
    }
  }
  let nativeLoaded = false;
  for (const name of candidates) {
    if (name === 'tensorflow-gpu' || (name === 'tensorflow' && !nativeLoaded)) {
      const pkg: NativePackage = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
      const native = tryNative(env, pkg);
      if (!native.ok) {
        because(native.reason);
        continue;
      }
      nativeLoaded = true;
      const failure = await env.activate('tensorflow');
      if (failure !== null) {
        because(failure);
        continue;
      }
      if (name === 'tensorflow') return info(name);
      const gpu = native.loaded.usesGpu();
      if (gpu === true) return info(name);
      // The GPU package is loaded (its "tensorflow" backend is active): it trains, on the CPU.
      because(runWords(gpu === false ? 'backend.gpuNotFound' : 'backend.gpuUnknown'));
      return info('tensorflow');
    }
    if (name === 'tensorflow') continue;
    const failure = await env.activate(name);
    if (failure === null) return info(name);
    because(failure);
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${fallbackReasons.join(' ')}`);
}
