import { getLayer, resolveParams } from '../../../../shared/layers';
import { layerNames } from '../../../../shared/graph/names';
import { canonicalJson } from '../../../../shared/project/hash';
import { runHasWeights, type WireRunRecord } from '../../../../shared/project/wire';
import type { DatasetSpec } from '../../../../shared/project/schema';
import { differingFields } from '../../../../shared/runs/columns';
import { describeRunChange, flattenSettings, formatChangeValue } from '../../../../shared/runs/diff';
import { kerasLogName } from '../../../../shared/training/epoch-log';
import { formatLogValue, OUTCOME_KIND_KEY } from '../../../../shared/training/outcome-text';
import { OUTCOME_KINDS, type OutcomeKind } from '../../../../shared/training/outcome';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { formatDuration } from '../../lib/duration';
import { formatDateTime } from '../../lib/dateTime';

/**
 * The runs table's model (issue 15): which columns a project's runs get, each run's value in a
 * column, and the filter and sort over them. Pure functions of the run records, so the view, its
 * tests and the 500-run benchmark all go through the same code.
 */

/** One cell: a number (settings, params, metrics, seconds), text, a yes/no, or absent. */
export type Cell = number | string | boolean | undefined;

/**
 * - `run`: the run's own fields (number, started, duration, status, outcome, backend, origin, pinned, weights, note);
 * - `setting`: a training setting by its dotted path (`optimizer.learningRate`, `batchSize`, `earlyStopping.patience`);
 * - `param`: a layer's param (`<nodeId>.<field>`), resolved with the registry's defaults;
 * - `layer`: whether a node is in the run's graph (its type, or absent);
 * - `graph`: the graph's wiring (short graph hash), `dataset`: the data (name and short hash);
 * - `metric`: a final log (`loss`, `val_accuracy`…), `test`: a test-split result (`test_loss`…).
 */
export type RunColumnGroup = 'run' | 'setting' | 'param' | 'layer' | 'graph' | 'dataset' | 'metric' | 'test';

export interface RunColumn {
  /** Unique: `<group>:<key>` (`setting:batchSize`, `param:n3.units`, `metric:val_loss`, `run:number`). */
  id: string;
  group: RunColumnGroup;
  key: string;
  type: 'number' | 'text' | 'boolean';
  /** For `param` and `layer` columns: the node, its Keras layer name (`dense_n3`) and type. */
  nodeId?: string;
  layer?: string;
  layerType?: string;
  field?: string;
}

const RUN_FIELDS = ['number', 'startedAt', 'duration', 'status', 'outcome', 'backend', 'origin', 'changes', 'pinned', 'weights', 'note'] as const;
export type RunField = (typeof RUN_FIELDS)[number];
const RUN_FIELD_TYPES: Record<RunField, RunColumn['type']> = {
  number: 'number',
  startedAt: 'text',
  duration: 'number',
  status: 'text',
  outcome: 'text',
  backend: 'text',
  origin: 'text',
  changes: 'text',
  pinned: 'boolean',
  weights: 'boolean',
  note: 'text',
};

/** A column of the run's own fields. */
export const runColumn = (field: RunField): RunColumn => ({ id: `run:${field}`, group: 'run', key: field, type: RUN_FIELD_TYPES[field] });

/** The settings the table shows first, in this order, when they vary; other settings follow by path. */
const SETTING_ORDER = ['optimizer.type', 'optimizer.learningRate', 'batchSize', 'epochs'];

