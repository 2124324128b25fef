import type { WireProject } from '../../../shared/project/wire';
import { assessProjectRun, type RunOutcome } from '../../../shared/training/outcome';
import { previewDataset } from '../data/datasetInfo';
import { csvLabelProfile } from '../components/CsvImportState';

/**
 * The outcome of a reopened project's saved run, recomputed from `trained.history` with the same
 * `assessProjectRun` the trainer used. The chance level needs every row's class: generators are
 * regenerated here exactly; for CSV data the editor holds only a sample (up to 2000 rows), so
 * unless the sample is the whole file chance falls back to 1/classes. Image datasets' images arrive
 * from main too (issue 14): the same holds until all of them have.
 */
export function savedRunOutcome(project: Pick<WireProject, 'graph' | 'training' | 'dataset' | 'trained'>): RunOutcome | null {
  const trained = project.trained;
  // Weights that came without a history (an imported model.json) were never trained here: nothing to judge.
  if (!trained || trained.history.length === 0) return null;
  const data = previewDataset(project.dataset);
  if (data instanceof Error) return null;
  // Generators are regenerated whole; CSV and image rows arrive from main, and until all of them
  // have (0 of N while loading, or only the first ones) the preview is not the data the run saw.
  const complete = project.dataset.kind === 'generator' ? true : data.rows > 0 && data.rows === project.dataset.rows;
  // Main summarises every row's label even when the editor holds a sample: the chance level is exact.
  const profile = project.dataset.kind === 'csv' ? csvLabelProfile(project.dataset) : null;
  const majorityShare = profile?.kind === 'classes' && profile.rows > 0 ? Math.max(...profile.counts) / profile.rows : undefined;
  return assessProjectRun(project, data, trained.reason, trained.history, { complete, ...(majorityShare !== undefined ? { majorityShare } : {}) });
}
