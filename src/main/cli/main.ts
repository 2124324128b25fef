import { readFileSync } from 'node:fs';
import type { BackendInfo, GraphProblem, ModelSummary } from '../../shared/api/contract';
import type { Dataset } from '../../shared/data/types';
import { summarize } from '../../shared/graph/summary';
import { validateGraph } from '../../shared/graph/validate';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { datasetInfo } from '../engine/dataset-info';
import { disposeModel, loadDataset, runProject } from '../engine/run-project';
import { checkSplit, describeSplitProblem, profileLabels, type SplitProblem } from '../../shared/data/split';
import { predictRows, type EpochLogs } from '../engine/train-loop';

/**
 * `neurite train|predict|summary <project>`: the headless command line. It runs the engine in
 * this process (there is no UI loop to keep responsive), with the same code the trainer process runs.
 */


export const EXIT = { ok: 0, usage: 2, badProject: 3, invalidGraph: 4, trainingFailed: 5 } as const;

const USAGE = `Usage:
  neurite train <project.neurite> [--epochs N] [--json]
  neurite predict <project.neurite> --input 1,2,3 [--input 4,5,6] [--epochs N] [--json]
  neurite summary <project.neurite> [--json]

Exit codes: 0 ok, 2 usage, 3 bad project file, 4 invalid graph, 5 training failed or diverged.`;

interface Options {
  command: 'train' | 'predict' | 'summary';
  file: string;
  epochs?: number;
  json: boolean;
  inputs: number[][];
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}
const consoleIo: CliIo = { out: (line) => process.stdout.write(line + '\n'), err: (line) => process.stderr.write(line + '\n') };

