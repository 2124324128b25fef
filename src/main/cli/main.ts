import { readFileSync } from 'node:fs';
import type { BackendInfo, GraphProblem, ModelSummary } from '../../shared/api/contract';
import type { Dataset } from '../../shared/data/types';
import { summarize } from '../../shared/graph/summary';
import { validateGraph } from '../../shared/graph/validate';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { datasetInfo } from '../engine/dataset-info';
import { encodeRows } from '../../shared/api/numbers';
import { parseNumberStrict } from '../../shared/data/csv';
import type { RawValue } from '../../shared/data/preprocess';
import { savedWeightsUsable, trainedStatus, type TrainedStatus } from '../../shared/project/trained';
import { disposeModel, inputTransform, loadDataset, loadTrainedModel, runProject } from '../engine/run-project';
import { checkInputWidth, predictRows } from '../engine/train-loop';
import { assessProjectRun } from '../../shared/training/outcome';
import { formatEpochLine, formatLogs } from '../../shared/training/epoch-log';
import { describeOutcome } from '../../shared/training/outcome-text';
import { checkSplit, describeSplitProblem, profileLabels, type SplitProblem } from '../../shared/data/split';

/**
 * `neurite train|predict|summary <project>`: the headless command line. It runs the engine in
 * this process (there is no UI loop to keep responsive), with the same code the trainer process runs.
 */


export const EXIT = { ok: 0, usage: 2, badProject: 3, invalidGraph: 4, trainingFailed: 5 } as const;

const USAGE = `Usage:
  neurite train <project.neurite> [--epochs N] [--json]
  neurite predict <project.neurite> --input 1,2,3 [--input 4,5,6] [--retrain] [--epochs N] [--json]
  neurite summary <project.neurite> [--json]

predict takes raw values, one per feature (or one per CSV feature column, category names
allowed) and applies the project's preprocessing. It uses the weights saved in the project when
they fit the graph; it trains first only when there are none (or with --retrain).

Exit codes: 0 ok, 2 usage, 3 bad project file, 4 invalid graph, 5 training failed or diverged.
A run that ends but did not learn (or overfits) exits 0 and says so on its "Outcome:" line.`;

