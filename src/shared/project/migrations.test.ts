import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from './load';
import { addImageDatasets, addRunHistory, addSplitSettings, columnEncodings, MIGRATIONS, pinV1LayerDefaults, V1_LAYER_DEFAULTS } from './migrations';
import { preprocessingFor, preprocessRows } from '../data/preprocess';
import { FORMAT_VERSION, type DatasetSpec } from './schema';
import { canonicalJson, datasetHash, graphHash, hashText } from './hash';
import { trainedStatus } from './trained';
import type { Graph } from '../graph/types';

const fixtures = join(__dirname, '../../../test/fixtures/projects');
const read = (name: string) => readFileSync(join(fixtures, name), 'utf8');

describe('migration table', () => {
  it('has one step for every past version', () => {
    for (let v = 1; v < FORMAT_VERSION; v++) expect(typeof MIGRATIONS[v], `step ${v} → ${v + 1}`).toBe('function');
    expect(MIGRATIONS[FORMAT_VERSION]).toBeUndefined();
  });
});

describe('v1 → v2: pinV1LayerDefaults', () => {
  it('fills missing params with the v1 defaults and keeps given ones', () => {
    const old = JSON.parse(read('v1-partial-params.neurite')) as Record<string, unknown>;
    const next = pinV1LayerDefaults(old) as { formatVersion: number; graph: { nodes: { id: string; params: Record<string, unknown> }[] } };
    expect(next.formatVersion).toBe(2);
    const byId = Object.fromEntries(next.graph.nodes.map((n) => [n.id, n.params]));
    expect(byId.h).toEqual({ ...V1_LAYER_DEFAULTS.Dense, units: 4, activation: 'relu' });
    expect(byId.d).toEqual({ rate: 0.5 });
    expect(byId.in).toEqual({ shape: [2] });
  });

  it('does not touch the input document', () => {
    const old = JSON.parse(read('v1-partial-params.neurite')) as Record<string, unknown>;
    const copy = JSON.stringify(old);
    pinV1LayerDefaults(old);
    expect(JSON.stringify(old)).toBe(copy);
  });

  it('leaves nodes of unknown types and malformed graphs alone for the schema to judge', () => {
    const odd = { format: 'neurite', formatVersion: 1, graph: { nodes: [{ id: 'x', type: 'Conv7D', params: { a: 1 } }, 'junk'] } };
    const next = pinV1LayerDefaults(odd) as { graph: { nodes: unknown[] } };
    expect(next.graph.nodes).toEqual([{ id: 'x', type: 'Conv7D', params: { a: 1 } }, 'junk']);
    expect(pinV1LayerDefaults({ format: 'neurite', formatVersion: 1, graph: 'nope' })).toEqual({ format: 'neurite', formatVersion: 2, graph: 'nope' });
  });

  it('loads the v1 fixtures through parseProject, reporting the migration', () => {
    for (const file of ['v1-partial-params.neurite', 'v1-keras-tutorial-regression.neurite']) {
      const result = parseProject(read(file), file);
      expect(result.ok ? 'ok' : result.error.message).toBe('ok');
      if (!result.ok) return;
      expect(result.migratedFrom).toBe(1);
      expect(result.project.formatVersion).toBe(FORMAT_VERSION);
      expect(result.warnings).toEqual([]);
      for (const node of result.project.graph.nodes) {
        const defaults = V1_LAYER_DEFAULTS[node.type];
        expect(Object.keys(node.params).sort()).toEqual(Object.keys(defaults).sort());
      }
    }
  });
});

