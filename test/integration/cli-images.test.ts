import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, done-when: `neurite train` on the MNIST-subset template reaches validation accuracy
 * ≥ 0.95. The built command line (`npm run build` first), run as a user would, on the backend the
 * machine has (wasm here; tfjs-node where installed); its printed lines are what is checked.
 */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const TEMPLATE = path.resolve(__dirname, '../../resources/templates/mnist-cnn.neurite');

describe('neurite train on the MNIST subset CNN template', () => {
  it('reaches validation accuracy ≥ 0.95 and says which backend and training step it used', () => {
    const run = spawnSync(process.execPath, [BIN, 'train', TEMPLATE], { encoding: 'utf8', timeout: 300_000 });
    expect(run.status, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Backend: (tensorflow|wasm|cpu)/);
    const epochs = lines.filter((l) => /^Epoch \d+\/\d+ /.test(l));
    expect(epochs.length).toBeGreaterThan(0);
    expect(epochs[epochs.length - 1]).toMatch(new RegExp(`^Epoch ${epochs.length}/${epochs.length} `));
    expect(lines.find((l) => l.startsWith('Training step: '))).toMatch(/^Training step: (fast|general) \(.+\)$/);
    const trained = lines.find((l) => l.startsWith('Trained in '));
    const valAccuracy = Number(/ - val_accuracy: (\d+\.\d+)/.exec(trained ?? '')?.[1]);
    expect(valAccuracy, trained).toBeGreaterThanOrEqual(0.95);
    expect(lines[lines.length - 1]).toMatch(/^Outcome: learned - /);
  }, 300_000);
});
