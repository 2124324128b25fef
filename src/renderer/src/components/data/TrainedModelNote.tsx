import { useShallow } from 'zustand/react/shallow';
import { formatLogValue } from '../../../../shared/training/outcome-text';
import type { Translate } from '../../i18n';
import { trainedModel } from '../../store/run';
import { useRun } from '../../store/training';

/**
 * After a diverged run, says which weights predictions use (those of the last good epoch, or the
 * saved ones a resumed run started from) or why there are none worth using (see `trainedModel`).
 * Nothing otherwise.
 */
export function TrainedModelNote({ t }: { t: Translate }) {
  const model = useRun(useShallow((s) => trainedModel(s.run)));
  if (model.kind === 'unusable') {
    return (
      <p className="field-error small" data-testid="trained-model-note" data-state="unusable" data-reason={model.reason}>
        {model.reason === 'loss-rose'
          ? t('trainedModel.lossRose', { epoch: model.epoch, last: formatLogValue(model.lastLoss), first: formatLogValue(model.firstLoss) })
          : t('trainedModel.unusable')}
      </p>
    );
  }
  if (model.kind === 'usable' && model.weights === 'last-good') {
    return (
      <p className="muted small" data-testid="trained-model-note" data-state="last-good">
        {model.epoch > 0 ? t('trainedModel.lastGood', { epoch: model.epoch }) : t('trainedModel.lastGoodResumed')}
      </p>
    );
  }
  return null;
}
