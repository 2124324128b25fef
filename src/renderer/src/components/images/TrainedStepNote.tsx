import { pixelScalingStep } from '../../../../shared/data/images';
import type { DatasetSpec, ImagesDataset } from '../../../../shared/project/schema';
import type { Translate } from '../../i18n';
import { trainedModel } from '../../store/run';
import { useRun } from '../../store/training';

type StepSpec = Pick<ImagesDataset, 'scaling' | 'maxValue' | 'transform' | 'channels'>;

const num = (v: number) => String(Number(v.toPrecision(4)));

/**
 * The pixel-scaling step of `spec` as a short formula ("pixels ÷ 16", "(pixel − 4.884) ÷ 6.017",
 * "no scaling (raw 0–16)"): the words for the step `pixelScalingStep` (src/shared/data/images.ts) applies.
 */
export function stepFormula(spec: StepSpec, t: Translate): string {
  if (spec.scaling === 'unit') return t('trial5b.step.unit', { max: num(spec.maxValue) });
  if (spec.scaling === 'none') return t('trial5b.step.none', { max: num(spec.maxValue) });
  if (!spec.transform) return t('trial5b.step.zscoreMissing');
  const { mean, std } = spec.transform;
  return mean.map((m, c) => `(${t('images.pixel')} − ${num(m)}) ÷ ${num(std[c])}`).join('; ');
}

/** The step's identity: the rescale step itself (scale, offset per channel), or why there is none. */
function stepKey(spec: StepSpec): string {
  try {
    return JSON.stringify(pixelScalingStep(spec));
  } catch {
    return 'invalid';
  }
}

/**
 * The image spec whose pipeline predictions go through: the one the shown run's model was trained
 * with (the trainer keeps that pipeline for the run) when it is image data of the same size, else
 * the document's `current` one.
 */
export function appliedImageSpec(current: ImagesDataset, trainedOn: DatasetSpec | null): ImagesDataset {
  if (trainedOn?.kind !== 'images') return current;
  if (trainedOn.height !== current.height || trainedOn.width !== current.width || trainedOn.channels !== current.channels) return current;
  return trainedOn;
}

/** Whether the model predicts with another pixel-scaling step than the document's current one. */
export function trainedStepDiffers(current: ImagesDataset, trainedOn: DatasetSpec | null): boolean {
  return stepKey(appliedImageSpec(current, trainedOn)) !== stepKey(current);
}

/**
 * Trial 5, F1: after the pixel scaling changed since training, says that predictions still use the
 * trained model's step (which one) and not the chosen one, until the model is trained again.
 * Nothing when the steps agree.
 */
export function TrainedStepNoteView({ spec, trainedOn, t }: { spec: ImagesDataset; trainedOn: DatasetSpec | null; t: Translate }) {
  if (!trainedStepDiffers(spec, trainedOn)) return null;
  return (
    <p className="field-warning small" data-testid="trained-step-note">
      {t('trial5b.stepStale', { trained: stepFormula(appliedImageSpec(spec, trainedOn), t), current: stepFormula(spec, t) })}
    </p>
  );
}

/** {@link TrainedStepNoteView} for the shown run. */
export function TrainedStepNote({ spec, t }: { spec: ImagesDataset; t: Translate }) {
  const trainedOn = useRun((s) => (trainedModel(s.run).kind === 'usable' ? s.runDataset : null));
  return <TrainedStepNoteView spec={spec} trainedOn={trainedOn} t={t} />;
}
