import { splitCounts, splitRows, type SplitCounts, type SplitSettings } from '../../../../shared/data/split';
import type { Dataset } from '../../../../shared/data/types';
import type { Translate } from '../../i18n';
import { classificationResult, type ClassificationResult } from '../../lib/datastats';

/** Which rows the Results view covers: every row, or the held-out validation (or test) rows of the run's split. */
export type ResultsPart = 'all' | 'validation' | 'test';

/**
 * Trial 5, F3: the classification results over `part` of the rows, with the rows it covers (null =
 * all) and the split's counts. The parts are the trainer's own (`splitRows` of src/shared/data/split.ts
 * with the training settings: the one implementation of the split), so they are the run's only when
 * `data` holds every row in the trainer's order and the settings are those it trained with: the
 * caller offers the parts only then.
 */
export function scopedResult(
  data: Dataset,
  outputs: readonly (readonly number[])[],
  settings: SplitSettings,
  part: ResultsPart,
): { result: ClassificationResult; rows: Int32Array | null; counts: SplitCounts } {
  const counts = splitCounts(data.rows, settings);
  if (part === 'all') return { result: classificationResult(data, outputs), rows: null, counts };
  const rows = splitRows(data, settings)[part];
  return { result: classificationResult(data, outputs, rows), rows, counts };
}

const pct = (n: number, of: number) => `${Math.round((100 * n) / Math.max(1, of))}%`;

/**
 * Which images an accuracy is over, in words: "over all 1,797 images: 1,438 (80%) were used for
 * training, 359 held out for validation", or "over the 359 validation images, held out from training".
 * `known` false: the split of the run cannot be told here (the editor holds part of the images, or
 * the settings changed since training).
 */
export function scopeText(part: ResultsPart, rows: number, counts: SplitCounts, known: boolean, t: Translate): string {
  const n = (v: number) => v.toLocaleString('en-US');
  if (part === 'all') {
    if (!known) return t('trial5b.scope.allUnknown', { rows: n(rows) });
    return t(counts.test > 0 ? 'trial5b.scope.allTest' : 'trial5b.scope.all', {
      rows: n(rows),
      train: n(counts.train),
      share: pct(counts.train, rows),
      validation: n(counts.validation),
      test: n(counts.test),
    });
  }
  return t(part === 'validation' ? 'trial5b.scope.validation' : 'trial5b.scope.test', { rows: n(part === 'validation' ? counts.validation : counts.test) });
}
