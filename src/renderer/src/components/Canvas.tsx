import { FIT_VIEW_OPTIONS, useViewportControls } from '../lib/viewport';
import { useResolvedTheme } from '../lib/theme';
import { useCallback, useMemo, useRef, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnectEnd,
  type AriaLabelConfig,
} from '@xyflow/react';
import { canConnect } from '../../../shared/graph/validate';
import { problemText } from '../lib/problemText';
import { nodeAccessibleName } from '../lib/connectChoices';
import { analyze, formatShape } from '../lib/analysis';
import { useEditor } from '../store/editor';
import { LayerNode, overviewSelector, zoomedOutSelector, type LayerFlowNode } from './LayerNode';
import { useToast } from './Toast';
import { useI18n, useT, type Translate } from '../i18n';
import { addLayer } from '../lib/addLayer';

export const LAYER_DRAG_TYPE = 'application/x-neurite-layer';

/** Issue 17: React Flow's own accessible texts (controls, minimap, handles, keyboard help) in the UI's language. */
export function flowAriaLabels(t: Translate): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('a11y.flow.nodeHelp'),
    'node.a11yDescription.keyboardDisabled': t('a11y.flow.nodeHelp'),
    'node.a11yDescription.ariaLiveMessage': ({ x, y }) => t('a11y.flow.moved', { x: Math.round(x), y: Math.round(y) }),
    'edge.a11yDescription.default': t('a11y.flow.edgeHelp'),
    'controls.ariaLabel': t('a11y.flow.controls'),
    'controls.zoomIn.ariaLabel': t('action.zoom-in'),
    'controls.zoomOut.ariaLabel': t('action.zoom-out'),
    'controls.fitView.ariaLabel': t('action.fit-view'),
    'minimap.ariaLabel': t('a11y.flow.minimap'),
    'handle.ariaLabel': t('a11y.flow.handle'),
  };
}


// Defined once at module scope so React Flow never remounts the nodes.
const nodeTypes = { layer: LayerNode };
const proOptions = { hideAttribution: true };
const minimapStyle = { width: 140, height: 90 };
const minimapColor = (node: LayerFlowNode): string => (node.data.analysis?.problems.some((p) => p.severity === 'error') ? '#c8413a' : '#7f8ea3');

