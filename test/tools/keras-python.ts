import { findPython, type FoundPython } from './python';

/**
 * A Python with Keras 3 (and a backend) for the tests that check Neurite against real Keras:
 * NEURITE_KERAS_PYTHON (what .ci/run exports after building its venv), else /work/pyenv/bin/python,
 * else python3. Null, with the reason, when none has Keras 3: those tests skip and say why, or
 * fail under CI=true (see describeWithPython in ./python.ts).
 */
export function findKerasPython(): FoundPython {
  return findPython(
    [process.env.NEURITE_KERAS_PYTHON, '/work/pyenv/bin/python', 'python3'],
    'import keras; print(keras.__version__)',
    (out) => /^3\./.test(out),
    'Keras 3',
    'NEURITE_KERAS_PYTHON',
  );
}
