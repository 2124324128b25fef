import { csvWords } from '../../shared/data/csv-messages';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { CsvEncoder, CsvError, previewCsvBytes, type CsvParseConfig, type CsvParsed, type CsvPreview, type CsvTextLayout, type PreviewOptions } from '../../shared/data/csv';
import { ChunkDecoder, detectTextLayout } from '../../shared/data/text-decode';

/**
 * The heavy half of CSV import, in plain Node: it runs inside the import worker thread (never on
 * main's event loop) and directly in tests and the benchmark.
 */

export interface ImportProgress {
  phase: 'parsing' | 'encoding' | 'saving';
  bytes: number;
  totalBytes: number;
  rows: number;
  /** The import worker's V8 heap in use (bytes), for bench/import-large.mjs; the stored values live outside it. */
  heapBytes?: number;
}

export interface ImportedFile {
  parsed: CsvParsed;
  sha256: string;
  size: number;
}

/**
 * A full garbage collection after each chunk of rows the encoder assembles into x: the column
 * chunks it drops are only freed at a collection, and nothing else allocates then to trigger one,
 * so without it both copies of the values are held until the end (measured: peak RSS 1.23 GB
 * instead of 0.74 GB for a 1 GB file; bench/import-large.mjs).
 */
const GC_EVERY_BLOCKS = 1;
let gcFunction: (() => void) | undefined;
function collectGarbage(): void {
  if (!gcFunction) {
    // V8 exposes `gc` only under a flag; a context created after setting it has the function.
    // The flag adds that global and changes nothing else.
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as () => void;
  }
  gcFunction();
}

/** Bytes of the file's head the preview looks at. */
export const PREVIEW_BYTES = 512 * 1024;

export async function previewFile(path: string, options: Omit<PreviewOptions, 'complete'> = {}): Promise<CsvPreview & { size: number }> {
  const { size } = await stat(path);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, PREVIEW_BYTES));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const complete = bytesRead >= size;
    // A cut in the middle of a multi-byte character only affects the last line, which the preview drops.
    const preview = previewCsvBytes(buffer.subarray(0, bytesRead), { ...options, complete });
    return { ...preview, size };
  } finally {
    await handle.close();
  }
}

/** The text layout from the file's first 4 kB (see detectTextLayout). */
async function readTextLayout(path: string): Promise<CsvTextLayout> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectTextLayout(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

/**
 * Streams a file through Papa Parse into a CsvEncoder, hashing it on the way, reporting
 * progress at most every `progressEveryMs`. Rejects with CsvError naming the line and column.
 */
export async function parseCsvFile(
  path: string,
  config: CsvParseConfig & { text?: CsvTextLayout },
  onProgress: (progress: ImportProgress) => void = () => undefined,
  progressEveryMs = 100,
): Promise<ImportedFile> {
  const { size } = await stat(path);
  const encoder = new CsvEncoder(config);
  const hash = createHash('sha256');
  // Issue 12 (B1): UTF-16 decoded and Excel's sep= line blanked, as the preview read the file.
  const layout = config.text ?? (await readTextLayout(path));
  const decoder = new ChunkDecoder(layout.encoding, layout.skipLines);
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => hash.update(chunk as Buffer));
  const text = stream.pipe(
    new Transform({
      transform: (chunk: Buffer, _encoding, done) => done(null, decoder.decode(chunk)),
      flush: (done) => done(null, decoder.flush()),
    }),
  );
  text.setEncoding('utf8');
  let last = 0;
  let first = true;
  const report = (force: boolean) => {
    const now = Date.now();
    if (!force && now - last < progressEveryMs) return;
    last = now;
    onProgress({ phase: 'parsing', bytes: stream.bytesRead, totalBytes: size, rows: encoder.rows, heapBytes: getHeapStatistics().used_heap_size });
  };
  report(true);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text as unknown as File, {
      delimiter: config.delimiter,
      quoteChar: '"',
      skipEmptyLines: false,
      chunk: (results, parser) => {
        if (failed) return;
        try {
          let data = results.data;
          if (first && data.length > 0 && data[0].length > 0 && data[0][0].charCodeAt(0) === 0xfeff) {
            data = [[data[0][0].slice(1), ...data[0].slice(1)], ...data.slice(1)];
          }
          first = false;
          const quoteError = results.errors.find((e) => e.code === 'MissingQuotes');
          if (quoteError) {
            throw new CsvError('bad-quotes', csvWords('csv.badQuotes.near', { line: encoder.nextLine + (quoteError.row ?? 0) }), {
              line: encoder.nextLine + (quoteError.row ?? 0),
            });
          }
          encoder.push(data);
          report(false);
        } catch (error) {
          failed = true;
          parser.abort();
          stream.destroy();
          reject(error);
        }
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (error: Error) => {
        if (!failed) reject(error);
      },
    });
  });
  onProgress({ phase: 'encoding', bytes: size, totalBytes: size, rows: encoder.rows });
  let blocks = 0;
  const parsed = encoder.finish(() => {
    if (++blocks % GC_EVERY_BLOCKS === 0) collectGarbage();
  });
  return { parsed, sha256: hash.digest('hex'), size };
}
