import { createRandom } from '../data/random';
import { getLayer } from '../layers';
import { validateParams } from '../layers/params';
import { chooseOptimizer, getOptimizer } from '../optimizers';
import { earlyStoppingDirection } from '../training/early-stopping';
import { recordedLogNames } from '../training/validate-settings';
import { OPTIMIZER_LIMITS, TRAINING_LIMITS, checkLimit, type NumberLimit } from '../training/limits';
import type { Graph } from '../graph/types';
import { layerNames } from '../graph/names';
import { OPTIMIZERS, type OptimizerName, type Project, type RunRecord, type Sweep, type SweepParam, type TrainingSettings } from '../project/schema';

/**
 * Sweeps (issue 15): the planner shared by `neurite sweep` and the app's Sweep dialog. A sweep's
 * plan is a pure function of the sweep (its params, method, budget and seed), so a stopped sweep
 * resumes by planning again and running the trials no run of the sweep has finished.
 *
 * Keys: `learningRate`, `batchSize`, `epochs`, `optimizer` (training settings) and
 * `<nodeId>.<param>` for a layer's param (`n3.units`, `n4.rate`).
 */

/** One trial of a sweep: its 0-based index in the plan and the value of every swept key. */
export interface Trial {
  index: number;
  assignments: Record<string, number | string>;
}

/** A swept value: a number, or a name (an optimizer, an enum param such as an activation). */
export type SweepValue = number | string;

/** The training-settings keys a sweep can change (layer params are `<nodeId>.<param>`). */
export const SWEEP_SETTING_KEYS = ['learningRate', 'batchSize', 'epochs', 'optimizer'] as const;
export type SweepSettingKey = (typeof SWEEP_SETTING_KEYS)[number];

/** Which words a sweep problem takes (the renderer's dictionary has `sweep.problem.<id>`). */
export type SweepProblemId = 'badValue' | 'unknownKey' | 'unknownNode' | 'unknownParam' | 'badRange' | 'gridNeedsCount' | 'duplicateKey' | 'notSweepable' | 'unknownMetric';

/** A problem with a sweep, pinned to its key: what was expected and what was given; `message` is the English sentence (CLI, logs). */
export interface SweepProblem {
  code: 'invalid-sweep';
  messageId: SweepProblemId;
  key: string;
  expected: string;
  got: string;
  message: string;
}

/** Thrown by {@link planSweep} for a sweep that cannot be planned (a range without a count in a grid, min above max…). */
export class SweepError extends Error {
  readonly code = 'invalid-sweep';
  constructor(readonly problems: SweepProblem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'SweepError';
  }
}

function problem(messageId: SweepProblemId, key: string, expected: string, got: string, message?: string): SweepProblem {
  return { code: 'invalid-sweep', messageId, key, expected, got, message: message ?? `Sweep ${key}: expected ${expected}; got ${got}.` };
}

const show = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value) : String(value));

/**
 * A number as a sweep prints it and stores it: 12 significant digits, so a log grid's
 * `10 ** -3` (0.0010000000000000002) is 0.001.
 */
export const tidyNumber = (value: number): number => Number(value.toPrecision(12));

/**
 * The values of one param in a grid search: its `values` as given, or its range split into
 * `count` points from min to max inclusive — evenly spaced (`linear`) or evenly spaced in
 * log10 (`log`, as numpy's `geomspace`); `integer` rounds each point and drops the repeats
 * rounding makes. `count` 1 gives min. Throws SweepError for a range that cannot be split.
 */
export function gridValues(param: SweepParam): SweepValue[] {
  if (param.kind === 'values') return [...param.values];
  checkRange(param);
  const count = param.count;
  if (count === undefined) throw new SweepError([problem('gridNeedsCount', param.key, 'a number of grid points (count)', 'none', `Sweep ${param.key}: a grid search splits a range into points; give how many (e.g. ${param.min}..${param.max}:${param.scale}:4).`)]);
  const points: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = count === 1 ? 0 : i / (count - 1);
    points.push(param.scale === 'log' ? 10 ** (Math.log10(param.min) + t * (Math.log10(param.max) - Math.log10(param.min))) : param.min + t * (param.max - param.min));
  }
  const values = points.map((v) => (param.integer ? Math.round(v) : tidyNumber(v)));
  return [...new Set(values)];
}

