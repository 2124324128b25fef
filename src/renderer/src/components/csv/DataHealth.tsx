import type { DataFix, HealthItem } from '../../../../shared/data/health';
import { useT } from '../../i18n';
import { fixText, healthText } from '../../../../shared/i18n/data-text';

export { fixText, healthText } from '../../../../shared/i18n/data-text';

/** Fixes that change the imported rows or columns (the Data tab re-imports for them). */
export function fixNeedsReimport(fix: DataFix): boolean {
  return fix.kind === 'set-role' || fix.kind === 'set-missing' || fix.kind === 'drop-duplicates';
}

/** A stable id for a fix (test ids, React keys). */
export function dataFixId(fix: DataFix): string {
  switch (fix.kind) {
    case 'set-role':
      return `set-role:${fix.column}:${fix.role}`;
    case 'set-normalize':
      return 'set-normalize';
    case 'set-split-mode':
      return `set-split-mode:${fix.mode}`;
    case 'set-missing':
      return `set-missing:${fix.column}:${fix.strategy}`;
    case 'drop-duplicates':
      return 'drop-duplicates';
  }
}

/**
 * The data health report: one line per item with its numbers and a fix button. `reimport` marks
 * fixes that need the file imported again (the Data tab); `sampled` says how many rows were read.
 */
export function DataHealth({
  items,
  onFix,
  reimport = false,
  sampled,
  canFix = () => true,
}: {
  items: HealthItem[];
  onFix: (fix: DataFix) => void;
  reimport?: boolean;
  sampled?: { rows: number; total: number };
  /** Whether this host of the report can apply a fix (a fix it cannot apply gets no button). */
  canFix?: (fix: DataFix) => boolean;
}) {
  const t = useT();
  return (
    <section className="data-health" data-testid="data-health" data-items={items.length}>
      <h3 className="small">{t('health.title')}</h3>
      {sampled && <p className="muted small">{t('health.sampled', { rows: sampled.rows.toLocaleString('en-US'), total: sampled.total.toLocaleString('en-US') })}</p>}
      {items.length === 0 ? (
        <p className="small muted" data-testid="health-none">
          {t('health.none')}
        </p>
      ) : (
        <ul className="small" style={{ margin: 0, paddingLeft: 18 }}>
          {items.map((item, i) => (
            <li key={`${item.kind}:${item.column ?? i}`} className="field-warning" data-testid={`health-${item.kind}`} data-column={item.column}>
              {healthText(item, t)}
              {item.counts && item.counts.length > 0 && (
                <span className="muted" data-testid="health-counts">
                  {' '}
                  {t('health.counts', { counts: item.counts.slice(0, 12).map((c) => `${c.value} ${c.count.toLocaleString('en-US')}`).join(', ') + (item.counts.length > 12 ? ', …' : '') })}
                </span>
              )}
              {item.fix && canFix(item.fix) && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link fix-button"
                    title={reimport && fixNeedsReimport(item.fix) ? t('health.needsReimport') : undefined}
                    data-testid={`health-fix-${dataFixId(item.fix)}`}
                    onClick={() => onFix(item.fix!)}
                  >
                    {reimport && fixNeedsReimport(item.fix) ? t('health.fix.reimport', { fix: fixText(item.fix, t) }) : fixText(item.fix, t)}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
