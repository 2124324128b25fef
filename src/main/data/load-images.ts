import { imagesToDataset, type RawImages } from '../../shared/data/images';
import type { Dataset } from '../../shared/data/types';
import type { ImagesDataset } from '../../shared/project/schema';
import { loadBuiltinImages } from './builtin-images';

/**
 * The raw images of an image dataset spec: a built-in set, or an imported folder's packed images
 * from main's data store. Node only; heavy (decompression, parsing): never on Electron main's event loop.
 * @throws Error naming what is missing and what to do.
 */
export function loadRawImages(spec: ImagesDataset): RawImages {
  const source = spec.source;
  if (source.kind === 'builtin') return loadBuiltinImages(source.name);
  throw new Error(`The images of "${source.name}" are not available: importing image folders is not finished yet (issue 14).`);
}

/** An image dataset spec → the training Dataset (pixels through the spec's scaling step). */
export function loadImagesDataset(spec: ImagesDataset): Dataset {
  return imagesToDataset(spec, loadRawImages(spec));
}
