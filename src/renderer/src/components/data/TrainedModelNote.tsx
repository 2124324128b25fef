import { useShallow } from 'zustand/react/shallow';
import type { Translate } from '../../i18n';
import { trainedModel } from '../../store/run';
import { useRun } from '../../store/training';

/**
 * After a diverged run, says which weights predictions use (those of the last good epoch, or the
 * saved ones a resumed run started from) or that there are none worth using. Nothing otherwise.
 */
export function TrainedModelNote({ t }: { t: Translate }) {
  const model = useRun(useShallow((s) => trainedModel(s.run)));
  if (model.kind === 'unusable') {
    return (
      <p className="field-error small" data-testid="trained-model-note" data-state="unusable">
        {t('trainedModel.unusable')}
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
