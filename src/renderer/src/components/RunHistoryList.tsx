import { runHasWeights } from '../../../shared/project/wire';
import { formatLogValue } from '../../../shared/training/outcome-text';
import { kerasLogName } from '../../../shared/training/epoch-log';
import { useT } from '../i18n';
import { useEditor } from '../store/editor';
import { isActive } from '../store/run';
import { branchRun, pinRun, restoreRun } from '../store/runs';
import { useRun } from '../store/training';

/**
 * A compact list of the project's remembered runs (issue 15, runs core) under the run panel:
 * number, status, final loss, whether it keeps weights, and Restore / Branch / Pin. The full
 * runs view (src/renderer/src/components/runs/*: table, filters, overlay) supersedes it; this
 * list keeps restore and branch reachable without it.
 */
export function RunHistoryList() {
  const t = useT();
  const runs = useEditor((s) => s.doc.runs);
  const training = useRun((s) => isActive(s.run));
  if (!runs || runs.length === 0) return null;
  return (
    <details className="run-history small" data-testid="run-history">
      <summary>{t('runsCore.history', { count: runs.length })}</summary>
      <ul className="run-history-list">
        {[...runs].reverse().map((run) => {
          const loss = run.finalLogs.val_loss ?? run.finalLogs.loss;
          const lossKey = run.finalLogs.val_loss !== undefined ? 'val_loss' : 'loss';
          return (
            <li key={run.id} data-testid={`run-history-row-${run.number}`} data-run-id={run.id} data-status={run.status}>
              <span className="run-history-name">{t('runsCore.runName', { number: run.number })}</span> <span className="muted">{run.status}</span>
              {loss !== undefined && (
                <span>
                  {' '}
                  · {kerasLogName(lossKey)} {formatLogValue(loss)}
                </span>
              )}
              {runHasWeights(run) && <span className="muted"> · {t('runsCore.weightsKept')}</span>}{' '}
              <button className="small-btn" disabled={training} onClick={() => void restoreRun(run.id)} title={t('runsCore.restoreTitle')} data-testid={`run-history-restore-${run.number}`}>
                {t('runsCore.restore')}
              </button>
              <button className="small-btn" disabled={training} onClick={() => branchRun(run.id)} title={t('runsCore.branchTitle')} data-testid={`run-history-branch-${run.number}`}>
                {t('runsCore.branch')}
              </button>
              <label className="check small" title={t('runsCore.pinTitle')}>
                <input type="checkbox" checked={run.pinned} onChange={(e) => pinRun(run.id, e.target.checked)} data-testid={`run-history-pin-${run.number}`} /> {t('runsCore.pin')}
              </label>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
