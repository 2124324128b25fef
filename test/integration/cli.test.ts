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

  it('prints the backend, Keras-like epochs, final metrics and the outcome', () => {
    const result = neurite('train', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--epochs', '30');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^Backend: (tensorflow|wasm|cpu)/);
    expect(lines[1]).toMatch(/^Epoch 1\/30 - \d+(ms|\.\ds) - loss: \d+\.\d{4} - mae: \d+\.\d{4}$/);
    expect(lines[lines.length - 3]).toMatch(/^Training step: (fast|general) \(.+\)$/);
    expect(lines[lines.length - 2]).toMatch(/^Trained in .* - loss: /);
    expect(lines[lines.length - 1]).toMatch(/^Outcome: learned - The model learned: training loss fell from /);
  });

  it('says when a run did not learn: --json has the outcome with causes and remedies, exit code 0; plain output has the outcome line', () => {
    // The case: the tutorial classifier at learning rate 10 (accuracy ~0.11 every epoch).
    const dir = mkdtempSync(path.join(tmpdir(), 'neurite-cli-'));
    const project = JSON.parse(readFileSync(path.join(TEMPLATES, 'keras-tutorial-classifier.neurite'), 'utf8'));
    project.training.optimizer = { type: 'rmsprop', learningRate: 10 };
    writeFileSync(path.join(dir, 'hot.neurite'), JSON.stringify(project));
    const json = neurite('train', path.join(dir, 'hot.neurite'), '--epochs', '20', '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.reason).toBe('completed');
    expect(out.outcome.kind).toBe('did-not-learn');
    expect(out.outcome.message).toMatch(/^The model did not learn: accuracy 0\.\d{4} is no better than chance level/);
    expect(out.outcome.causes[0]).toMatchObject({ kind: 'learning-rate-too-high', learningRate: 10, message: expect.stringMatching(/too high for RMSprop \(Keras default 0\.001\)/) });
    expect(out.outcome.remedies[0]).toEqual({ kind: 'set-learning-rate', learningRate: 0.001, basis: 'optimizer-default', optimizer: 'rmsprop', label: 'Use RMSprop’s default learning rate (0.001)' });

    const plain = neurite('train', path.join(dir, 'hot.neurite'), '--epochs', '20');
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^Outcome: did-not-learn - The model did not learn: /m);
    expect(plain.stdout).toMatch(/^ {2}Try: Use RMSprop’s default learning rate \(0\.001\)$/m);
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
    expect(result.stdout).toMatch(/^Outcome: diverged - Training diverged: /m);
  });
});
