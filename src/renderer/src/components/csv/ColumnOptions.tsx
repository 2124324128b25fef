import type { CsvColumnConfig } from '../../../../shared/data/csv';
import type { MissingStrategy } from '../../../../shared/data/preprocess';
import { missingStrategiesFor } from '../../../../shared/data/import-defaults';

// Shared with `neurite train --csv` (one implementation of what a column can take).
export { fitColumnOptions, missingStrategiesFor } from '../../../../shared/data/import-defaults';
import { useT } from '../../i18n';

/** The per-column fields this panel edits (issue 12): categorical encoding, missing-value strategy, indicator. */
export type ColumnOptionsPatch = Partial<Pick<CsvColumnConfig, 'encoding' | 'missing' | 'missingIndicator'>>;

const ROW = { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' } as const;

/**
 * Per column of the import: for categorical features the encoding (one-hot by default, or the
 * category's index), and for columns with missing values (counted in the preview, shown before
 * choosing) what to do with them, plus the optional "was missing" 0/1 feature. `alsoShow` names a
 * column the import stopped on for a missing value the preview did not see.
 */
export function ColumnOptions({
  columns,
  missing,
  sampledRows,
  complete,
  alsoShow,
  onChange,
}: {
  columns: CsvColumnConfig[];
  /** Missing values per column in the preview, by column index. */
  missing: number[];
  sampledRows: number;
  complete: boolean;
  alsoShow?: string;
  onChange: (index: number, patch: ColumnOptionsPatch) => void;
}) {
  const t = useT();
  const shown = columns
    .map((c, i) => ({ c, i, missing: missing[i] ?? 0 }))
    .filter(({ c, missing: n }) => c.role !== 'ignored' && ((c.type === 'categorical' && c.role === 'feature') || n > 0 || c.name === alsoShow));
  if (shown.length === 0) return null;
  return (
    <div className="csv-column-options" data-testid="csv-column-options">
      <h3 className="small">{t('csvOptions.title')}</h3>
      {shown.map(({ c, i, missing: n }) => (
        <div key={c.name} className="csv-row" style={ROW} data-testid={`csv-options-${c.name}`}>
          <strong>{c.name}</strong>
          {c.type === 'categorical' && c.role === 'feature' && (
            <label>
              {t('csvOptions.encoding')}{' '}
              <select value={c.encoding ?? 'onehot'} onChange={(e) => onChange(i, { encoding: e.target.value as 'onehot' | 'index' })} data-testid={`csv-encoding-${c.name}`}>
                <option value="onehot">{t('csvOptions.encoding.onehot')}</option>
                <option value="index">{t('csvOptions.encoding.index')}</option>
              </select>
            </label>
          )}
          {(n > 0 || c.name === alsoShow) && (
            <>
              <span className="muted small" data-testid={`csv-missing-count-${c.name}`}>
                {complete ? t('csvOptions.missingCount', { count: n }) : t('csvOptions.missingCountSample', { count: n, rows: sampledRows.toLocaleString('en-US') })}
              </span>
              <label>
                {t('csvOptions.missing')}{' '}
                <select
                  value={c.missing ?? ''}
                  onChange={(e) => onChange(i, { missing: e.target.value === '' ? undefined : (e.target.value as MissingStrategy) })}
                  data-testid={`csv-missing-${c.name}`}
                >
                  {c.type === 'categorical' && <option value="">{t('csvOptions.missing.category')}</option>}
                  {missingStrategiesFor(c).map((s) => (
                    <option key={s} value={s === 'error' && c.type !== 'categorical' ? '' : s}>
                      {t(`csvOptions.missing.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              {c.role === 'feature' && (
                <label className="check">
                  <input type="checkbox" checked={c.missingIndicator === true} onChange={(e) => onChange(i, { missingIndicator: e.target.checked || undefined })} data-testid={`csv-missing-indicator-${c.name}`} />
                  {t('csvOptions.indicator', { column: c.name })}
                </label>
              )}
            </>
          )}
        </div>
      ))}
    </div>
  );
}
