import { create } from 'zustand';
import type { AppInfo } from './types';
import type { BackendInfo, GraphProblem, TrainEvent } from '../../../shared/api/contract';
import { api, ApiCallError } from '../api';
import { projectFromDoc } from './document';
import { useEditor } from './editor';
import { applyTrainEvent, idleRun, isActive, RunSeries, type RunState } from './run';

/** The training run shown in the run panel, fed by the trainer's events. */
export const runSeries = new RunSeries();

interface RunStore {
  run: RunState;
  app: AppInfo | null;
  backend: BackendInfo | null;
  backendError: string | null;
  start(): Promise<void>;
  stop(): Promise<void>;
  receive(event: TrainEvent): void;
  loadHostInfo(): Promise<void>;
}

export const useRun = create<RunStore>()((set, get) => ({
  run: idleRun(),
  app: null,
  backend: null,
  backendError: null,

  async start() {
    if (isActive(get().run)) return;
    const project = projectFromDoc(useEditor.getState().doc, get().app?.version ?? '0.0.0');
    runSeries.reset();
    set({ run: { ...idleRun(), status: 'starting' } });
    try {
      const { runId } = await api['train.start']({ project });
      const run = get().run;
      // The 'started' event may have arrived before the reply.
      if (run.runId === null) set({ run: { ...run, runId } });
    } catch (error) {
      const problems =
        error instanceof ApiCallError && error.code === 'invalid-graph' && Array.isArray(error.details) ? (error.details as GraphProblem[]) : [];
      const message = error instanceof Error ? error.message : String(error);
      set({ run: { ...idleRun(), status: 'failed', message, problems } });
    }
  },
  async stop() {
    const { run } = get();
    if (!isActive(run) || !run.runId) return;
    try {
      await api['train.stop']({ runId: run.runId });
    } catch (error) {
      set({ run: { ...get().run, message: error instanceof Error ? error.message : String(error) } });
    }
  },
  receive(event) {
    const run = get().run;
    const next = applyTrainEvent(run, event, runSeries);
    if (next !== run) set({ run: next, ...(event.type === 'started' ? { backend: event.backend } : {}) });
  },
  async loadHostInfo() {
    const [app, backend] = await Promise.allSettled([api['app.info']({}), api['engine.backend']({})]);
    set({
      app: app.status === 'fulfilled' ? app.value : null,
      backend: backend.status === 'fulfilled' ? backend.value : null,
      backendError: backend.status === 'rejected' ? String((backend.reason as Error)?.message ?? backend.reason) : null,
    });
  },
}));

let subscribed = false;
/** Connects the store to the trainer's event stream; called once at start-up. */
export function connectTrainEvents(): () => void {
  if (subscribed) return () => undefined;
  subscribed = true;
  const off = api.on('train.event', (event) => useRun.getState().receive(event));
  return () => {
    subscribed = false;
    off();
  };
}
