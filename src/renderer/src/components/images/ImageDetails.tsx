import type { Dataset } from '../../../../shared/data/types';
import type { ImagesDataset } from '../../../../shared/project/schema';
import type { Translate } from '../../i18n';
import { predictedClass, trueClass } from '../../lib/datastats';
import type { Evaluation } from '../../store/training';
import { usableRunId } from '../../store/run';
import { useRun } from '../../store/training';
import { FeatureMapsView } from './FeatureMapsView';
import { ImageThumb } from './ImageThumb';
import { useImageSelection } from './selection';
import { TopClasses } from './TopClasses';

/**
 * The selected image of the dataset, larger: its number, true label and (once trained) the model's
 * top classes. The place for what the network sees of this image (issue 14: feature maps of each
 * convolutional layer, filters of the first) is the `image-feature-maps` box at the bottom.
 */
export function ImageDetails({ data, spec, evaluation, t }: { data: Dataset; spec: ImagesDataset; evaluation: Evaluation | null; t: Translate }) {
  const row = useImageSelection((s) => s.row);
  const runId = useRun((s) => usableRunId(s.run));
  if (row === null || row >= data.rows) return <div className="image-details muted small" data-testid="image-details">{t('images.detailsNone')}</div>;
  const names = data.classNames ?? [];
  const truth = trueClass(data, row);
  const outputs = evaluation?.outputs[row];
  const guess = outputs ? predictedClass(outputs) : null;
  return (
    <div className="image-details" data-testid="image-details" data-row={row}>
      <div className="image-details-head">
        <ImageThumb values={data.x} offset={row * data.numFeatures} height={spec.height} width={spec.width} channels={spec.channels} maxValue={spec.maxValue} size={72} testId="image-details-image" />
        <div className="small">
          <b>{t('images.detailsTitle', { row })}</b>
          <div data-testid="image-details-truth">{t('images.trueLabel', { name: names[truth] ?? String(truth) })}</div>
          {guess !== null && (
            <div data-testid="image-details-predicted" className={guess === truth ? '' : 'image-wrong-text'}>
              {t('images.predictedLabel', { name: names[guess] ?? String(guess) })}
              {guess !== truth ? ` ✗` : ''}
            </div>
          )}
        </div>
      </div>
      {outputs && <TopClasses outputs={outputs} names={names} testId="image-details-top" />}
      {/* What the network sees of this image: each convolutional and pooling layer's feature maps, the first Conv2D's filters. */}
      <div className="image-feature-maps" data-testid="image-feature-maps" data-row={row}>
        <FeatureMapsView runId={runId} image={Array.from(data.x.subarray(row * data.numFeatures, (row + 1) * data.numFeatures))} spec={spec} />
      </div>
    </div>
  );
}
