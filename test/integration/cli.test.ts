import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The built command line (`npx electron-vite build` first), run as a user would. */
const BIN = path.resolve(__dirname, '../../bin/neurite.js');
const TEMPLATES = path.resolve(__dirname, '../../resources/templates');

function neurite(...args: string[]): { code: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [BIN, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('neurite command line', () => {
  it('trains the tutorial regression and predicts [1] between 0.5 and 1.2 (--json)', () => {
    const result = neurite('predict', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--input', '1', '--json');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out.ok).toBe(true);
    expect(out.history).toHaveLength(200);
    expect(out.outputs[0][0]).toBeGreaterThan(0.5);
    expect(out.outputs[0][0]).toBeLessThan(1.2);
  });

  it('prints the backend, Keras-like epochs and final metrics', () => {
    const result = neurite('train', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--epochs', '3');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Backend: (tensorflow|wasm|cpu)/);
    expect(lines[1]).toMatch(/^Epoch 1\/3 - loss: \d+\.\d{4} - mae: /);
    expect(lines[lines.length - 2]).toMatch(/^Training step: (fast|general) \(.+\)$/);
    expect(lines[lines.length - 1]).toMatch(/^Trained in .* - loss: /);
  });

  it('prints a summary', () => {
    const result = neurite('summary', path.join(TEMPLATES, 'keras-tutorial-classifier.neurite'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Total params: 11,110/);
  });

  it('exits 2 on bad usage, 3 on a bad project file naming the field, 4 on an invalid graph', () => {
    expect(neurite('fly').code).toBe(2);
    expect(neurite('predict', path.join(TEMPLATES, 'keras-tutorial-regression.neurite')).code).toBe(2);
    const dir = mkdtempSync(path.join(tmpdir(), 'neurite-cli-'));
    const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), 'utf8'));
    writeFileSync(path.join(dir, 'bad.neurite'), JSON.stringify({ ...project, training: { ...project.training, epochs: -1 } }));
    const bad = neurite('train', path.join(dir, 'bad.neurite'));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/training\.epochs/);
    writeFileSync(path.join(dir, 'cut.neurite'), JSON.stringify({ ...project, graph: { ...project.graph, edges: [] } }));
    const cut = neurite('train', path.join(dir, 'cut.neurite'), '--json');
    expect(cut.code).toBe(4);
    expect(JSON.parse(cut.stdout).error).toBe('invalid-graph');
  });

  it('exits 5 when training diverges', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'neurite-cli-'));
    const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), 'utf8'));
    project.training.optimizer = { type: 'sgd', learningRate: 10 };
    project.dataset.noise = 10;
    writeFileSync(path.join(dir, 'hot.neurite'), JSON.stringify(project));
    const result = neurite('train', path.join(dir, 'hot.neurite'));
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/learning rate/);
  });
});
