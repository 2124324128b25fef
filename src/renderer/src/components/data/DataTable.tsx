import { useEffect, useRef, useState } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import type { Translate } from '../../i18n';
import { trueClass, visibleRows } from '../../lib/datastats';
import { fmt } from './plotting';

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
  const scroller = useRef<HTMLDivElement>(null);
  const [windowState, setWindowState] = useState({ top: 0, height: 200 });
  useEffect(() => {
    const el = scroller.current!;
    const update = () => setWindowState({ top: el.scrollTop, height: el.clientHeight });
    update();
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  const columns = data.featureNames.slice(0, MAX_TABLE_COLUMNS);
  const { first, last } = visibleRows(windowState.top, windowState.height, ROW_HEIGHT, data.rows);
  const rows: number[] = [];
  for (let r = first; r < last; r++) rows.push(r);
  const gridTemplateColumns = `56px repeat(${columns.length}, minmax(64px, 1fr)) 72px`;
  return (
    <div
      ref={scroller}
      className="data-table"
      data-testid="data-table"
      data-total-rows={data.rows}
      data-rendered-rows={rows.length}
      onScroll={(e) => setWindowState({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
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
  );
}
