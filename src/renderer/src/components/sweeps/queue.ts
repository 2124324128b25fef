import { create } from 'zustand';
import type { Graph } from '../../../../shared/graph/types';
import type { RunOrigin, Sweep, TrainingSettings } from '../../../../shared/project/schema';
import type { WireRunRecord } from '../../../../shared/project/wire';
import { planBatchSizeExperiment, newExperimentId, type ExperimentPlan } from '../../../../shared/runs/experiment';
import { applyTrial, remainingTrials, planSweep, sweepBase, type Trial } from '../../../../shared/runs/sweep';
import type { EditorDoc } from '../../store/document';
import { analyze } from '../../lib/analysis';
import { useEditor } from '../../store/editor';
import { isActive } from '../../store/run';
import { useRun } from '../../store/training';
import { messageText, problemText } from '../../lib/problemText';
import { tr } from '../../i18n';

/**
 * The run queue behind sweeps and the learner's experiment (issue 15): trials start one after
 * another through the run store (`useRun.getState().start({ variant, origin })`), each awaited
 * with `runFinished()` before the next, so every trial is an ordinary recorded run of the
 * project. Stop ends the queue after the current trial (or stops that trial too); a sweep's
 * status in the document follows: `running` while queued, `stopped` with trials left, `done`.
 */

/** One queued run: its trial index and the graph and settings it trains. */
export interface QueuedRun {
  index: number;
  assignments: Trial['assignments'];
  graph: Graph;
  training: TrainingSettings;
}

/** The queue while it runs. */
export interface ActiveQueue {
  kind: 'sweep' | 'experiment';
  groupId: string;
  /** Trials in this queue (a resumed sweep queues only those left). */
  total: number;
  /** 0-based position in this queue of the trial running now. */
  position: number;
  current: QueuedRun | null;
  /** Stop asked: after the current trial (`after`) or at once (`now`). */
  stopping: null | 'after' | 'now';
}

/** Which panel shows: the Sweep dialog's setup, a sweep's progress and results, the experiment. */
export type SweepView = { kind: 'setup' } | { kind: 'sweep'; sweepId: string } | { kind: 'experiment' } | null;

interface QueueStore {
  active: ActiveQueue | null;
  view: SweepView;
  /** Why the last queue ended early (a trial refused: its message), or null. */
  ended: null | { groupId: string; reason: 'refused' | 'closed'; message: string };
  /** The last experiment's plan (epochs cap) for its panel's note; null before one ran in this session. */
  experiment: ExperimentPlan | null;
  setView(view: SweepView): void;
}

export const useSweepQueue = create<QueueStore>()((set) => ({
  active: null,
  view: null,
  ended: null,
  experiment: null,
  setView: (view) => set({ view }),
}));

const editor = () => useEditor.getState();

/** Up to this many trials are checked by the editor's analysis before the first starts; in larger sweeps each is checked when its turn comes. */
const CHECK_UPFRONT = 500;

/** The analysis' first error for a trial's graph and settings (what Train would refuse), or null. */
function trialError(doc: EditorDoc, run: Pick<QueuedRun, 'graph' | 'training'>): string | null {
  const problem = analyze({ ...doc, graph: run.graph, training: run.training }).problems.find((p) => p.severity === 'error');
  // Issue 16: in the UI's language.
  return problem ? problemText(problem, tr) : null;
}

/**
 * The trials' graphs and settings on `base` (the document's), or the first problem: a value
 * outside its limits (applyTrial: key, expected, got) or a trial whose graph or settings the
 * editor would refuse to train (the analysis' first error).
 */
export function queueTrials(trials: readonly Trial[], base: EditorDoc = editor().doc): { ok: true; runs: QueuedRun[] } | { ok: false; trial: Trial; message: string } {
  const doc = base;
  const runs: QueuedRun[] = [];
  for (const trial of trials) {
    const applied = applyTrial(doc, trial);
    if (!applied.ok) return { ok: false, trial, message: applied.problems.map((p) => p.message).join(' ') };
    const error = trials.length <= CHECK_UPFRONT ? trialError(doc, applied) : null;
    if (error) return { ok: false, trial, message: error };
    runs.push({ index: trial.index, assignments: trial.assignments, graph: applied.graph, training: applied.training });
  }
  return { ok: true, runs };
}

function setSweepStatus(sweepId: string, status: Sweep['status']): void {
  editor().updateResults((results) => ({ sweeps: results.sweeps?.map((s) => (s.id === sweepId ? { ...s, status } : s)) }));
}

/**
 * Runs the queue: each trial starts when the previous one has ended and been recorded. A trial
 * the run store refuses (another run training, settings it rejects, main refusing the graph)
 * ends the queue with its message; so does opening another project (`runFinished` answers null).
 */
