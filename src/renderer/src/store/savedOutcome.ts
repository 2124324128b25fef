import type { Project } from '../../../shared/project/schema';
import { assessRun, majorityClassShare, outcomeContext, type RunOutcome } from '../../../shared/training/outcome';
import { previewDataset } from '../data/datasetInfo';

/**
 * The outcome of a reopened project's saved run, recomputed from `trained.history` with the same
 * `assessRun` the trainer used. The chance level needs every row's class: generators are
 * regenerated here exactly; for CSV data the editor holds only a sample, so unless the sample is
 * the whole file chance falls back to 1/classes (the trainer used the majority share).
 */
export function savedRunOutcome(project: Pick<Project, 'graph' | 'training' | 'dataset' | 'trained'>): RunOutcome | null {
  const trained = project.trained;
  if (!trained) return null;
  const data = previewDataset(project.dataset);
  if (data instanceof Error) return null;
  const expectedRows = project.dataset.kind === 'csv' ? project.dataset.rows : data.rows;
  const complete = data.rows > 0 && data.rows === expectedRows;
  const context = outcomeContext(
    project,
    { task: data.task, numClasses: data.numClasses, majorityShare: complete ? majorityClassShare(data) : undefined },
    trained.reason,
  );
  return assessRun(trained.history, context);
}
