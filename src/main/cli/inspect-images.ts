import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { imageFolderHealth, type ImageFolderSummary, type ImageHealthItem, type ImageSize } from '../../shared/data/image-folder';
import { FORMAT } from '../../shared/project/schema';
import { inspectImageFolder, listingKind } from '../data/image-folder';

/**
 * `neurite inspect` on what is not a CSV/TSV/xlsx data file (trial 5 F14): a Neurite project is
 * refused naming the command that reads it; a folder or .zip of class folders gets the
 * image-folder inspection the app's Import Image Folder dialog shows (the same `inspectImageFolder`
 * and `imageFolderHealth`), without decoding preview images.
 */

/** What `inspect` was pointed at, told by the path (a folder, a .zip) and, for a project, by its content. */
export type InspectTarget = 'data-file' | 'project' | 'image-folder' | 'image-zip';

/** Bytes read to tell a project by its content when it has another extension than .neurite. */
const SNIFF_BYTES = 4096;

/** Classifies `path`; a missing or unreadable path is a 'data-file' (the data reader names the problem). */
export function inspectTarget(path: string): InspectTarget {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    return 'data-file';
  }
  if (isDirectory) return 'image-folder';
  if (listingKind(path) === 'zip') return 'image-zip';
  if (extname(path).toLowerCase() === '.neurite') return 'project';
  return looksLikeProject(path) ? 'project' : 'data-file';
}

function looksLikeProject(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const text = buffer.subarray(0, readSync(fd, buffer, 0, SNIFF_BYTES, 0)).toString('utf8').replace(/^\uFEFF/, '');
    return /^\s*\{/.test(text) && new RegExp(`"format"\\s*:\\s*"${FORMAT}"`).test(text);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The refusal for a project file: what it is and which commands read it. */
export function projectFileMessage(path: string): string {
  return `${path} is a Neurite project, not a data file: neurite inspect reads data files (.csv, .tsv, .txt, .xlsx) and image folders (a folder or .zip of class folders). To describe the project's model use neurite summary ${path}; to train it, neurite train ${path}.`;
}

/** The --json answer of `neurite inspect` on an image folder or zip. */
export interface ImageInspectReport {
  ok: true;
  kind: 'image-folder';
  summary: ImageFolderSummary;
  /** The size and colour the import proposes (the dialog's default: median size, longest side at most 64). */
  defaults: ImageSize;
  health: ImageHealthItem[];
}

/**
 * Lists and checks the folder or zip as the import dialog does (`inspectImageFolder`, no preview
 * images decoded) and its health report at the default size.
 * @throws ImageFolderError when it cannot be imported (no images, one class, over a limit, an unsafe zip).
 */
export async function inspectImagesReport(path: string, kind: 'folder' | 'zip'): Promise<ImageInspectReport> {
  const inspection = await inspectImageFolder({ path, kind }, undefined, () => undefined, 0);
  return { ok: true, kind: 'image-folder', summary: inspection.summary, defaults: inspection.defaults, health: imageFolderHealth(inspection.summary, inspection.defaults) };
}

/** The text of `neurite inspect` for an image folder or zip. */
export function formatImageInspect(report: ImageInspectReport): string[] {
  const { summary, defaults, health } = report;
  const images = summary.classCounts.reduce((a, b) => a + b, 0);
  const s = summary.sizes;
  const sizes =
    s.distinct === 1
      ? `${s.medianHeight} high × ${s.medianWidth} wide`
      : `${s.distinct} different sizes: heights ${s.minHeight}–${s.maxHeight}, widths ${s.minWidth}–${s.maxWidth} (median ${s.medianHeight} high × ${s.medianWidth} wide)`;
  return [
    `${basename(summary.name)} (image ${summary.source === 'zip' ? 'zip' : 'folder'}): ${images.toLocaleString('en-US')} images in ${summary.classNames.length} classes`,
    `Classes: ${summary.classNames.map((name, i) => `${name} ${summary.classCounts[i].toLocaleString('en-US')}`).join(', ')}`,
    `Image sizes (pixels): ${sizes}; ${summary.allGray ? 'all grayscale' : 'in colour'}`,
    `Import would make: ${defaults.height} high × ${defaults.width} wide, ${defaults.channels === 1 ? 'grayscale' : 'RGB'} (every image stretched to that size)`,
    health.length === 0 ? 'Health: no problems found' : `Health (${health.length}):`,
    ...health.map((h) => `  - ${h.message}`),
    'Import it in the app with File ▸ Import Image Folder… (or the dataset panel\'s "Import image folder…"); the command line trains projects that already hold an imported folder.',
  ];
}
