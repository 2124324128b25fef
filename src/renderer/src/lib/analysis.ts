import type { GraphProblem } from '../../../shared/api/contract';
import { planOf, type ModelPlan } from '../../../shared/graph/plan';
import { validateGraph } from '../../../shared/graph/validate';
import type { ParamCount, ShapeResult } from '../../../shared/layers/types';
import { previewDataset } from '../data/datasetInfo';
import type { EditorDoc } from '../store/document';
import { renderSettingsProblem, settingsProblemAsGraphProblem, validateTrainingSettings } from '../../../shared/training/validate-settings';
import { tr, useI18n, type Translate } from '../i18n';
import { splitProblems } from './splitProblems';
import { useCsvSamples } from '../components/CsvImportState';
import { fieldDraftProblems, useFieldDrafts } from '../store/fieldDrafts';

/** What the canvas shows about each node, recomputed once per document change (never during a drag). */
export interface NodeAnalysis {
  shape: ShapeResult | undefined;
  params: ParamCount | null;
  problems: GraphProblem[];
}

export interface Analysis {
  nodes: Map<string, NodeAnalysis>;
  problems: GraphProblem[];
  shapes: Map<string, ShapeResult>;
}

let cache: { graph: unknown; training: unknown; dataset: unknown; language: string; samples: unknown; drafts: unknown; analysis: Analysis } | null = null;

/**
 * The training settings' problems as graph problems (pinned to a settings `field`, no node), in
 * the UI's language: counted in the status bar and listed when Train is refused, as graph problems are.
 */
export function settingsProblems(training: EditorDoc['training'], t: Translate = tr): GraphProblem[] {
  return validateTrainingSettings(training).map((p) => settingsProblemAsGraphProblem(p, renderSettingsProblem(p, t as (key: string, vars?: Record<string, string | number>) => string)));
}

export function analyze(doc: EditorDoc): Analysis {
  const language = useI18n.getState().language;
  // CSV rows (and their label summary) arrive from main after the document: a new sample means a new analysis.
  const samples = useCsvSamples.getState().samples;
  // A field holding a refused value (the image count out of its range, trial 5 F8) is an error too.
  const drafts = useFieldDrafts.getState().drafts;
  if (cache && cache.graph === doc.graph && cache.training === doc.training && cache.dataset === doc.dataset && cache.language === language && cache.samples === samples && cache.drafts === drafts) {
    return cache.analysis;
  }
  const { graph } = doc;
  // The graph's one plan (src/shared/graph/plan.ts), as the compiler and the summary read it:
  // memoised on the graph object, so a change of settings, dataset or language does not re-plan.
  let plan: ModelPlan | null = null;
  try {
    plan = planOf(graph);
  } catch {
    // A layer that throws on its own params must not take the editor down; validation below says what is wrong.
  }
  const shapes = plan?.shapes ?? new Map<string, ShapeResult>();
  const data = previewDataset(doc.dataset);
  let problems: GraphProblem[];
  try {
    problems = [...validateGraph(graph, { ...(data instanceof Error ? {} : { data }), training: doc.training }, plan ?? undefined), ...splitProblems(doc.dataset, doc.training)];
  } catch (error) {
    problems = [{ code: 'internal', severity: 'error', message: tr('editor.checkFailed', { message: error instanceof Error ? error.message : String(error) }) }];
  }
  problems = [...settingsProblems(doc.training), ...fieldDraftProblems(drafts), ...problems];
  const nodes = new Map<string, NodeAnalysis>();
  for (const node of graph.nodes) {
    const planned = plan?.byId.get(node.id);
    const params: ParamCount | null = planned?.def && planned.output.ok ? planned.count : null;
    nodes.set(node.id, { shape: shapes.get(node.id), params, problems: problems.filter((p) => p.nodeId === node.id) });
  }
  const analysis = { nodes, problems, shapes };
  cache = { graph: doc.graph, training: doc.training, dataset: doc.dataset, language, samples, drafts, analysis };
  return analysis;
}

/** Keras' notation: (None, 28, 28); the one implementation, shared with the layer registry's messages. */
export { formatShape } from '../../../shared/layers/params';

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