class UsageError extends Error {}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (command !== 'train' && command !== 'predict' && command !== 'summary') {
    throw new UsageError(command ? `Unknown command "${command}": expected train, predict or summary.` : 'No command given.');
  }
  let file: string | undefined;
  let epochs: number | undefined;
  let json = false;
  const inputs: number[][] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--epochs') {
      const value = rest[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--epochs expects a whole number ≥ 1, got ${JSON.stringify(value ?? '')}.`);
      epochs = n;
    } else if (arg === '--input') {
      const value = rest[++i] ?? '';
      const row = value.split(',').map((v) => Number(v.trim()));
      if (value.trim() === '' || row.some((v) => !Number.isFinite(v))) {
        throw new UsageError(`--input expects comma-separated numbers such as 1,2.5,3, got ${JSON.stringify(value)}.`);
      }
      inputs.push(row);
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`Unexpected argument "${arg}": only one project file is taken.`);
  }
  if (!file) throw new UsageError(`${command} needs a project file.`);
  if (command === 'predict' && inputs.length === 0) throw new UsageError('predict needs at least one --input row, e.g. --input 1');
  return { command, file, epochs, json, inputs };
}

function loadProject(file: string): { ok: true; project: Project } | { ok: false; message: string; field?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, message: `Cannot read ${file}: ${(error as Error).message}` };
  }
  const result = parseProject(text, file);
  return result.ok ? { ok: true, project: result.project } : { ok: false, message: result.error.message, field: result.error.field };
}

function graphErrors(project: Project): GraphProblem[] {
  const data = datasetInfo(project.dataset);
  return validateGraph(project.graph, { data, training: project.training }).filter((p) => p.severity === 'error');
}

function formatLogs(logs: EpochLogs): string {
  return Object.entries(logs)
    .map(([name, value]) => `${name}: ${value.toFixed(4)}`)
    .join(' - ');
}

function formatBackend(backend: BackendInfo): string {
  return backend.fallbackReasons.length > 0 ? `Backend: ${backend.name} (${backend.fallbackReasons.join(' ')})` : `Backend: ${backend.name}`;
}

/** Keras prints counts with thousands separators: 11,110. */
const withThousands = (n: number) => n.toLocaleString('en-US');

export function formatSummary(summary: ModelSummary): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const rows = summary.rows.map((r) => [
    `${r.name} (${r.type})`,
    r.outputShape ? `(${r.outputShape.map((d) => (d === null ? 'None' : d)).join(', ')})` : '?',
    withThousands(r.params),
    r.connectedTo.join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('').trimEnd();
  const rule = '_'.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    rule,
    line(header),
    '='.repeat(rule.length),
    ...rows.map(line),
    '='.repeat(rule.length),
    `Total params: ${withThousands(summary.totalParams)}`,
    `Trainable params: ${withThousands(summary.trainableParams)}`,
    `Non-trainable params: ${withThousands(summary.nonTrainableParams)}`,
    rule,
  ].join('\n');
}

function describeOutputs(outputs: number[][], dataset: Dataset): string[] {
  return outputs.map((row, i) => {
    if (dataset.task === 'classification' && dataset.classNames && row.length === dataset.classNames.length) {
      const ranked = row.map((p, c) => ({ p, name: dataset.classNames![c] })).sort((a, b) => b.p - a.p);
      return `[${i}] ${ranked[0].name} (${ranked.slice(0, 3).map((r) => `${r.name}: ${r.p.toFixed(3)}`).join(', ')})`;
    }
    return `[${i}] ${row.map((v) => v.toFixed(4)).join(', ')}`;
  });
}

export async function main(argv: string[], io: CliIo = consoleIo): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`neurite: ${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
  const loaded = loadProject(options.file);
  if (!loaded.ok) {
    if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-project', message: loaded.message, field: loaded.field }));
    else io.err(`neurite: ${loaded.message}`);
    return EXIT.badProject;
  }
  const project = loaded.project;
  if (options.epochs !== undefined) project.training = { ...project.training, epochs: options.epochs };

  const errors = graphErrors(project);
  if (errors.length > 0) {
    if (options.json) io.out(JSON.stringify({ ok: false, error: 'invalid-graph', problems: errors }));
    else for (const p of errors) io.err(`neurite: invalid graph${p.nodeId ? ` (node ${p.nodeId})` : ''}: ${p.message}`);
    return EXIT.invalidGraph;
  }

  if (options.command === 'summary') {
    const summary = summarize(project.graph);
    io.out(options.json ? JSON.stringify({ ok: true, summary }) : formatSummary(summary));
    return EXIT.ok;
  }

  const backend = await initBackend();
  if (!options.json) io.out(formatBackend(backend));
  // Issue 9: a split that measures nothing is said before training (messages as data in --json).
  let splitWarnings: SplitProblem[] = [];
  try {
    splitWarnings = checkSplit(profileLabels(loadDataset(project.dataset)), project.training);
  } catch {
    // A dataset that cannot load is reported by the run below, with its own message.
  }
  if (!options.json) for (const w of splitWarnings) io.err(`neurite: warning (validation split): ${describeSplitProblem(w)}`);
  const epochs = project.training.epochs;
  let run;
  try {
    run = await runProject(project, {
      onProgress: options.json
        ? undefined
        : (progress) => {
            for (const { epoch, logs } of progress.epochs) io.out(`Epoch ${epoch + 1}/${epochs} - ${formatLogs(logs)}`);
          },
      progressIntervalMs: options.json ? 1000 : 50,
    });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) io.out(JSON.stringify({ ok: false, error: typeof code === 'string' ? code : 'training-error', message }));
    else io.err(`neurite: training failed: ${message}`);
    return code === 'invalid-graph' ? EXIT.invalidGraph : EXIT.trainingFailed;
  }
  const { outcome, model, dataset } = run;
  try {
    const ok = outcome.reason === 'completed';
    let outputs: number[][] | undefined;
    if (ok && options.command === 'predict') {
      try {
        outputs = predictRows(model, options.inputs, dataset.numFeatures);
      } catch (error) {
        io.err(`neurite: ${(error as Error).message}`);
        return EXIT.usage;
      }
    }
    if (options.json) {
      io.out(
        JSON.stringify({
          ok,
          backend,
          reason: outcome.reason,
          ...(outcome.message ? { message: outcome.message } : {}),
          elapsedMs: Math.round(outcome.elapsedMs),
          finalLogs: outcome.finalLogs,
          history: outcome.history,
          trainingStep: outcome.path,
          ...(outcome.testLogs ? { testLogs: outcome.testLogs } : {}),
          ...(splitWarnings.length > 0 ? { splitWarnings } : {}),
          ...(outputs ? { outputs } : {}),
        }),
      );
    } else {
      if (!ok) io.err(`neurite: training ${outcome.reason}: ${outcome.message ?? ''}`);
      io.out(`Training step: ${outcome.path.kind} (${outcome.path.description})`);
      io.out(`${outcome.reason === 'completed' ? 'Trained' : 'Stopped'} in ${(outcome.elapsedMs / 1000).toFixed(2)} s - ${formatLogs(outcome.finalLogs)}`);
      if (outcome.testLogs) io.out(`Test (held out, evaluated once) - ${formatLogs(outcome.testLogs)}`);
      if (outputs) for (const line of describeOutputs(outputs, dataset)) io.out(line);
    }
    return ok ? EXIT.ok : EXIT.trainingFailed;
  } finally {
    disposeModel(model);
  }
}
