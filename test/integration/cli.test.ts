import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText, previewCsv } from '../../src/shared/data/csv';
import type { Project } from '../../src/shared/project/schema';

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

  it('predict without saved weights keeps stdout for the answer and refuses a wrong row width before training', () => {
    // spawnSync keeps stderr on success too (execFileSync drops it).
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    const ok = run('predict', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--input', '1', '--epochs', '20');
    expect(ok.status).toBe(0);
    expect(ok.stdout).not.toMatch(/Epoch \d+\/20/);
    expect(ok.stderr).toMatch(/Epoch 20\/20/);
    expect(ok.stderr).toMatch(/training it now/);
    const bad = run('predict', path.join(TEMPLATES, 'keras-tutorial-regression.neurite'), '--input', '1,2');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Row 1 has 2 values; expected 1 \(one per feature: x\)/);
    expect(bad.stderr).not.toMatch(/Epoch/);
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

describe('neurite command line: held-out rows (issue 9)', () => {
  /** A project on the sorted wine-like fixture (embedded), Keras' last rows validating 30%. */
  function wineProject(training: Partial<Project['training']>): string {
    const text = readFileSync(path.resolve(__dirname, '../fixtures/csv/wine-sorted.csv'), 'utf8');
    const preview = previewCsv(text);
    const config = { delimiter: preview.delimiter, header: preview.header, columns: preview.columns.map(({ name, type, role }) => ({ name, type, role, ...(type === 'categorical' ? { encoding: 'index' as const } : {}) })) };
    const parsed = parseCsvText(text, config);
    const template = JSON.parse(readFileSync(path.join(TEMPLATES, 'playground-circles.neurite'), 'utf8')) as Project;
    const project: Project = {
      ...template,
      graph: {
        nodes: template.graph.nodes.map((n) => (n.id === 'input' ? { ...n, params: { ...n.params, shape: [4] } } : n.id === 'output' ? { ...n, params: { ...n.params, units: 3 } } : n)),
        edges: template.graph.edges,
      },
      training: { ...template.training, loss: 'sparseCategoricalCrossentropy', epochs: 3, validationSplit: 0.3, splitMode: 'end', testSplit: 0, ...training },
      dataset: {
        kind: 'csv',
        file: { name: 'wine-sorted.csv', size: Buffer.byteLength(text), sha256: createHash('sha256').update(text).digest('hex') },
        ...config,
        normalize: true,
        labelEncoding: 'index',
        transform: parsed.transform,
        rows: parsed.rows,
        embedded: text,
      },
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'neurite-cli-split-')), 'wine.neurite');
    writeFileSync(file, JSON.stringify(project));
    return file;
  }

  it('warns before training when the last rows validate a file sorted by class (text and --json)', () => {
    const file = wineProject({});
    const text = neurite('train', file);
    expect(text.code).toBe(0);
    const json = JSON.parse(neurite('train', file, '--json').stdout);
    expect(json.splitWarnings.map((w: { code: string }) => w.code)).toEqual(['split-class-not-trained', 'split-sorted-file']);
    expect(json.splitWarnings[0].classes).toEqual([{ name: '3', part: 'validation' }]);
  });

  it('prints the warning lines on stderr', () => {
    const result = spawnSync(process.execPath, [BIN, 'train', wineProject({})], { encoding: 'utf8' });
    expect(result.stderr).toMatch(/warning \(validation split\): the validation rows hold "3", which the training rows never contain/);
    expect(result.stderr).toMatch(/look sorted by the label: the labels form 3 runs/);
  });

  it('stratified with a test split: no warning, and the test numbers apart from val_ in --json', () => {
    const json = JSON.parse(neurite('train', wineProject({ splitMode: 'stratified', testSplit: 0.2 }), '--json').stdout);
    expect(json.splitWarnings).toBeUndefined();
    expect(Object.keys(json.testLogs).sort()).toEqual(['test_acc', 'test_loss']);
    expect(Object.keys(json.finalLogs).some((k: string) => k.startsWith('test_'))).toBe(false);
  });
});