interface Options {
  command: 'train' | 'predict' | 'summary';
  file: string;
  epochs?: number;
  json: boolean;
  /** Raw rows: numbers, or category names for categorical columns. */
  inputs: RawValue[][];
  retrain: boolean;
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
  let retrain = false;
  const inputs: RawValue[][] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--retrain') retrain = true;
    else if (arg === '--epochs') {
      const value = rest[++i];
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--epochs expects a whole number ≥ 1, got ${JSON.stringify(value ?? '')}.`);
      epochs = n;
    } else if (arg === '--input') {
      const value = rest[++i] ?? '';
      const row = value.split(',').map((v) => v.trim());
      if (value.trim() === '') {
        throw new UsageError(`--input expects comma-separated values such as 1,2.5,3, got ${JSON.stringify(value)}.`);
      }
      // Numbers as numbers; anything else is a category name, checked by the preprocessing. An
      // empty field is a missing value (issue 12): the project's impute step fills it or names it.
      inputs.push(row.map((v) => (parseNumberStrict(v) ?? v)));
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`Unexpected argument "${arg}": only one project file is taken.`);
  }
  if (!file) throw new UsageError(`${command} needs a project file.`);
  if (command === 'predict' && inputs.length === 0) throw new UsageError('predict needs at least one --input row, e.g. --input 1');
  return { command, file, epochs, json, inputs, retrain };
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

function describeOutputs(outputs: number[][], dataset: Pick<Dataset, 'task' | 'classNames'>): string[] {
  return outputs.map((row, i) => {
    if (dataset.task === 'classification' && dataset.classNames && row.length === dataset.classNames.length) {
      const ranked = row.map((p, c) => ({ p, name: dataset.classNames![c] })).sort((a, b) => b.p - a.p);
      return `[${i}] ${ranked[0].name} (${ranked.slice(0, 3).map((r) => `${r.name}: ${r.p.toFixed(3)}`).join(', ')})`;
    }
    return `[${i}] ${row.map((v) => v.toFixed(4)).join(', ')}`;
  });
}

function trainingFirstReason(status: TrainedStatus, retrain: boolean): string {
  if (retrain) return '--retrain given';
  if (status.state === 'stale') return 'the saved weights do not fit the graph (it changed since training)';
  return 'the project has no saved weights';
}

/** predict with the project's saved weights: no training, the same model the app loads. */
function predictWithSavedWeights(project: Project, status: TrainedStatus, options: Options, backend: BackendInfo, io: CliIo): number {
  let loaded;
  try {
    loaded = loadTrainedModel(project);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) io.out(JSON.stringify({ ok: false, error: typeof code === 'string' ? code : 'load-failed', message }));
    else io.err(`neurite: ${message}`);
    return EXIT.badProject;
  }
  try {
    let outputs: number[][];
    try {
      outputs = predictRows(loaded.model, inputTransform(project.dataset)(options.inputs), loaded.numFeatures);
    } catch (error) {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-input', message: (error as Error).message }));
      else io.err(`neurite: ${(error as Error).message}`);
      return EXIT.usage;
    }
    const stale = status.state === 'stale' ? status.changed.filter((c) => c !== 'graph') : [];
    if (stale.length > 0) io.err(`neurite: note: the saved weights were trained before the ${stale.join(' and ')} changed; predict --retrain trains afresh.`);
    if (options.json) {
      io.out(JSON.stringify({ ok: true, backend, weights: 'saved', trainedAt: project.trained!.trainedAt, ...(stale.length ? { staleBecause: stale } : {}), outputs: encodeRows(outputs) }));
    } else {
      io.out(`Using the weights saved in the project (trained ${project.trained!.trainedAt}).`);
      for (const line of describeOutputs(outputs, datasetInfo(project.dataset))) io.out(line);
    }
    return EXIT.ok;
  } finally {
    disposeModel(loaded.model);
  }
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
  // predict keeps stdout for its answer: what training says goes to stderr.
  const say = options.command === 'predict' ? io.err : io.out;
  if (!options.json) say(formatBackend(backend));
  if (options.command === 'predict') {
    const status = trainedStatus(project);
    if (!options.retrain && savedWeightsUsable(status)) return predictWithSavedWeights(project, status, options, backend, io);
    // Rows of the wrong width are refused before minutes of training, not after.
    try {
      checkInputWidth(inputTransform(project.dataset)(options.inputs), datasetInfo(project.dataset).numFeatures);
    } catch (error) {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-input', message: (error as Error).message }));
      else io.err(`neurite: ${(error as Error).message}`);
      return EXIT.usage;
    }
    // Said on stderr (and in --json) so a script never mistakes a fresh training run for the saved model.
    io.err(`neurite: ${trainingFirstReason(status, options.retrain)}; training it now (${project.training.epochs} epochs) before predicting.`);
  }
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
            for (const entry of progress.epochs) say(formatEpochLine(entry, epochs));
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
    const assessment = describeOutcome(assessProjectRun(project, dataset, outcome.reason, outcome.history));
    let outputs: number[][] | undefined;
    if (ok && options.command === 'predict') {
      try {
        outputs = predictRows(model, inputTransform(project.dataset)(options.inputs), dataset.numFeatures);
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
          outcome: assessment,
          ...(outcome.testLogs ? { testLogs: outcome.testLogs } : {}),
          ...(splitWarnings.length > 0 ? { splitWarnings } : {}),
          ...(outputs ? { outputs: encodeRows(outputs), weights: 'trained-now' } : {}),
        }),
      );
    } else {
      if (!ok) io.err(`neurite: training ${outcome.reason}: ${outcome.message ?? ''}`);
      say(`Training step: ${outcome.path.kind} (${outcome.path.description})`);
      say(`${outcome.reason === 'completed' ? 'Trained' : 'Stopped'} in ${(outcome.elapsedMs / 1000).toFixed(2)} s - ${formatLogs(outcome.finalLogs)}`);
      if (outcome.testLogs) say(`Test (held out, evaluated once) - ${formatLogs(outcome.testLogs)}`);
      say(`Outcome: ${assessment.kind} - ${assessment.message}`);
      for (const cause of assessment.causes) say(`  Likely cause: ${cause.message}`);
      for (const remedy of assessment.remedies) say(`  Try: ${remedy.label}`);
      if (outputs) for (const line of describeOutputs(outputs, dataset)) io.out(line);
    }
    return ok ? EXIT.ok : EXIT.trainingFailed;
  } finally {
    disposeModel(model);
  }
}
