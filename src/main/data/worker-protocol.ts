import type { CsvParseConfig, CsvPreview, CsvTransform, PreviewOptions } from '../../shared/data/csv';
import type { CsvDataset, ImagesDataset } from '../../shared/project/schema';
import type { ImagesResponse } from '../../shared/api/contract';
import type { LabelProfile } from '../../shared/data/split';
import type { ImportProgress } from './import-job';
import type { ImageFolderSummary, ImageSize } from '../../shared/data/image-folder';
import type { ImageFolderInspection, ImageSourceRef } from './image-folder';

/** Messages between main's DataService and the CSV import worker thread. */
export type WorkerRequest =
  | { type: 'preview'; path: string; options: Omit<PreviewOptions, 'complete'>; sheet?: string }
  | {
      type: 'import';
      path: string;
      config: CsvParseConfig;
      dataDir: string;
      sampleRows: number;
      /** The workbook sheet to import (issue 12, xlsx). */
      sheet?: string;
      /** A sheet this small is embedded in the project as CSV text. */
      embedLimitBytes?: number;
      /** The file's name, for messages. */
      name?: string;
      /** Tags the cache's temp file (`parsed/<key>.<jobId>.tmp`), so a cancelled import's can be found and deleted. */
      jobId?: string;
      /** Preflight bound in bytes (default: importMemoryBound()). */
      memoryBound?: number;
    }
  | { type: 'sample'; spec: CsvDataset; dataDir: string; sampleRows: number }
  // issue 14: seeing it — a range of an image dataset's raw images (load-images.ts), pixels as base64.
  | { type: 'images'; spec: ImagesDataset; start: number; count: number; dataDir: string }
  // ---- issue 14: image folders
  | { type: 'images-inspect'; source: ImageSourceRef; size?: ImageSize }
  | { type: 'images-import'; source: ImageSourceRef; size: ImageSize; dataDir: string; jobId?: string; embedLimitBytes: number };

/** An imported image folder, packed and stored as `images/<sha256>` (issue 14). */
export interface ImagesImportResult {
  sha256: string;
  /** Bytes of the packed images. */
  size: number;
  /** The packed images as base64 when at most the embed limit. */
  embedded?: string;
  rows: number;
  summary: ImageFolderSummary;
  /** Per-channel mean and population std of every pixel (for z-score scaling). */
  transform: { mean: number[]; std: number[] };
}

/** For an Excel workbook: its sheets in workbook order and the one read (absent for CSV text). */
export interface WorkbookInfo {
  sheets?: string[];
  sheet?: string;
}

export interface RowsSample {
  /** Raw feature rows (before normalisation). */
  x: number[][];
  /** Raw labels: values, or class indices. */
  y: number[][];
  /** Every row's label summarised, for the split checks. */
  labels?: LabelProfile;
}

export interface ImportResult {
  /** The workbook sheet imported, for an .xlsx (issue 12), and that sheet as CSV text when small enough to embed. */
  sheet?: string;
  embedded?: string;
  sha256: string;
  size: number;
  rows: number;
  transform: CsvTransform;
  labelNames: string[];
  classCounts?: number[];
  sample: RowsSample;
  /** Rows dropped by 'drop' missing-value strategies (issue 12). */
  droppedRows?: number;
}

export type WorkerReply =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'preview'; preview: CsvPreview & { size: number } & WorkbookInfo }
  | { type: 'imported'; result: ImportResult }
  | { type: 'sample'; sample: RowsSample }
  | { type: 'images'; images: ImagesResponse }
  | { type: 'images-inspected'; inspection: ImageFolderInspection }
  | { type: 'images-imported'; result: ImagesImportResult }
  | { type: 'error'; error: { code: string; message: string; line?: number; column?: string; messageId?: string; params?: Record<string, string | number> } };
