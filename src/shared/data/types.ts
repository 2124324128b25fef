/**
 * A dataset as the engine and the editor see it, after generation or CSV import and
 * transforms: row-major Float32 features and labels.
 */
export type Task = 'regression' | 'classification';

/** How labels are stored: raw target values, one-hot rows, or one class index per row. */
export type LabelEncoding = 'value' | 'onehot' | 'index';

/** What validation needs to know about the data to check the model, loss and data agree. */
export interface DataInfo {
  numFeatures: number;
  task: Task;
  labelEncoding: LabelEncoding;
  /** Width of one label row: number of targets (value), number of classes (onehot), 1 (index). */
  labelWidth: number;
  /** For classification. */
  numClasses?: number;
  classNames?: string[];
  featureNames: string[];
  /**
   * The shape of one example when it is more than a flat row (issue 14): `[height, width,
   * channels]` for images, whose `numFeatures` values are stored row-major (HWC). Absent = `[numFeatures]`.
   */
  inputShape?: number[];
  /**
   * The pipeline's pixel-scaling step in words (e.g. `pixels ÷ 16 → 0–1`), when the data has one
   * (issue 14): the model receives already-scaled inputs, so a Rescaling right after the Input scales twice.
   */
  inputScaling?: string;
}

export interface Dataset extends DataInfo {
  rows: number;
  /** rows × numFeatures */
  x: Float32Array;
  /** rows × labelWidth */
  y: Float32Array;
}
