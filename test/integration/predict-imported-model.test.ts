import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRows } from '../../src/shared/api/numbers';
import { preprocessingFor, modelInputRoute } from '../../src/shared/data/preprocess';
import type { Project } from '../../src/shared/project/schema';
import { forkNodeTrainer } from '../../src/main/engine/fork-node';
import { TrainerHost } from '../../src/main/engine/trainer-host';

/**
 * Trial finding 3 (P1): a Keras model imported without its data (its project has the import's
 * placeholder dataset, which does not fit the model's Input) predicted in the app with "Input row
 * 1 has 1 values; the model expects 4 features". The app's API (the real trainer process) now
 * takes one number per model input as they are, by the one rule `neurite predict` follows
 * (`modelInputRoute`): both give Keras' own predictions. Build first: `npm run build`.
 */
const ROOT = path.resolve(__dirname, '../..');
const TRAINER = path.join(ROOT, 'out/main/trainer.js');
const BIN = path.join(ROOT, 'bin/neurite.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/keras3/sequential');
const work = mkdtempSync(path.join(tmpdir(), 'neurite-predict-imported-'));
const expected = JSON.parse(readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as { inputs: number[][]; outputs: number[][] };

function neurite(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

let host: TrainerHost;
let project: Project;
const file = path.join(work, 'imported.neurite');

beforeAll(() => {
  if (!existsSync(TRAINER)) throw new Error(`${TRAINER} is missing: run npm run build first.`);
  const imported = neurite('import', path.join(FIXTURE, 'model.json'), '--out', file, '--json');
  if (imported.code !== 0) throw new Error(`neurite import failed: ${imported.stderr}`);
  project = JSON.parse(readFileSync(file, 'utf8')) as Project;
  host = new TrainerHost(() => forkNodeTrainer(TRAINER), () => undefined);
}, 120_000);

afterAll(() => {
  host?.dispose();
  rmSync(work, { recursive: true, force: true });
});

describe('an imported model whose Input the project data does not fit', () => {
  it('the API takes one number per model input as they are and gives Keras’ predictions, as neurite predict does', async () => {
    // The placeholder data does not fit the model's 4 inputs: the rows skip the pipeline.
    expect(modelInputRoute(preprocessingFor(project.dataset), 4)).toBe('none');
    const { runId } = await host.loadTrained(project);
    const api = decodeRows((await host.predict(runId, expected.inputs)).outputs);
    const cli = JSON.parse(neurite('predict', file, ...expected.inputs.flatMap((r) => ['--input', r.join(',')]), '--json').stdout) as { preprocessing?: string; outputs: number[][] };
    expect(cli.preprocessing).toBe('none');
    api.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - expected.outputs[i][j])).toBeLessThanOrEqual(1e-5)));
    expect(api).toEqual(cli.outputs);
    // A value that is not a number is named, with what the model takes.
    await expect(host.predict(runId, [[1, 2, 'x', 4]])).rejects.toThrow('Row 1, value 3: expected a number (the model takes its inputs as they are), got "x".');
  });
});
