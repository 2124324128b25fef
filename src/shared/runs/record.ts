import { datasetHash, graphHash, settingsHash } from '../project/hash';
import type { DatasetSpec, Project, RunEpoch, RunOrigin, RunRecord, RunStatus, WeightTensor } from '../project/schema';
import { diffRunSetups } from './diff';

/**
 * What a finished (or failed) run reports, from whichever runner ran it: the app's trainer (via
 * the renderer's run store) or the command line. One builder, {@link makeRunRecord}, turns it into
 * the project's run record, so both remember runs alike.
 */
export interface RunReport {
  /** ISO 8601 time the run started. */
  startedAt: string;
  /** Wall-clock duration, ms. */
  durationMs: number;
  /** tfjs backend name (`tensorflow`, `wasm`, `cpu`). */
  backend: string;
  trainingStep?: RunRecord['trainingStep'];
  /** Per epoch: logs and ms since the start at the end of the epoch (when measured). */
  history: RunEpoch[];
  status: RunStatus;
  message?: string;
  /** Issue 16: `message` as data (see RunRecord). */
  messageId?: string;
  params?: Record<string, string | number>;
  outcomeKind?: string;
  /** The logs of the weights the run left; `{}` for a failed run. */
  finalLogs: Record<string, number>;
  test?: Record<string, number>;
  earlyStopping?: RunRecord['earlyStopping'];
  origin: RunOrigin;
}

/**
 * The dataset spec as a run record keeps it: without the embedded bytes of a CSV file or an image
 * folder (the project's own dataset carries them; the record's `datasetHash` is of the full spec).
 */
export function datasetWithoutBytes(dataset: DatasetSpec): DatasetSpec {
  if (dataset.kind === 'csv') {
    const { embedded: _embedded, ...rest } = dataset;
    return rest;
  }
  if (dataset.kind === 'images' && dataset.source.kind === 'folder') {
    const { embedded: _embedded, ...source } = dataset.source;
    return { ...dataset, source };
  }
  return dataset;
}

/** The next run's display number: one more than any run's so far (counting `floor`, e.g. a number remembered past deletes). */
export function nextRunNumber(runs: readonly Pick<RunRecord, 'number'>[], floor = 0): number {
  return runs.reduce((n, run) => Math.max(n, run.number), floor) + 1;
}

/**
 * A run record for `project` (the graph, settings and data the run trained on) and the run's
 * report. Its number follows the project's runs; its id (`run-<number>-<base36 start time>`) is
 * unique within the project even when a deleted run's number comes back. Weights, when given,
 * are the run's (the keep policy, src/shared/runs/policy.ts, decides whether they stay).
 * `changes` is the readable diff against the run's parent (`origin.parent`: branched from or resumed),
 * else the highest-numbered run of `runs` that has a setup.
 */
export function makeRunRecord(
  project: Pick<Project, 'graph' | 'training' | 'dataset'>,
  report: RunReport,
  runs: readonly (Pick<RunRecord, 'number' | 'id'> & Partial<Pick<RunRecord, 'graph' | 'training' | 'dataset' | 'datasetHash'>>)[],
  weights?: WeightTensor[],
): RunRecord {
  const number = nextRunNumber(runs);
  let previous: (typeof runs)[number] | undefined;
  for (const run of runs) if (run.graph && run.training && run.dataset && (!previous || run.number > previous.number)) previous = run;
  // A run branched from (or resuming) another is compared with that run (trial 8, finding 16).
  const parent = report.origin.parent ? runs.find((r) => r.id === report.origin.parent && r.graph && r.training && r.dataset) : undefined;
  if (parent) previous = parent;
  const hash = datasetHash(project.dataset);
  const stamp = (Date.parse(report.startedAt) || 0).toString(36);
  let id = `run-${number}-${stamp}`;
  for (let k = 2; runs.some((r) => r.id === id); k++) id = `run-${number}-${stamp}-${k}`;
  return {
    id,
    number,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    backend: report.backend,
    ...(report.trainingStep ? { trainingStep: report.trainingStep } : {}),
    graph: project.graph,
    graphHash: graphHash(project.graph),
    training: project.training,
    settingsHash: settingsHash(project.training),
    dataset: datasetWithoutBytes(project.dataset),
    datasetHash: hash,
    history: report.history,
    status: report.status,
    ...(report.message ? { message: report.message } : {}),
    ...(report.messageId ? { messageId: report.messageId, params: report.params ?? {} } : {}),
    ...(report.outcomeKind ? { outcomeKind: report.outcomeKind } : {}),
    finalLogs: report.finalLogs,
    ...(report.test ? { test: report.test } : {}),
    ...(report.earlyStopping ? { earlyStopping: report.earlyStopping } : {}),
    origin: report.origin,
    ...(previous
      ? {
          changes: {
            previous: previous.number,
            items: diffRunSetups(
              { graph: previous.graph!, training: previous.training!, dataset: previous.dataset!, datasetHash: previous.datasetHash },
              { graph: project.graph, training: project.training, dataset: project.dataset, datasetHash: hash },
            ),
          },
        }
      : {}),
    pinned: false,
    note: '',
    ...(weights && weights.length > 0 ? { weights } : {}),
  };
}
