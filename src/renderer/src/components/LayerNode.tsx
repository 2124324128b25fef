import { memo } from 'react';
import { Handle, Position, useStore, type Node, type NodeProps, type ReactFlowState } from '@xyflow/react';
import type { GraphNode } from '../../../shared/graph/types';
import { getLayer } from '../../../shared/layers';
import { useT } from '../i18n';
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
  return (
    <div
      className={`layer-node cat-${(def?.category ?? 'unknown').toLowerCase()}${selected ? ' selected' : ''}${errors.length ? ' has-error' : ''}`}
      data-testid={`node-${graphNode.id}`}
      data-type={graphNode.type}
    >
      {acceptsInputs && <Handle type="target" position={Position.Left} />}
      <div className="layer-node-head">
        <span className="layer-node-type">{def?.label ?? graphNode.type}</span>
        <span className="layer-node-id">{graphNode.id}</span>
        {problems.length > 0 && (
          <span
            className={`node-problem ${errors.length ? 'error' : 'warning'}`}
            data-testid="node-problem"
            title={problems.map((p) => p.message).join('\n')}
          >
            {problems.length} {errors.length ? '!' : '?'}
            <span className="sr-only">{problems.map((p) => p.message).join(' ')}</span>
          </span>
        )}
      </div>
      {!zoomedOut && (
      <div className="layer-node-params">
        {summary.map((name) =>
          graphNode.params[name] === undefined ? null : (
            <div key={name}>
              <span className="k">{name}</span> <span className="v">{formatParam(graphNode.params[name])}</span>
            </div>
          ),
        )}
      </div>
      )}
      {!zoomedOut && (
      <div className="layer-node-foot">
        <span className="shape" data-testid="node-shape" title={shape && !shape.ok ? shape.message : t('node.outputShape')}>
          {shape ? (shape.ok ? formatShape(shape.shape) : t('node.shapeUnknown')) : '—'}
        </span>
        <span className="count" title={t('node.paramsTitle')}>
          {analysis?.params ? t('node.params', { count: formatCount(analysis.params.trainable + analysis.params.nonTrainable) }) : ''}
        </span>
      </div>
      )}
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