function checkRange(param: Extract<SweepParam, { kind: 'range' }>): void {
  if (!(param.min <= param.max)) throw new SweepError([problem('badRange', param.key, `min at most max`, `${param.min}..${param.max}`)]);
  if (param.scale === 'log' && param.min <= 0) {
    throw new SweepError([problem('badRange', param.key, 'a log range above 0', `${param.min}..${param.max}`, `Sweep ${param.key}: a log range needs min above 0; got ${param.min}..${param.max}. Use a linear range, or a min such as 1e-4.`)]);
  }
}

/** A random draw of one param: a uniform pick of its values, or uniform (linear) / log-uniform (log) in its range, rounded when integer. */
function drawValue(param: SweepParam, next: () => number): SweepValue {
  if (param.kind === 'values') return param.values[Math.floor(next() * param.values.length)];
  const t = next();
  const value = param.scale === 'log' ? 10 ** (Math.log10(param.min) + t * (Math.log10(param.max) - Math.log10(param.min))) : param.min + t * (param.max - param.min);
  return param.integer ? Math.round(value) : tidyNumber(value);
}

/** A sweep's plan with what the budget left out. */
export interface SweepPlan {
  trials: Trial[];
  /** Grid: the number of combinations; random: the draws asked for (the budget). */
  total: number;
  /**
   * What the plan left out and why: `budget` — the grid has more combinations than the budget and
   * a seeded random sample of `budget` of them (kept in grid order) is run; `exhausted` — random
   * search found no new combination after 50 draws (a small discrete space), so it has fewer
   * trials than the budget. Null when every combination or draw is planned.
   */
  cut: null | { kind: 'budget' | 'exhausted'; planned: number; of: number };
}

const assignmentKey = (a: Record<string, SweepValue>): string => JSON.stringify(Object.entries(a));

/**
 * Plans a sweep's trials. **Grid**: the cartesian product of every param's {@link gridValues}, in
 * the order of `sweep.params` with the last param varying fastest (Python's `itertools.product`).
 * When the product exceeds `budget`, `budget` distinct combinations are drawn uniformly with
 * `sweep.seed` and run in grid order (rather than the first `budget`, which would never vary the
 * first param). **Random**: up to `budget` draws (`createRandom(sweep.seed)`, mulberry32), each
 * param independently; a draw equal to an earlier one is drawn again (up to 50 times, then the plan
 * ends early: see `cut`). Deterministic: the same sweep always plans the same trials, which is
 * what resuming relies on. Throws SweepError for a param that cannot be planned or a repeated key.
 */
export function sweepPlan(sweep: Pick<Sweep, 'method' | 'params' | 'budget' | 'seed'>): SweepPlan {
  const keys = sweep.params.map((p) => p.key);
  const repeated = keys.find((k, i) => keys.indexOf(k) !== i);
  if (repeated) throw new SweepError([problem('duplicateKey', repeated, 'each key once', `${repeated} twice`, `Sweep ${repeated}: the key is given twice; list all its values in one parameter.`)]);
  const random = createRandom(sweep.seed);
  if (sweep.method === 'grid') {
    const lists = sweep.params.map(gridValues);
    const total = lists.reduce((n, l) => n * l.length, 1);
    if (!Number.isSafeInteger(total)) {
      throw new SweepError([problem('badRange', keys.join(', '), 'a grid of fewer combinations', String(total), `Sweep: the grid over ${keys.join(', ')} has ${total} combinations, too many to number; use fewer values, or a random search.`)]);
    }
    let indexes: number[];
    let cut: SweepPlan['cut'] = null;
    if (total > sweep.budget) {
      // `budget` distinct combinations drawn uniformly (never more than the budget in memory, however large the grid).
      const picked = new Set<number>();
      while (picked.size < sweep.budget) picked.add(Math.floor(random.next() * total));
      indexes = [...picked].sort((a, b) => a - b);
      cut = { kind: 'budget', planned: sweep.budget, of: total };
    } else indexes = Array.from({ length: total }, (_, i) => i);
    const trials = indexes.map((flat, index) => {
      const assignments: Record<string, SweepValue> = {};
      let rest = flat;
      for (let p = lists.length - 1; p >= 0; p--) {
        assignments[keys[p]] = lists[p][rest % lists[p].length];
        rest = Math.floor(rest / lists[p].length);
      }
      return { index, assignments: Object.fromEntries(keys.map((k) => [k, assignments[k]])) };
    });
    return { trials, total, cut };
  }
  for (const p of sweep.params) if (p.kind === 'range') checkRange(p);
  const trials: Trial[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < sweep.budget; index++) {
    let assignments: Record<string, SweepValue> | null = null;
    for (let attempt = 0; attempt < 50 && assignments === null; attempt++) {
      const draw = Object.fromEntries(sweep.params.map((p) => [p.key, drawValue(p, random.next)]));
      if (!seen.has(assignmentKey(draw))) assignments = draw;
    }
    if (assignments === null) return { trials, total: sweep.budget, cut: { kind: 'exhausted', planned: trials.length, of: sweep.budget } };
    seen.add(assignmentKey(assignments));
    trials.push({ index, assignments });
  }
  return { trials, total: sweep.budget, cut: null };
}

