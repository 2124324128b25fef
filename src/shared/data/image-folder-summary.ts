import { z } from 'zod';

/**
 * Issue 14 (image folders): what an import found in an image folder or zip. Used by the import's
 * API (src/shared/api/contract.ts), its health report (`imageFolderHealth` in ./image-folder.ts), and
 * kept in the project as `ImagesDataset.importReport` (trial 5, F10: the Data tab's Health view shows
 * it after the import and after reopening). Depends on zod only: src/shared/project/schema.ts imports it.
 */
export const UnreadableFileSchema = z.object({ file: z.string(), reason: z.string() });
export type UnreadableFile = z.infer<typeof UnreadableFileSchema>;

export const ImageFolderSummarySchema = z.object({
  /** The folder's or zip's name. */
  name: z.string(),
  source: z.enum(['folder', 'zip']),
  /** Class folders with at least one image, sorted (code-point order, as Keras' `image_dataset_from_directory`). */
  classNames: z.array(z.string()),
  /** Readable images per class (same order). */
  classCounts: z.array(z.number().int().nonnegative()),
  /** Class folders holding no readable image (left out of the classes). */
  emptyClasses: z.array(z.string()),
  /** Image files that could not be read (first MAX_LISTED_FILES), each with the reason. */
  unreadable: z.array(UnreadableFileSchema),
  unreadableCount: z.number().int().nonnegative(),
  /** Files that are not images (skipped), and files outside any class folder (skipped), with a few examples. */
  skipped: z.object({ nonImage: z.number().int().nonnegative(), outsideClasses: z.number().int().nonnegative(), examples: z.array(z.string()) }),
  /** Sizes of the readable images as stored (after EXIF orientation). */
  sizes: z.object({
    distinct: z.number().int().nonnegative(),
    minHeight: z.number().int(),
    minWidth: z.number().int(),
    maxHeight: z.number().int(),
    maxWidth: z.number().int(),
    medianHeight: z.number().int(),
    medianWidth: z.number().int(),
    /**
     * The most common sizes (at most COMMON_SIZES (./image-folder.ts)), most images first, then by height and width
     * (trial 5, F11: the real sizes, not a per-axis min/max that names sizes no image has).
     * Optional: summaries made before it existed lack it.
     */
    common: z.array(z.object({ height: z.number().int(), width: z.number().int(), count: z.number().int().positive() })).optional(),
  }),
  /** Every readable image is grayscale. */
  allGray: z.boolean(),
});
export type ImageFolderSummary = z.infer<typeof ImageFolderSummarySchema>;
