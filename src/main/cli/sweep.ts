import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { type Project, type RunRecord, type Sweep, type SweepParam } from '../../shared/project/schema';
import { makeRunRecord, type RunReport } from '../../shared/runs/record';
import { addRun, addRunEpochs, newRunHistory } from '../../shared/runs/report';
import {
  applyTrial,
  canonicalSweepKey,
  checkSweep,
  defaultSweepMetric,
  describeAssignments,
  isNumberText,
  parseSweepValues,
  newSweepId,
  remainingTrials,
  sweepBase,
  sweepKeyIsInteger,
  sweepPlan,
  sweepResults,
  tidyNumber,
  type Trial,
} from '../../shared/runs/sweep';
import { assessProjectRun } from '../../shared/training/outcome';
import { earlyStoppingDirection } from '../../shared/training/early-stopping';
import { formatLogs } from '../../shared/training/epoch-log';
import { initBackend } from '../engine/backend';
import { encodeWeights } from '../engine/export-model';
import { disposeModel, runProject } from '../engine/run-project';
import { writeProjectFile } from './project-file';
import { EXIT, graphErrors, invalidGraphLines, jsonProblems, loadProject, type CliIo } from './run';
import { cliT } from './language';
import { displayWidth } from './runs';
import type { MessageKey } from '../../shared/i18n/translate';
import { outcomeRunReport } from './run-report';

/**
 * `neurite sweep PROJECT --grid|--random …`: runs a sweep's trials one after another in this
 * process (the same engine path as `neurite train`), records each as a run of the project
 * (src/shared/runs/record.ts, origin `sweep`) and prints a table sorted by the sweep's metric.
 * The plan is src/shared/runs/sweep.ts, shared with the app's Sweep dialog.
 */

/** A `--grid`/`--random` argument before the project says whether its key is whole-numbered. */
export type SweepParamText =
  | { kind: 'values'; key: string; values: (number | string)[] }
  | { kind: 'range'; key: string; min: number; max: number; scale: 'linear' | 'log'; count?: number };

/** Where the command's numbers and names come from (parsed by main.ts). */
export interface SweepOptions {
  file: string;
  method?: 'grid' | 'random';
  params: SweepParamText[];
  budget?: number;
  seed?: number;
  metric?: Sweep['metric'];
  epochs?: number;
  /** Write the sweep and its runs into PROJECT (`save`) or to this file (`out`). */
  save: boolean;
  out?: string;
  resume?: string;
  json: boolean;
}

/**
 * `KEY=V1,V2,…` (values: numbers, or names such as optimizers) or `KEY=MIN..MAX[:log|:linear][:COUNT]`
 * (a range; COUNT grid points, for --grid). Repeatable; each flag one key.
 */
export function collectSweepParam(value: string, previous: SweepParamText[] = []): SweepParamText[] {
  const at = value.indexOf('=');
  const key = at < 0 ? '' : value.slice(0, at).trim();
  const body = at < 0 ? '' : value.slice(at + 1).trim();
  const usage = 'Expected KEY=V1,V2,... or KEY=MIN..MAX[:log][:COUNT] (e.g. learningRate=0.1,0.01 or learningRate=1e-4..1e-1:log:4).';
  if (key === '' || body === '') throw new InvalidArgumentError(usage);
  if (body.includes('..')) {
    const [lo, rest] = body.split('..', 2);
    const [hi, ...options] = rest.split(':');
    if (!isNumberText(lo) || !isNumberText(hi)) throw new InvalidArgumentError(`${key}: the range ${JSON.stringify(body)} needs a number on each side of "..". ${usage}`);
    let scale: 'linear' | 'log' = 'linear';
    let count: number | undefined;
    for (const option of options) {
      if (option === 'log' || option === 'linear') scale = option;
      else if (/^\d+$/.test(option) && Number(option) >= 1 && Number(option) <= 1000) count = Number(option);
      else throw new InvalidArgumentError(`${key}: ${JSON.stringify(option)} is neither a scale (log, linear) nor a number of grid points (1 to 1000). ${usage}`);
    }
    return [...previous, { kind: 'range', key, min: Number(lo), max: Number(hi), scale, ...(count !== undefined ? { count } : {}) }];
  }
  const parsed = parseSweepValues(body);
  if (!parsed.ok) throw new InvalidArgumentError(`${key}: ${parsed.message}. ${usage}`);
  return [...previous, { kind: 'values', key, values: parsed.values }];
}