/** The trials of a sweep ({@link sweepPlan}`.trials`). */
export function planSweep(sweep: Pick<Sweep, 'method' | 'params' | 'budget' | 'seed'>): Trial[] {
  return sweepPlan(sweep).trials;
}

function limitText(limit: NumberLimit): string {
  const kind = limit.integer ? 'a whole number' : 'a number';
  const lower = limit.minExclusive ? `above ${limit.min}` : `at least ${limit.min}`;
  const upper = limit.max === Infinity ? '' : limit.maxExclusive ? ` and below ${limit.max}` : ` and at most ${limit.max}`;
  return `${kind} ${lower}${upper}`;
}

const SETTING_LIMITS: Record<Exclude<SweepSettingKey, 'optimizer'>, NumberLimit> = {
  learningRate: OPTIMIZER_LIMITS.learningRate,
  batchSize: TRAINING_LIMITS.batchSize,
  epochs: TRAINING_LIMITS.epochs,
};

/** The layer param a `<nodeId>.<param>` key names, or the problem with the key. */
function layerTarget(graph: Graph, key: string): { nodeIndex: number; param: string } | SweepProblem {
  const dot = key.lastIndexOf('.');
  if (dot <= 0) {
    return problem('unknownKey', key, `one of ${SWEEP_SETTING_KEYS.join(', ')}, or NODE.PARAM for a layer's param`, show(key), `Sweep: unknown key ${show(key)}; expected one of ${SWEEP_SETTING_KEYS.join(', ')}, or NODE.PARAM for a layer's param (e.g. dense.units).`);
  }
  const nodeId = key.slice(0, dot);
  const param = key.slice(dot + 1);
  const nodeIndex = graph.nodes.findIndex((n) => n.id === nodeId);
  if (nodeIndex < 0) {
    const ids = graph.nodes.map((n) => n.id).join(', ');
    return problem('unknownNode', key, `a node of the graph (${ids})`, show(nodeId), `Sweep ${key}: the graph has no node ${show(nodeId)}; its nodes are ${ids}.`);
  }
  const def = getLayer(graph.nodes[nodeIndex].type);
  const spec = def?.params.find((p) => p.name === param);
  if (!def || !spec) {
    const names = def?.params.map((p) => p.name).join(', ') ?? '';
    return problem('unknownParam', key, `a param of ${graph.nodes[nodeIndex].type} (${names})`, show(param), `Sweep ${key}: ${graph.nodes[nodeIndex].type} node ${show(nodeId)} has no param ${show(param)}; its params are ${names}.`);
  }
  if (spec.kind === 'bool' || spec.kind === 'shape') {
    return problem('notSweepable', key, 'a number or option param', `a ${spec.kind === 'bool' ? 'true/false' : 'shape'} param`, `Sweep ${key}: ${def.label} ${spec.label.toLowerCase()} is a ${spec.kind === 'bool' ? 'true/false' : 'shape'} param; sweeps change number and option params.`);
  }
  return { nodeIndex, param };
}

/** Whether a value fits a key of the graph (its limits from src/shared/training/limits.ts or the layer's param spec), or the problem. */
function checkValue(graph: Graph, key: string, value: SweepValue): SweepProblem | null {
  if (key === 'optimizer') {
    return typeof value === 'string' && (OPTIMIZERS as readonly string[]).includes(value) ? null : problem('badValue', key, `one of ${OPTIMIZERS.join(', ')}`, show(value));
  }
  if (key in SETTING_LIMITS) {
    const limit = SETTING_LIMITS[key as keyof typeof SETTING_LIMITS];
    return checkLimit(value, limit) === null ? null : problem('badValue', key, limitText(limit), show(value));
  }
  const target = layerTarget(graph, key);
  if ('code' in target) return target;
  const node = graph.nodes[target.nodeIndex];
  const def = getLayer(node.type)!;
  const [found] = validateParams(def, { [target.param]: value });
  if (!found) return null;
  // validateParams words it "Dense units must be …; got …": keep the expectation for the structured fields.
  const expected = /must be (.*); got/.exec(found.message)?.[1] ?? 'a valid value';
  return problem('badValue', key, expected, show(value), `Sweep ${key} (node ${show(node.id)}): ${found.message}`);
}

