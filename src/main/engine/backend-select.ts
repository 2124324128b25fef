import { BACKENDS, type BackendInfo } from '../../shared/api/contract';

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
  /** Makes a tfjs backend the active one; null when it is, else why not (a sentence). */
  activate(name: 'tensorflow' | 'wasm' | 'cpu'): Promise<string | null>;
}

const NOT_INSTALLED: Record<NativePackage, string> = {
  '@tensorflow/tfjs-node-gpu': 'tfjs-node-gpu is not installed (for an NVIDIA GPU on Linux: npm install @tensorflow/tfjs-node-gpu, with CUDA and cuDNN).',
  '@tensorflow/tfjs-node': 'tfjs-node is not installed (optional dependency; its install downloads libtensorflow).',
};

const SHORT: Record<NativePackage, string> = { '@tensorflow/tfjs-node-gpu': 'tfjs-node-gpu', '@tensorflow/tfjs-node': 'tfjs-node' };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Loads a native package; the reason it could not be, or the loaded package. */
function tryNative(env: BackendEnvironment, pkg: NativePackage): { ok: true; loaded: { usesGpu(): boolean | undefined } } | { ok: false; reason: string } {
  try {
    return { ok: true, loaded: env.loadNative(pkg) };
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND') return { ok: false, reason: NOT_INSTALLED[pkg] };
    const hint = pkg === '@tensorflow/tfjs-node-gpu' ? ' (install the CUDA and cuDNN versions its libtensorflow was built for)' : '';
    return { ok: false, reason: `${SHORT[pkg]} failed to load: ${errorText(error)}${hint}.` };
  }
}

/**
 * Picks the backend: the first of BACKEND_ORDER (from `forced` on, NEURITE_BACKEND) that loads,
 * with the reason for every one skipped, in order. Throws when none loads.
 */
export async function selectBackend(env: BackendEnvironment, forced?: string): Promise<BackendInfo> {
  const fallbackReasons: string[] = [];
  let candidates = [...BACKEND_ORDER];
  if (forced) {
    if (!BACKEND_ORDER.includes(forced as BackendName)) {
      fallbackReasons.push(`NEURITE_BACKEND=${forced} is not a backend (expected one of ${BACKEND_ORDER.join(', ')}); using the best available.`);
    } else {
      candidates = candidates.slice(candidates.indexOf(forced as BackendName));
      if (forced !== BACKEND_ORDER[0]) fallbackReasons.push(`NEURITE_BACKEND=${forced} forces the ${forced} backend.`);
    }
  }
  let nativeLoaded = false;
  for (const name of candidates) {
    if (name === 'tensorflow-gpu' || (name === 'tensorflow' && !nativeLoaded)) {
      const pkg: NativePackage = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
      const native = tryNative(env, pkg);
      if (!native.ok) {
        fallbackReasons.push(native.reason);
        continue;
      }
      nativeLoaded = true;
      const failure = await env.activate('tensorflow');
      if (failure !== null) {
        fallbackReasons.push(failure);
        continue;
      }
      if (name === 'tensorflow') return { name, fallbackReasons };
      const gpu = native.loaded.usesGpu();
      if (gpu === true) return { name, fallbackReasons };
      // The GPU package is loaded (its "tensorflow" backend is active): it trains, on the CPU.
      fallbackReasons.push(
        gpu === false
          ? 'tfjs-node-gpu loaded, but TensorFlow found no CUDA GPU (check nvidia-smi and that the CUDA and cuDNN versions match its libtensorflow); training on its CPU kernels.'
          : 'tfjs-node-gpu loaded, but it does not say whether TensorFlow uses a GPU; counted as the tensorflow backend.',
      );
      return { name: 'tensorflow', fallbackReasons };
    }
    if (name === 'tensorflow') continue;
    const failure = await env.activate(name);
    if (failure === null) return { name, fallbackReasons };
    fallbackReasons.push(failure);
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${fallbackReasons.join(' ')}`);
}
