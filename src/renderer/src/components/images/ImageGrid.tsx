import { useMemo, useState } from 'react';
import type { Dataset } from '../../../../shared/data/types';
import type { ImagesDataset } from '../../../../shared/project/schema';
import type { Translate } from '../../i18n';
import { predictedClass, trueClass } from '../../lib/datastats';
import { useEvaluation } from '../data/evaluation';
import { ImageDetails } from './ImageDetails';
import { ImageThumb } from './ImageThumb';
import { useImageSelection } from './selection';

const PAGE = 48;

/**
 * The image dataset as a grid of samples (issue 14): each image with its true label and, once a
 * model is trained, the predicted one (wrong ones marked ✗). Filter by class or to the wrong ones;
 * click an image to see it in detail beside the grid.
 */
export function ImageGrid({ data, spec, t }: { data: Dataset; spec: ImagesDataset; t: Translate }) {
  const { runId, evaluation, error } = useEvaluation(data);
  const [filter, setFilter] = useState<string>('all');
  const [page, setPage] = useState(0);
  const selected = useImageSelection((s) => s.row);
  const select = useImageSelection((s) => s.select);
  const names = data.classNames ?? [];
  const guessOf = (row: number): number | null => (evaluation ? predictedClass(evaluation.outputs[row]) : null);
  const rows = useMemo(() => {
    const all = Array.from({ length: data.rows }, (_, r) => r);
    if (filter === 'all') return all;
    if (filter === 'wrong') return evaluation ? all.filter((r) => predictedClass(evaluation.outputs[r]) !== trueClass(data, r)) : [];
    return all.filter((r) => trueClass(data, r) === Number(filter));
  }, [data, filter, evaluation]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages - 1);
  const shown = rows.slice(current * PAGE, (current + 1) * PAGE);
  return (
    <div className="image-view" data-testid="image-grid-view">
      <div className="image-grid-pane">
        <div className="image-grid-controls small">
          <select value={filter} onChange={(e) => (setFilter(e.target.value), setPage(0))} data-testid="image-grid-filter" aria-label={t('images.filter')}>
            <option value="all">{t('images.filterAll')}</option>
            {evaluation && <option value="wrong">{t('images.filterWrong')}</option>}
            {names.map((name, i) => (
              <option key={i} value={String(i)}>
                {t('images.filterClass', { name })}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0} data-testid="image-grid-prev" aria-label={t('images.prev')}>
            ‹
          </button>
          <span data-testid="image-grid-range">
            {data.rows === 0 ? t('images.loading') : rows.length === 0 ? t('images.none') : t('images.range', { from: current * PAGE, to: current * PAGE + shown.length - 1, total: rows.length.toLocaleString('en-US') })}
          </span>
          <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1} data-testid="image-grid-next" aria-label={t('images.next')}>
            ›
          </button>
          <span className="muted">
            {runId === null ? t('images.trainForPredictions') : error !== null ? <span className="field-error">{error}</span> : !evaluation ? t('images.predicting') : null}
          </span>
        </div>
        <div className="image-grid" data-testid="image-grid">
          {shown.map((row) => {
            const truth = trueClass(data, row);
            const guess = guessOf(row);
            const wrong = guess !== null && guess !== truth;
            return (
              <button
                key={row}
                type="button"
                className={`image-cell${wrong ? ' wrong' : ''}${selected === row ? ' selected' : ''}`}
                onClick={() => select(row)}
                data-testid="image-cell"
                data-row={row}
                data-true={truth}
                data-predicted={guess ?? ''}
                title={`${t('images.detailsTitle', { row })} · ${t('images.trueLabel', { name: names[truth] ?? String(truth) })}${guess !== null ? ` · ${t('images.predictedLabel', { name: names[guess] ?? String(guess) })}` : ''}`}
              >
                <ImageThumb values={data.x} offset={row * data.numFeatures} height={spec.height} width={spec.width} channels={spec.channels} maxValue={spec.maxValue} size={40} />
                <span className="image-caption">
                  {names[truth] ?? truth}
                  {guess !== null && <span className={wrong ? 'image-wrong-text' : 'muted'}>{` → ${names[guess] ?? guess}${wrong ? ' ✗' : ''}`}</span>}
                </span>
              </button>
            );
          })}
        </div>
      </div>
      <ImageDetails data={data} spec={spec} evaluation={evaluation} t={t} />
    </div>
  );
}
