import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { cliT } from './language';
import type { Translate } from '../../shared/i18n/translate';
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
export function projectFileMessage(path: string, t: Translate = cliT({})): string {
  return t('cli.inspect.projectFile', { path });
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
export function formatImageInspect(report: ImageInspectReport, t: Translate = cliT({})): string[] {
  const { summary, defaults, health } = report;
  const images = summary.classCounts.reduce((a, b) => a + b, 0);
  const s = summary.sizes;
  const size = (height: number, width: number) => t('cli.images.size', { height, width });
  const sizes =
    s.distinct === 1
      ? size(s.medianHeight, s.medianWidth)
      : t('cli.images.sizes', { count: s.distinct, minHeight: s.minHeight, maxHeight: s.maxHeight, minWidth: s.minWidth, maxWidth: s.maxWidth, median: size(s.medianHeight, s.medianWidth) });
  // The health items' messages come from src/main/data/image-folder.ts in English.
  return [
    t(summary.source === 'zip' ? 'cli.images.titleZip' : 'cli.images.titleFolder', { name: basename(summary.name), images: images.toLocaleString('en-US'), classes: summary.classNames.length }),
    t('cli.images.classes', { classes: summary.classNames.map((name, i) => `${name} ${summary.classCounts[i].toLocaleString('en-US')}`).join(', ') }),
    t('cli.images.sizesLine', { sizes, colour: t(summary.allGray ? 'cli.images.allGray' : 'cli.images.colour') }),
    t('cli.images.wouldMake', { size: size(defaults.height, defaults.width), colour: defaults.channels === 1 ? t('cli.images.grayscale') : 'RGB' }),
    health.length === 0 ? t('cli.images.healthy') : t('cli.images.health', { count: health.length }),
    ...health.map((h) => `  - ${h.message}`),
    t('cli.images.importInApp'),
  ];
}