/** A trial's graph and settings, or the problems with its values. */
export type AppliedTrial = { ok: true; graph: Graph; training: TrainingSettings } | { ok: false; problems: SweepProblem[] };

/**
 * The graph and training settings of one trial: the project's, with each swept key set. The
 * optimizer is switched first as the settings panel switches it (`chooseOptimizer`: its other
 * fields take the new optimizer's Keras defaults unless the user typed a value of their own), then
 * a swept `learningRate` applies on top. Each value is checked against its limit (the training
 * limits table, or the layer param's spec); every problem names the key, what was expected and
 * what was given. The project is not changed.
 */
export function applyTrial(project: Pick<Project, 'graph' | 'training'>, trial: Pick<Trial, 'assignments'>): AppliedTrial {
  const problems: SweepProblem[] = [];
  for (const [key, value] of Object.entries(trial.assignments)) {
    const found = checkValue(project.graph, key, value);
    if (found) problems.push(found);
  }
  if (problems.length > 0) return { ok: false, problems };
  const a = trial.assignments;
  let training: TrainingSettings = { ...project.training };
  if (a.optimizer !== undefined) training = { ...training, optimizer: chooseOptimizer(training.optimizer, a.optimizer as OptimizerName) };
  if (a.learningRate !== undefined) training = { ...training, optimizer: { ...training.optimizer, learningRate: a.learningRate as number } };
  if (a.batchSize !== undefined) training = { ...training, batchSize: a.batchSize as number };
  if (a.epochs !== undefined) training = { ...training, epochs: a.epochs as number };
  let graph = project.graph;
  const layerKeys = Object.keys(a).filter((k) => !(SWEEP_SETTING_KEYS as readonly string[]).includes(k));
  if (layerKeys.length > 0) {
    const nodes = graph.nodes.map((n) => ({ ...n, params: { ...n.params } }));
    for (const key of layerKeys) {
      const target = layerTarget(graph, key) as { nodeIndex: number; param: string };
      nodes[target.nodeIndex].params[target.param] = a[key];
    }
    graph = { ...graph, nodes };
  }
  return { ok: true, graph, training };
}

/**
 * Every problem of a sweep for this project before anything runs: a metric the runs will not log
 * (`recordedLogNames`, as early stopping's monitor is checked), the plan (ranges, counts, repeated
 * keys) and each planned value against its key. One problem per key and value.
 */
export function checkSweep(project: Pick<Project, 'graph' | 'training'>, sweep: Pick<Sweep, 'method' | 'params' | 'budget' | 'seed'> & Partial<Pick<Sweep, 'metric'>>): SweepProblem[] {
  const logs = recordedLogNames(project.training);
  if (sweep.metric && !logs.includes(sweep.metric.monitor)) {
    const expected = `a log the runs record (${logs.join(', ')})`;
    return [problem('unknownMetric', 'metric', expected, show(sweep.metric.monitor), `Sweep metric: expected ${expected}; got ${show(sweep.metric.monitor)}. Logs starting with val_ need a validation split above 0.`)];
  }
  let trials: Trial[];
  try {
    trials = planSweep(sweep);
  } catch (error) {
    if (error instanceof SweepError) return error.problems;
    throw error;
  }
  const problems = new Map<string, SweepProblem>();
  for (const trial of trials) {
    for (const [key, value] of Object.entries(trial.assignments)) {
      const id = `${key}\u0000${show(value)}`;
      if (problems.has(id) || [...problems.values()].some((p) => p.key === key && p.messageId !== 'badValue')) continue;
      const found = checkValue(project.graph, key, value);
      if (found) problems.set(id, found);
    }
  }
  return [...problems.values()];
}

/** The runs of a sweep (`origin.groupId` is its id), oldest first. */
export function sweepRuns<R extends Pick<RunRecord, 'origin'>>(sweep: Pick<Sweep, 'id'>, runs: readonly R[]): R[] {
  return runs.filter((r) => r.origin.groupId === sweep.id);
}

