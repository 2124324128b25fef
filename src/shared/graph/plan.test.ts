import { describe, expect, it } from 'vitest';
import { planLayers } from '../codegen/common';
import { residualTower, tutorialClassifier } from './fixtures';
import { layerNames } from './names';
import { planCount, planGraph, planOf } from './plan';
import { summarize } from './summary';
import { topologicalOrder } from './topology';
import { validateGraph } from './validate';

describe('planGraph: the one walk the compiler, the code generators and the summary read', () => {
  it('orders, names and counts as the separate walks did', () => {
    for (const graph of [tutorialClassifier(), residualTower(6)]) {
      const plan = planGraph(graph);
      expect(plan.nodes.map((n) => n.nodeId)).toEqual(topologicalOrder(graph).order);
      const names = layerNames(graph);
      for (const n of plan.nodes) expect(n.name).toBe(names.get(n.nodeId));
      const summary = summarize(graph);
      expect(summary.rows.map((r) => r.name)).toEqual(plan.nodes.map((n) => n.name));
      expect(summary.totalParams).toBe(plan.nodes.reduce((t, n) => t + n.count.trainable + n.count.nonTrainable, 0));
    }
    expect(planGraph(tutorialClassifier()).isChain).toBe(true);
    expect(planGraph(residualTower(6)).isChain).toBe(false);
  });

  it('gives the code generators the same layers, names and tfjs configs the compiler builds', () => {
    const graph = residualTower(4);
    const plan = planGraph(graph);
    const project = { graph } as Parameters<typeof planLayers>[0];
    const layers = planLayers(project);
    expect(layers.map((l) => [l.nodeId, l.name, l.tfjs])).toEqual(plan.nodes.map((n) => [n.nodeId, n.name, n.tfjs]));
  });

  it('never throws on a broken graph: unknown types and failed shapes come back as data', () => {
    const graph = tutorialClassifier();
    graph.nodes[1] = { ...graph.nodes[1], type: 'Conv7D' };
    const plan = planGraph(graph);
    const broken = plan.byId.get(graph.nodes[1].id)!;
    expect(broken.def).toBeNull();
    expect(broken.tfjs).toBeNull();
    expect(broken.output.ok).toBe(false);
  });

  it('validation reads the plan’s shapes and param checks: given the plan it walks nothing again, and says what it says without it', () => {
    const graph = tutorialClassifier();
    graph.nodes[1] = { ...graph.nodes[1], params: { units: 0, activation: 'relu' } };
    graph.nodes[2] = { ...graph.nodes[2], params: { units: 10, activation: 'softmax' } };
    const plan = planGraph(graph);
    const start = planCount();
    const problems = validateGraph(graph, {}, plan);
    expect(planCount()).toBe(start);
    expect(problems.filter((p) => p.code === 'invalid-param').map((p) => [p.nodeId, p.field])).toEqual([['hidden', 'units']]);
    expect(problems).toEqual(validateGraph(graph));
    expect(planCount()).toBe(start + 1);
  });

  it('planOf makes one plan per graph object', () => {
    const graph = tutorialClassifier();
    const start = planCount();
    expect(planOf(graph)).toBe(planOf(graph));
    expect(planCount()).toBe(start + 1);
    expect(planOf({ ...graph })).not.toBe(planOf(graph));
  });
});
