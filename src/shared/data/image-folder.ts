import { z } from 'zod';
import { IMBALANCE_RATIO } from './health';
import { UnreadableFileSchema, type ImageFolderSummary } from './image-folder-summary';

/**
 * Issue 14 (image folders): what an image folder (or zip) import says about the folder before and
 * after importing — classes and counts, unreadable and skipped files, image sizes — and its health
 * report (the CSV report's style, src/shared/data/health.ts: items with a kind, numbers as params
 * for the UI's dictionary, and an English message for logs and the command line). Pure.
 */

/**
 * Limits of one import, checked before decoding anything (a zip bomb or a folder of millions of
 * files is refused with these numbers in the message).
 */
export const IMAGE_FOLDER_LIMITS = {
  /** Files in the folder or entries in the zip (images or not). */
  maxFiles: 100_000,
  /** Size of a zip file (it is read into memory to list and inflate its entries). */
  maxZipBytes: 2 * 1024 ** 3,
  /** Size of one image file (uncompressed, as the zip declares it); a larger one is listed as unreadable. */
  maxFileBytes: 64 * 1024 ** 2,
  /** Sum of the uncompressed sizes of every image in a zip. */
  maxTotalBytes: 8 * 1024 ** 3,
  /** Pixels of one decoded image (sharp's `limitInputPixels`): 8000 × 8000; a larger one is listed as unreadable. */
  maxInputPixels: 64_000_000,
  /** Bytes of the packed dataset (rows × height × width × channels); training holds it again as float32 (×4). */
  maxPackedBytes: 512 * 1024 ** 2,
  /** Largest height or width an import may resize to. */
  maxSide: 512,
  /** Folder depth read below a class folder. */
  maxDepth: 16,
} as const;

/** Limits of one import, as numbers (IMAGE_FOLDER_LIMITS, or smaller ones in tests). */
export type ImageFolderLimits = { readonly [K in keyof typeof IMAGE_FOLDER_LIMITS]: number };

/**
 * Image files decoded (by extension, case-insensitive): the formats of the `sharp` build Neurite
 * uses (libvips: JPEG, PNG, WebP, GIF — first frame —, TIFF, AVIF).
 */
export const IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.gif', '.tif', '.tiff', '.avif'] as const;
/** Image formats recognised but not decoded: listed as unreadable with what to do. */
export const UNSUPPORTED_IMAGE_EXTENSIONS = ['.bmp', '.heic', '.heif', '.svg', '.ico'] as const;

/**
 * Fewer images than this in a class is reported: with a 20% validation split such a class has at
 * most one validation image, so its validation accuracy moves in steps of 100%.
 */
export const FEW_IMAGES_PER_CLASS = 10;
/** Unreadable files listed by name (the count is always complete). */
export const MAX_LISTED_FILES = 200;
/** Default longest side when the median image is larger (the dataset stays small enough to train on a CPU). */
export const DEFAULT_MAX_SIDE = 64;

/** How many of the most common image sizes a summary lists (`sizes.common`). */
export const COMMON_SIZES = 5;

export const ImageSizeSchema = z.object({
  height: z.number().int().min(1).max(IMAGE_FOLDER_LIMITS.maxSide),
  width: z.number().int().min(1).max(IMAGE_FOLDER_LIMITS.maxSide),
  channels: z.union([z.literal(1), z.literal(3)]),
});
export type ImageSize = z.infer<typeof ImageSizeSchema>;

// The summary's schema lives in a module of its own (zod only), so the project schema can keep an
// import's summary (`ImagesDataset.importReport`) without importing this module's dependencies.
export { ImageFolderSummarySchema, UnreadableFileSchema, type ImageFolderSummary, type UnreadableFile } from './image-folder-summary';

export const IMAGE_HEALTH_KINDS = ['class-imbalance', 'few-images', 'unreadable-files', 'empty-classes', 'mixed-sizes', 'skipped-files'] as const;
export type ImageHealthKind = (typeof IMAGE_HEALTH_KINDS)[number];

export const ImageHealthItemSchema = z.object({
  kind: z.enum(IMAGE_HEALTH_KINDS),
  /** English, for the command line and logs; the UI renders from kind + params. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Images per class, most first (class imbalance, few images). */
  counts: z.array(z.object({ value: z.string(), count: z.number().int() })).optional(),
  /** The files concerned (unreadable files with their reasons). */
  files: z.array(UnreadableFileSchema).optional(),
});
export type ImageHealthItem = z.infer<typeof ImageHealthItemSchema>;

const list = (names: string[], max = 5) => `${names.slice(0, max).join(', ')}${names.length > max ? `, … (${names.length} in all)` : ''}`;

/**
 * The health report of an image folder: class imbalance (largest class ≥ IMBALANCE_RATIO × the
 * smallest, the CSV report's threshold), classes with fewer than FEW_IMAGES_PER_CLASS images,
 * unreadable files (listed), class folders without images, mixed image sizes (each is stretched to
 * `target`), and skipped files. Empty when nothing was found.
 */
