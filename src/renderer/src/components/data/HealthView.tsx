import { useMemo, useState } from 'react';
import { dataHealth, healthTableFromSample, type DataFix, type HealthItem } from '../../../../shared/data/health';
import type { DatasetSpec } from '../../../../shared/project/schema';
import type { SplitMode } from '../../../../shared/data/split';
import { useEditor } from '../../store/editor';
import { CsvImportDialog, type ReimportFix } from '../CsvImportDialog';
import { requestCsvSample, sampleKey, useCsvSamples } from '../CsvImportState';
import { DataHealth, fixNeedsReimport } from '../csv/DataHealth';

/**
 * The health report of the project's CSV dataset, from the raw rows the editor holds (up to main's
 * sample size) and main's summary of every row's label (class counts and order). Null for a
 * generated dataset, or while the rows have not arrived.
 */
export function useCsvHealth(dataset: DatasetSpec, splitMode: SplitMode): { items: HealthItem[]; rows: number; total: number } | null {
  const sample = useCsvSamples((s) => (dataset.kind === 'csv' ? s.samples[sampleKey(dataset)] : undefined));
  if (dataset.kind === 'csv' && !sample) requestCsvSample(dataset);
  return useMemo(() => {
    if (dataset.kind !== 'csv' || !sample || sample instanceof Error) return null;
    const table = healthTableFromSample(dataset, sample, splitMode);
    return { items: dataHealth(table), rows: sample.x.length, total: dataset.rows };
  }, [dataset, sample, splitMode]);
}

/**
 * The Data tab's health view. Settings fixes (normalisation, split mode) are undoable commands;
 * fixes that change the imported rows or columns open the import dialog (the file is imported again).
 */
export function HealthView({ health }: { health: NonNullable<ReturnType<typeof useCsvHealth>> }) {
  const applyDataFix = useEditor((s) => s.applyDataFix);
  const file = useEditor((s) => (s.doc.dataset.kind === 'csv' ? s.doc.dataset.file.name : ''));
  const [reimporting, setReimporting] = useState<ReimportFix | null>(null);
  const onFix = (fix: DataFix) => {
    if (fix.kind === 'set-role' || fix.kind === 'set-missing') setReimporting(fix);
    else if (!fixNeedsReimport(fix)) applyDataFix(fix);
  };
  return (
    <>
      <DataHealth items={health.items} onFix={onFix} canFix={(fix) => fix.kind !== 'drop-duplicates'} reimport sampled={health.rows < health.total ? { rows: health.rows, total: health.total } : undefined} />
      {reimporting && <CsvImportDialog reimport={{ file, fix: reimporting }} onClose={() => setReimporting(null)} />}
    </>
  );
}
