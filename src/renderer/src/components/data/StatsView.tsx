import { useMemo } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import type { Translate } from '../../i18n';
import { datasetStats } from '../../lib/datastats';
import { fmt } from './plotting';

/** Per-column statistics (min, max, mean, std, distinct values) of the features and the label. */
export function StatsView({ data, t }: { data: Dataset; t: Translate }) {
  const stats = useMemo(() => datasetStats(data), [data]);
  return (
    <div className="stats-wrap">
      <table className="summary-table stats-table" data-testid="data-stats">
        <thead>
          <tr>
            <th>{t('data.column')}</th>
            <th className="num">{t('data.min')}</th>
            <th className="num">{t('data.max')}</th>
            <th className="num">{t('data.mean')}</th>
            <th className="num">{t('data.std')}</th>
            <th className="num">{t('data.distinct')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.name} className={s.kind} data-column={s.name}>
              <td>{s.name}</td>
              <td className="num mono">{fmt(s.min)}</td>
              <td className="num mono">{fmt(s.max)}</td>
              <td className="num mono">{fmt(s.mean)}</td>
              <td className="num mono">{fmt(s.std)}</td>
              <td className="num mono">{s.distinct.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
