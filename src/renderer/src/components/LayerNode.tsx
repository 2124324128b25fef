import { memo } from 'react';
import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import type { GraphNode } from '../../../shared/graph/types';
import { getLayer } from '../../../shared/layers';
import { useT } from '../i18n';
import { problemText } from '../lib/problemText';
import { formatCount, formatShape, type NodeAnalysis } from '../lib/analysis';

export type LayerNodeData = { graphNode: GraphNode; analysis: NodeAnalysis | undefined };
export type LayerFlowNode = Node<LayerNodeData, 'layer'>;

function formatParam(value: unknown): string {
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (typeof value === 'number') return String(Number.isInteger(value) ? value : Number(value.toPrecision(4)));
  return String(value);
}

/** Below this zoom the details are unreadable; drawing only the title keeps big graphs fluid. */
export const DETAIL_ZOOM = 0.5;
export const zoomedOutSelector = (s: ReactFlowState): boolean => s.transform[2] < DETAIL_ZOOM;
/**
 * Below this zoom even titles are a few pixels high; nodes become coloured blocks (a node with
 * an error keeps its red border). Measured with bench/canvas-pan.mjs at 300 nodes (software rendering):
 * hiding the text and handles took the mean frame from 24 ms to 17 ms.
 */
export const OVERVIEW_ZOOM = 0.35;
export const overviewSelector = (s: ReactFlowState): boolean => s.transform[2] < OVERVIEW_ZOOM;

function LayerNodeView({ data, selected }: NodeProps<LayerFlowNode>) {
  const { graphNode, analysis } = data;
  const t = useT();
  // A boolean selector: nodes re-render when the zoom crosses the threshold, not on every zoom step.
  const zoomedOut = useStore(zoomedOutSelector);
  const def = getLayer(graphNode.type);
  const summary = def?.summaryParams ?? def?.params.slice(0, 2).map((p) => p.name) ?? [];
  const errors = analysis?.problems.filter((p) => p.severity === 'error') ?? [];
  const warnings = analysis?.problems.filter((p) => p.severity === 'warning') ?? [];
  const problems = [...errors, ...warnings];
  const shape = analysis?.shape;
  const acceptsInputs = (def?.arity.max ?? 1) > 0;
  const params = zoomedOut
    ? ''
    : summary
        .filter((name) => graphNode.params[name] !== undefined)
        .map((name) => `${name} ${formatParam(graphNode.params[name])}`)
        .join('\n');
  // Flat markup (one text element per row, no wrappers): with 300 nodes every element costs paint while panning.
  return (
    <div
      className={`layer-node cat-${(def?.category ?? 'unknown').toLowerCase()}${selected ? ' selected' : ''}${errors.length ? ' has-error' : ''}`}
      data-testid={`node-${graphNode.id}`}
      data-type={graphNode.type}
    >
      {acceptsInputs && <Handle type="target" position={Position.Left} />}
      <span className="layer-node-type" title={graphNode.id}>
        {def?.label ?? graphNode.type}
      </span>
      {!zoomedOut && <span className="layer-node-id">{graphNode.id}</span>}
      {problems.length > 0 && (
        <span
          className={`node-problem ${errors.length ? 'error' : 'warning'}`}
          data-testid="node-problem"
          title={problems.map((p) => problemText(p, t)).join('\n')}
          aria-label={problems.map((p) => problemText(p, t)).join(' ')}
        >
          {problems.length} {errors.length ? '!' : '?'}
        </span>
      )}
      {!zoomedOut && params && <div className="layer-node-params">{params}</div>}
      {!zoomedOut && (
        <div className="layer-node-foot" title={`${t('node.outputShape')} · ${t('node.paramsTitle')}`}>
          <span className="shape" data-testid="node-shape" title={shape && !shape.ok ? problemText(shape, t) : t('node.outputShape')}>
            {shape ? (shape.ok ? formatShape(shape.shape) : t('node.shapeUnknown')) : '—'}
          </span>
          {analysis?.params ? ` ${t('node.params', { count: formatCount(analysis.params.trainable + analysis.params.nonTrainable) })}` : ''}
        </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
