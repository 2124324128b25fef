import type { ReactNode } from 'react';
import type { Translate } from '../../i18n';
import type { ClassificationResult } from '../../lib/datastats';

/**
 * A classifier's results on every row: overall accuracy, the confusion matrix and accuracy per class.
 * With `onCell` (issue 14: image data) each non-empty cell is a button that shows the rows behind it.
 */
export function ConfusionMatrix({
  result,
  names,
  t,
  onCell,
  selected,
  scope,
}: {
  result: ClassificationResult;
  names: string[];
  t: Translate;
  onCell?: (trueClass: number, predictedClass: number) => void;
  selected?: { trueClass: number; predictedClass: number } | null;
  /** Which rows the accuracy and matrix are over, in words (trial 5, F3). */
  scope?: ReactNode;
}) {
  const max = Math.max(1, ...result.matrix.flat());
  const name = (i: number) => names[i] ?? String(i);
  return (
    <div className="results" data-testid="data-results">
      <div className="small">
        <b data-testid="overall-accuracy" data-value={result.accuracy}>
          {t('data.overall', { value: `${(result.accuracy * 100).toFixed(1)}%` })}
        </b>
        {scope && (
          <>
            {' '}
            <span className="muted" data-testid="results-scope">
              {scope}
            </span>
          </>
        )}
      </div>
      <div className="small muted">{t('data.confusion')}</div>
      <table className="confusion" data-testid="confusion-matrix" data-classes={result.classes}>
        <thead>
          <tr>
            <th />
            {result.matrix.map((_, j) => (
              <th key={j}>{name(j)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.matrix.map((row, i) => (
            <tr key={i}>
              <th>{name(i)}</th>
              {row.map((n, j) => (
                <td
                  key={j}
                  className={`${i === j ? 'diag' : ''}${selected?.trueClass === i && selected.predictedClass === j ? ' selected' : ''}`}
                  style={{ ['--heat' as string]: String(n / max) }}
                  title={`${t('data.true')} ${name(i)} · ${t('data.predicted')} ${name(j)}: ${n}`}
                  data-testid={`confusion-cell-${i}-${j}`}
                  data-value={n}
                >
                  {onCell && n > 0 ? (
                    <button type="button" className="confusion-cell-button" onClick={() => onCell(i, j)} aria-pressed={selected?.trueClass === i && selected.predictedClass === j}>
                      {n}
                    </button>
                  ) : (
                    n
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="small muted">{t('data.perClass')}</div>
      <div className="class-bars" data-testid="per-class-accuracy">
        {result.perClass.map((c, i) => {
          const acc = c.total ? c.correct / c.total : 0;
          return (
            <div key={i} className="class-bar" data-value={acc}>
              <span className="class-name">{name(i)}</span>
              <span className="bar">
                <span style={{ width: `${acc * 100}%` }} />
              </span>
              <span className="pct">{c.total ? `${(acc * 100).toFixed(0)}%` : '—'}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
