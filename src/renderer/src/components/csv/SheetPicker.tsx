import { useT } from '../../i18n';

/** What the import dialog's file inputs accept: CSV/TSV text and Excel workbooks (issue 12). */
export const IMPORT_FILE_ACCEPT = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Issue 12 (xlsx): the sheet of an Excel workbook to import. Shown only when the workbook has
 * more than one sheet; choosing one asks for a new preview of that sheet (`data.inspect` with `sheet`).
 */
export function SheetPicker({ sheets, sheet, disabled, onChange }: { sheets: string[] | undefined; sheet: string | undefined; disabled: boolean; onChange: (sheet: string) => void }) {
  const t = useT();
  if (!sheets || sheets.length < 2) return null;
  return (
    <label data-testid="csv-sheet-picker">
      {t('xlsx.sheet')}{' '}
      <select value={sheet} disabled={disabled} onChange={(e) => onChange(e.target.value)} data-testid="csv-sheet" aria-label={t('xlsx.sheetOf', { count: sheets.length })}>
        {sheets.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}
