import type { GraphProblem } from '../api/contract';
import type { DataInfo } from '../data/types';
import type { ModelPlan } from './plan';
import { problemWords } from './problem-text';

/**
 * Checks of the model against what the data's pipeline already does to the inputs (issue 14).
 * `rescaled-twice` (warning): a Rescaling layer right after the Input while the dataset's pixel
 * scaling step already scales the pixels (`DataInfo.inputScaling`): the model then sees, e.g.,
 * 0–1 pixels divided by 255 again. Nothing to check without data or without a scaling step.
 */
export function checkPipelineOverlap(plan: ModelPlan, data: DataInfo | undefined): GraphProblem[] {
  const scaling = data?.inputScaling;
  if (!scaling) return [];
  const inputs = new Set(plan.nodes.filter((n) => n.def?.role === 'input').map((n) => n.nodeId));
  return plan.nodes
    .filter((n) => n.def?.type === 'Rescaling' && n.sources.length === 1 && inputs.has(n.sources[0]))
    .map((n) => ({
      code: 'rescaled-twice',
      severity: 'warning' as const,
      nodeId: n.nodeId,
      ...problemWords('problem.rescaled-twice', { scaling, scale: formatNumber(n.params.scale as number), offset: formatNumber(n.params.offset as number) }),
    }));
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
