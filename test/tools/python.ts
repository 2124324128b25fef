import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'vitest';

/** A Python found for the tests that check Neurite against real Python packages, or why none was. */
export interface FoundPython {
  python: string | null;
  reason: string;
}

/**
 * The first of `candidates` (paths must exist; bare names are looked up on PATH) for which
 * `probe` (Python code) exits 0 and prints a line that `accept` accepts.
 */
export function findPython(candidates: (string | undefined)[], probe: string, accept: (stdout: string) => boolean, what: string, envVar: string): FoundPython {
  const tried = [...new Set(candidates.filter((p): p is string => !!p && (!p.startsWith('/') || existsSync(p))))];
  for (const python of tried) {
    const run = spawnSync(python, ['-c', probe], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    if (run.status === 0 && accept(run.stdout.trim())) return { python, reason: '' };
  }
  return { python: null, reason: `no Python with ${what} found (tried ${tried.join(', ') || 'nothing'}); set ${envVar} to one` };
}

/**
 * A describe block that needs a Python: skipped, saying why, where none was found; under
 * `CI=true` (which .ci/run provides with its venv) a missing Python fails the block instead, so
 * CI cannot go green by skipping the check.
 */
export function describeWithPython(title: string, found: FoundPython, body: (python: string) => void): void {
  if (found.python) {
    const python = found.python;
    describe(title, () => body(python));
    return;
  }
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('has the Python it needs (CI=true: required, not skipped)', () => {
        throw new Error(`${found.reason}. .ci/run creates this venv; see its log.`);
      });
    });
    return;
  }
  console.warn(`Skipping "${title}": ${found.reason}.`);
  describe.skip(title, () => it('needs Python', () => undefined));
}

/** A Python with ONNX Runtime (and numpy): NEURITE_ONNX_PYTHON, else NEURITE_KERAS_PYTHON (.ci/run's venv has both), else /work/pyenv/bin/python, else python3. */
export function findOnnxPython(): FoundPython {
  return findPython(
    [process.env.NEURITE_ONNX_PYTHON, process.env.NEURITE_KERAS_PYTHON, '/work/pyenv/bin/python', 'python3'],
    'import numpy, onnxruntime; print(onnxruntime.__version__)',
    (out) => /^\d+\./.test(out),
    'onnxruntime',
    'NEURITE_ONNX_PYTHON',
  );
}

/** One test that needs a Python, with the same rule as describeWithPython: skip and say why, or fail under CI=true. */
export function itWithPython(title: string, found: FoundPython, body: (python: string) => void | Promise<void>, timeout?: number): void {
  if (found.python) {
    const python = found.python;
    it(title, () => body(python), timeout);
  } else if (process.env.CI === 'true') {
    it(title, () => {
      throw new Error(`${found.reason} (CI=true: required, not skipped). .ci/run creates this venv; see its log.`);
    });
  } else {
    console.warn(`Skipping "${title}": ${found.reason}.`);
    it.skip(title, () => undefined);
  }
}

/** A Python with TensorBoard: NEURITE_TENSORBOARD_PYTHON, else NEURITE_KERAS_PYTHON (.ci/run's venv installs tensorboard), else /tmp/neurite-keras-venv, else python3. */
export function findTensorBoardPython(): FoundPython {
  return findPython(
    [process.env.NEURITE_TENSORBOARD_PYTHON, process.env.NEURITE_KERAS_PYTHON, '/tmp/neurite-keras-venv/bin/python', '/work/pyenv/bin/python', 'python3'],
    'from tensorboard.backend.event_processing import event_multiplexer; import tensorboard; print(tensorboard.__version__)',
    (out) => /^\d+\./.test(out.split('\n').pop() ?? ''),
    'tensorboard',
    'NEURITE_TENSORBOARD_PYTHON',
  );
}
