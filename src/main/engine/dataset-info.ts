import { csvDataInfo } from '../../shared/data/csv';
import { generatorInfo } from '../../shared/data/generators';
import { imageDataInfo } from '../../shared/data/images';
import type { DataInfo } from '../../shared/data/types';
import type { DatasetSpec } from '../../shared/project/schema';

/** What a project's dataset looks like, without loading it; tfjs-free so main can use it. */
export function datasetInfo(spec: DatasetSpec): DataInfo & { rows: number } {
  switch (spec.kind) {
    case 'generator':
      return generatorInfo(spec);
    case 'csv':
      return csvDataInfo(spec);
    case 'images':
      return imageDataInfo(spec);
  }
}