const settingColumn = (path: string, value: unknown): RunColumn => ({ id: `setting:${path}`, group: 'setting', key: path, type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text' });

function paramColumn(nodeId: string, layer: string, layerType: string, field: string, value: unknown): RunColumn {
  return { id: `param:${nodeId}.${field}`, group: 'param', key: `${nodeId}.${field}`, type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text', nodeId, layer, layerType, field };
}

const GROUP_ORDER: RunColumnGroup[] = ['run', 'setting', 'param', 'layer', 'graph', 'dataset', 'metric', 'test'];

/** Columns in the table's order: settings (the common ones first), params (graph order as found), layers, graph, data, metrics, test. */
function orderColumns(columns: Iterable<RunColumn>): RunColumn[] {
  const list = [...columns];
  const rank = (c: RunColumn) => {
    if (c.group !== 'setting') return 0;
    const i = SETTING_ORDER.indexOf(c.key);
    return i < 0 ? SETTING_ORDER.length : i;
  };
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => GROUP_ORDER.indexOf(a.c.group) - GROUP_ORDER.indexOf(b.c.group) || rank(a.c) - rank(b.c) || (a.c.group === 'setting' && rank(a.c) === SETTING_ORDER.length ? a.c.key.localeCompare(b.c.key) : 0) || a.i - b.i)
    .map(({ c }) => c);
}

/**
 * The setup columns whose values differ between runs: the settings and layer params
 * `differingFields` finds (src/shared/runs/columns.ts, from `diffRunSetups` between consecutive
 * runs; `neurite runs` prints the same), then what the diff calls structural: a `layer` column for
 * each node that only some runs have (or that changed type), a `graph` column when the wiring
 * differs, a `dataset` column when the data does.
 */
export function varyingColumns(runs: readonly WireRunRecord[]): RunColumn[] {
  const columns: RunColumn[] = [];
  for (const field of differingFields(runs)) {
    const first = field.values.find((v) => v !== undefined);
    if (field.key.startsWith('setting:')) {
      columns.push(settingColumn(field.key.slice('setting:'.length), first));
      continue;
    }
    const id = field.key.slice('param:'.length);
    const dot = id.lastIndexOf('.');
    const nodeId = id.slice(0, dot);
    const owner = runs.find((r) => r.graph.nodes.some((n) => n.id === nodeId));
    const type = owner?.graph.nodes.find((n) => n.id === nodeId)?.type ?? '';
    columns.push(paramColumn(nodeId, field.label.slice(0, field.label.length - (id.length - dot)), type, id.slice(dot + 1), first));
  }
  // Structural differences, from each distinct graph once.
  const graphs = new Map<string, WireRunRecord['graph']>();
  for (const run of runs) if (!graphs.has(run.graphHash)) graphs.set(run.graphHash, run.graph);
  if (graphs.size > 1) {
    const types = new Map<string, { types: Set<string>; graphs: number; layer: string }>();
    for (const graph of graphs.values()) {
      const names = layerNames(graph);
      for (const node of graph.nodes) {
        const entry = types.get(node.id) ?? { types: new Set<string>(), graphs: 0, layer: names.get(node.id) ?? node.id };
        entry.types.add(node.type);
        entry.graphs++;
        types.set(node.id, entry);
      }
    }
    for (const [nodeId, entry] of types) {
      if (entry.graphs < graphs.size || entry.types.size > 1) columns.push({ id: `layer:${nodeId}`, group: 'layer', key: nodeId, type: 'text', nodeId, layer: entry.layer, layerType: [...entry.types][0] });
    }
    const wiring = new Set([...graphs.values()].map((g) => g.edges.map((e) => `${e.source}->${e.target}`).sort().join(',')));
    if (wiring.size > 1) columns.push({ id: 'graph:hash', group: 'graph', key: 'graph', type: 'text' });
  }
  if (new Set(runs.map((r) => r.datasetHash)).size > 1) columns.push({ id: 'dataset:data', group: 'dataset', key: 'data', type: 'text' });
  return orderColumns(columns);
}

/** Log keys in the trainer's order: loss first, metrics, and each val_ key after its training key. */
export function orderLogKeys(keys: Iterable<string>): string[] {
  const all = [...new Set(keys)];
  const base = (k: string) => (k.startsWith('val_') ? k.slice(4) : k.startsWith('test_') ? k.slice(5) : k);
  const firstSeen = new Map<string, number>();
  all.forEach((k, i) => {
    const b = base(k);
    if (!firstSeen.has(b)) firstSeen.set(b, i);
  });
  const prefixRank = (k: string) => (k.startsWith('val_') ? 1 : k.startsWith('test_') ? 2 : 0);
  return all.sort((a, b) => {
    const ba = base(a);
    const bb = base(b);
    if (ba !== bb) return ba === 'loss' ? -1 : bb === 'loss' ? 1 : firstSeen.get(ba)! - firstSeen.get(bb)!;
    return prefixRank(a) - prefixRank(b);
  });
}

/** The final-metric and test columns: every key any run logged. */
export function metricColumns(runs: readonly WireRunRecord[]): RunColumn[] {
  const metrics = new Set<string>();
  const tests = new Set<string>();
  for (const run of runs) {
    for (const k of Object.keys(run.finalLogs)) metrics.add(k);
    for (const k of Object.keys(run.test ?? {})) tests.add(k);
  }
  return [
    ...orderLogKeys(metrics).map((k): RunColumn => ({ id: `metric:${k}`, group: 'metric', key: k, type: 'number' })),
    ...orderLogKeys(tests).map((k): RunColumn => ({ id: `test:${k}`, group: 'test', key: k, type: 'number' })),
  ];
}

/**
 * Every column the column chooser offers: the run's fields, every training setting and every
 * layer param of any run (each distinct graph and settings read once), the varying ones, and the
 * metrics.
 */
export function allColumns(runs: readonly WireRunRecord[], varying: readonly RunColumn[] = varyingColumns(runs)): RunColumn[] {
  const found = new Map<string, RunColumn>();
  const add = (c: RunColumn) => {
    if (!found.has(c.id)) found.set(c.id, c);
  };
  for (const field of RUN_FIELDS) add(runColumn(field));
  const settingsSeen = new Set<string>();
  const graphsSeen = new Set<string>();
  for (const run of runs) {
    if (!settingsSeen.has(run.settingsHash)) {
      settingsSeen.add(run.settingsHash);
      const flat = new Map<string, unknown>();
      flattenSettings(run.training, '', flat);
      for (const [path, value] of flat) add(settingColumn(path, value));
    }
    if (!graphsSeen.has(run.graphHash)) {
      graphsSeen.add(run.graphHash);
      const names = layerNames(run.graph);
      for (const node of run.graph.nodes) {
        const def = getLayer(node.type);
        const params = (def ? resolveParams(def, node.params) : node.params) as Record<string, unknown>;
        for (const field of Object.keys(params).sort()) add(paramColumn(node.id, names.get(node.id) ?? node.id, node.type, field, params[field]));
      }
    }
  }
  for (const c of varying) add(c);
  for (const c of metricColumns(runs)) add(c);
  return orderColumns(found.values());
}

/**
 * The columns shown by default: number, started, duration, status, outcome, backend (origin when
 * runs came about in more than one way), the varying setup columns, the final metrics and test
 * results, pinned, weights kept and the note.
 */
export function defaultColumns(runs: readonly WireRunRecord[], varying: readonly RunColumn[] = varyingColumns(runs)): RunColumn[] {
  const origins = new Set(runs.map((r) => r.origin.kind));
  const head: RunField[] = ['number', 'startedAt', 'duration', 'status', 'outcome', 'backend', ...(origins.size > 1 ? (['origin'] as const) : []), 'changes'];
  return [...head.map(runColumn), ...varying, ...metricColumns(runs), ...(['pinned', 'weights', 'note'] as const).map(runColumn)];
}

/** A node's param resolved with the registry's defaults (as `diffRunSetups` compares them). */
function paramValue(run: WireRunRecord, nodeId: string, field: string, layerType?: string): unknown {
  const node = run.graph.nodes.find((n) => n.id === nodeId);
  if (!node || (layerType !== undefined && node.type !== layerType)) return undefined;
  const def = getLayer(node.type);
  return ((def ? resolveParams(def, node.params) : node.params) as Record<string, unknown>)[field];
}

function settingValue(training: unknown, path: string): unknown {
  let value: unknown = training;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : value;
}

const asCell = (value: unknown): Cell => (value === undefined || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean' ? value : value === null ? 'null' : canonicalJson(value));

/** The data a run trained on, as one word: the generator, file or image source, with a short hash telling same-named data apart. */
export function datasetText(dataset: DatasetSpec, hash: string): string {
  return `${datasetName(dataset)} · ${hash.slice(0, 7)}`;
}

/** The data's name: the generator (`xor`), the CSV file's or the image source's name (also the report charts' captions, issue 17). */
export function datasetName(dataset: DatasetSpec): string {
  return dataset.kind === 'generator' ? dataset.generator : dataset.kind === 'csv' ? dataset.file.name : dataset.source.name;
}

/** A run's value in `column` (absent when the run has none there: a layer it lacks, a metric it did not log). */
export function cellValue(run: WireRunRecord, column: RunColumn): Cell {
  switch (column.group) {
    case 'run':
      switch (column.key as RunField) {
        case 'number':
          return run.number;
        case 'startedAt':
          return run.startedAt;
        case 'duration':
          return run.durationMs / 1000;
        case 'status':
          return run.status;
        case 'outcome':
          return run.outcomeKind;
        case 'backend':
          return run.backend;
        case 'origin':
          return run.origin.kind;
        case 'changes':
          // English, for filtering and sorting; the view words each change in the UI language (runChangeText).
          return run.changes ? run.changes.items.map(describeRunChange).join('; ') : undefined;
        case 'pinned':
          return run.pinned;
        case 'weights':
          return runHasWeights(run);
        case 'note':
          return run.note;
      }
      return undefined;
    case 'setting':
      return asCell(settingValue(run.training, column.key));
    case 'param':
      return asCell(paramValue(run, column.nodeId!, column.field!, column.layerType));
    case 'layer':
      return run.graph.nodes.find((n) => n.id === column.nodeId)?.type;
    case 'graph':
      return run.graphHash.slice(0, 7);
    case 'dataset':
      return datasetText(run.dataset, run.datasetHash);
    case 'metric':
      return run.finalLogs[column.key];
    case 'test':
      return run.test?.[column.key];
  }
}

/** Message keys of the settings the table names in words; other paths show as they are. */
const SETTING_LABELS: Record<string, MessageKey> = {
  'optimizer.type': 'settings.optimizer',
  'optimizer.learningRate': 'settings.learningRate',
  'optimizer.momentum': 'settings.momentum',
  'optimizer.beta1': 'settings.beta1',
  'optimizer.beta2': 'settings.beta2',
  'optimizer.rho': 'settings.rho',
  'optimizer.epsilon': 'settings.epsilon',
  'optimizer.nesterov': 'settings.nesterov',
  loss: 'settings.loss',
  metrics: 'settings.metrics',
  epochs: 'settings.epochs',
  batchSize: 'settings.batchSize',
  validationSplit: 'settings.validationSplit',
  splitMode: 'settings.splitMode',
  testSplit: 'settings.testSplit',
  shuffle: 'settings.shuffle',
  seed: 'settings.seed',
};

/** A training setting's name in the UI language (`optimizer.learningRate` → "Learning rate"; `earlyStopping.patience` → "Early stopping patience"). */
export function settingLabel(path: string, t: Translate): string {
  const key = SETTING_LABELS[path];
  if (key) return t(key);
  // A callback's field: the callback's name and the field (trial 9, N9: the raw path showed).
  for (const group of ['earlyStopping', 'reduceLrOnPlateau', 'keepBest'] as const) {
    if (path.startsWith(`${group}.`)) return `${t(`settings.${group}`)} ${path.slice(group.length + 1)}`;
  }
  if (path.startsWith('lrSchedule.')) return `${t('settings.lrSchedule.heading')} ${path.slice('lrSchedule.'.length)}`;
  return path;
}

const RUN_FIELD_LABELS: Record<RunField, MessageKey> = {
  number: 'runs.col.number',
  startedAt: 'runs.col.started',
  duration: 'runs.col.duration',
  status: 'runs.col.status',
  outcome: 'runs.col.outcome',
  backend: 'runs.col.backend',
  origin: 'runs.col.origin',
  changes: 'runs.col.changes',
  pinned: 'runs.col.pinned',
  weights: 'runs.col.weights',
  note: 'runs.col.note',
};

/** A column's header in the UI language. */
export function columnLabel(column: RunColumn, t: Translate): string {
  switch (column.group) {
    case 'run':
      return t(RUN_FIELD_LABELS[column.key as RunField]);
    case 'setting':
      return settingLabel(column.key, t);
    case 'param':
      return `${column.layer} ${column.field}`;
    case 'layer':
      return `${column.layer}`;
    case 'graph':
      return t('runs.col.graph');
    case 'dataset':
      return t('runs.col.dataset');
    case 'metric':
    case 'test':
      return kerasLogName(column.key);
  }
}

const STATUS_LABELS: Record<WireRunRecord['status'], MessageKey> = {
  completed: 'runs.status.completed',
  stopped: 'runs.status.stopped',
  diverged: 'runs.status.diverged',
  failed: 'runs.status.failed',
};
const ORIGIN_LABELS: Record<WireRunRecord['origin']['kind'], MessageKey> = {
  train: 'runs.origin.train',
  resume: 'runs.origin.resume',
  sweep: 'runs.origin.sweep',
  experiment: 'runs.origin.experiment',
  cli: 'runs.origin.cli',
  package: 'runs.origin.package',
};

const isOutcomeKind = (value: string): value is OutcomeKind => (OUTCOME_KINDS as readonly string[]).includes(value);

/** A cell as the table shows it: four decimals for logs (as Keras prints them), durations as the run panel does, yes/no as ✓, absent as "—". */
export function formatCell(column: RunColumn, cell: Cell, t: Translate): string {
  if (cell === undefined || cell === '') return column.group === 'run' && column.key === 'note' ? '' : '—';
  if (typeof cell === 'boolean') return cell ? '✓' : '';
  if (column.group === 'run') {
    switch (column.key as RunField) {
      case 'startedAt': {
        return formatDateTime(String(cell), useI18n.getState().language);
      }
      case 'duration':
        return formatDuration(Number(cell) * 1000);
      case 'status':
        return t(STATUS_LABELS[cell as WireRunRecord['status']] ?? 'runs.status.completed');
      case 'outcome':
        return isOutcomeKind(String(cell)) ? t(OUTCOME_KIND_KEY[cell as OutcomeKind]) : String(cell);
      case 'origin':
        return t(ORIGIN_LABELS[cell as WireRunRecord['origin']['kind']] ?? 'runs.origin.train');
      default:
        return String(cell);
    }
  }
  if (typeof cell === 'number' && (column.group === 'metric' || column.group === 'test')) return formatLogValue(cell);
  return formatChangeValue(cell);
}

// ---- filter

export type FilterOp = '<' | '<=' | '>' | '>=' | '=' | '!=' | '~';

/** One term of a filter: free text the row must contain, or `column op value`. */
export type FilterTerm = { kind: 'text'; text: string } | { kind: 'compare'; column: RunColumn; op: FilterOp; value: number | string | boolean };

/**
 * What is wrong with a filter term (each term with a problem is left out; the others apply):
 * - `unknown-column`: no column has that name (`columns`: a few names it accepts);
 * - `ambiguous-column`: several have it (`columns`: their unambiguous names);
 * - `not-a-number`: a number column compared with something that is not a number;
 * - `not-yes-no`: a yes/no column compared with something other than yes/no;
 * - `op-for-numbers`: `<`, `>`… on a text or yes/no column; `op-for-text`: `~` on a number column.
 */
export interface FilterProblem {
  code: 'unknown-column' | 'ambiguous-column' | 'not-a-number' | 'not-yes-no' | 'op-for-numbers' | 'op-for-text';
  term: string;
  name?: string;
  op?: FilterOp;
  value?: string;
  columns?: string[];
}

export interface RunFilter {
  terms: FilterTerm[];
  problems: FilterProblem[];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

const RUN_FIELD_ALIASES: Partial<Record<RunField, string[]>> = {
  number: ['run', '#', 'no'],
  startedAt: ['started', 'start', 'time'],
  duration: ['seconds', 'time_s'],
  weights: ['weightskept', 'kept'],
};
const SETTING_ALIASES: Record<string, string[]> = {
  'optimizer.type': ['optimizer', 'opt'],
  'optimizer.learningRate': ['lr', 'learningrate'],
  batchSize: ['batch', 'batchsize'],
};

/** The names a filter accepts for a column (squashed: lower case, no spaces, `_` or `-`). */
export function columnNames(column: RunColumn, t?: Translate): string[] {
  const names = [column.key];
  switch (column.group) {
    case 'run':
      names.push(...(RUN_FIELD_ALIASES[column.key as RunField] ?? []));
      break;
    case 'setting':
      names.push(column.key.split('.').pop()!, ...(SETTING_ALIASES[column.key] ?? []));
      if (t) names.push(settingLabel(column.key, t));
      break;
    case 'param':
      names.push(`${column.layer}.${column.field}`, column.field!);
      break;
    case 'layer':
      names.push(column.layer!);
      break;
    case 'dataset':
      names.push('dataset');
      break;
    case 'metric':
    case 'test':
      names.push(kerasLogName(column.key));
      break;
    default:
      break;
  }
  if (t) names.push(columnLabel(column, t));
  return [...new Set(names.map(squash))];
}

const TERM = /(?:([A-Za-z_#][\w.#-]*)\s*(<=|>=|!=|==|=|<|>|~)\s*("[^"]*"|[^\s,;"]+)|("[^"]*"|[^\s,;"]+))/g;
const YES = new Set(['yes', 'true', '1', '✓', 'y', '是']);
const NO = new Set(['no', 'false', '0', 'n', '否']);
const unquote = (s: string) => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

/**
 * Reads a filter: terms separated by spaces or commas, all of which a run must pass. A term is
 * free text (a run passes when any of its shown cells contains it, any case) or
 * `column op value` with op `<`, `<=`, `>`, `>=`, `=`, `!=` (numbers and text) or `~` (text
 * contains): `val_loss<0.5`, `lr>=0.01`, `optimizer=adam`, `pinned=yes`, `note~"wide net"`.
 * A column is named by its key (`batchSize`, `n3.units`, `val_accuracy`), its header or a short
 * alias (`lr`, `batch`, `optimizer`), a layer param also by its field alone (`units`) when only
 * one column has it, or only one of those is `shown`; any case, spaces and `_` ignored.
 * Durations are in seconds.
 */
export function parseRunFilter(text: string, columns: readonly RunColumn[], t?: Translate, shown: readonly RunColumn[] = []): RunFilter {
  const terms: FilterTerm[] = [];
  const problems: FilterProblem[] = [];
  const byName = new Map<string, RunColumn[]>();
  for (const column of columns) {
    for (const name of columnNames(column, t)) {
      const list = byName.get(name) ?? [];
      if (!list.includes(column)) list.push(column);
      byName.set(name, list);
    }
  }
  for (const match of text.matchAll(TERM)) {
    const [term, name, rawOp, rawValue, free] = match;
    if (free !== undefined) {
      const word = unquote(free).trim().toLowerCase();
      if (word) terms.push({ kind: 'text', text: word });
      continue;
    }
    const op = (rawOp === '==' ? '=' : rawOp) as FilterOp;
    const value = unquote(rawValue);
    let found = byName.get(squash(name)) ?? [];
    // A name several columns share (`units`) means the one on screen, when only one of them is.
    const onScreen = found.filter((c) => shown.some((s) => s.id === c.id));
    if (found.length > 1 && onScreen.length === 1) found = onScreen;
    if (found.length === 0) {
      problems.push({ code: 'unknown-column', term, name, columns: suggestions(name, shown.length > 0 ? shown : columns) });
      continue;
    }
    if (found.length > 1) {
      problems.push({ code: 'ambiguous-column', term, name, columns: found.map((c) => c.key) });
      continue;
    }
    const column = found[0];
    if (column.type === 'number') {
      const n = Number(value);
      if (op === '~') problems.push({ code: 'op-for-text', term, name, op });
      else if (value.trim() === '' || !Number.isFinite(n)) problems.push({ code: 'not-a-number', term, name, op, value });
      else terms.push({ kind: 'compare', column, op, value: n });
    } else if (column.type === 'boolean') {
      const v = value.toLowerCase();
      if (op !== '=' && op !== '!=') problems.push({ code: 'op-for-numbers', term, name, op });
      else if (!YES.has(v) && !NO.has(v)) problems.push({ code: 'not-yes-no', term, name, op, value });
      else terms.push({ kind: 'compare', column, op, value: YES.has(v) });
    } else if (op !== '=' && op !== '!=' && op !== '~') {
      problems.push({ code: 'op-for-numbers', term, name, op });
    } else terms.push({ kind: 'compare', column, op, value: value.toLowerCase() });
  }
  return { terms, problems };
}

/** Up to 8 column keys to offer for an unknown name: those sharing a part with it first (`units` → `hidden.units`), then the others in table order. */
function suggestions(name: string, columns: readonly RunColumn[]): string[] {
  const wanted = squash(name);
  const close = columns.filter((c) => {
    const key = squash(c.key);
    return key.includes(wanted) || wanted.includes(key.split('.').pop()!);
  });
  return [...new Set([...close, ...columns].map((c) => c.key))].slice(0, 8);
}

function compare(cell: Cell, op: FilterOp, value: number | string | boolean): boolean {
  if (typeof value === 'number') {
    if (typeof cell !== 'number' || Number.isNaN(cell)) return op === '!=';
    switch (op) {
      case '<':
        return cell < value;
      case '<=':
        return cell <= value;
      case '>':
        return cell > value;
      case '>=':
        return cell >= value;
      case '=':
        return cell === value;
      case '!=':
        return cell !== value;
      default:
        return false;
    }
  }
  if (typeof value === 'boolean') return op === '=' ? (cell === true) === value : (cell === true) !== value;
  const text = cell === undefined ? '' : String(cell).toLowerCase();
  if (op === '~') return text.includes(value);
  return op === '=' ? text === value : text !== value;
}

/**
 * Whether `run` passes every term. Free text is looked for in `shownText(run)` (the row's cells
 * as shown, lower case) — the caller's, so it is the language and columns on screen.
 */
export function runPasses(run: WireRunRecord, filter: RunFilter, shownText: (run: WireRunRecord) => string): boolean {
  let text: string | undefined;
  for (const term of filter.terms) {
    if (term.kind === 'text') {
      text ??= shownText(run);
      if (!text.includes(term.text)) return false;
    } else if (!compare(cellValue(run, term.column), term.op, term.value)) return false;
  }
  return true;
}

/** A filter problem in the UI language, naming the term, what was expected and what to do. */
export function filterProblemText(problem: FilterProblem, t: Translate): string {
  const vars = { term: problem.term, name: problem.name ?? '', op: problem.op ?? '', value: problem.value ?? '', columns: (problem.columns ?? []).join(', ') };
  const keys: Record<FilterProblem['code'], MessageKey> = {
    'unknown-column': 'runs.filter.unknownColumn',
    'ambiguous-column': 'runs.filter.ambiguousColumn',
    'not-a-number': 'runs.filter.notANumber',
    'not-yes-no': 'runs.filter.notYesNo',
    'op-for-numbers': 'runs.filter.opForNumbers',
    'op-for-text': 'runs.filter.opForText',
  };
  return t(keys[problem.code], vars);
}

// ---- sort

export type SortDir = 'asc' | 'desc';

/**
 * The runs sorted by `column` (numbers by value, text in natural order, yes before no when
 * descending), stable; runs with no value (or NaN) always last, whichever the direction.
 */
export function sortRuns(runs: readonly WireRunRecord[], column: RunColumn | null, dir: SortDir): WireRunRecord[] {
  if (!column) return [...runs];
  const keyed = runs.map((run, i) => ({ run, i, v: cellValue(run, column) }));
  const missing = (v: Cell) => v === undefined || (typeof v === 'number' && Number.isNaN(v)) || v === '';
  const sign = dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    const ma = missing(a.v);
    const mb = missing(b.v);
    if (ma || mb) return ma === mb ? a.i - b.i : ma ? 1 : -1;
    let c: number;
    if (typeof a.v === 'number' && typeof b.v === 'number') c = a.v - b.v;
    else if (typeof a.v === 'boolean' && typeof b.v === 'boolean') c = Number(a.v) - Number(b.v);
    else c = String(a.v).localeCompare(String(b.v), undefined, { numeric: true, sensitivity: 'base' });
    return c !== 0 ? c * sign : a.i - b.i;
  });
  return keyed.map((k) => k.run);
}
