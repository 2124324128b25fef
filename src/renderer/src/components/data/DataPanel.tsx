import { useState } from 'react';
import { previewDataset } from '../../data/datasetInfo';
import { useT } from '../../i18n';
import { useEditor } from '../../store/editor';
import { DataTable } from './DataTable';
import { HealthView, useCsvHealth } from './HealthView';
import { ResultsView } from './ResultsView';
import { ScatterView } from './ScatterView';
import { StatsView } from './StatsView';
import { TrainedModelNote } from './TrainedModelNote';
import { ImagesDataView } from '../images/ImagesDataView';

const VIEWS = ['plot', 'table', 'stats', 'results', 'health'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABEL = { plot: 'data.plot', table: 'data.table', stats: 'data.stats', results: 'data.results', health: 'data.health' } as const;

/** The dataset: the scatter plot (with the model over it), a virtualised table, statistics, and results. */
export function DataPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const t = useT();
  const data = previewDataset(dataset);
  const [view, setView] = useState<View>('plot');
  const splitMode = useEditor((s) => s.doc.training.splitMode);
  const health = useCsvHealth(dataset, splitMode);
  // Issue 14: image data is shown as images (a sample grid, the confusion matrix's images), not as a scatter plot or a table.
  if (dataset.kind === 'images') return <ImagesDataView spec={dataset} />;
  if (data instanceof Error) return <p className="field-error">{data.message}</p>;
  return (
    <section className="panel-section data-panel" data-testid="data-panel">
      <div className="small muted data-facts">
        {t('data.facts', { rows: data.rows.toLocaleString('en-US'), features: data.numFeatures, task: t(`data.task.${data.task}`) })}
        {data.numClasses ? ` · ${t('data.classes', { count: data.numClasses })}` : ''}
      </div>
      <div className="subtabs" role="tablist">
        {VIEWS.filter((v) => v !== 'health' || health).map((v) => (
          <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'active' : ''} onClick={() => setView(v)} data-testid={`data-view-${v}`}>
            {v === 'health' && health?.items.length ? t('data.healthCount', { count: health.items.length }) : t(VIEW_LABEL[v])}
          </button>
        ))}
      </div>
      {(view === 'plot' || view === 'results') && <TrainedModelNote t={t} />}
      {view === 'plot' && <ScatterView data={data} t={t} />}
      {view === 'table' && <DataTable data={data} t={t} />}
      {view === 'stats' && <StatsView data={data} t={t} />}
      {view === 'results' && <ResultsView data={data} t={t} total={dataset.kind === 'csv' ? dataset.rows : undefined} />}
      {view === 'health' && health && <HealthView health={health} />}
    </section>
  );
}
