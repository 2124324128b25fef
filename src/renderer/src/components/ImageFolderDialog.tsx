import { useEffect, useRef, useState } from 'react';
import { Zip, ZipPassThrough } from 'fflate';
import type { DataProgress, ImageFolderInspectionInfo } from '../../../shared/api/contract';
import { labelEncodingFor } from '../../../shared/data/csv';
import { IMAGE_FOLDER_LIMITS, imageSizesText, type ImageFolderSummary, type ImageHealthItem, type ImageSize } from '../../../shared/data/image-folder';
import { api, ApiCallError } from '../api';
import { host } from '../host';
import { useT, type MessageKey, type Translate } from '../i18n';
import { useEditor } from '../store/editor';
import { useUi } from '../store/ui';
import { useToast } from './Toast';
import { DraftInput, parseNumber, type Parsed } from './fields';
import { replaceDataset } from './CsvImportState';
import { uploadInChunks, type Upload } from '../lib/upload';

/**
 * Issue 14 (image folders): "Import Image Folder…" — pick a folder holding one sub-folder per class
 * (desktop) or a .zip of one (desktop or browser upload), choose the size and colour, see a preview
 * grid with the class counts and the health report, and Import: the project's dataset becomes the
 * image dataset in one undoable command. Decoding runs in main's worker; this page only draws.
 */

