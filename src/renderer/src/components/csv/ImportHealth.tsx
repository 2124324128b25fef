import { useMemo } from 'react';
import type { CsvPreviewInfo } from '../../../../shared/api/contract';
import { dataHealth, healthTableFromPreview, withoutDecided, type DataFix, type HealthColumn, type HealthColumnRole, type HealthColumnType } from '../../../../shared/data/health';
import { parseNumber } from '../../../../shared/data/numbers';
import { useEditor } from '../../store/editor';
import { DataHealth } from './DataHealth';

type Column = { name: string; type: HealthColumnType; role: HealthColumnRole; missing?: HealthColumn['missing'] };

/**
 * The health report in the import dialog, from the preview's rows and statistics with the
 * dialog's current column choices. Fixes change the dialog's choices (roles, normalisation,
 * missing strategy); the split mode is a project setting, changed as an undoable command.
 */
export function ImportHealth({
  preview,
  columns,
  normalize,
  onSetRole,
  onNormalize,
  onSetMissing,
}: {
  preview: CsvPreviewInfo;
  columns: Column[];
  normalize: boolean;
  onSetRole: (column: string, role: HealthColumnRole) => void;
  onNormalize: () => void;
  /** Sets the column's missing-value strategy (the `missing` field ColumnOptions edits). */
  onSetMissing?: (column: string, strategy: Extract<DataFix, { kind: 'set-missing' }>['strategy']) => void;
}) {
  const splitMode = useEditor((s) => s.doc.training.splitMode);
  const applyDataFix = useEditor((s) => s.applyDataFix);
  // Numbers read in the file's number format (decimal comma, thousands separators), as the import reads them;
  // a label-all-unique warning detection already gave (in the decisions above) is not repeated.
  const items = useMemo(
    () => withoutDecided(dataHealth({ ...healthTableFromPreview(preview, columns, normalize, (t) => parseNumber(t, preview.numberFormat)), splitMode }), preview.decisions),
    [preview, columns, normalize, splitMode],
  );
  const onFix = (fix: DataFix) => {
    switch (fix.kind) {
      case 'set-role':
        return onSetRole(fix.column, fix.role);
      case 'set-normalize':
        return onNormalize();
      case 'set-split-mode':
        return void applyDataFix(fix);
      case 'set-missing':
        return onSetMissing?.(fix.column, fix.strategy);
      case 'drop-duplicates':
        return;
    }
  };
  const canFix = (fix: DataFix) => fix.kind !== 'drop-duplicates' && (fix.kind !== 'set-missing' || onSetMissing !== undefined);
  return <DataHealth items={items} onFix={onFix} canFix={canFix} sampled={preview.complete && preview.rows.length >= preview.sampledRows ? undefined : { rows: preview.rows.length, total: preview.sampledRows }} />;
}