/**
 * Whether a trial's run finished it: every run that ended by itself counts (completed, diverged,
 * failed — its result is that it failed); a run the user `stopped` did not, and the trial runs
 * again on resume.
 */
const finishesTrial = (run: Pick<RunRecord, 'status'>): boolean => run.status !== 'stopped';

/**
 * The trials still to run (for Resume): the plan's trials that no run of the sweep finished
 * (see `finishesTrial`), in plan order.
 */
export function remainingTrials(sweep: Pick<Sweep, 'id' | 'method' | 'params' | 'budget' | 'seed'>, runs: readonly Pick<RunRecord, 'origin' | 'status'>[]): Trial[] {
  const done = new Set(sweepRuns(sweep, runs).filter(finishesTrial).map((r) => r.origin.trial));
  return planSweep(sweep).filter((t) => !done.has(t.index));
}

/** One trial's result: its latest run (a trial re-run on resume has a newer one) and the sweep metric's final value. */
export interface TrialResult<R> {
  trial: Trial;
  run: R;
  /** `run.finalLogs[metric]`; null when the run did not log it or it is not finite (failed, diverged). */
  value: number | null;
}

/**
 * A sweep's results for its table and plot: every planned trial that has a run, its latest run,
 * sorted best first by the sweep's metric (`mode` auto as Keras' callbacks: accuracy-like
 * maximised); trials without a finite value last, in plan order.
 */
export function sweepResults<R extends Pick<RunRecord, 'origin' | 'finalLogs' | 'status'>>(sweep: Sweep, runs: readonly R[]): TrialResult<R>[] {
  const byTrial = new Map<number, R>();
  for (const run of sweepRuns(sweep, runs)) if (run.origin.trial !== undefined) byTrial.set(run.origin.trial, run);
  const direction = earlyStoppingDirection(sweep.metric.monitor, sweep.metric.mode);
  const results: TrialResult<R>[] = [];
  for (const trial of planSweep(sweep)) {
    const run = byTrial.get(trial.index);
    if (!run) continue;
    const raw = run.finalLogs[sweep.metric.monitor];
    results.push({ trial, run, value: run.status !== 'failed' && Number.isFinite(raw) ? raw : null });
  }
  return results.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? a.trial.index - b.trial.index : 1) : -1;
    return (direction === 'min' ? a.value - b.value : b.value - a.value) || a.trial.index - b.trial.index;
  });
}

/** A new sweep's id: `sweep-<n>-<base36 time>`, n one more than the sweeps so far. */
export function newSweepId(sweeps: readonly Pick<Sweep, 'id'>[], now: Date = new Date()): string {
  const base = `sweep-${sweeps.length + 1}-${now.getTime().toString(36)}`;
  let id = base;
  for (let k = 2; sweeps.some((s) => s.id === id); k++) id = `${base}-${k}`;
  return id;
}

