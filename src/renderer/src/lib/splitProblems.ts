import { makeFix } from '../../../shared/graph/fixes';
import type { GraphProblem } from '../../../shared/api/contract';
import { checkSplit, type SplitProblem } from '../../../shared/data/split';
import type { DatasetSpec, TrainingSettings } from '../../../shared/project/schema';
import { labelProfile } from '../data/datasetInfo';
import { tr } from '../i18n';

/**
 * The split warnings (`checkSplit` on the labels of every row) as problems pinned to the
 * training settings' validation-split field, each with its one-click fix, in the UI language.
 */
export function splitProblems(dataset: DatasetSpec, training: TrainingSettings): GraphProblem[] {
  const profile = labelProfile(dataset);
  if (!profile) return [];
  return checkSplit(profile, training).map((p) => ({
    code: p.code,
    severity: p.severity,
    field: p.field,
    message: splitMessage(p),
    fix: makeFix(tr(`split.fix.${p.fix.mode}`), { kind: 'set-split-mode', mode: p.fix.mode }),
  }));
}

function splitMessage(p: SplitProblem): string {
  switch (p.code) {
    case 'split-class-not-trained': {
      const part = p.classes?.[0]?.part ?? 'validation';
      const names = (p.classes ?? []).filter((c) => c.part === part).map((c) => `“${c.name}”`);
      return tr('split.classNotTrained', { part: tr(`split.part.${part}`), classes: names.join(', ') });
    }
    case 'split-sorted-file':
      return p.orderCorrelation !== undefined ? tr('split.sortedValues', { rho: p.orderCorrelation }) : tr('split.sortedClasses', { runs: p.runs ?? 0, expected: p.expectedRuns ?? 0 });
    case 'split-stratified-regression':
      return tr('split.stratifiedRegression');
  }
}
