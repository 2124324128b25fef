import { useMemo, useState } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import { planOf } from '../../../../shared/graph/plan';
import { trainedStatus } from '../../../../shared/project/trained';
import { useEditor } from '../../store/editor';
import { scopedResult, scopeText, type ResultsPart } from '../data/resultsScope';
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
  const doc = useEditor((s) => s.doc);
  const stale = useMemo(() => trainedStatus(doc, planOf(doc.graph)).state === 'stale', [doc]);
  const [part, setPart] = useState<ResultsPart>('all');
  const cell = useImageSelection((s) => s.cell);
  const selectCell = useImageSelection((s) => s.selectCell);
  const select = useImageSelection((s) => s.select);
  const selected = useImageSelection((s) => s.row);
  if (runId === null) return <p className="muted small">{t('data.trainForResults')}</p>;
  if (data.rows === 0) return <p className="muted small" data-testid="results-no-rows">{t('data.noRowsYet', { total: spec.rows.toLocaleString('en-US') })}</p>;
  if (error !== null) return <p className="field-error">{error}</p>;
  if (!evaluation || evaluation.result.kind !== 'classification') return <p className="muted small">{t('data.evaluating')}</p>;
  const names = data.classNames ?? [];
  // The run's split is known here only with every image, in the trainer's order, and the settings it trained with.
  const why = data.rows < spec.rows ? 'trial5b.scope.whyPartial' : stale ? 'trial5b.scope.whyStale' : null;
  const shown: ResultsPart = why ? 'all' : part;
  const scoped = scopedResult(data, evaluation.outputs, doc.training, shown);
  const inScope = scoped.rows ? new Set(scoped.rows) : null;
  const parts: ResultsPart[] = scoped.counts.test > 0 ? ['all', 'validation', 'test'] : ['all', 'validation'];
  const rows = cell
    ? Array.from({ length: data.rows }, (_, r) => r).filter((r) => (!inScope || inScope.has(r)) && trueClass(data, r) === cell.trueClass && predictedClass(evaluation.outputs[r]) === cell.predictedClass)
    : [];
  return (
    <div className="image-view image-results">
      <div className="results-part small">
        <label>
          {t('trial5b.scope.show')}{' '}
          <select value={shown} disabled={why !== null} onChange={(e) => (setPart(e.target.value as ResultsPart), selectCell(null))} data-testid="results-part">
            {parts.map((p) => (
              <option key={p} value={p}>
                {t(`trial5b.scope.part.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {why && <span className="muted"> {t('trial5b.scope.partsUnknown', { why: t(why) })}</span>}
      </div>
      <ConfusionMatrix
        result={scoped.result}
        names={names}
        t={t}
        onCell={(trueClass, predictedClass) => selectCell({ trueClass, predictedClass })}
        selected={cell}
        scope={scopeText(shown, data.rows, scoped.counts, why === null, t)}
      />
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
