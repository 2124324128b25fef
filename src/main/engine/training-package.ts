import { toKerasDistributed } from '../../shared/codegen/distributed';
import { imageDataFiles } from '../../shared/codegen/image-data';
import type { CsvDataset, ImagesDataset, Project } from '../../shared/project/schema';
import { csvTextOf } from '../data/load-csv';
import { loadRawImages } from '../data/load-images';

/**
 * Issue 18: the files of a training package (src/shared/codegen/distributed.ts) with its data, as
 * the command line (`neurite export --format keras-distributed`) and the app's "Train at scale…"
 * write them: `train.py`, `README.md`, and the CSV (UTF-8, whatever the imported file's encoding:
 * the script streams it with `tf.data.TextLineDataset`) or the image .npy files. Names are
 * relative to the package folder.
 */
export interface PackageFile {
  name: string;
  data: string | Uint8Array;
}

export type PackageErrorCode = 'data-missing' | 'images-unavailable';

/** Data the package cannot carry here; the message names the file and what to do. */
export class TrainingPackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TrainingPackageError';
  }
}

/** The CSV's text for the package, or why it is not available (a workbook sheet too large to embed, a file imported elsewhere). */
export function packageCsvText(dataset: CsvDataset): string {
  const text = csvTextOf(dataset);
  if (text !== null) return text.replace(/^\ufeff/, '');
  if (dataset.sheet !== undefined) {
    throw new TrainingPackageError('data-missing', `The training package reads a CSV file, and the sheet '${dataset.sheet}' of ${dataset.file.name} is too large to be kept as text in the project. Save the sheet as CSV (UTF-8) and import that file, then export again.`);
  }
  throw new TrainingPackageError('data-missing', `The CSV file '${dataset.file.name}' is not available on this computer any more (it was imported elsewhere, or the file changed since). Import it again (Dataset → Import data…), then export again.`);
}

/** The image dataset's .npy files for the package (as the code export writes them). */
export function packageImageFiles(dataset: ImagesDataset, stem: string): PackageFile[] {
  try {
    return imageDataFiles(dataset, loadRawImages(dataset), stem).map((f) => ({ name: f.name, data: f.bytes }));
  } catch (error) {
    throw new TrainingPackageError('images-unavailable', `The training package needs the project's images: ${(error as Error).message}`);
  }
}

/** Every file of the package. Throws CodegenError (the graph cannot be generated) or TrainingPackageError (the data is not here). */
export function trainingPackageFiles(project: Project, appVersion?: string): PackageFile[] {
  const pkg = toKerasDistributed(project, appVersion ? { appVersion } : {});
  const files: PackageFile[] = [
    { name: 'train.py', data: pkg.trainPy },
    { name: 'README.md', data: pkg.readme },
  ];
  if (pkg.csvFile && project.dataset.kind === 'csv') files.push({ name: pkg.csvFile, data: packageCsvText(project.dataset) });
  if (pkg.imageStem && project.dataset.kind === 'images') files.push(...packageImageFiles(project.dataset, pkg.imageStem));
  return files;
}
