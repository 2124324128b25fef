import { describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '../../shared/i18n/translate';
import { BACKEND_ORDER, selectBackend, type BackendEnvironment, type NativePackage } from './backend-select';

/**
 * Issue 18: the backend order tensorflow-gpu → tensorflow → wasm → cpu and the reasons shown.
 * This machine has no GPU (and no tfjs-node): the environments below stand for the machines the
 * selection must handle — what each native package does when required and whether TensorFlow saw
 * a CUDA device — and the selection logic itself is what runs. The real loaders are exercised by
 * backend.test.ts on this machine (wasm or cpu).
 */

type NativeOutcome = { gpu: boolean | undefined } | { missing: true } | { fails: string };

function machine(native: Partial<Record<NativePackage, NativeOutcome>>, broken: ('wasm' | 'cpu')[] = []): BackendEnvironment & { loaded: NativePackage[] } {
  const loaded: NativePackage[] = [];
  return {
    loaded,
    loadNative(pkg) {
      const outcome = native[pkg] ?? { missing: true };
      if ('missing' in outcome) throw Object.assign(new Error(`Cannot find module '${pkg}'`), { code: 'MODULE_NOT_FOUND' });
      if ('fails' in outcome) throw new Error(outcome.fails);
      loaded.push(pkg);
      return { usesGpu: () => outcome.gpu };
    },
    async activate(name) {
      return broken.includes(name as 'wasm' | 'cpu') ? `the ${name} backend failed to initialise.` : null;
    },
  };
}

describe('backend selection (issue 18: GPU servers)', () => {
  it('orders tensorflow-gpu, tensorflow, wasm, cpu', () => {
    expect(BACKEND_ORDER).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']);
  });

  it('uses tfjs-node-gpu on a machine where TensorFlow sees a CUDA GPU, and says nothing fell back', async () => {
    const env = machine({ '@tensorflow/tfjs-node-gpu': { gpu: true } });
    expect(await selectBackend(env)).toEqual({ name: 'tensorflow-gpu', fallbackReasons: [] });
    // tfjs-node is never loaded beside it: both register the "tensorflow" backend.
    expect(env.loaded).toEqual(['@tensorflow/tfjs-node-gpu']);
  });

  it('says so when tfjs-node-gpu is installed but TensorFlow finds no GPU, and trains on its native CPU kernels', async () => {
    const env = machine({ '@tensorflow/tfjs-node-gpu': { gpu: false }, '@tensorflow/tfjs-node': { gpu: false } });
    const info = await selectBackend(env);
    expect(info.name).toBe('tensorflow');
    expect(info.fallbackReasons).toEqual([expect.stringMatching(/^tfjs-node-gpu loaded, but TensorFlow found no CUDA GPU .*nvidia-smi.*; training on its CPU kernels\.$/)]);
    expect(env.loaded).toEqual(['@tensorflow/tfjs-node-gpu']);
  });

  it('takes tfjs-node when tfjs-node-gpu is not installed, naming why the GPU backend is not used', async () => {
    const info = await selectBackend(machine({ '@tensorflow/tfjs-node': { gpu: false } }));
    expect(info).toMatchObject({ name: 'tensorflow', fallbackReasons: [expect.stringMatching(/^tfjs-node-gpu is not installed \(.*npm install @tensorflow\/tfjs-node-gpu.*\)\.$/)] });
  });

  it('falls back to wasm, then cpu, with every reason in order (this machine: no native package)', async () => {
    expect(await selectBackend(machine({}))).toMatchObject({
      name: 'wasm',
      fallbackReasons: [expect.stringMatching(/^tfjs-node-gpu is not installed/), expect.stringMatching(/^tfjs-node is not installed/)],
    });
    const info = await selectBackend(machine({ '@tensorflow/tfjs-node-gpu': { fails: 'libcudart.so.11.0: cannot open shared object file' } }, ['wasm']));
    expect(info.name).toBe('cpu');
    expect(info.fallbackReasons).toEqual([
      'tfjs-node-gpu failed to load: libcudart.so.11.0: cannot open shared object file (install the CUDA and cuDNN versions its libtensorflow was built for).',
      expect.stringMatching(/^tfjs-node is not installed/),
      'the wasm backend failed to initialise.',
    ]);
  });

  it('NEURITE_BACKEND forces one (and what comes after it), or is named as unknown', async () => {
    const gpuMachine = () => machine({ '@tensorflow/tfjs-node-gpu': { gpu: true }, '@tensorflow/tfjs-node': { gpu: false } });
    expect(await selectBackend(gpuMachine(), 'tensorflow-gpu')).toEqual({ name: 'tensorflow-gpu', fallbackReasons: [] });
    const cpuForced = gpuMachine();
    expect(await selectBackend(cpuForced, 'cpu')).toMatchObject({ name: 'cpu', fallbackReasons: ['NEURITE_BACKEND=cpu forces the cpu backend.'] });
    expect(cpuForced.loaded).toEqual([]);
    expect(await selectBackend(gpuMachine(), 'tensorflow')).toMatchObject({ name: 'tensorflow', fallbackReasons: ['NEURITE_BACKEND=tensorflow forces the tensorflow backend.'] });
    expect((await selectBackend(gpuMachine(), 'cuda')).fallbackReasons[0]).toBe('NEURITE_BACKEND=cuda is not a backend (expected one of tensorflow-gpu, tensorflow, wasm, cpu); using the best available.');
  });

  it("says it cannot tell when tfjs-node-gpu does not report its device, and keeps the native backend's name honest", async () => {
    const info = await selectBackend(machine({ '@tensorflow/tfjs-node-gpu': { gpu: undefined } }));
    expect(info.name).toBe('tensorflow');
    expect(info.fallbackReasons[0]).toMatch(/^tfjs-node-gpu loaded, but it does not say whether TensorFlow uses a GPU/);
  });

  it('gives each reason as words too (issue 16): same order, the English rendered from them, Chinese in zh-CN', async () => {
    const info = await selectBackend(machine({ '@tensorflow/tfjs-node-gpu': { fails: 'libcudart.so.11.0: cannot open shared object file' } }, ['wasm']));
    expect(info.fallbackWords?.map((w) => w.messageId)).toEqual(['backend.loadFailed.gpu', 'backend.notInstalled.node', undefined]);
    const en = translator('en');
    const zh = translator('zh-CN');
    info.fallbackWords!.forEach((w, i) => {
      if (w.messageId) expect(en(w.messageId as MessageKey, w.params)).toBe(info.fallbackReasons[i]);
    });
    expect(zh('backend.loadFailed.gpu', info.fallbackWords![0].params)).toBe(
      'tfjs-node-gpu 加载失败：libcudart.so.11.0: cannot open shared object file（请安装与其 libtensorflow 构建时相同版本的 CUDA 和 cuDNN）。',
    );
  });
});
