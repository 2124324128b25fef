import type { GraphProblem } from '../../../shared/api/contract';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import { fixLabel } from '../lib/problemText';

/** The one-click fix a validation problem offers (switch the loss, set the units…), as an undoable command. */
export function ProblemFix({ problem }: { problem: GraphProblem }) {
  const applyFix = useEditor((s) => s.applyFix);
  const t = useT();
  if (!problem.fix) return null;
  const { id, action } = problem.fix;
  const label = fixLabel(problem.fix, t);
  return (
    <button type="button" className="link fix-button" data-testid={`fix-${id}`} onClick={() => applyFix(action)}>
      {label}
    </button>
  );
}
