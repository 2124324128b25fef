import { useT } from '../../i18n';
import { useEditor } from '../../store/editor';
import { isActive } from '../../store/run';
import { useRun } from '../../store/training';
import { useUi } from '../../store/ui';
import { RunPanel } from '../RunPanel';
import { RunsView } from './RunsView';

/**
 * The bottom-left area: the current run (progress, outcome, live charts) or the Runs view (every
 * run of the project, issue 15), as two tabs. The Runs tab counts the project's runs.
 */
export function RunArea() {
  const view = useUi((s) => s.runView);
  const setView = useUi((s) => s.setRunView);
  const count = useEditor((s) => s.doc.runs?.length ?? 0);
  // A run training while the Runs view is open shows on the Run tab, which shows its progress.
  const training = useRun((s) => isActive(s.run));
  const t = useT();
  return (
    <div className="run-area">
      <div className="tabs run-area-tabs" role="tablist">
        <button role="tab" aria-selected={view === 'run'} className={view === 'run' ? 'active' : ''} onClick={() => setView('run')} data-testid="tab-run" data-training={training ? 'true' : undefined} title={training ? t('runs.tabRunTraining') : undefined}>
          {t('runs.tabRun')}
          {training ? ' ●' : ''}
        </button>
        <button role="tab" aria-selected={view === 'runs'} className={view === 'runs' ? 'active' : ''} onClick={() => setView('runs')} data-testid="tab-runs" data-count={count}>
          {t('runs.tabRuns', { count })}
        </button>
      </div>
      {view === 'runs' ? <RunsView /> : <RunPanel />}
    </div>
  );
}