export function Canvas() {
  // Issue 16: React Flow's own colours (controls, minimap) follow the theme switch.
  const theme = useResolvedTheme();
  const doc = useEditor((s) => s.doc);
  const selection = useEditor((s) => s.selection);
  const dragging = useEditor((s) => s.dragging);
  const sizes = useEditor((s) => s.sizes);
  const showToast = useToast((s) => s.show);
  const t = useT();
  const { screenToFlowPosition } = useReactFlow();

  useViewportControls();
  const nodeCache = useRef(new Map<string, { key: unknown[]; node: LayerFlowNode }>());

  const analysis = analyze(doc);
  const ariaLabelConfig = useMemo(() => flowAriaLabels(t), [t]);
  // "Dense n2", in the UI's language: how nodes are named to screen readers and in the connection pickers.
  const nodeName = useCallback((id: string) => nodeAccessibleName(useEditor.getState().doc.graph, id, t), [t]);
  const zoomedOut = useStore(zoomedOutSelector);
  const overview = useStore(overviewSelector);

  const nodes = useMemo(() => {
    const selected = new Set(selection.nodes);
    const cache = nodeCache.current;
    const next: LayerFlowNode[] = [];
    const seen = new Set<string>();
    for (const graphNode of doc.graph.nodes) {
      const position = dragging[graphNode.id] ?? graphNode.position;
      const isSelected = selected.has(graphNode.id);
      const nodeAnalysis = analysis.nodes.get(graphNode.id);
      const measured = sizes[graphNode.id];
      const key = [graphNode, position, isSelected, nodeAnalysis, measured, nodeName];
      const cached = cache.get(graphNode.id);
      seen.add(graphNode.id);
      // Reusing unchanged node objects keeps React Flow from re-rendering every node on each drag frame.
      if (cached && cached.key.every((k, i) => k === key[i])) {
        next.push(cached.node);
        continue;
      }
      const node: LayerFlowNode = {
        id: graphNode.id,
        type: 'layer',
        position,
        // Issue 17: what a screen reader says on Tab to the node (React Flow adds how to move it).
        ariaLabel: nodeName(graphNode.id),
        data: { graphNode, analysis: nodeAnalysis },
        selected: isSelected,
        ...(measured ? { measured } : {}),
      };
      cache.set(graphNode.id, { key, node });
      next.push(node);
    }
    for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
    return next;
  }, [doc.graph.nodes, selection.nodes, dragging, sizes, analysis, nodeName]);

  const edges = useMemo<Edge[]>(() => {
    const selected = new Set(selection.edges);
    return doc.graph.edges.map((e) => {
      const shape = analysis.shapes.get(e.source);
      const problem = analysis.problems.find((p) => p.edgeId === e.id && p.severity === 'error');
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        selected: selected.has(e.id),
        ariaLabel: t('a11y.edge', { source: nodeName(e.source), target: nodeName(e.target) }),
        label: shape?.ok && !zoomedOut ? formatShape(shape.shape) : undefined,
        className: problem ? 'edge-error' : undefined,
        data: {},
      };
    });
  }, [doc.graph.edges, selection.edges, analysis, zoomedOut, t, nodeName]);

  const onNodesChange = useCallback((changes: NodeChange<LayerFlowNode>[]) => {
    const state = useEditor.getState();
    const live: Record<string, { x: number; y: number }> = {};
    const finished: Record<string, { x: number; y: number }> = {};
    let selectedNodes: Set<string> | null = null;
    const newSizes: Record<string, { width: number; height: number }> = {};
    for (const change of changes) {
      if (change.type === 'position' && change.position) {
        if (change.dragging) live[change.id] = change.position;
        else finished[change.id] = change.position;
      } else if (change.type === 'select') {
        selectedNodes ??= new Set(state.selection.nodes);
        if (change.selected) selectedNodes.add(change.id);
        else selectedNodes.delete(change.id);
      } else if (change.type === 'dimensions' && change.dimensions) {
        const old = state.sizes[change.id];
        if (!old || old.width !== change.dimensions.width || old.height !== change.dimensions.height) newSizes[change.id] = change.dimensions;
      }
    }
    if (Object.keys(newSizes).length) state.setSizes(newSizes);
    if (selectedNodes) state.setSelection({ nodes: [...selectedNodes], edges: state.selection.edges });
    if (Object.keys(live).length) state.setDragging({ ...state.dragging, ...live });
    if (Object.keys(finished).length) {
      state.moveNodes({ ...state.dragging, ...finished });
      state.setDragging(null);
    }
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const state = useEditor.getState();
    let selectedEdges: Set<string> | null = null;
    for (const change of changes) {
      if (change.type === 'select') {
        selectedEdges ??= new Set(state.selection.edges);
        if (change.selected) selectedEdges.add(change.id);
        else selectedEdges.delete(change.id);
      }
    }
    if (selectedEdges) state.setSelection({ nodes: state.selection.nodes, edges: [...selectedEdges] });
  }, []);

  const isValidConnection = useCallback((connection: Connection | Edge) => {
    if (!connection.source || !connection.target) return false;
    return canConnect(useEditor.getState().doc.graph, connection.source, connection.target).ok;
  }, []);

  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  const onConnect = useCallback(
    (connection: Connection) => {
      const result = useEditor.getState().connect(connection.source, connection.target);
      if (result.refused) showToast(result.refused, lastPointer.current ?? undefined);
    },
    [showToast],
  );

  const onConnectEnd: OnConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const point = 'changedTouches' in event ? event.changedTouches[0] : (event as MouseEvent);
      lastPointer.current = point ? { x: point.clientX, y: point.clientY } : null;
      if (state.isValid || !state.fromNode || !point) return;
      // Dropped on a node without a free handle (e.g. onto an Input): find the node under the cursor.
      const under = document.elementFromPoint(point.clientX, point.clientY)?.closest<HTMLElement>('.react-flow__node')?.dataset.id;
      const toId = state.toNode?.id ?? under;
      if (!toId || toId === state.fromNode.id) return;
      const fromIsSource = state.fromHandle?.type !== 'target';
      const source = fromIsSource ? state.fromNode.id : toId;
      const target = fromIsSource ? toId : state.fromNode.id;
      const verdict = canConnect(useEditor.getState().doc.graph, source, target);
      if (!verdict.ok) showToast(problemText({ message: verdict.reason, messageId: verdict.messageId, params: verdict.params }, useI18n.getState().t), lastPointer.current ?? undefined);
    },
    [showToast],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(LAYER_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(LAYER_DRAG_TYPE);
      if (!type) return;
      event.preventDefault();
      addLayer(type, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [screenToFlowPosition],
  );

  return (
    <div className={`canvas${zoomedOut ? ' zoomed-out' : ''}${overview ? ' overview' : ''}`} data-testid="canvas" onDragOver={onDragOver} onDrop={onDrop}>
      <ReactFlow<LayerFlowNode, Edge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.1}
        maxZoom={3}
        colorMode={theme}
        proOptions={proOptions}
        defaultEdgeOptions={{ type: 'default' }}
        onlyRenderVisibleElements
        nodesFocusable
        edgesFocusable
        disableKeyboardA11y={false}
        ariaLabelConfig={ariaLabelConfig}
      >
        {!zoomedOut && <Background variant={BackgroundVariant.Dots} gap={20} size={1} />}
        <Controls showInteractive={false} />
        {doc.graph.nodes.length > 0 && <MiniMap pannable zoomable className="minimap" style={minimapStyle} nodeColor={minimapColor} />}
      </ReactFlow>
      {doc.graph.nodes.length === 0 && (
        <div className="canvas-empty">
          <p>{t('canvas.empty')}</p>
          <p className="hint">{t('canvas.emptyHint')}</p>
        </div>
      )}
    </div>
  );
}
