import { useEffect, useRef, useState } from 'react';
import { useDialogFocus } from '../lib/dialogFocus';
import type { CsvPreviewInfo, DataProgress } from '../../../shared/api/contract';
import { COLUMN_ROLES, COLUMN_TYPES, CSV_DELIMITERS, labelEncodingFor, type ColumnRole, type ColumnType, type CsvColumnConfig, type CsvDelimiter } from '../../../shared/data/csv';
import type { CsvDataset } from '../../../shared/project/schema';
import { ColumnOptions, fitColumnOptions } from './csv/ColumnOptions';
import { defaultImportSettings } from '../../../shared/data/import-defaults';
import { DEFAULT_DATASET } from '../store/document';
import { useEditor } from '../store/editor';
import { api, ApiCallError } from '../api';
import { host } from '../host';
import { messageText } from '../lib/problemText';
import { csvSampleProblem, rememberCsvSample, replaceDataset, useCsvSamples } from './CsvImportState';
import { useT, type MessageKey, type Translate } from '../i18n';
import { IMPORT_FILE_ACCEPT, SheetPicker } from './csv/SheetPicker';
import { ImportHealth } from './csv/ImportHealth';
import { fixText } from './csv/DataHealth';
import type { DataFix } from '../../../shared/data/health';
import { Decisions, type InspectOverrides } from './csv/Decisions';
import { ImageFolderButton } from './ImageFolderDialog';
import { uploadInChunks, type Upload } from '../lib/upload';