/** `--metric MONITOR[:min|max|auto]` (Keras log names: val_loss, loss, val_accuracy…; auto as Keras' callbacks). */
export function parseSweepMetric(value: string): Sweep['metric'] {
  const [monitor = '', mode = 'auto', ...rest] = value.split(':');
  if (!/^[A-Za-z_]\w*$/.test(monitor) || rest.length > 0 || !['auto', 'min', 'max'].includes(mode)) {
    throw new InvalidArgumentError('Expected MONITOR[:min|max] with MONITOR a log name such as val_loss or val_accuracy.');
  }
  return { monitor, mode: mode as Sweep['metric']['mode'] };
}

/** `--budget N` / `--seed S`. */
export function parseBudget(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new InvalidArgumentError('Expected a whole number of runs from 1 to 10000.');
  return n;
}
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a whole number.');
  return n;
}

/** The params with nodes named by id (a layer name as `neurite summary` prints it is accepted) and `integer` decided by the project (batch size, epochs and whole-number layer params round). */
function sweepParams(project: Project, params: SweepParamText[]): SweepParam[] {
  return params.map((text) => {
    const p = { ...text, key: canonicalSweepKey(project.graph, text.key) };
    return p.kind === 'values' ? p : { ...p, integer: sweepKeyIsInteger(project.graph, p.key) };
  });
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One trial's run: what `runProject` gave, as the report the record builder takes (a thrown error is a `failed` run). */
async function runTrial(variant: Project, trial: Trial, sweepId: string, stopNow: () => boolean): Promise<{ report: RunReport; weights?: ReturnType<typeof encodeWeights> }> {
  const startedAt = new Date().toISOString();
  const started = Date.now();
  const backend = await initBackend();
  const origin = { kind: 'sweep' as const, groupId: sweepId, trial: trial.index };
  const clock = newRunHistory();
  try {
    const run = await runProject(variant, { shouldStop: stopNow, progressIntervalMs: 200, onProgress: (progress) => addRunEpochs(clock, progress.epochs, progress.elapsedMs) });
    const { outcome, model, dataset } = run;
    try {
      const outcomeKind = assessProjectRun(variant, dataset, outcome.reason, outcome.history).kind;
      const report = outcomeRunReport({ startedAt, backend: backend.name, clock, outcome, outcomeKind, origin });
      return { report, weights: outcome.history.length > 0 ? encodeWeights(model) : undefined };
    } finally {
      disposeModel(model);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { report: { startedAt, durationMs: Date.now() - started, backend: backend.name, history: [], status: 'failed', message, finalLogs: {}, origin } };
  }
}

/** Writes the project with its runs and sweeps (format stamp, 2-space JSON, atomic replace, as `train --save`). */
async function writeProject(path: string, project: Project): Promise<void> {
  await writeProjectFile(path, project);
}

function refuse(io: CliIo, json: boolean, code: string, message: string, exit: number, extra: Record<string, unknown> = {}): number {
  if (json) io.out(JSON.stringify({ ok: false, error: code, message, ...extra }));
  else io.err(`neurite: ${message}`);
  return exit;
}

/** The sweep's value of a key as the table prints it. */
const cell = (v: number | string | undefined) => (v === undefined ? '' : typeof v === 'number' ? String(tidyNumber(v)) : v);

/**
 * Runs `neurite sweep` and returns the exit code: 0 when the trials ran (some may have diverged or
 * failed: the table says so), 2 usage (bad flags, a value outside its limits), 3 bad project (or one
 * that cannot be written), 4 a trial's graph is invalid, 5 every trial failed, 130 stopped by Ctrl+C
 * (what ran is saved with --save/--out; `--resume SWEEP_ID` runs the rest).
 */
export async function runSweep(options: SweepOptions, io: CliIo, signals: NodeJS.EventEmitter = process): Promise<number> {
  const { json } = options;
  const loaded = loadProject(options.file, cliT(io));
  if (!loaded.ok) return refuse(io, json, 'bad-project', json ? loaded.message : loaded.text, EXIT.badProject, { field: loaded.field });
  const project = loaded.project;
  let base: Project = options.epochs !== undefined ? { ...project, training: { ...project.training, epochs: options.epochs } } : project;
  let runs: RunRecord[] = [...(project.runs ?? [])];
  let sweeps: Sweep[] = [...(project.sweeps ?? [])];

  let sweep: Sweep;
  if (options.resume !== undefined) {
    if (options.params.length > 0 || options.epochs !== undefined || options.budget !== undefined || options.seed !== undefined || options.metric !== undefined) {
      return refuse(io, json, 'usage', '--resume runs the trials a saved sweep has left, as the sweep began them: it takes no --grid, --random, --budget, --seed, --metric or --epochs (the sweep keeps its own).', EXIT.usage);
    }
    const found = sweeps.find((s) => s.id === options.resume);
    if (!found) {
      const ids = sweeps.map((s) => `${s.id} (${s.status})`).join(', ');
      return refuse(io, json, 'unknown-sweep', `${options.file} has no sweep ${JSON.stringify(options.resume)}; ${ids ? `its sweeps are ${ids}` : 'it has no sweeps (save one with --save)'}.`, EXIT.usage);
    }
    sweep = found;
    // The remaining trials train on what the sweep's first run trained (its --epochs too), not on later edits.
    base = sweepBase(sweep, runs, base);
  } else {
    if (!options.method || options.params.length === 0) return refuse(io, json, 'usage', 'give what to sweep: --grid KEY=V1,V2,... (repeatable) or --random KEY=MIN..MAX[:log] with --budget N.', EXIT.usage);
    const params = sweepParams(project, options.params);
    if (options.method === 'random' && options.budget === undefined) return refuse(io, json, 'usage', '--random needs --budget N: how many runs to draw.', EXIT.usage);
    let budget = options.budget;
    if (budget === undefined) {
      try {
        budget = Math.min(10_000, sweepPlan({ method: 'grid', params, budget: 10_000, seed: 0 }).total);
      } catch {
        budget = 10_000;
      }
    }
    sweep = {
      id: newSweepId(sweeps),
      createdAt: new Date().toISOString(),
      method: options.method,
      params,
      budget,
      seed: options.seed ?? 0,
      metric: options.metric ?? defaultSweepMetric(base.training),
      status: 'running',
    };
  }
  const problems = checkSweep(base, sweep);
  if (problems.length > 0) {
    if (json) io.out(JSON.stringify({ ok: false, error: 'invalid-sweep', problems }));
    else for (const p of problems) io.err(`neurite: ${p.message}`);
    return EXIT.usage;
  }
  const plan = sweepPlan(sweep);
  const todo = options.resume !== undefined ? remainingTrials(sweep, runs) : plan.trials;
  const variants = new Map<number, Project>();
  for (const trial of todo) {
    const applied = applyTrial(base, trial);
    if (!applied.ok) return refuse(io, json, 'invalid-sweep', applied.problems.map((p) => p.message).join(' '), EXIT.usage);
    const variant: Project = { ...base, graph: applied.graph, training: applied.training };
    const errors = graphErrors(variant);
    if (errors.length > 0) {
      const where = `trial ${trial.index + 1} (${describeAssignments(trial.assignments)})`;
      if (json) io.out(JSON.stringify({ ok: false, error: 'invalid-graph', trial: trial.index, assignments: trial.assignments, problems: jsonProblems(errors, io) }));
      else for (const p of errors) for (const line of invalidGraphLines(p, cliT(io), `${where}: `)) io.err(line);
      return EXIT.invalidGraph;
    }
    variants.set(trial.index, variant);
  }
  const target = options.out !== undefined ? resolve(options.out) : options.save ? resolve(options.file) : undefined;
  const backend = await initBackend();
  const direction = earlyStoppingDirection(sweep.metric.monitor, sweep.metric.mode);
  const t = cliT(io);
  if (!json) {
    io.out(t('cli.backend', { name: backend.name }));
    const over = sweep.params.map((p) => p.key).join(', ');
    const cut =
      plan.cut?.kind === 'budget'
        ? t('cli.sweep.cutBudget', { of: plan.cut.of, budget: sweep.budget ?? plan.trials.length, seed: sweep.seed })
        : plan.cut?.kind === 'exhausted'
          ? t('cli.sweep.cutExhausted', { planned: plan.cut.planned, of: plan.cut.of })
          : '';
    io.out(
      t('cli.sweep.title', { id: sweep.id, method: t(`cli.sweep.method.${sweep.method}`), over, trials: plan.trials.length, cut, monitor: sweep.metric.monitor, direction: t(direction === 'min' ? 'cli.sweep.lower' : 'cli.sweep.higher') }),
    );
    if (options.resume !== undefined) io.out(t('cli.sweep.resuming', { left: todo.length, trials: plan.trials.length }));
    io.out(t('cli.sweep.ctrlC'));
  }

  let stopAfter = false;
  let stopNow = false;
  const onInterrupt = () => {
    if (stopAfter) stopNow = true;
    stopAfter = true;
    if (!json) io.err(`neurite: ${t(stopNow ? 'cli.sweep.stoppingNow' : 'cli.sweep.stoppingAfter')}`);
  };
  signals.on('SIGINT', onInterrupt);
  const save = async (status: Sweep['status']): Promise<string | null> => {
    sweep = { ...sweep, status };
    sweeps = sweeps.some((s) => s.id === sweep.id) ? sweeps.map((s) => (s.id === sweep.id ? sweep : s)) : [...sweeps, sweep];
    if (!target) return null;
    try {
      await writeProject(target, { ...project, runs, sweeps });
      return null;
    } catch (error) {
      return `cannot write ${target}: ${(error as Error).message}`;
    }
  };
  let ran = 0;
  let failed = 0;
  try {
    for (const [k, trial] of todo.entries()) {
      if (stopAfter) break;
      if (!json) {
        const left = todo.length < plan.trials.length ? t('cli.sweep.ofLeft', { k: k + 1, left: todo.length }) : '';
        io.out(t('cli.sweep.trial', { number: trial.index + 1, trials: plan.trials.length, left, assignments: describeAssignments(trial.assignments) }));
      }
      const { report, weights } = await runTrial(variants.get(trial.index)!, trial, sweep.id, () => stopNow);
      const record = makeRunRecord(variants.get(trial.index)!, report, runs, weights);
      runs = addRun(runs, record, project.runsBestBy);
      ran++;
      if (report.status === 'failed') failed++;
      if (!json) {
        const value = report.finalLogs[sweep.metric.monitor];
        const metric = Number.isFinite(value) ? `${sweep.metric.monitor} ${value.toPrecision(4)}` : t('cli.sweep.noMetric', { monitor: sweep.metric.monitor });
        const status = t(`cli.reason.${report.status}`) + (report.outcomeKind ? ` (${t(`cli.kind.${report.outcomeKind}` as MessageKey)})` : '');
        io.out(t('cli.sweep.run', { number: record.number, status, duration: seconds(report.durationMs), metric }) + (report.message ? ` - ${report.message}` : ''));
      }
      const error = await save('running');
      if (error) return refuse(io, json, 'save-failed', error, EXIT.badProject);
    }
  } finally {
    signals.off('SIGINT', onInterrupt);
  }
  const left = remainingTrials(sweep, runs).length;
  const status: Sweep['status'] = left === 0 ? 'done' : 'stopped';
  const error = await save(status);
  if (error) return refuse(io, json, 'save-failed', error, EXIT.badProject);

  const results = sweepResults(sweep, runs);
  if (json) {
    io.out(
      JSON.stringify({
        ok: failed < ran || ran === 0,
        sweep,
        ...(plan.cut ? { cut: plan.cut } : {}),
        ...(target ? { saved: target } : {}),
        remaining: left,
        trials: results.map((r) => ({ trial: r.trial.index, assignments: r.trial.assignments, run: r.run.number, runId: r.run.id, status: r.run.status, value: r.value, finalLogs: r.run.finalLogs })),
      }),
    );
  } else {
    const keys = sweep.params.map((p) => p.key);
    const header = [t('cli.sweep.col.trial'), ...keys, sweep.metric.monitor, t('cli.sweep.col.status'), t('cli.sweep.col.run')];
    const rows = results.map((r) => [String(r.trial.index + 1), ...keys.map((k) => cell(r.trial.assignments[k])), r.value === null ? '-' : r.value.toPrecision(4), t(`cli.reason.${r.run.status}`), String(r.run.number)]);
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
    const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ').trimEnd();
    io.out('');
    io.out(t('cli.sweep.results', { monitor: sweep.metric.monitor }));
    io.out(line(header));
    for (const row of rows) io.out(line(row));
    const best = results[0];
    if (best && best.value !== null) io.out(t('cli.sweep.best', { number: best.trial.index + 1, assignments: describeAssignments(best.trial.assignments), run: best.run.number, logs: formatLogs(best.run.finalLogs) }));
    if (status === 'stopped') {
      const then = target ? t('cli.sweep.resumeWith', { command: `neurite sweep ${JSON.stringify(target)} --resume ${sweep.id} --save` }) : t('cli.sweep.nothingSaved');
      io.out(t('cli.sweep.stoppedLeft', { left, then }));
    }
    if (target) io.out(t('cli.sweep.saved', { file: target, id: sweep.id }));
    // Trial 8, finding 12: a resumed sweep that is not saved stays where it was in the file.
    else if (options.resume !== undefined) io.out(t('cli.sweep.notSaved'));
  }
  if (stopAfter && status === 'stopped') return 130;
  return ran > 0 && failed === ran ? EXIT.trainingFailed : EXIT.ok;
}
