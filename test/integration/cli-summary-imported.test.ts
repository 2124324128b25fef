import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtCli, ROOT } from '../tools/cli';
import { chain, node } from '../../src/shared/graph/fixtures';

/**
 * Trial 5 F23: `neurite summary` on an imported model (the import's placeholder dataset does not
 * fit the model) exited 4 with "invalid graph … the data has 1" and no table. summary describes
 * the model: it needs the graph to be valid, not data that fits; a data mismatch is a note.
 */
const { work, neurite } = builtCli('cli-summary-imported');

describe('neurite summary on an imported model (trial 5 F23)', () => {
  it("prints the model's table, with the data mismatch as a note", () => {
    const project = path.join(work, 'imported.neurite');
    expect(neurite('import', path.join(ROOT, 'test/fixtures/keras3/sequential/model.json'), '--out', project).code).toBe(0);
    const run = neurite('summary', project);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Total params: /);
    expect(run.stdout).toMatch(/input_layer/);
    expect(run.stderr).toMatch(/note: the project's data does not fit the model .*Input expects 4 features per example, but the data has 1/);
    const json = neurite('summary', project, '--json');
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout) as { ok: boolean; summary: { totalParams: number }; dataProblems: { message: string }[] };
    expect(answer.ok).toBe(true);
    expect(answer.summary.totalParams).toBeGreaterThan(0);
    expect(answer.dataProblems.length).toBeGreaterThan(0);
  });

  it('still refuses a graph that is invalid on its own', () => {
    const broken = path.join(work, 'broken.neurite');
    // A Dense with no input: invalid whatever the data.
    const graph = chain(node('in', 'Input', { shape: [4] }), node('d', 'Dense', { units: 3 }));
    graph.edges = [];
    const result = neurite('import', path.join(ROOT, 'test/fixtures/keras3/sequential/model.json'), '--out', broken);
    expect(result.code).toBe(0);
    const text = JSON.parse(readFileSync(broken, 'utf8')) as { graph: unknown };
    text.graph = graph;
    writeFileSync(broken, JSON.stringify(text));
    const run = neurite('summary', broken);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/invalid graph/);
  });
});