/** A key as the CLI and tables show it: the setting's name, or `node.param`. */
export function describeAssignments(assignments: Record<string, SweepValue>): string {
  return Object.entries(assignments)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? String(tidyNumber(v)) : v}`)
    .join(' ');
}

/** Keras 3 default learning rate of an optimizer (used by the dialog to seed a learning-rate range around it). */
export function defaultLearningRate(id: OptimizerName): number {
  return getOptimizer(id).fields.find((f) => f.name === 'learningRate')?.default as number;
}

/**
 * Whether a key takes whole numbers only (batch size, epochs, an `int` layer param such as
 * Dense units): a range over it is rounded. False for unknown keys (checkSweep names those).
 */
export function sweepKeyIsInteger(graph: Graph, key: string): boolean {
  if (key === 'batchSize' || key === 'epochs') return true;
  if ((SWEEP_SETTING_KEYS as readonly string[]).includes(key)) return false;
  const target = layerTarget(graph, key);
  if ('code' in target) return false;
  return getLayer(graph.nodes[target.nodeIndex].type)?.params.find((p) => p.name === target.param)?.kind === 'int';
}

/** The metric a sweep is judged by when none is chosen: `val_loss` when the settings hold out validation rows, else `loss` (minimised). */
export function defaultSweepMetric(training: Pick<TrainingSettings, 'validationSplit'>): Sweep['metric'] {
  return { monitor: training.validationSplit > 0 ? 'val_loss' : 'loss', mode: 'auto' };
}

const NUMBER_TEXT = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * A list of values as people type it, `0.1, 0.01, 1e-3` or `adam, sgd`: comma-separated, each a
 * number or a name (an optimizer, an option). The Sweep dialog's values field and
 * `neurite sweep --grid KEY=…` read lists with it. Empty items are refused.
 */
export function parseSweepValues(text: string): { ok: true; values: SweepValue[] } | { ok: false; message: string } {
  const items = text.split(',').map((v) => v.trim());
  if (items.length === 0 || items.some((v) => v === '')) return { ok: false, message: `expected values separated by commas, such as 0.1, 0.01; got ${JSON.stringify(text)}` };
  return { ok: true, values: items.map((v) => (NUMBER_TEXT.test(v) ? Number(v) : v)) };
}

/** Whether text is one number as a sweep reads it (`1e-4`, `.5`, `32`). */
export const isNumberText = (text: string): boolean => NUMBER_TEXT.test(text.trim());

/** A key the Sweep dialog offers: a training setting, or a layer's width or dropout rate. */
export interface SweepCandidate {
  key: string;
  /** For a layer param: the node and the param (`units`, `filters`, `rate`). */
  node?: { id: string; type: string; param: string };
  /** Whole numbers only (ranges rounded). */
  integer: boolean;
  /** The value the document has now (the optimizer's id for `optimizer`). */
  current: SweepValue;
}

/** Layer params the dialog offers, by layer type (issue 15: "dropout rate and any layer's units"; a convolution's units are its filters). */
const LAYER_SWEEP_PARAMS: Record<string, string> = { Dense: 'units', Dropout: 'rate', Conv1D: 'filters', Conv2D: 'filters', SeparableConv2D: 'filters' };

/**
 * What the Sweep dialog offers for this graph and these settings: learning rate, batch size,
 * epochs, optimizer, then each Dense's units, each convolution's filters and each Dropout's rate,
 * in the graph's node order. (Any other number or option param can be swept by key on the command line.)
 */
export function sweepCandidates(graph: Graph, training: TrainingSettings): SweepCandidate[] {
  const settings: SweepCandidate[] = [
    { key: 'learningRate', integer: false, current: training.optimizer.learningRate },
    { key: 'batchSize', integer: true, current: training.batchSize },
    { key: 'epochs', integer: true, current: training.epochs },
    { key: 'optimizer', integer: false, current: training.optimizer.type },
  ];
  const layers: SweepCandidate[] = [];
  for (const node of graph.nodes) {
    const param = LAYER_SWEEP_PARAMS[node.type];
    const spec = param ? getLayer(node.type)?.params.find((p) => p.name === param) : undefined;
    if (!param || !spec || (spec.kind !== 'int' && spec.kind !== 'float')) continue;
    const value = node.params[param];
    layers.push({ key: `${node.id}.${param}`, node: { id: node.id, type: node.type, param }, integer: spec.kind === 'int', current: typeof value === 'number' ? value : spec.default });
  }
  return [...settings, ...layers];
}

/**
 * The graph and settings a sweep's trials set their values on: those its first run trained (each
 * trial sets every swept key again), so trials run on resume compare with those that ran before,
 * whatever was edited meanwhile; `current` (the project's own) when no run of the sweep exists yet.
 */
export function sweepBase<P extends Pick<Project, 'graph' | 'training'>>(sweep: Pick<Sweep, 'id'>, runs: readonly Pick<RunRecord, 'origin' | 'graph' | 'training'>[], current: P): P {
  const first = sweepRuns(sweep, runs)[0];
  return first ? { ...current, graph: first.graph, training: first.training } : current;
}

/**
 * A key with its node named by id: `NODE.PARAM` may name the node by its id (as the project file
 * and the app store it) or by its layer name as `neurite summary` prints it (`dense_n3.units`,
 * src/shared/graph/names.ts); the latter becomes the former. Other keys are returned as they are.
 */
export function canonicalSweepKey(graph: Graph, key: string): string {
  const dot = key.lastIndexOf('.');
  if (dot <= 0 || (SWEEP_SETTING_KEYS as readonly string[]).includes(key)) return key;
  const node = key.slice(0, dot);
  if (graph.nodes.some((n) => n.id === node)) return key;
  const byName = [...layerNames(graph)].find(([, name]) => name === node);
  return byName ? `${byName[0]}${key.slice(dot)}` : key;
}
