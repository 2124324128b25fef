import type { Translate } from '../../i18n';
import { fmt } from '../data/plotting';

/** Whether `x` lies outside the training data's x range [lo, hi] (issue 16: the model is extrapolating there). */
export function isExtrapolation(x: number, range: readonly [number, number]): boolean {
  return Number.isFinite(range[0]) && Number.isFinite(range[1]) && (x < range[0] || x > range[1]);
}

/**
 * The short note the Keras tutorial's warning asks for: predicting 6 from a model trained on x in
 * 0…1 is extrapolation. Shown by the data view (beside the point on the line) and by the Predict
 * panel (beside the answer); nothing when `x` is inside the range.
 */
export function ExtrapolationNote({ x, range, t, testId }: { x: number; range: readonly [number, number]; t: Translate; testId: string }) {
  if (!isExtrapolation(x, range)) return null;
  return (
    <p className="field-warning small" data-testid={testId}>
      {t('inside.extrapolation', { x: fmt(x), min: fmt(range[0]), max: fmt(range[1]) })}
    </p>
  );
}