const BACKDROP = { position: 'fixed', inset: 0, background: 'rgba(0,0,0,0.45)', display: 'flex', alignItems: 'center', justifyContent: 'center', zIndex: 1000 } as const;
const DIALOG = { background: 'var(--panel, #fff)', color: 'inherit', borderRadius: 8, padding: 16, width: 'min(900px, 94vw)', maxHeight: '90vh', overflow: 'auto', boxShadow: '0 8px 32px rgba(0,0,0,0.35)', display: 'flex', flexDirection: 'column', gap: 10 } as const;
const ROW = { display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' } as const;
/** The same chunk size as the CSV upload (2 MB per WebSocket message; see CsvImportDialog). */
const THUMB = 48;

/**
 * Browser host: the files of a folder the user picked (`webkitdirectory`) as one stored (not
 * compressed) zip, so main reads it like an uploaded zip. Files are read one at a time and the
 * page yields every 50 files; refused before reading when over the file-count or zip-size limit.
 */
async function zipPickedFolder(files: File[], t: Translate): Promise<File> {
  const root = files[0]?.webkitRelativePath.split('/')[0] || 'images';
  const bytes = files.reduce((n, f) => n + f.size, 0);
  if (files.length > IMAGE_FOLDER_LIMITS.maxFiles || bytes > IMAGE_FOLDER_LIMITS.maxZipBytes) {
    throw new Error(t('imageFolder.folderTooLarge', { name: root, files: files.length.toLocaleString('en-US'), maxFiles: IMAGE_FOLDER_LIMITS.maxFiles.toLocaleString('en-US'), maxGb: IMAGE_FOLDER_LIMITS.maxZipBytes / 1024 ** 3 }));
  }
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  for (let i = 0; i < files.length; i++) {
    const entry = new ZipPassThrough(files[i].webkitRelativePath || files[i].name);
    zip.add(entry);
    entry.push(new Uint8Array(await files[i].arrayBuffer()), true);
    if (i % 50 === 49) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  zip.end();
  if (failure) throw failure;
  return new File(chunks as BlobPart[], `${root}.zip`, { type: 'application/zip' });
}

const message = (error: unknown) => (error instanceof ApiCallError || error instanceof Error ? error.message : String(error));

/** One preview image drawn at its pixel size, scaled up without smoothing. */
function Thumb({ pixels, size, title }: { pixels: string; size: ImageSize; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const bytes = Uint8Array.from(atob(pixels), (c) => c.charCodeAt(0));
    const image = context.createImageData(size.width, size.height);
    for (let i = 0; i < size.height * size.width; i++) {
      const [r, g, b] = size.channels === 1 ? [bytes[i], bytes[i], bytes[i]] : [bytes[i * 3], bytes[i * 3 + 1], bytes[i * 3 + 2]];
      image.data.set([r, g, b, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [pixels, size]);
  const scale = THUMB / Math.max(size.height, size.width);
  return <canvas ref={canvas} width={size.width} height={size.height} title={title} style={{ width: size.width * scale, height: size.height * scale, imageRendering: 'pixelated', border: '1px solid var(--border, #ccc)' }} />;
}

/** The images' sizes for the dialog's summary line: the actual sizes, height × width, with their counts (trial 5, F11). */
export function imageSizesLine(sizes: ImageFolderSummary['sizes'], t: Translate): string {
  return t(sizes.distinct > 1 && sizes.common?.length ? 'trial5b.sizesCounted' : 'trial5b.sizes', { sizes: imageSizesText(sizes) });
}

/** A health item in the UI's language (its English `message` is for logs and the command line). */
export function imageHealthText(item: ImageHealthItem, t: Translate): string {
  return t(`imageFolder.health.${item.kind}` as MessageKey, item.params);
}

export function ImageFolderDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const loss = useEditor((s) => s.doc.training.loss);
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [inspection, setInspection] = useState<ImageFolderInspectionInfo | null>(null);
  const [size, setSize] = useState<ImageSize | null>(null);
  /** The Height and Width fields' errors while their text is not a valid side (trial 5 F25). */
  const [sideErrors, setSideErrors] = useState<{ height: string | null; width: string | null }>({ height: null, width: null });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ label: string; done: number; total: number } | null>(null);
  /** An import is running: the Cancel import button shows ('cancelling' once pressed). */
  const [importing, setImporting] = useState<'running' | 'cancelling' | null>(null);
  const uploadFolder = async (files: File[]) => {
    if (files.length === 0) return;
    setBusy(true);
    setProblem(null);
    setProgress({ label: t('imageFolder.packing', { files: files.length.toLocaleString('en-US') }), done: 0, total: 1 });
    let zipped: File;
    try {
      zipped = await zipPickedFolder(files, t);
    } catch (error) {
      setProblem(message(error));
      setBusy(false);
      setProgress(null);
      return;
    }
    await uploadZip(zipped);
  };

  useEffect(() => {
    if (!upload) return;
    return api.on('data.progress', (p: DataProgress) => {
      if (p.uploadId !== upload.uploadId || p.phase === 'done' || p.phase === 'failed' || p.phase === 'cancelled') return;
      const label = p.phase === 'parsing' ? t('imageFolder.reading') : p.phase === 'encoding' ? t('imageFolder.decoding') : t('imageFolder.saving');
      setProgress({ label: `${label} ${p.bytes.toLocaleString('en-US')} / ${p.totalBytes.toLocaleString('en-US')}`, done: p.bytes, total: Math.max(1, p.totalBytes) });
    });
  }, [upload, t]);

  const inspect = async (target: Upload, chosen?: ImageSize) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await api['data.inspectImages']({ uploadId: target.uploadId, ...(chosen ? { size: chosen } : {}) });
      setInspection(next);
      setSize(next.size);
      // Another folder: its size fields start afresh (they are keyed by the upload).
      if (!chosen) setSideErrors({ height: null, width: null });
    } catch (error) {
      setInspection(null);
      setProblem(message(error));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const uploadZip = async (file: File) => {
    setBusy(true);
    setProblem(null);
    setInspection(null);
    try {
      const started = await uploadInChunks(file, (sent) => setProgress({ label: t('imageFolder.uploading', { name: file.name }), done: sent, total: file.size }));
      setUpload(started);
      await inspect(started);
    } catch (error) {
      setProblem(message(error));
      setBusy(false);
      setProgress(null);
    }
  };

  const pick = async (kind: 'folder' | 'zip') => {
    if (!host.openImagesDialog) {
      (kind === 'folder' ? folderInput : fileInput).current?.click();
      return;
    }
    try {
      const picked = await host.openImagesDialog(kind);
      if (!picked) return;
      setUpload(picked);
      await inspect(picked);
    } catch (error) {
      setProblem(message(error));
    }
  };

  const runImport = async () => {
    if (!upload || !size) return;
    setBusy(true);
    setProblem(null);
    setImporting('running');
    try {
      const result = await api['data.importImages']({ uploadId: upload.uploadId, size, labelEncoding: labelEncodingFor(true, loss) === 'onehot' ? 'onehot' : 'index' });
      update(replaceDataset(dataset, result.dataset));
      const unreadable = result.summary.unreadableCount;
      const name = result.dataset.source.kind === 'folder' ? result.dataset.source.name : '';
      useToast.getState().show(t(unreadable > 0 ? 'imageFolder.importedUnreadable' : 'imageFolder.imported', { rows: result.dataset.rows.toLocaleString('en-US'), name, unreadable, file: result.summary.unreadable[0]?.file ?? '', reason: result.summary.unreadable[0]?.reason ?? '' }));
      onClose();
    } catch (error) {
      setProblem(error instanceof ApiCallError && error.code === 'cancelled' ? t('csv.importCancelled') : message(error));
    } finally {
      setBusy(false);
      setProgress(null);
      setImporting(null);
    }
  };

  const cancelImport = async () => {
    if (!upload) return;
    setImporting('cancelling');
    try {
      await api['data.cancel']({ uploadId: upload.uploadId });
    } catch (error) {
      setProblem(message(error));
    }
  };

  // Trial 5 F25: a side outside 1…maxSide stays as typed with a message, and Import waits until it is fixed.
  const parseSide = (field: string) => (text: string): Parsed<number> => {
    const parsed = parseNumber(text, true);
    if (!parsed.ok) return { ok: false, message: t('imageFolder.sideProblem', { field, message: parsed.message }) };
    if (parsed.value < 1 || parsed.value > IMAGE_FOLDER_LIMITS.maxSide) return { ok: false, message: t('imageFolder.sideRange', { field, max: IMAGE_FOLDER_LIMITS.maxSide, text: text.trim() }) };
    return parsed;
  };
  const setSide = (key: 'height' | 'width', value: number) => {
    if (size) setSize({ ...size, [key]: value });
    return null;
  };
  const sideInvalid = sideErrors.height !== null || sideErrors.width !== null;
  const changed = inspection && size && (size.height !== inspection.size.height || size.width !== inspection.size.width || size.channels !== inspection.size.channels);
  const summary = inspection?.summary;

  return (
    <div className="csv-dialog-backdrop" style={BACKDROP} role="presentation" onKeyDown={(e) => e.key === 'Escape' && !busy && onClose()}>
      <div className="csv-dialog" style={DIALOG} role="dialog" aria-modal="true" aria-labelledby="image-folder-title" data-testid="image-folder-dialog">
        <h2 id="image-folder-title">{t('imageFolder.title')}</h2>
        <p className="muted small">{t('imageFolder.intro', { files: IMAGE_FOLDER_LIMITS.maxFiles.toLocaleString('en-US'), zipGb: IMAGE_FOLDER_LIMITS.maxZipBytes / 1024 ** 3 })}</p>
        <div style={ROW}>
          <button onClick={() => void pick('folder')} disabled={busy} data-testid="image-folder-choose-folder">
            {t('imageFolder.chooseFolder')}
          </button>
          <button onClick={() => void pick('zip')} disabled={busy} data-testid="image-folder-choose-zip">
            {t('imageFolder.chooseZip')}
          </button>
          {upload && (
            <span className="muted small" data-testid="image-folder-name">
              {upload.name}
            </span>
          )}
          <input
            ref={fileInput}
            type="file"
            accept=".zip,application/zip"
            hidden
            data-testid="image-folder-file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void uploadZip(file);
            }}
          />
          <input
            ref={folderInput}
            type="file"
            hidden
            multiple
            data-testid="image-folder-folder-input"
            // Non-standard but supported by Chromium, Firefox and Safari: pick a folder, get its files with their relative paths.
            {...{ webkitdirectory: '' }}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              e.target.value = '';
              void uploadFolder(files);
            }}
          />
        </div>

        {summary && size && inspection && (
          <>
            <p data-testid="image-folder-summary">
              {t('imageFolder.summary', {
                images: summary.classCounts.reduce((a, b) => a + b, 0).toLocaleString('en-US'),
                classes: summary.classNames.length,
                sizes: imageSizesLine(summary.sizes, t),
              })}
            </p>
            <div style={ROW}>
              {(['height', 'width'] as const).map((key) => (
                <div key={`${key}-${upload?.uploadId ?? ''}`} style={{ width: 150 }}>
                <DraftInput<number>
                  id={`image-folder-${key}`}
                  label={t(`imageFolder.${key}`)}
                  value={size[key]}
                  format={String}
                  parse={parseSide(t(`imageFolder.${key}`))}
                  onCommit={(value) => setSide(key, value)}
                  onDraftError={(error) => setSideErrors((errors) => ({ ...errors, [key]: error }))}
                  inputMode="numeric"
                  testId={`image-folder-${key}`}
                  disabled={busy}
                />
                </div>
              ))}
              <label>
                {t('imageFolder.colour')}{' '}
                <select value={size.channels} onChange={(e) => setSize({ ...size, channels: Number(e.target.value) === 1 ? 1 : 3 })} data-testid="image-folder-channels" disabled={busy}>
                  <option value={1}>{t('imageFolder.grayscale')}</option>
                  <option value={3}>{t('imageFolder.rgb')}</option>
                </select>
              </label>
              {changed && (
                <button onClick={() => void inspect(upload!, size)} disabled={busy || sideInvalid} data-testid="image-folder-refresh">
                  {t('imageFolder.refresh')}
                </button>
              )}
              <span className="muted small">{t('imageFolder.defaults', { height: inspection.defaults.height, width: inspection.defaults.width, colour: t(inspection.defaults.channels === 1 ? 'imageFolder.grayscale' : 'imageFolder.rgb') })}</span>
            </div>
            <table className="small" data-testid="image-folder-grid">
              <tbody>
                {summary.classNames.map((name, classIndex) => (
                  <tr key={name} data-testid={`image-folder-class-${name}`}>
                    <th style={{ textAlign: 'left', whiteSpace: 'nowrap', paddingRight: 8 }}>
                      {name} <span className="muted" data-testid={`image-folder-count-${name}`}>({summary.classCounts[classIndex].toLocaleString('en-US')})</span>
                    </th>
                    <td style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
                      {inspection.preview
                        .filter((p) => p.classIndex === classIndex)
                        .map((p) => (
                          <Thumb key={p.file} pixels={p.pixels} size={inspection.size} title={p.file} />
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {changed && <p className="muted small">{t('imageFolder.previewOld')}</p>}
            <ImageHealthList items={inspection.health} t={t} />
          </>
        )}

        {progress && (
          <div style={ROW}>
            <progress value={progress.done} max={progress.total} data-testid="image-folder-progress" />
            <span className="small">{progress.label}</span>
            {importing && (
              <button onClick={() => void cancelImport()} disabled={importing === 'cancelling'} data-testid="image-folder-import-cancel">
                {importing === 'cancelling' ? t('csv.cancelling') : t('csv.cancelImport')}
              </button>
            )}
          </div>
        )}
        {problem && (
          <p className="field-error" role="alert" data-testid="image-folder-error">
            {problem}
          </p>
        )}
        <div style={ROW}>
          <button onClick={onClose} disabled={busy} data-testid="image-folder-cancel">
            {t('csv.cancel')}
          </button>
          <button className="primary" onClick={() => void runImport()} disabled={busy || !inspection || !size || sideInvalid} data-testid="image-folder-import">
            {size && !sideInvalid ? t('imageFolder.import', { height: size.height, width: size.width, colour: t(size.channels === 1 ? 'imageFolder.grayscale' : 'imageFolder.rgb') }) : t('csv.import')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The health report of an image folder, with the unreadable files listed (the dialog and the Data tab's Health view). */
export function ImageHealthList({ items, t }: { items: ImageHealthItem[]; t: Translate }) {
  if (items.length === 0) {
    return (
      <p className="small" data-testid="image-folder-health-ok">
        {t('imageFolder.healthOk')}
      </p>
    );
  }
  return (
    <ul className="small" data-testid="image-folder-health">
      {items.map((item) => (
        <li key={item.kind} data-testid={`image-folder-health-${item.kind}`}>
          {imageHealthText(item, t)}
          {item.files && item.files.length > 0 && (
            <details>
              <summary>{t('imageFolder.filesListed', { count: item.files.length })}</summary>
              <ul>
                {item.files.map((f) => (
                  <li key={f.file}>
                    <code>{f.file}</code>: {f.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The "Import image folder…" button of the dataset panel (opens the dialog through the action, like the menu). */
export function ImageFolderButton() {
  const t = useT();
  return (
    <button onClick={() => useUi.getState().setImageFolderOpen(true)} data-testid="dataset-import-images">
      {t('imageFolder.open')}
    </button>
  );
}

/** The dialog while the UI store says it is open (menu, command palette, dataset panel). */
export function ImageFolderDialogHost() {
  const open = useUi((s) => s.imageFolderOpen);
  if (!open) return null;
  return <ImageFolderDialog onClose={() => useUi.getState().setImageFolderOpen(false)} />;
}
