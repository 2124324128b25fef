import type { Dataset } from '../../../../shared/data/types';
import type { ImagesDataset } from '../../../../shared/project/schema';
import type { Translate } from '../../i18n';
import { predictedClass, trueClass } from '../../lib/datastats';
import { ConfusionMatrix } from '../data/ConfusionMatrix';
import { useEvaluation } from '../data/evaluation';
import { ImageDetails } from './ImageDetails';
import { ImageThumb } from './ImageThumb';
import { useImageSelection } from './selection';

/** Images listed for one confusion-matrix cell at most (the count says how many there are). */
const CELL_IMAGES = 120;

/**
 * The Results view of image data (issue 14): the confusion matrix, whose cells open the images
 * behind them (true class × predicted class), and the selected image in detail.
 */
export function ImageResults({ data, spec, t }: { data: Dataset; spec: ImagesDataset; t: Translate }) {
  const { runId, evaluation, error } = useEvaluation(data);
  const cell = useImageSelection((s) => s.cell);
  const selectCell = useImageSelection((s) => s.selectCell);
  const select = useImageSelection((s) => s.select);
  const selected = useImageSelection((s) => s.row);
  if (runId === null) return <p className="muted small">{t('data.trainForResults')}</p>;
  if (data.rows === 0) return <p className="muted small" data-testid="results-no-rows">{t('data.noRowsYet', { total: spec.rows.toLocaleString('en-US') })}</p>;
  if (error !== null) return <p className="field-error">{error}</p>;
  if (!evaluation || evaluation.result.kind !== 'classification') return <p className="muted small">{t('data.evaluating')}</p>;
  const names = data.classNames ?? [];
  const rows = cell ? Array.from({ length: data.rows }, (_, r) => r).filter((r) => trueClass(data, r) === cell.trueClass && predictedClass(evaluation.outputs[r]) === cell.predictedClass) : [];
  return (
    <div className="image-view image-results">
      <ConfusionMatrix result={evaluation.result} names={names} t={t} onCell={(trueClass, predictedClass) => selectCell({ trueClass, predictedClass })} selected={cell} />
      <div className="image-cell-pane">
        {!cell && <p className="muted small">{t('images.cellHint')}</p>}
        {cell && (
          <>
            <p className="small" data-testid="confusion-cell-title">
              {t('images.cellTitle', { truth: names[cell.trueClass] ?? cell.trueClass, predicted: names[cell.predictedClass] ?? cell.predictedClass, count: rows.length })}
              {rows.length > CELL_IMAGES ? ` ${t('images.cellMore', { shown: CELL_IMAGES })}` : ''}
            </p>
            <div className="image-grid" data-testid="confusion-cell-images">
              {rows.slice(0, CELL_IMAGES).map((row) => (
                <button key={row} type="button" className={`image-cell${cell.trueClass !== cell.predictedClass ? ' wrong' : ''}${selected === row ? ' selected' : ''}`} onClick={() => select(row)} data-testid="confusion-cell-image" data-row={row} title={t('images.detailsTitle', { row })}>
                  <ImageThumb values={data.x} offset={row * data.numFeatures} height={spec.height} width={spec.width} channels={spec.channels} maxValue={spec.maxValue} size={40} />
                </button>
              ))}
            </div>
          </>
        )}
      </div>
      <ImageDetails data={data} spec={spec} evaluation={evaluation} t={t} />
    </div>
  );
}