export function imageFolderHealth(summary: ImageFolderSummary, target?: Pick<ImageSize, 'height' | 'width'>): ImageHealthItem[] {
  const items: ImageHealthItem[] = [];
  const counts = summary.classNames.map((value, i) => ({ value, count: summary.classCounts[i] })).sort((a, b) => b.count - a.count);
  if (counts.length >= 2) {
    const most = counts[0];
    const least = counts[counts.length - 1];
    if (least.count > 0 && most.count >= IMBALANCE_RATIO * least.count) {
      const ratio = Math.round((most.count / least.count) * 10) / 10;
      items.push({
        kind: 'class-imbalance',
        message: `Class "${most.value}" has ${most.count} images, ${ratio}× the ${least.count} of class "${least.value}": a model can score well by mostly answering "${most.value}". Add images to the small classes, or use a stratified split and look at per-class results.`,
        params: { most: most.value, mostCount: most.count, least: least.value, leastCount: least.count, ratio },
        counts,
      });
    }
  }
  const few = counts.filter((c) => c.count < FEW_IMAGES_PER_CLASS);
  if (few.length > 0) {
    items.push({
      kind: 'few-images',
      message: `${few.length === 1 ? 'Class' : 'Classes'} ${list(few.map((c) => `"${c.value}" (${c.count})`))} ${few.length === 1 ? 'has' : 'have'} fewer than ${FEW_IMAGES_PER_CLASS} images: the validation split holds at most one or two of each, so its accuracy says little. Add images to ${few.length === 1 ? 'it' : 'them'}.`,
      params: { classes: list(few.map((c) => `${c.value} (${c.count})`)), count: few.length, min: FEW_IMAGES_PER_CLASS },
      counts: few,
    });
  }
  if (summary.unreadableCount > 0) {
    const first = summary.unreadable[0];
    items.push({
      kind: 'unreadable-files',
      message: `${summary.unreadableCount} image ${summary.unreadableCount === 1 ? 'file' : 'files'} could not be read and ${summary.unreadableCount === 1 ? 'is' : 'are'} left out${first ? `, e.g. ${first.file}: ${first.reason}` : ''}. Open ${summary.unreadableCount === 1 ? 'it' : 'them'} in an image editor and save again as PNG or JPEG, or delete ${summary.unreadableCount === 1 ? 'it' : 'them'}.`,
      params: { count: summary.unreadableCount, file: first?.file ?? '', reason: first?.reason ?? '' },
      files: summary.unreadable,
    });
  }
  if (summary.emptyClasses.length > 0) {
    items.push({
      kind: 'empty-classes',
      message: `The class ${summary.emptyClasses.length === 1 ? 'folder' : 'folders'} ${list(summary.emptyClasses.map((c) => `"${c}"`))} ${summary.emptyClasses.length === 1 ? 'holds' : 'hold'} no readable image and ${summary.emptyClasses.length === 1 ? 'is' : 'are'} not a class. Put images in ${summary.emptyClasses.length === 1 ? 'it' : 'them'} or remove ${summary.emptyClasses.length === 1 ? 'it' : 'them'}.`,
      params: { classes: list(summary.emptyClasses), count: summary.emptyClasses.length },
    });
  }
  const s = summary.sizes;
  if (s.distinct > 1) {
    const to = target ? `${target.height}×${target.width}` : `${s.medianHeight}×${s.medianWidth}`;
    const sizes = imageSizesText(s);
    const english = s.common?.length
      ? s.common.map((c) => `${c.height}×${c.width} (${c.count} ${c.count === 1 ? 'image' : 'images'})`).join(s.common.length === 2 ? ' and ' : ', ') + (s.distinct > s.common.length ? `, … (${s.distinct} sizes in all)` : '')
      : sizes;
    items.push({
      kind: 'mixed-sizes',
      message: `The images have ${s.distinct} different sizes (height×width): ${english}. Each is resized (stretched) to ${to}, which distorts images of another shape. Crop them to one shape first if that matters.`,
      params: { distinct: s.distinct, sizes, min: `${s.minHeight}×${s.minWidth}`, max: `${s.maxHeight}×${s.maxWidth}`, target: to },
    });
  }
  const skipped = summary.skipped.nonImage + summary.skipped.outsideClasses;
  if (skipped > 0) {
    items.push({
      kind: 'skipped-files',
      message: `${skipped} ${skipped === 1 ? 'file was' : 'files were'} skipped: ${summary.skipped.nonImage} not an image, ${summary.skipped.outsideClasses} outside a class folder${summary.skipped.examples.length ? ` (e.g. ${list(summary.skipped.examples, 3)})` : ''}. Only images inside one sub-folder per class are imported.`,
      params: { count: skipped, nonImage: summary.skipped.nonImage, outside: summary.skipped.outsideClasses, examples: list(summary.skipped.examples, 3) },
    });
  }
  return items;
}

/**
 * The images' sizes as height×width, language-neutral: "40×40 (28), 36×48 (6)" (images of each size
 * in brackets, most first, the rest as "…"), or one size alone; summaries without `common` (older
 * ones) fall back to the per-axis range "36–40 × 40–48".
 */
export function imageSizesText(sizes: ImageFolderSummary['sizes']): string {
  if (sizes.distinct <= 1) return `${sizes.medianHeight}×${sizes.medianWidth}`;
  if (!sizes.common?.length) return `${sizes.minHeight}–${sizes.maxHeight} × ${sizes.minWidth}–${sizes.maxWidth}`;
  return sizes.common.map((c) => `${c.height}×${c.width} (${c.count})`).join(', ') + (sizes.distinct > sizes.common.length ? ', …' : '');
}

/**
 * The size an import starts from: the median image size, scaled down (aspect ratio kept) so that
 * its longer side is at most DEFAULT_MAX_SIDE; grayscale when every image is grayscale.
 */
export function defaultImageSize(summary: Pick<ImageFolderSummary, 'sizes' | 'allGray'>): ImageSize {
  const { medianHeight: h, medianWidth: w } = summary.sizes;
  const scale = Math.min(1, DEFAULT_MAX_SIDE / Math.max(h, w, 1));
  const side = (v: number) => Math.min(IMAGE_FOLDER_LIMITS.maxSide, Math.max(1, Math.round(v * scale)));
  return { height: side(h), width: side(w), channels: summary.allGray ? 1 : 3 };
}
