import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * `neurite train --early-stopping MONITOR[:PATIENCE[:MIN_DELTA]]` (issue 15 callbacks): the built
 * command line stops where Keras' EarlyStopping would and says so. Needs `npx electron-vite build` first.
 */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const PROJECT = path.resolve(__dirname, '../../resources/templates/playground-circles.neurite');
const DATA_DIR = mkdtempSync(path.join(tmpdir(), 'neurite-cli-es-data-'));

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEURITE_DATA_DIR: DATA_DIR } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('neurite train --early-stopping', () => {
  it('stops after the first epoch that does not improve val_loss by min_delta (patience 0) and reports it', () => {
    // min_delta 10: no epoch after the first improves on it by that much, so Keras stops after epoch 2 (index 1).
    const json = neurite('train', PROJECT, '--epochs', '30', '--early-stopping', 'val_loss:0:10', '--restore-best-weights', '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { ok: boolean; reason: string; history: unknown[]; earlyStopping: Record<string, unknown> };
    expect(report.reason).toBe('completed');
    expect(report.history).toHaveLength(2);
    expect(report.earlyStopping).toMatchObject({ monitor: 'val_loss', stoppedEpoch: 1, bestEpoch: 0, restoredBestWeights: true });

    const restored = neurite('train', PROJECT, '--epochs', '30', '--early-stopping', 'val_loss:0:10', '--restore-best-weights');
    expect(restored.stdout).toMatch(/Kept the weights of epoch 1 \(the best\)\.\nKept weights \(epoch 1\) - loss: /);
    const text = neurite('train', PROJECT, '--epochs', '30', '--early-stopping', 'val_loss:0:10');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Early stopping: val_loss stopped improving, so training stopped after epoch 2 of 30; best val_loss \S+ at epoch 1\. Kept the weights of the last epoch trained\./);
  });

  it('refuses a monitor the run does not log, naming the field, the logs there are and the value', () => {
    const run = neurite('train', PROJECT, '--epochs', '2', '--early-stopping', 'val_mae');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Early stopping: monitor must name a log this run records \(loss, accuracy, val_loss, val_accuracy\); it is "val_mae"/);
  });

  it('refuses a malformed --early-stopping with the expected form', () => {
    const run = neurite('train', PROJECT, '--early-stopping', 'val_loss:-1');
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Expected MONITOR[:PATIENCE[:MIN_DELTA]]');
  });
});
