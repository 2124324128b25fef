import { useT } from '../../i18n';
import { useEditor } from '../../store/editor';
import { ExperimentPanel } from './ExperimentPanel';
import { SweepProgress } from './SweepProgress';
import { SweepSetup } from './SweepSetup';
import { useSweepQueue, type SweepView } from './queue';

/**
 * The Sweep window (Train › Sweep…, Train › Batch Size Experiment…): not modal, so the run panel's
 * live charts stay in view while the trials run. Tabs: a new sweep, each sweep of the project
 * (latest first), the experiment. Closing it leaves a running queue running.
 */
export function SweepWindow() {
  const t = useT();
  const view = useSweepQueue((s) => s.view);
  const sweeps = useEditor((s) => s.doc.sweeps);
  if (!view) return null;
  const set = (next: SweepView) => useSweepQueue.getState().setView(next);
  const latest = [...(sweeps ?? [])].reverse();
  return (
    <section className="sweep-window" role="dialog" aria-modal="false" aria-labelledby="sweep-window-title" data-testid="sweep-window">
      <div className="sweep-window-head">
        <h2 id="sweep-window-title">{view.kind === 'experiment' ? t('experiment.title') : t('sweep.title')}</h2>
        <div className="tabs" role="tablist">
          <button role="tab" aria-selected={view.kind === 'setup'} className={view.kind === 'setup' ? 'active' : ''} onClick={() => set({ kind: 'setup' })} data-testid="sweep-tab-setup">
            {t('sweep.tabNew')}
          </button>
          {latest.length > 0 && (
            <select
              value={view.kind === 'sweep' ? view.sweepId : ''}
              onChange={(e) => e.target.value && set({ kind: 'sweep', sweepId: e.target.value })}
              aria-label={t('sweep.tabSweeps')}
              data-testid="sweep-tab-sweeps"
            >
              <option value="">{t('sweep.tabSweeps')}</option>
              {latest.map((s) => (
                <option key={s.id} value={s.id}>
                  {t('sweep.listItem', { n: sweeps!.indexOf(s) + 1, method: t(s.method === 'grid' ? 'sweep.gridShort' : 'sweep.randomShort'), status: t(`sweep.status.${s.status}`) })}
                </option>
              ))}
            </select>
          )}
          <button role="tab" aria-selected={view.kind === 'experiment'} className={view.kind === 'experiment' ? 'active' : ''} onClick={() => set({ kind: 'experiment' })} data-testid="sweep-tab-experiment">
            {t('experiment.tab')}
          </button>
        </div>
        <button className="sweep-close" onClick={() => set(null)} aria-label={t('sweep.close')} data-testid="sweep-close">
          ×
        </button>
      </div>
      <div className="sweep-window-body">
        {view.kind === 'setup' && <SweepSetup />}
        {view.kind === 'sweep' && <SweepProgress sweepId={view.sweepId} />}
        {view.kind === 'experiment' && <ExperimentPanel />}
      </div>
    </section>
  );
}
