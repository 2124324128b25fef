import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64ToFloat32, bytesToBase64, base64ToBytes, float32ToBase64 } from './base64';
import { chain, edge, node } from '../graph/fixtures';
import type { Graph } from '../graph/types';
import { graphHash, graphHashMatches, legacyGraphHash, projectHashes } from './hash';
import { parseProject } from './load';
import { FORMAT, FORMAT_VERSION, type Project } from './schema';
import { trainedStatus } from './trained';

const fixtures = join(__dirname, '../../../test/fixtures/projects');

function sampleProject(): Project {
  const result = parseProject(readFileSync(join(fixtures, 'v1-partial-params.neurite'), 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

describe('base64', () => {
  it('round-trips bytes of every length against the platform encoder', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(text)!)).toEqual(Array.from(bytes));
    }
  });

  it('round-trips float32 values exactly, including specials', () => {
    const values = Float32Array.from([0, -0, 1.5, -3.25e-8, 3.4e38, Number.NaN, Infinity, Math.PI]);
    const back = base64ToFloat32(float32ToBase64(values))!;
    expect(Array.from(back).map(String)).toEqual(Array.from(values).map(String));
  });

  it('refuses text that is not base64', () => {
    expect(base64ToBytes('abc')).toBeNull();
    expect(base64ToBytes('ab$=')).toBeNull();
    expect(base64ToFloat32('AAA=')).toBeNull();
  });
});

describe('project round trip', () => {
  it('keeps graph, settings, dataset and trained weights through save and load', () => {
    const project = sampleProject();
    const weights = Float32Array.from({ length: 8 }, (_, i) => i / 7 - 0.3);
    const withWeights: Project = {
      ...project,
      trained: {
        trainedAt: '2026-01-01T00:00:00.000Z',
        reason: 'completed',
        ...projectHashes(project),
        weights: [{ name: 'dense_h/kernel', shape: [2, 4], dtype: 'float32', data: float32ToBase64(weights) }],
        history: [{ epoch: 0, logs: { loss: 0.5, acc: 0.75 } }],
      },
    };
    const text = JSON.stringify(withWeights);
    const result = parseProject(text, 'round.neurite');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project).toEqual(withWeights);
    expect(result.migratedFrom).toBeUndefined();
    expect(Array.from(base64ToFloat32(result.project.trained!.weights[0].data)!)).toEqual(Array.from(weights));
    expect(result.project.format).toBe(FORMAT);
    expect(result.project.formatVersion).toBe(FORMAT_VERSION);
  });

  it('reports an unknown layer type by node and type, and keeps the node', () => {
    const result = parseProject(readFileSync(join(fixtures, 'unknown-layer.neurite'), 'utf8'), 'unknown-layer.neurite');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.graph.nodes.map((n) => n.type)).toEqual(['Input', 'Conv7D', 'Dense']);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({ code: 'unknown-layer', nodeId: 'conv', field: 'graph.nodes.1.type' });
    expect(result.warnings[0].message).toContain('"Conv7D"');
    expect(result.warnings[0].message).toContain('node "conv"');
  });
});

describe('trained weights staleness', () => {
  const trainedOn = (project: Project): Project => ({
    ...project,
    trained: { trainedAt: 'now', reason: 'completed', ...projectHashes(project), weights: [], history: [] },
  });

  it('is untrained without a trained section and fresh right after training', () => {
    const project = sampleProject();
    expect(trainedStatus(project)).toEqual({ state: 'untrained' });
    expect(trainedStatus(trainedOn(project))).toEqual({ state: 'fresh' });
  });

  it('stays fresh when nodes move or the project is renamed', () => {
    const trained = trainedOn(sampleProject());
    const moved: Project = {
      ...trained,
      name: 'renamed',
      graph: { ...trained.graph, nodes: trained.graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 50, y: 9 } })) },
    };
    expect(trainedStatus(moved)).toEqual({ state: 'fresh' });
  });

  it('names what changed: graph (cannot continue), settings, dataset (can continue)', () => {
    const trained = trainedOn(sampleProject());
    const graphChanged: Project = {
      ...trained,
      graph: { ...trained.graph, nodes: trained.graph.nodes.map((n) => (n.id === 'h' ? { ...n, params: { ...n.params, units: 5 } } : n)) },
    };
    expect(trainedStatus(graphChanged)).toEqual({ state: 'stale', changed: ['graph'], canContinue: false });
    const settingsChanged: Project = { ...trained, training: { ...trained.training, epochs: 99 } };
    expect(trainedStatus(settingsChanged)).toEqual({ state: 'stale', changed: ['settings'], canContinue: true });
    const dataChanged: Project = { ...trained, dataset: { kind: 'generator', generator: 'xor', seed: 4, samples: 200 } };
    expect(trainedStatus(dataChanged)).toEqual({ state: 'stale', changed: ['dataset'], canContinue: true });
  });

  it('hashes a partial and a complete copy of the same layer alike', () => {
    const a = { nodes: [{ id: 'd', type: 'Dropout', params: {}, position: { x: 0, y: 0 } }], edges: [] };
    const b = { nodes: [{ id: 'd', type: 'Dropout', params: { rate: 0.5 }, position: { x: 1, y: 1 } }], edges: [] };
    expect(graphHash(a)).toBe(graphHash(b));
  });

  it('hashes two graphs that resolve to the same model alike: nodes and edges listed in another order, defaults written out', () => {
    const listed = chain(node('in', 'Input', { shape: [4] }), node('h', 'Dense', { units: 8, activation: 'relu' }), node('drop', 'Dropout'), node('out', 'Dense', { units: 3, activation: 'softmax' }));
    const reordered: Graph = {
      nodes: [...listed.nodes].reverse().map((n) => (n.id === 'drop' ? { ...n, params: { rate: 0.5 } } : n)),
      edges: [...listed.edges].reverse().map((e) => ({ ...e, id: `other-${e.id}` })),
    };
    expect(graphHash(reordered)).toBe(graphHash(listed));
    // A different model does not: another width, or the same layers in another order.
    const wider = { ...listed, nodes: listed.nodes.map((n) => (n.id === 'h' ? { ...n, params: { ...n.params, units: 9 } } : n)) };
    expect(graphHash(wider)).not.toBe(graphHash(listed));
    const swapped = chain(listed.nodes[0], listed.nodes[2], listed.nodes[1], listed.nodes[3]);
    expect(graphHash(swapped)).not.toBe(graphHash(listed));
    // Concatenate's input order is part of the model.
    const merge = (first: string, second: string): Graph => ({
      nodes: [node('in', 'Input', { shape: [2] }), node('a', 'Dense', { units: 2 }), node('b', 'Dense', { units: 3 }), node('cat', 'Concatenate')],
      edges: [edge('in', 'a'), edge('in', 'b'), edge(first, 'cat'), edge(second, 'cat')],
    });
    expect(graphHash(merge('a', 'b'))).not.toBe(graphHash(merge('b', 'a')));
  });

  it('keeps weights saved under the earlier (list-order) graph hash fresh', () => {
    const graph = chain(node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 1 }));
    expect(legacyGraphHash(graph)).not.toBe(graphHash(graph));
    expect(graphHashMatches(legacyGraphHash(graph), graph)).toBe(true);
    expect(graphHashMatches(graphHash(graph), graph)).toBe(true);
    expect(graphHashMatches(legacyGraphHash(chain(node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 2 }))), graph)).toBe(false);
  });
});
