import { useScrollWindow } from '../../lib/scrollWindow';
import type { Dataset } from '../../../../shared/data/types';
import type { Translate } from '../../i18n';
import { trueClass, visibleRows } from '../../lib/datastats';
import { fmt } from './plotting';
import { ConceptLink } from '../lessons/ConceptLink';

const ROW_HEIGHT = 22;
const MAX_TABLE_COLUMNS = 40;

/** A row's label as the table shows it: the class name (or number), or the target values. */
export function labelText(data: Dataset, row: number): string {
  if (data.task === 'classification') {
    const cls = trueClass(data, row);
    return data.classNames?.[cls] ?? String(cls);
  }
  return Array.from(data.y.subarray(row * data.labelWidth, (row + 1) * data.labelWidth), fmt).join(', ');
}

/** The rows as a table; only the rows in view (plus a few) are in the DOM, so a million rows scroll like ten. */
export function DataTable({ data, t }: { data: Dataset; t: Translate }) {
  const scroll = useScrollWindow<HTMLDivElement>(200);
  const columns = data.featureNames.slice(0, MAX_TABLE_COLUMNS);
  const { first, last } = visibleRows(scroll.top, scroll.height, ROW_HEIGHT, data.rows);
  const rows: number[] = [];
  for (let r = first; r < last; r++) rows.push(r);
  const gridTemplateColumns = `56px repeat(${columns.length}, minmax(64px, 1fr)) 72px`;
  return (
    <>
      {/* Issue 16: the table is the data tensor x; its axes, linked to the tutorial's tensors-and-axes card. */}
      <p className="small muted data-table-axes" data-testid="data-table-axes">
        {t('learn.tableAxes', { rows: data.rows, columns: data.numFeatures })} <ConceptLink id="tensors" testId="concept-data-table-axes" />
        {/* Class labels train as one-hot vectors (Keras to_categorical). */}
        {data.task === 'classification' && (
          <>
            {' '}
            {t('learn.tableLabels')} <ConceptLink id="one-hot" testId="concept-data-table-labels" />
          </>
        )}
      </p>
      <div
        ref={scroll.ref}
        className="data-table"
        data-testid="data-table"
        data-total-rows={data.rows}
        data-rendered-rows={rows.length}
        onScroll={scroll.onScroll}
      >
        <div className="data-table-head" style={{ gridTemplateColumns }}>
          <span>{t('data.row')}</span>
          {columns.map((c) => (
            <span key={c}>{c}</span>
          ))}
          <span>{t('data.label')}</span>
        </div>
        <div style={{ height: data.rows * ROW_HEIGHT, position: 'relative' }}>
          {rows.map((r) => (
            <div key={r} className="data-table-row" style={{ gridTemplateColumns, top: r * ROW_HEIGHT, height: ROW_HEIGHT }} data-row={r}>
              <span className="muted">{r}</span>
              {columns.map((_, c) => (
                <span key={c}>{fmt(data.x[r * data.numFeatures + c])}</span>
              ))}
              <span>{labelText(data, r)}</span>
            </div>
          ))}
        </div>
      </div>
    </>
  );
}
