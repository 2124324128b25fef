import type { ModelSummary } from '../../../shared/api/contract';
import { planOf } from '../../../shared/graph/plan';
import { summarize } from '../../../shared/graph/summary';
import { formatCount, formatShape } from '../lib/analysis';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import type { Graph } from '../../../shared/graph/types';

let cache: { graph: Graph; result: ModelSummary | Error } | null = null;
function cachedSummary(graph: Graph): ModelSummary | Error {
  if (cache?.graph !== graph) {
    let result: ModelSummary | Error;
    try {
      result = summarize(graph, planOf(graph));
    } catch (error) {
      result = error instanceof Error ? error : new Error(String(error));
    }
    cache = { graph, result };
  }
  return cache.result;
}

export function SummaryPanel() {
  const graph = useEditor((s) => s.doc.graph);
  const select = useEditor((s) => s.setSelection);
  const summary = cachedSummary(graph);
  const t = useT();
  return (
    <section className="panel-section summary" data-testid="summary-panel">
      {summary instanceof Error ? (
        <p className="field-error">{summary.message}</p>
      ) : summary.rows.length === 0 ? (
        <p className="muted">{t('summary.empty')}</p>
      ) : (
        <>
          <table className="summary-table">
            <thead>
              <tr>
                <th>{t('summary.layer')}</th>
                <th>{t('summary.outputShape')}</th>
                <th className="num">{t('summary.params')}</th>
                <th>{t('summary.connected')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr key={row.nodeId} onClick={() => select({ nodes: [row.nodeId], edges: [] })}>
                  <td>
                    {row.name} ({row.type})
                  </td>
                  <td className="mono">{row.outputShape ? formatShape(row.outputShape) : '?'}</td>
                  <td className="num mono">{formatCount(row.params)}</td>
                  <td className="mono">{row.connectedTo.join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="summary-totals mono small">
            <div>{t('summary.total', { count: formatCount(summary.totalParams) })}</div>
            <div>{t('summary.trainable', { count: formatCount(summary.trainableParams) })}</div>
            <div>{t('summary.nonTrainable', { count: formatCount(summary.nonTrainableParams) })}</div>
          </div>
        </>
      )}
    </section>
  );
}
