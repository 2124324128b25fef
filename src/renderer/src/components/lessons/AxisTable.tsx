import { useMemo } from 'react';
import { previewDataset } from '../../data/datasetInfo';
import { useT } from '../../i18n';
import { axisSums } from '../../lessons/axes';
import { useEditor } from '../../store/editor';
import type { DatasetSpec } from '../../../../shared/project/schema';

const SHOWN_ROWS = 4;
// Two columns, then "…" and the axis-1 sums: the table fits the docked lesson panel at its narrowest (trial 10, 7).
const SHOWN_COLUMNS = 2;
const format = (v: number) => String(Number(v.toPrecision(4)));

/**
 * The tensors-and-axes card's example on the project's own data: the first rows and columns of
 * the inputs x, the sum over axis 0 under each column (over all rows) and the sum over axis 1
 * beside each row (over all columns). Built-in generator data only: a CSV's rows live in main and
 * the editor has only a sample, whose sums would not be the data's.
 */
export function AxisTable() {
  return <AxisTableView dataset={useEditor((s) => s.doc.dataset)} />;
}

/** The table for `dataset` (the project's, in the app). */
export function AxisTableView({ dataset }: { dataset: DatasetSpec }) {
  const t = useT();
  const data = useMemo(() => (dataset.kind === 'generator' ? previewDataset(dataset) : null), [dataset]);
  const sums = useMemo(() => (data && !(data instanceof Error) ? axisSums(data.x, data.rows, data.numFeatures) : null), [data]);
  if (!data || data instanceof Error || !sums) return null;
  const columns = Math.min(SHOWN_COLUMNS, data.numFeatures);
  const rows = Math.min(SHOWN_ROWS, data.rows);
  const value = (r: number, c: number) => data.x[r * data.numFeatures + c];
  return (
    <figure className="lesson-axes" data-testid="lesson-axes">
      <figcaption className="small muted">{t('lesson.axes.caption', { rows: data.rows, columns: data.numFeatures })}</figcaption>
      <table>
        <thead>
          <tr>
            <th />
            {Array.from({ length: columns }, (_, c) => (
              <th key={c}>x[:, {c}]</th>
            ))}
            {columns < data.numFeatures && <th>…</th>}
            <th>{t('lesson.axes.sum1')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              <th>x[{r}]</th>
              {Array.from({ length: columns }, (_, c) => (
                <td key={c}>{format(value(r, c))}</td>
              ))}
              {columns < data.numFeatures && <td>…</td>}
              <td data-testid={`lesson-axes-sum1-${r}`} data-value={sums.axis1[r]}>
                {format(sums.axis1[r])}
              </td>
            </tr>
          ))}
          {rows < data.rows && (
            <tr>
              <th>…</th>
              <td colSpan={columns + (columns < data.numFeatures ? 2 : 1)} />
            </tr>
          )}
          <tr className="lesson-axes-sum">
            <th>{t('lesson.axes.sum0')}</th>
            {Array.from({ length: columns }, (_, c) => (
              <td key={c} data-testid={`lesson-axes-sum0-${c}`} data-value={sums.axis0[c]}>
                {format(sums.axis0[c])}
              </td>
            ))}
            {columns < data.numFeatures && <td>…</td>}
            <td />
          </tr>
        </tbody>
      </table>
    </figure>
  );
}