describe('v2 → v3: addSplitSettings', () => {
  it("writes down v2's behaviour: Keras' last rows validate, no test split", () => {
    const old = JSON.parse(read('v2-playground-circles.neurite')) as Record<string, unknown>;
    const copy = JSON.stringify(old);
    const next = addSplitSettings(old) as { formatVersion: number; training: Record<string, unknown> };
    expect(next.formatVersion).toBe(3);
    expect(next.training).toEqual({ ...(old.training as object), splitMode: 'end', testSplit: 0 });
    expect(JSON.stringify(old)).toBe(copy);
  });

  it('loads the v2 fixture through parseProject, reporting the migration, with its other settings unchanged', () => {
    const text = read('v2-playground-circles.neurite');
    const result = parseProject(text, 'v2-playground-circles.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(2);
    expect(result.project.formatVersion).toBe(FORMAT_VERSION);
    const old = JSON.parse(text) as { training: Record<string, unknown>; graph: unknown; dataset: unknown };
    expect(result.project.training).toEqual({ ...old.training, splitMode: 'end', testSplit: 0 });
    expect(result.project.graph).toEqual(old.graph);
    expect(result.project.dataset).toEqual(old.dataset);
  });

  it('v1 files go through both steps and also keep the last rows for validation', () => {
    const result = parseProject(read('v1-keras-tutorial-regression.neurite'), 'v1');
    expect(result.ok && result.project.training.splitMode).toBe('end');
  });
});

describe('v2 → v3 keeps saved weights fresh', () => {
  it('a v2 file trained under v2 settings opens with fresh weights; choosing another split makes them stale', () => {
    const old = JSON.parse(read('v2-playground-circles.neurite')) as { training: Record<string, unknown>; graph: Graph; dataset: DatasetSpec };
    // What Neurite 0.1 (format 2) wrote: hashes of the settings without split fields.
    const trained = {
      trainedAt: '2025-01-01T00:00:00.000Z',
      reason: 'completed',
      graphHash: graphHash(old.graph),
      settingsHash: hashText(canonicalJson(old.training)),
      datasetHash: datasetHash(old.dataset),
      weights: [],
      history: [],
    };
    const result = parseProject(JSON.stringify({ ...old, trained }), 'v2-trained.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    if (!result.ok) return;
    expect(trainedStatus(result.project)).toEqual({ state: 'fresh' });
    const shuffled = { ...result.project, training: { ...result.project.training, splitMode: 'shuffle' as const } };
    expect(trainedStatus(shuffled)).toMatchObject({ state: 'stale', changed: ['settings'] });
  });
});

describe('v3 → v4: columnEncodings (issue 12)', () => {
  it('turns the global oneHotFeatures into each categorical feature column\'s encoding, and nothing else', () => {
    const old = JSON.parse(read('v3-colours-index.neurite')) as { dataset: Record<string, unknown> };
    const copy = JSON.stringify(old);
    const next = columnEncodings(old) as { formatVersion: number; dataset: Record<string, unknown> };
    expect(next.formatVersion).toBe(4);
    expect(next.dataset.oneHotFeatures).toBeUndefined();
    expect(next.dataset.columns).toEqual([
      { name: 'colour', type: 'categorical', role: 'feature', encoding: 'index' },
      { name: 'size', type: 'numeric', role: 'feature' },
      { name: 'price', type: 'numeric', role: 'label' },
    ]);
    const { oneHotFeatures: _dropped, columns: _c, ...rest } = old.dataset;
    const { columns: _n, ...restNext } = next.dataset;
    expect(restNext).toEqual(rest);
    expect(JSON.stringify(old)).toBe(copy);
    const onehot = columnEncodings({ ...old, dataset: { ...old.dataset, oneHotFeatures: true } }) as { dataset: { columns: { encoding?: string }[] } };
    expect(onehot.dataset.columns.map((c) => c.encoding)).toEqual(['onehot', undefined, undefined]);
    expect(columnEncodings({ formatVersion: 3, dataset: { kind: 'generator', generator: 'xor', seed: 1 } })).toEqual({ formatVersion: 4, dataset: { kind: 'generator', generator: 'xor', seed: 1 } });
  });

  it('the v3 fixture opens with its weights fresh and predicts what format 3 predicted (the category as its index)', () => {
    const result = parseProject(read('v3-colours-index.neurite'), 'v3-colours-index.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(3);
    expect(trainedStatus(result.project)).toEqual({ state: 'fresh' });
    const pipeline = preprocessingFor(result.project.dataset);
    expect(pipeline.featureNames).toEqual(['colour', 'size']);
    // Format 3: red is category 2 of blue, green, red; z = ((2 − 1) / 0.8165, (4 − 3.5) / 1.7078).
    const [z] = preprocessRows(pipeline, [['red', 4]]);
    expect(z[0]).toBeCloseTo(1 / 0.816496580927726, 6);
    expect(z[1]).toBeCloseTo(0.5 / 1.707825127659933, 6);
    const weights = result.project.trained!.weights.map((w) => Array.from(new Float32Array(Uint8Array.from(Buffer.from(w.data, 'base64')).buffer)));
    const y = weights[0][0] * z[0] + weights[0][1] * z[1] + weights[1][0];
    // By hand: 0.5 × 1.2247449 − 0.25 × 0.2927700 + 0.125 = 0.6641799.
    expect(y).toBeCloseTo(0.6641799, 5);
    // Changing an encoding after the migration makes the weights stale.
    const dataset = result.project.dataset;
    if (dataset.kind !== 'csv') throw new Error('csv expected');
    const onehot = { ...result.project, dataset: { ...dataset, columns: dataset.columns.map((c) => (c.name === 'colour' ? { ...c, encoding: 'onehot' as const } : c)) } };
    expect(trainedStatus(onehot)).toMatchObject({ state: 'stale', changed: ['dataset'] });
  });

  it('without categorical features either value of oneHotFeatures keeps the weights fresh; a v4-only setting makes them stale', () => {
    const old = JSON.parse(read('v3-colours-index.neurite')) as { dataset: Record<string, unknown> & { columns: Record<string, unknown>[] }; trained: Record<string, unknown> };
    for (const oneHotFeatures of [true, false]) {
      const dataset = { ...old.dataset, oneHotFeatures, columns: old.dataset.columns.map((c) => (c.name === 'colour' ? { ...c, role: 'ignored' } : c)) };
      const doc = { ...old, dataset, trained: { ...old.trained, datasetHash: hashText(canonicalJson(dataset)) } };
      const result = parseProject(JSON.stringify(doc), 'numeric-only.neurite');
      expect(result.ok ? 'ok' : result.error.message).toBe('ok');
      if (!result.ok || result.project.dataset.kind !== 'csv') return;
      expect(trainedStatus(result.project), `oneHotFeatures ${oneHotFeatures}`).toEqual({ state: 'fresh' });
      const dropping = { ...result.project, dataset: { ...result.project.dataset, columns: result.project.dataset.columns.map((c) => (c.name === 'size' ? { ...c, missing: 'drop' as const } : c)) } };
      expect(trainedStatus(dropping)).toMatchObject({ state: 'stale', changed: ['dataset'] });
    }
  });
});

describe('v4 → v5 (issue 14: image datasets)', () => {
  it('raises the version only; the v4 fixture opens with its weights fresh and the same data', () => {
    const old = JSON.parse(read('v4-colours-index.neurite')) as Record<string, unknown>;
    expect(addImageDatasets(old)).toEqual({ ...old, formatVersion: 5 });
    const result = parseProject(read('v4-colours-index.neurite'), 'v4-colours-index.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(4);
    expect(result.project.formatVersion).toBe(FORMAT_VERSION);
    expect(result.project.dataset).toEqual(old.dataset);
    expect(trainedStatus(result.project)).toEqual({ state: 'fresh' });
  });
});

describe('v5 → v6 (issue 15: run history)', () => {
  it('raises the version only; the v5 fixture opens with no runs and its trained weights fresh', () => {
    const old = JSON.parse(read('v5-digits-cnn-trained.neurite')) as Record<string, unknown>;
    expect(addRunHistory(old)).toEqual({ ...old, formatVersion: 6 });
    const result = parseProject(read('v5-digits-cnn-trained.neurite'), 'v5-digits-cnn-trained.neurite');
    expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(5);
    expect(result.project.formatVersion).toBe(6);
    expect(result.project.runs).toBeUndefined();
    expect(result.project.trained?.weights.length).toBeGreaterThan(0);
    expect(trainedStatus(result.project)).toEqual({ state: 'fresh' });
  });
});
