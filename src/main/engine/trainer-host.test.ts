import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCount } from '../../shared/graph/plan';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { TrainerHost, type TrainerChannel } from './trainer-host';

function template(id: string): Project {
  const result = parseProject(readFileSync(join(__dirname, `../../../resources/templates/${id}.neurite`), 'utf8'), id);
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

/** The trainer's end of the channel, reduced to what this test reads: the messages main posts (the trainer process itself is not under test here). */
function recordingChannel(sent: unknown[]): TrainerChannel {
  return { send: (msg) => sent.push(msg), onMessage: () => undefined, onExit: () => undefined, kill: () => undefined };
}

describe('Train in main', () => {
  it('plans and validates the graph once per Train, whether it starts or is refused', async () => {
    const sent: unknown[] = [];
    const host = new TrainerHost(() => recordingChannel(sent), () => undefined);
    const project = template('keras-tutorial-classifier');
    const before = planCount();
    const { runId } = await host.start(project);
    expect(planCount() - before).toBe(1);
    expect(sent).toContainEqual(expect.objectContaining({ type: 'start', runId }));

    const refused = new TrainerHost(() => recordingChannel([]), () => undefined);
    const broken: Project = { ...project, graph: { ...project.graph, edges: [] } };
    const beforeRefusal = planCount();
    await expect(refused.start(broken)).rejects.toMatchObject({ code: 'invalid-graph' });
    expect(planCount() - beforeRefusal).toBe(1);
    host.dispose();
    refused.dispose();
  });

  it('refuses Train on a Dense straight after a Conv2D as the output, naming the fix instead of a tensor-size error (trial 5 F6)', async () => {
    const project = template('digits-cnn');
    const [input, conv] = project.graph.nodes;
    const output = project.graph.nodes.find((n) => n.id === 'output')!;
    const graph = { nodes: [input, conv, output], edges: [{ id: 'a', source: input.id, target: conv.id }, { id: 'b', source: conv.id, target: output.id }] };
    const sent: unknown[] = [];
    const host = new TrainerHost(() => recordingChannel(sent), () => undefined);
    const refusal = host.start({ ...project, graph });
    await expect(refusal).rejects.toMatchObject({ code: 'invalid-graph' });
    await expect(refusal).rejects.toThrow(/^The model cannot be trained: Dense is the model's output but gets an image shaped \(None, 8, 8, 16\).*Insert Flatten/);
    expect(sent).toEqual([]);
    host.dispose();
  });
});