// Inline so the dialog does not depend on the shared stylesheet's classes.
const BACKDROP = { position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.45)', display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: 1000 } as const;
const DIALOG = { background: 'var(--panel, #fff)', color: 'inherit', borderRadius: 8, padding: 16, width: 'min(960px, 94vw)', maxHeight: '90vh', overflow: 'auto', boxShadow: '0 8px 32px rgba(0,0,0,0.35)', display: 'flex', flexDirection: 'column', gap: 10 } as const;
// Never shrunk by the dialog's flex column (it collapsed to ~60 px under many column options and health items): the dialog body scrolls instead.
const PREVIEW = { overflow: 'auto', maxHeight: '40vh', flexShrink: 0, border: '1px solid var(--border, #ccc)', fontSize: 12 } as const;
const ROW = { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' } as const;

const DELIMITER_LABELS: Record<CsvDelimiter, MessageKey> = { ',': 'csv.delimiter.comma', ';': 'csv.delimiter.semicolon', '\t': 'csv.delimiter.tab', '|': 'csv.delimiter.pipe' };

interface Problem {
  message: string;
  /** Issue 16: the message as data, shown in the UI's language (lib/problemText.ts `messageText`). */
  messageId?: string;
  params?: Record<string, string | number>;
  line?: number;
  column?: string;
}

function toProblem(error: unknown): Problem {
  if (error instanceof ApiCallError) {
    const where = (error.details?.[0] ?? {}) as { line?: number; column?: string };
    return { message: error.englishMessage, messageId: error.messageId, params: error.params, line: where.line, column: where.column };
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

function formatBytes(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;
}

/** A Data tab health fix that changes the imported columns: applied to the dialog's columns once the file is chosen again. */
export type ReimportFix = Extract<DataFix, { kind: 'set-role' | 'set-missing' }>;

/** The dialog's columns with a re-import fix applied (columns it does not name are unchanged). */
export function applyReimportFix(columns: CsvColumnConfig[], fix: ReimportFix | undefined): CsvColumnConfig[] {
  if (!fix) return columns;
  return columns.map((c) => (c.name !== fix.column ? c : fitColumnOptions(fix.kind === 'set-role' ? { ...c, role: fix.role } : { ...c, missing: fix.strategy })));
}

/** Columns of a new preview with the choices (type, role, encoding, missing values) a previous import made for columns of the same name. */
function keepChoices(columns: CsvColumnConfig[], previous: CsvColumnConfig[]): CsvColumnConfig[] {
  return columns.map((c) => {
    const before = previous.find((p) => p.name === c.name);
    return before ? fitColumnOptions({ ...before }) : c;
  });
}

/**
 * "Import data…" (CSV or Excel): pick a file, check the preview, give each column a role, import
 * with progress. `reimport` (from the Data tab's health report) names the file to choose again
 * and a fix applied to its columns once it is previewed.
 */
export function CsvImportDialog({ onClose, reimport }: { onClose: () => void; reimport?: { file: string; fix: ReimportFix } }) {
  const loss = useEditor((s) => s.doc.training.loss);
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  const fileInput = useRef<HTMLInputElement>(null);
  // issue 17: the dialog takes the focus, so Esc closes it
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [preview, setPreview] = useState<CsvPreviewInfo | null>(null);
  const [columns, setColumns] = useState<CsvColumnConfig[]>([]);
  const [normalize, setNormalize] = useState(reimport && dataset.kind === 'csv' ? dataset.normalize : true);
  const [classLabels, setClassLabels] = useState<'onehot' | 'index'>(labelEncodingFor(true, loss) === 'onehot' ? 'onehot' : 'index');
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  /** An import is running (issue 12): the Cancel import button shows; 'cancelling' once pressed. */
  const [importing, setImporting] = useState<'running' | 'cancelling' | null>(null);
  /** The sheet shown was picked by the user (else the workbook's first sheet with data rows was opened). */
  const [sheetChosen, setSheetChosen] = useState(false);
  const t = useT();

  useEffect(() => {
    if (!upload) return;
    return api.on('data.progress', (p: DataProgress) => {
      if (p.uploadId !== upload.uploadId) return;
      const label =
        p.phase === 'parsing'
          ? t('csv.parsingRows', { rows: p.rows.toLocaleString('en-US') })
          : p.phase === 'done'
            ? t('csv.imported')
            : p.phase === 'failed'
              ? t('csv.failed')
              : p.phase === 'cancelled'
                ? t('csv.importCancelled')
                : t('csv.saving');
      setProgress({ label, done: p.bytes, total: p.totalBytes || 1 });
    });
  }, [upload, t]);

  const inspect = async (target: Upload, options: InspectOverrides & { sheet?: string } = {}) => {
    setBusy(true);
    setProblem(null);
    // A new choice (sheet, delimiter, format) starts afresh: a failed import's "Failed" bar goes.
    if (Object.keys(options).length > 0) setProgress(null);
    setSheetChosen(options.sheet !== undefined);
    try {
      const next = await api['data.inspect']({ uploadId: target.uploadId, ...options });
      setPreview(next);
      // The same defaults `neurite train --csv` starts from (one implementation).
      const defaults = defaultImportSettings(next, loss).columns;
      // Imported again for a fix: the project's own column choices carry over, then the fix applies.
      const kept = reimport && dataset.kind === 'csv' ? keepChoices(defaults, dataset.columns) : defaults;
      setColumns(applyReimportFix(kept, reimport?.fix));
      if (next.issues[0]) setProblem(next.issues[0]);
    } catch (error) {
      setPreview(null);
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };

  const uploadFile = async (file: File) => {
    setBusy(true);
    setProblem(null);
    setPreview(null);
    try {
      const started = await uploadInChunks(file, (sent) => setProgress({ label: t('csv.uploading', { name: file.name }), done: sent, total: file.size }));
      setProgress({ label: t('csv.uploaded', { name: file.name }), done: file.size, total: Math.max(1, file.size) });
      setUpload(started);
      await inspect(started);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };

  const choose = async () => {
    // A host with a native dialog hands main the file itself; otherwise the page's own picker uploads it.
    if (!host.openCsvDialog) {
      fileInput.current?.click();
      return;
    }
    try {
      const picked = await host.openCsvDialog();
      if (!picked) return;
      setUpload(picked);
      setProgress(null);
      await inspect(picked);
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  const runImport = async () => {
    if (!upload || !preview) return;
    setBusy(true);
    setProblem(null);
    setProgress({ label: t('csv.parsing'), done: 0, total: Math.max(1, upload.size) });
    setImporting('running');
    try {
      const result = await api['data.import']({
        uploadId: upload.uploadId,
        delimiter: preview.delimiter,
        header: preview.header,
        columns,
        ...detectedFormat(preview),
        normalize,
        classLabels,
        ...(preview.sheet !== undefined ? { sheet: preview.sheet } : {}),
      });
      rememberCsvSample(result.dataset, result.sample);
      update(replaceDataset(dataset, result.dataset));
      onClose();
    } catch (error) {
      setProblem(error instanceof ApiCallError && error.code === 'cancelled' ? { message: t('csv.importCancelled') } : toProblem(error));
    } finally {
      setBusy(false);
      setImporting(null);
    }
  };

  const cancelImport = async () => {
    if (!upload) return;
    setImporting('cancelling');
    try {
      await api['data.cancel']({ uploadId: upload.uploadId });
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  const setColumn = (index: number, patch: Partial<CsvColumnConfig>) =>
    setColumns((cols) => cols.map((c, i) => (i === index ? fitColumnOptions({ ...c, ...patch }) : c)));
  const label = columns.find((c) => c.role === 'label');

  return (
    <div className="csv-dialog-backdrop" style={BACKDROP} role="presentation" onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}>
      <div ref={dialog} tabIndex={-1} className="csv-dialog" style={DIALOG} role="dialog" aria-modal="true" aria-labelledby="csv-dialog-title" data-testid="csv-dialog">
        <h2 id="csv-dialog-title">{t('csv.title')}</h2>
        {reimport && (
          <p className="small" data-testid="csv-reimport-note">
            {t('csvReimport.note', { file: reimport.file, fix: fixText(reimport.fix, t) })}
          </p>
        )}
        <div className="csv-row" style={ROW}>
          <button onClick={choose} disabled={busy} data-testid="csv-choose">
            {upload ? t('csv.chooseAnother') : t('csv.choose')}
          </button>
          {upload && (
            <span className="muted small" data-testid="csv-file">
              {upload.name} · {formatBytes(upload.size)}
            </span>
          )}
          <input
            ref={fileInput}
            type="file"
            accept={IMPORT_FILE_ACCEPT}
            hidden
            data-testid="csv-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void uploadFile(file);
            }}
          />
        </div>

        {preview && upload && (
          <>
            <div className="csv-row" style={ROW}>
              <SheetPicker sheets={preview.sheets} sheet={preview.sheet} disabled={busy} onChange={(sheet) => void inspect(upload, { sheet })} />
              {!sheetChosen && preview.sheets && preview.sheet !== undefined && preview.sheet !== preview.sheets[0] && (
                <span className="muted small" data-testid="csv-sheet-note">
                  {t('xlsx.firstWithData', { sheet: preview.sheet })}
                </span>
              )}
              <label hidden={preview.sheets !== undefined}>
                {t('csv.delimiter')}{' '}
                <select
                  value={preview.delimiter}
                  disabled={busy}
                  onChange={(e) => void inspect(upload, { delimiter: e.target.value as CsvDelimiter, header: preview.header, sheet: preview.sheet })}
                  data-testid="csv-delimiter"
                >
                  {CSV_DELIMITERS.map((d) => (
                    <option key={d} value={d}>
                      {t(DELIMITER_LABELS[d])}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={preview.header}
                  disabled={busy}
                  onChange={(e) => void inspect(upload, { delimiter: preview.delimiter, header: e.target.checked, sheet: preview.sheet })}
                  data-testid="csv-header"
                />
                {t('csv.header')}
              </label>
            </div>
            <Decisions preview={preview} label={label?.name} busy={busy} onInspect={(overrides) => void inspect(upload, overrides)} />
            <div className="csv-preview" style={PREVIEW} data-testid="csv-preview">
              <table>
                <thead>
                  <tr>
                    {columns.map((c, i) => (
                      <th key={i}>
                        <div className="csv-col-name">{c.name}</div>
                        <select value={c.role} onChange={(e) => setColumn(i, { role: e.target.value as ColumnRole })} data-testid={`csv-role-${c.name}`} aria-label={t('csv.roleOf', { column: c.name })}>
                          {COLUMN_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t(`csv.role.${r}`)}
                            </option>
                          ))}
                        </select>
                        <select value={c.type} onChange={(e) => setColumn(i, { type: e.target.value as ColumnType })} data-testid={`csv-type-${c.name}`} aria-label={t('csv.typeOf', { column: c.name })}>
                          {COLUMN_TYPES.map((type) => (
                            <option key={type} value={type}>
                              {t(`csv.type.${type}`)}
                            </option>
                          ))}
                        </select>
                        <div className="muted small">{describeStats(preview.columns[i], t)}</div>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.slice(0, 20).map((row, r) => (
                    <tr key={r}>
                      {columns.map((_, c) => (
                        <td key={c} className={columns[c].role === 'ignored' ? 'muted' : undefined}>
                          {row[c] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted small">
              {preview.complete ? t('csv.previewAll', { rows: preview.sampledRows }) : t('csv.previewPart', { rows: preview.sampledRows.toLocaleString('en-US') })}
            </p>
            {preview.labelAsClasses && label?.name === preview.labelAsClasses.column && (
              <LabelClassesNote
                proposal={preview.labelAsClasses}
                type={label.type}
                onSwitch={(type) => setColumn(columns.indexOf(label), { type })}
              />
            )}
            <ColumnOptions
              columns={columns}
              missing={preview.columns.map((c) => c.stats.missing)}
              sampledRows={preview.sampledRows}
              complete={preview.complete}
              alsoShow={problem?.column}
              onChange={setColumn}
            />
            <div className="csv-row" style={ROW}>
              <label className="check">
                <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} data-testid="csv-normalize" />
                {t('csv.normalizeImport')}
              </label>
              {label?.type === 'categorical' && (
                <label>
                  {t('csv.classLabels')}{' '}
                  <select value={classLabels} onChange={(e) => setClassLabels(e.target.value as 'onehot' | 'index')} data-testid="csv-class-labels">
                    <option value="onehot">{t('csv.labelsOneHotLong')}</option>
                    <option value="index">{t('csv.labelsIndexLong')}</option>
                  </select>
                </label>
              )}
            </div>
            <ImportHealth
              preview={preview}
              columns={columns}
              normalize={normalize}
              onSetRole={(name, role) => setColumns((cols) => cols.map((c) => (c.name === name ? fitColumnOptions({ ...c, role }) : c)))}
              onNormalize={() => setNormalize(true)}
              onSetMissing={(name, missing) => setColumns((cols) => cols.map((c) => (c.name === name ? fitColumnOptions({ ...c, missing }) : c)))}
            />
          </>
        )}

        {progress && (
          <div className="csv-progress" style={ROW}>
            <progress value={progress.done} max={progress.total} data-testid="csv-progress" />
            <span className="small">
              {progress.label} {Math.round((100 * progress.done) / progress.total)}%
            </span>
            {importing && (
              <button onClick={cancelImport} disabled={importing === 'cancelling'} data-testid="csv-import-cancel">
                {importing === 'cancelling' ? t('csv.cancelling') : t('csv.cancelImport')}
              </button>
            )}
          </div>
        )}
        {problem && (
          <p className="field-error" role="alert" data-testid="csv-error" data-line={problem.line} data-column={problem.column}>
            {messageText(problem, t)}
          </p>
        )}
        <div className="csv-actions" style={ROW}>
          <button onClick={onClose} disabled={busy} data-testid="csv-cancel">
            {t('csv.cancel')}
          </button>
          <button className="primary" onClick={runImport} disabled={busy || !preview} data-testid="csv-import">
            {t('csv.import')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The text encoding and number format the preview detected (issue 12, B1), sent with the import so it reads the file the same way. */
function detectedFormat(preview: CsvPreviewInfo): { text?: CsvDataset['text']; numberFormat?: CsvDataset['numberFormat'] } {
  const detected = preview as CsvPreviewInfo & { text?: CsvDataset['text']; numberFormat?: CsvDataset['numberFormat'] };
  return { ...(detected.text ? { text: detected.text } : {}), ...(detected.numberFormat ? { numberFormat: detected.numberFormat } : {}) };
}

function describeStats(column: CsvPreviewInfo['columns'][number] | undefined, t: Translate): string {
  if (!column) return '';
  const s = column.stats;
  const missing = s.missing ? t('csv.statsMissing', { count: s.missing }) : '';
  if (column.type === 'numeric' && s.min !== undefined && s.max !== undefined) {
    return t('csv.statsRange', { min: Number(s.min.toPrecision(4)), max: Number(s.max.toPrecision(4)), mean: Number((s.mean ?? 0).toPrecision(4)) }) + missing;
  }
  const top = s.top?.length ? `: ${s.top.slice(0, 3).map((v) => v.value).join(', ')}` : '';
  return t('csv.statsDistinct', { count: `${s.distinct}${s.distinct >= 1000 ? '+' : ''}` }) + top + missing;
}

/** The "Import data…" button for the dataset panel; owns the dialog. */
/** Issue 9: a numeric label that looks like classes was proposed as classes; one click switches it back (or again). */
function LabelClassesNote({ proposal, type, onSwitch }: { proposal: { column: string; values: string[] }; type: ColumnType; onSwitch: (type: ColumnType) => void }) {
  const t = useT();
  const vars = { column: proposal.column, values: proposal.values.join(', ') };
  const asClasses = type === 'categorical';
  return (
    <p className="small" data-testid="csv-label-classes">
      {t(asClasses ? 'csv.labelAsClasses' : 'csv.labelAsNumbers', vars)}{' '}
      <button type="button" className="link" onClick={() => onSwitch(asClasses ? 'numeric' : 'categorical')} data-testid="csv-label-switch">
        {t(asClasses ? 'csv.treatAsNumbers' : 'csv.treatAsClasses')}
      </button>
    </p>
  );
}

export function CsvImportButton() {
  const [open, setOpen] = useState(false);
  const t = useT();
  return (
    <>
      <button onClick={() => setOpen(true)} data-testid="dataset-import-csv">
        {t('csv.open')}
      </button>
      {open && <CsvImportDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** The dataset panel when the project's data is an imported CSV. */
export function CsvDatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  useCsvSamples((s) => s.samples);
  const t = useT();
  if (dataset.kind !== 'csv') return null;
  const sampleProblem = csvSampleProblem(dataset);
  const features = dataset.columns.filter((c) => c.role === 'feature').length;
  const classes = dataset.transform.classNames;
  return (
    <section className="panel-section" data-testid="dataset-settings">
      <h2>{t('dataset.title')}</h2>
      <p data-testid="dataset-csv-summary">
        <b>{dataset.file.name}</b>
        {' · '}
        {t('csv.summary', {
          rows: dataset.rows.toLocaleString('en-US'),
          features: t(features === 1 ? 'csv.featureColumn' : 'csv.featureColumns', { count: features }),
          inputs: dataset.transform.featureNames.length,
        })}
        {' · '}
        {classes ? t('csv.summaryClasses', { count: classes.length, names: `${classes.slice(0, 5).join(', ')}${classes.length > 5 ? ', …' : ''}` }) : t('csv.summaryRegression')}
      </p>
      {sampleProblem && <p className="muted small">{sampleProblem}</p>}
      <MissingSummary dataset={dataset} />
      <label className="check" style={{ display: 'block' }}>
        <input type="checkbox" checked={dataset.normalize} onChange={(e) => update({ normalize: e.target.checked })} data-testid="dataset-csv-normalize" />
        {t('csv.normalize')}
      </label>
      {classes && (
        <label style={{ display: 'block' }}>
          {t('csv.classLabels')}{' '}
          <select value={dataset.labelEncoding} onChange={(e) => update({ labelEncoding: e.target.value as 'onehot' | 'index' })} data-testid="dataset-csv-labels">
            <option value="onehot">{t('csv.labelsOneHot')}</option>
            <option value="index">{t('csv.labelsIndex')}</option>
          </select>
        </label>
      )}
      <div className="csv-actions" style={ROW}>
        <CsvImportButton />
        <ImageFolderButton />
        <button onClick={() => update(replaceDataset(dataset, { ...DEFAULT_DATASET }))} data-testid="dataset-use-generator">
          {t('csv.useGenerator')}
        </button>
      </div>
    </section>
  );
}

/** Issue 12: what the import did with missing values (rows dropped, each column's learned fill), stored with the project. */
function MissingSummary({ dataset }: { dataset: CsvDataset }) {
  const t = useT();
  const fills = Object.entries(dataset.transform.fills ?? {});
  if (!dataset.droppedRows && fills.length === 0) return null;
  return (
    <div className="muted small" data-testid="dataset-csv-missing">
      {dataset.droppedRows ? <p>{t('csvOptions.dropped', { count: dataset.droppedRows.toLocaleString('en-US') })}</p> : null}
      {fills.map(([column, value]) => {
        const strategy = dataset.columns.find((c) => c.name === column)?.missing ?? 'mean';
        return (
          <p key={column} data-testid={`dataset-csv-fill-${column}`}>
            {t('csvOptions.filled', { column, strategy: t(`csvOptions.missing.${strategy}` as MessageKey), value: typeof value === 'number' ? String(Number(value.toPrecision(6))) : value })}
          </p>
        );
      })}
    </div>
  );
}
