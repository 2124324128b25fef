import { getLoss } from '../losses';
import type { LossName } from '../project/schema';
import type { DataInfo, Dataset } from './types';

/**
 * What the model's output must look like for a dataset and a loss, and how the stored labels
 * are fed to that output. One computation serves graph validation (the unit count a message
 * quotes is the one its fix sets) and training (the label columns the trainer feeds), so the
 * two cannot disagree.
 *
 * Keras conventions: `binary_crossentropy` with one sigmoid unit compares with one 0/1 column
 * (class 1 = the second class name); with one-hot two-class labels and two sigmoid units it
 * compares column by column. `categorical_crossentropy` wants one-hot rows and one unit per
 * class, `sparse_categorical_crossentropy` one class index and one unit per class; regression
 * losses one unit per target column.
 */
export interface TargetPlan {
  /** Output units the model must have. */
  units: number;
  /**
   * `binary`: one probability of class 1; `per-class`: one unit per class (or per one-hot
   * column); `per-target`: one unit per regression target.
   */
  basis: 'binary' | 'per-class' | 'per-target';
  /** `as-stored`, or `binary-column`: two-class one-hot rows reduced to one 0/1 column (class 1). */
  labels: 'as-stored' | 'binary-column';
}

/** Number of classes of a classification dataset (its class names, else its label width). */
export function classCount(data: DataInfo): number {
  return data.numClasses ?? data.labelWidth;
}

/**
 * The output the data and loss need. `outputUnits` (the model's current output width) only
 * decides between the two valid layouts of two-class one-hot labels under binary
 * crossentropy: 2 units compare column by column, anything else is told to use 1.
 */
export function planTargets(data: DataInfo, loss: LossName | undefined, outputUnits: number): TargetPlan {
  if (data.task === 'regression') return { units: data.labelWidth, basis: 'per-target', labels: 'as-stored' };
  const classes = classCount(data);
  const onehot = data.labelEncoding === 'onehot';
  const labels = loss === undefined ? undefined : getLoss(loss).labels;
  if (labels === 'binary' && classes === 2) {
    if (onehot && outputUnits === 2) return { units: 2, basis: 'per-class', labels: 'as-stored' };
    return { units: 1, basis: 'binary', labels: onehot ? 'binary-column' : 'as-stored' };
  }
  if (labels === 'index' || labels === 'onehot') {
    return { units: onehot ? data.labelWidth : classes, basis: 'per-class', labels: 'as-stored' };
  }
  if (onehot) return { units: data.labelWidth, basis: 'per-class', labels: 'as-stored' };
  return { units: 1, basis: labels === 'binary' ? 'binary' : 'per-target', labels: 'as-stored' };
}

/**
 * The dataset as the loss sees it: unchanged, or (for `binary-column`) with one-hot two-class
 * labels replaced by the class-1 column. The features are shared, not copied.
 */
export function applyTargetPlan(dataset: Dataset, plan: TargetPlan): Dataset {
  if (plan.labels === 'as-stored') return dataset;
  const y = new Float32Array(dataset.rows);
  for (let r = 0; r < dataset.rows; r++) y[r] = dataset.y[r * dataset.labelWidth + 1] > dataset.y[r * dataset.labelWidth] ? 1 : 0;
  return { ...dataset, labelEncoding: 'index', labelWidth: 1, y };
}
