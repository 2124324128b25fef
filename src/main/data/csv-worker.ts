import { parentPort } from 'node:worker_threads';
import { CsvError, DEFAULT_NUMBER_FORMAT, previewRecords } from '../../shared/data/csv';
import { profileLabels, type LabelProfile } from '../../shared/data/split';
import { parseCsvFile, previewFile, type ImportedFile, type ImportProgress } from './import-job';
import { loadParsedRows } from './load-csv';
import { checkImportFits, estimateImport, importMemoryBound } from './preflight';
import { parseKey, writeParsedCache, type ParsedRows } from './store';
import { parseXlsxFile, previewWorkbook, spreadsheetKind } from './xlsx';
import type { RowsSample, WorkerReply, WorkerRequest } from './worker-protocol';
import { imagesRange } from './image-range';
import { restoreFolderImages } from './load-images';
import { importImageFolder, inspectImageFolder, type ImportProgressReport } from './image-folder';
import { packImages, writePackedImages } from './image-pack';
import { pixelStats } from '../../shared/data/images';

/**
 * The CSV import worker thread (built to out/main/csv-worker.js). One request per worker: main
 * starts it, sends one message, gets progress and one answer, and terminates it.
 */
const port = parentPort;
if (!port) throw new Error('csv-worker must run as a worker thread.');

const send = (reply: WorkerReply) => port.postMessage(reply);

function sampleOf(rows: ParsedRows, max: number, classNames: string[] | undefined): RowsSample {
  const n = Math.min(rows.rows, max);
  const features = rows.rows === 0 ? 0 : rows.x.length / rows.rows;
  const x: number[][] = [];
  const y: number[][] = [];
  for (let r = 0; r < n; r++) {
    x.push(Array.from(rows.x.subarray(r * features, (r + 1) * features)));
    y.push(Array.from(rows.labels.subarray(r * rows.labelColumns, (r + 1) * rows.labelColumns)));
  }
  return { x, y, labels: labelProfileOf(rows, classNames) };
}

/** The split checks' summary of every row's label: class indices when the label is categorical, else values. */
function labelProfileOf(rows: ParsedRows, classNames: string[] | undefined): LabelProfile {
  return profileLabels(
    classNames
      ? { rows: rows.rows, y: rows.labels, task: 'classification', labelEncoding: 'index', labelWidth: rows.labelColumns, numClasses: classNames.length, classNames }
      : { rows: rows.rows, y: rows.labels, task: 'regression', labelEncoding: 'value', labelWidth: rows.labelColumns },
  );
}

function imageProgress(p: ImportProgressReport): void {
  send({ type: 'progress', progress: { phase: p.phase === 'reading' ? 'parsing' : 'encoding', bytes: p.done, totalBytes: p.total, rows: p.done } });
}

async function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'preview':
      // Issue 12 (xlsx): a workbook (or an old .xls, refused with a message) goes through xlsx.ts.
      send({ type: 'preview', preview: spreadsheetKind(request.path) === 'text' ? await previewFile(request.path, request.options) : await previewWorkbook(request.path, request.options, request.sheet) });
      return;
    case 'import': {
      const onProgress = (progress: ImportProgress) => send({ type: 'progress', progress });
      const isText = spreadsheetKind(request.path) === 'text';
      const bound = request.memoryBound ?? importMemoryBound();
      if (isText) {
        // Refuse what will not fit before parsing anything (issue 12).
        // A head the preview cannot read is left to the parse, which names the line at fault.
        const head = await previewFile(request.path, { delimiter: request.config.delimiter, header: request.config.header }).catch(() => null);
        if (head) checkImportFits(estimateImport(head, head.size, request.config), bound, request.name ?? 'The file');
      }
      // A workbook has no streaming reader: read-excel-file reads the whole sheet (as the preview
      // did), so the same preflight runs on its records, exact in rows, before the encoder
      // allocates the stored matrix.
      const checkSheet = (records: string[][]) => {
        const sheet = previewRecords(records, { maxRows: 1, complete: true, header: request.config.header, numberFormat: DEFAULT_NUMBER_FORMAT });
        checkImportFits(estimateImport(sheet, 0, request.config), bound, request.name ?? 'The workbook');
      };
      const imported: ImportedFile & { sheet?: string; embedded?: string } = isText
        ? await parseCsvFile(request.path, request.config, onProgress)
        : await parseXlsxFile(request.path, request.sheet, request.config, onProgress, request.embedLimitBytes, checkSheet);
      const { parsed } = imported;
      send({ type: 'progress', progress: { phase: 'saving', bytes: imported.size, totalBytes: imported.size, rows: parsed.rows } });
      writeParsedCache(request.dataDir, parseKey({ ...request.config, file: { sha256: imported.sha256 }, ...(imported.sheet !== undefined ? { sheet: imported.sheet } : {}) }), parsed, request.jobId);
      send({
        type: 'imported',
        result: {
          ...(imported.sheet !== undefined ? { sheet: imported.sheet } : {}),
          ...(imported.embedded !== undefined ? { embedded: imported.embedded } : {}),
          sha256: imported.sha256,
          size: imported.size,
          rows: parsed.rows,
          transform: parsed.transform,
          labelNames: parsed.labelNames,
          ...(parsed.classCounts ? { classCounts: parsed.classCounts } : {}),
          ...(parsed.droppedRows > 0 ? { droppedRows: parsed.droppedRows } : {}),
          sample: sampleOf(parsed, request.sampleRows, parsed.transform.classNames),
        },
      });
      return;
    }
    case 'sample':
      send({ type: 'sample', sample: sampleOf(loadParsedRows(request.spec, request.dataDir), request.sampleRows, request.spec.transform.classNames) });
      return;
    // issue 14: seeing it
    case 'images':
      // An imported folder whose store copy is gone is imported again from where it was picked, if it still gives the same images.
      await restoreFolderImages(request.spec, request.dataDir);
      send({ type: 'images', images: imagesRange(request.spec, request.start, request.count, request.dataDir) });
      return;
    // ---- issue 14: image folders (progress counts images: bytes = images done, totalBytes = images in all)
    case 'images-inspect':
      send({ type: 'images-inspected', inspection: await inspectImageFolder(request.source, request.size, imageProgress) });
      return;
    case 'images-import': {
      const { images, summary } = await importImageFolder(request.source, request.size, imageProgress);
      send({ type: 'progress', progress: { phase: 'saving', bytes: images.rows, totalBytes: images.rows, rows: images.rows } });
      const packed = packImages(images);
      const sha256 = writePackedImages(request.dataDir, packed, request.jobId);
      send({
        type: 'images-imported',
        result: {
          sha256,
          size: packed.length,
          ...(packed.length <= request.embedLimitBytes ? { embedded: packed.toString('base64') } : {}),
          rows: images.rows,
          summary,
          transform: pixelStats(images),
        },
      });
      return;
    }
  }
}

port.once('message', (request: WorkerRequest) => {
  handle(request).catch((error: unknown) => {
    if (error instanceof CsvError) {
      send({ type: 'error', error: { code: error.code, message: error.message, line: error.line, column: error.column, messageId: error.messageId, params: error.params } });
    } else {
      const code = (error as { code?: unknown }).code;
      // Issue 16: an error raised with its words as data (ImportTooLargeError, ImageFolderError…) keeps them.
      const { messageId, params } = error as { messageId?: unknown; params?: Record<string, string | number> };
      send({
        type: 'error',
        error: { code: typeof code === 'string' ? code : 'import-failed', message: error instanceof Error ? error.message : String(error), ...(typeof messageId === 'string' ? { messageId, params } : {}) },
      });
    }
  });
});