async function runQueue(kind: ActiveQueue['kind'], groupId: string, runs: QueuedRun[]): Promise<void> {
  const store = useSweepQueue;
  store.setState({ active: { kind, groupId, total: runs.length, position: 0, current: null, stopping: null }, ended: null });
  try {
    for (const [position, run] of runs.entries()) {
      const active = store.getState().active;
      if (!active || active.stopping) break;
      store.setState({ active: { ...active, position, current: run } });
      const origin: RunOrigin = { kind, groupId, trial: run.index };
      const error = trialError(editor().doc, run);
      if (error) {
        store.setState({ ended: { groupId, reason: 'refused', message: error } });
        break;
      }
      // A run started between two trials (Train pressed): the trial waits for it to end.
      if (isActive(useRun.getState().run)) await useRun.getState().runFinished();
      await useRun.getState().start({ variant: { graph: run.graph, training: run.training }, origin });
      const record: WireRunRecord | null = await useRun.getState().runFinished();
      if (record === null) {
        // Refused (its message or first problem is on the run panel), or another project was opened (the sweep is not in it).
        const doc = editor().doc;
        const closed = kind === 'sweep' ? !doc.sweeps?.some((s) => s.id === groupId) : !useRun.getState().run.message && useRun.getState().run.problems.length === 0;
        const refused = useRun.getState().run;
        // Issue 16: the refusal in the UI's language (the run's message by its id, or the first problem).
        const message = refused.message !== null ? messageText({ ...refused, message: refused.message }, tr) : refused.problems[0] ? problemText(refused.problems[0], tr) : '';
        store.setState({ ended: { groupId, reason: closed ? 'closed' : 'refused', message } });
        break;
      }
      // A trial stopped from outside the queue (the toolbar's Stop, Esc) stops the queue too: the user meant to stop.
      if (record.status === 'stopped') break;
    }
  } finally {
    store.setState({ active: null });
    if (kind === 'sweep') {
      const doc = editor().doc;
      const sweep = doc.sweeps?.find((s) => s.id === groupId);
      if (sweep) setSweepStatus(groupId, remainingTrials(sweep, doc.runs ?? []).length === 0 ? 'done' : 'stopped');
    }
  }
}

/** Whether a queue or a run is going: a new sweep or experiment waits for it. */
export const queueBusy = (): boolean => useSweepQueue.getState().active !== null || isActive(useRun.getState().run);

/**
 * Starts a new sweep: adds it to the document (status `running`) and queues its planned trials.
 * Returns the problem instead when a trial cannot run (nothing is added then).
 */
export function startSweep(sweep: Sweep): { ok: true } | { ok: false; message: string } {
  if (queueBusy()) return { ok: false, message: 'busy' };
  const trials = queueTrials(planSweep(sweep));
  if (!trials.ok) return { ok: false, message: trials.message };
  editor().updateResults((results) => ({ sweeps: [...(results.sweeps ?? []), { ...sweep, status: 'running' }] }));
  useSweepQueue.setState({ view: { kind: 'sweep', sweepId: sweep.id } });
  void runQueue('sweep', sweep.id, trials.runs);
  return { ok: true };
}

/** Resume: queues the trials of a stopped sweep that no run has finished, on the graph and settings of its first run ({@link sweepBase}). */
export function resumeSweep(sweepId: string): { ok: true } | { ok: false; message: string } {
  if (queueBusy()) return { ok: false, message: 'busy' };
  const doc = editor().doc;
  const sweep = doc.sweeps?.find((s) => s.id === sweepId);
  if (!sweep) return { ok: false, message: sweepId };
  // On the graph and settings the sweep began with (its first run's), so its trials compare.
  const trials = queueTrials(remainingTrials(sweep, doc.runs ?? []), sweepBase(sweep, doc.runs ?? [], doc));
  if (!trials.ok) return { ok: false, message: trials.message };
  setSweepStatus(sweepId, 'running');
  void runQueue('sweep', sweepId, trials.runs);
  return { ok: true };
}

/** Stop: after the current trial, or now (the current trial is stopped too and recorded as stopped; a resumed sweep runs it again). */
export function stopQueue(when: 'after' | 'now'): void {
  const active = useSweepQueue.getState().active;
  if (!active) return;
  useSweepQueue.setState({ active: { ...active, stopping: when } });
  if (when === 'now') void useRun.getState().stop();
}

/**
 * The learner's experiment: three runs of the document's graph with batch size = every training
 * row, 1 and 32, their epochs capped (planBatchSizeExperiment), recorded with origin `experiment`.
 */
export function startExperiment(): { ok: true; plan: ExperimentPlan } | { ok: false; message: string } {
  if (queueBusy()) return { ok: false, message: 'busy' };
  const doc = editor().doc;
  const plan = planBatchSizeExperiment(doc.training, doc.dataset);
  if (!plan) return { ok: false, message: 'no-rows' };
  const runs: QueuedRun[] = plan.runs.map((r, index) => ({ index, assignments: { batchSize: r.batchSize, epochs: r.training.epochs }, graph: doc.graph, training: r.training }));
  const error = analyze({ ...doc, training: runs[0].training }).problems.find((p) => p.severity === 'error');
  if (error) return { ok: false, message: error.message };
  useSweepQueue.setState({ view: { kind: 'experiment' }, experiment: plan });
  void runQueue('experiment', newExperimentId(), runs);
  return { ok: true, plan };
}
