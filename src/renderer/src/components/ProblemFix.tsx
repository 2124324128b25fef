import type { GraphProblem } from '../../../shared/api/contract';
import { useEditor } from '../store/editor';

/** The one-click fix a validation problem offers (switch the loss, set the units…), as an undoable command. */
export function ProblemFix({ problem }: { problem: GraphProblem }) {
  const applyFix = useEditor((s) => s.applyFix);
  if (!problem.fix) return null;
  const { id, label, action } = problem.fix;
  return (
    <button type="button" className="link fix-button" data-testid={`fix-${id}`} onClick={() => applyFix(action)}>
      {label}
    </button>
  );
}
