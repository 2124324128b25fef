import { planGraph, type ModelPlan } from '../graph/plan';
import { datasetHashes, graphHashMatches, projectHashes } from './hash';
import type { Project, Trained } from './schema';

export type StaleReason = 'graph' | 'settings' | 'dataset';

/**
 * Whether the project's saved weights match its current graph, settings and dataset. `stale`
 * lists what changed since training, so the UI can say "the graph changed since training" and
 * offer to retrain (start over) or keep training (start from these weights; only possible when
 * the graph is unchanged).
 */
export type TrainedStatus =
  | { state: 'untrained' }
  | { state: 'fresh' }
  | { state: 'stale'; changed: StaleReason[]; canContinue: boolean };

export function trainedStatus(
  project: Pick<Project, 'graph' | 'training' | 'dataset'> & { trained?: Pick<Trained, 'graphHash' | 'settingsHash' | 'datasetHash'> },
  /** The graph's plan, when the caller has it (the renderer's memoised `planOf`). */
  plan: ModelPlan = planGraph(project.graph),
): TrainedStatus {
  if (!project.trained) return { state: 'untrained' };
  const now = projectHashes(project, plan);
  const changed: StaleReason[] = [];
  if (!graphHashMatches(project.trained.graphHash, project.graph, plan)) changed.push('graph');
  if (now.settingsHash !== project.trained.settingsHash) changed.push('settings');
  if (!datasetHashes(project.dataset).includes(project.trained.datasetHash)) changed.push('dataset');
  return changed.length === 0 ? { state: 'fresh' } : { state: 'stale', changed, canContinue: !changed.includes('graph') };
}

/**
 * Whether predictions should use the saved weights: they exist and were trained on the current
 * graph (a change of settings or data leaves them usable, and the caller says they are stale).
 * Every predict path (app, API, command line) decides with this one rule.
 */
export function savedWeightsUsable(status: TrainedStatus): boolean {
  return status.state === 'fresh' || (status.state === 'stale' && status.canContinue);
}
