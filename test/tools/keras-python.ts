import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A Python with Keras 3 (and a backend) for the tests that check Neurite against real Keras:
 * NEURITE_KERAS_PYTHON (what .ci/run exports after building its venv), else /work/pyenv/bin/python,
 * else python3. Null, with the reason, when none has Keras 3: those tests skip and say why.
 */
export function findKerasPython(): { python: string | null; reason: string } {
  const candidates = [process.env.NEURITE_KERAS_PYTHON, '/work/pyenv/bin/python', 'python3'].filter((p): p is string => !!p && (!p.startsWith('/') || existsSync(p)));
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import keras; print(keras.__version__)'], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' } });
    if (probe.status === 0 && /^3\./.test(probe.stdout.trim())) return { python, reason: '' };
  }
  return { python: null, reason: `no Python with Keras 3 found (tried ${candidates.join(', ') || 'nothing'}); set NEURITE_KERAS_PYTHON to one` };
}
