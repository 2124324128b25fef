import { makeFix, type ProblemFix } from './fixes';
import type { GraphProblem } from '../api/contract';
import { looksLikeClassValues } from '../data/csv';
import { classCount, planTargets } from '../data/targets';
import type { DataInfo, Dataset } from '../data/types';
import { formatShape, getLayer, isInputType, resolveParams } from '../layers';
import type { ShapeResult } from '../layers/types';
import { shapeFailure } from '../layers/shape-text';
import { getLoss, isClassificationLoss, lossForLabels, lossNameKey } from '../losses';
import { getMetric, metricsFittingLoss } from '../metrics';
import type { LossName, TrainingSettings } from '../project/schema';
import { checkPipelineOverlap } from './data-checks';
import { planGraph, type ModelPlan } from './plan';
import { arityWords, problemWords, type GraphMessageId, type MessageParams } from './problem-text';
import { incomingEdges, outgoingEdges, reachable } from './topology';
import type { Graph, GraphNode } from './types';

export interface ValidationContext {
  /** The data's shape; when rows come with it (`y`), a regression label with few values is recognised as likely classes. */
  data?: DataInfo & Partial<Pick<Dataset, 'rows' | 'y'>>;
  training?: TrainingSettings;
}

/** A refused connection's `reason` is English; `messageId` + `params` let the UI word it in its language (issue 16). */
export type ConnectVerdict = { ok: true } | { ok: false; reason: string; messageId: GraphMessageId; params: MessageParams };

function refuse(messageId: GraphMessageId, params: MessageParams = {}): ConnectVerdict {
  const words = problemWords(messageId, params);
  return { ok: false, reason: words.message, messageId, params };
}

function label(node: GraphNode): string {
  return getLayer(node.type)?.label ?? node.type;
}

/**
 * Whether drawing an edge source → target is allowed. Refuses what can never become valid by
 * further editing: a self-loop, a loop, an edge into an Input, a duplicate, or more inputs than
 * the layer takes. Shape mismatches are allowed so that they show up on the node, where the user
 * can see both shapes.
 */
export function canConnect(graph: Graph, sourceId: string, targetId: string): ConnectVerdict {
  const source = graph.nodes.find((n) => n.id === sourceId);
  const target = graph.nodes.find((n) => n.id === targetId);
  if (!source) return refuse('connect.noSource', { id: sourceId });
  if (!target) return refuse('connect.noTarget', { id: targetId });
  if (sourceId === targetId) return refuse('connect.self', { layer: label(source) });
  const def = getLayer(target.type);
  if (def && def.arity.max === 0) return refuse('connect.intoInput', { layer: def.label });
  if (graph.edges.some((e) => e.source === sourceId && e.target === targetId)) {
    return refuse('connect.duplicate', { source: label(source), target: label(target) });
  }
  if (def) {
    const count = graph.edges.filter((e) => e.target === targetId).length;
    if (count >= def.arity.max) {
      return refuse(count === 1 ? 'connect.full.hasOne' : 'connect.full', { layer: def.label, max: def.arity.max, count });
    }
  }
  if (reachable(graph, targetId, sourceId)) {
    return refuse('connect.loop', { source: label(source), target: label(target) });
  }
  return { ok: true };
}

/** Strongly connected components with more than one node (or a self-loop): the nodes that are really on a cycle. */
function cycleNodes(graph: Graph): Set<string> {
  const outgoing = outgoingEdges(graph);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  let counter = 0;
  const visit = (root: string) => {
    // Iterative Tarjan, so a long chain cannot overflow the call stack.
    const work: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const edges = outgoing.get(frame.id) ?? [];
      if (frame.edge < edges.length) {
        const next = edges[frame.edge++].target;
        if (!index.has(next)) {
          if (!outgoing.has(next)) continue;
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, edge: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        const selfLoop = component.length === 1 && edges.some((e) => e.target === frame.id);
        if (component.length > 1 || selfLoop) for (const c of component) result.add(c);
      }
    }
  };
  for (const node of graph.nodes) if (!index.has(node.id)) visit(node.id);
  return result;
}

function forwardReach(from: string[], next: Map<string, string[]>): Set<string> {
  const seen = new Set(from);
  const stack = [...from];
  while (stack.length) {
    const id = stack.pop()!;
    for (const n of next.get(id) ?? []) {
      if (!seen.has(n)) {
        seen.add(n);
        stack.push(n);
      }
    }
  }
  return seen;
}

/**
 * An image or sequence layer that gets a flat row from a layer other than the Input (a Flatten, a
 * global pooling, a Dense) is not helped by the layer's own advice to reshape the Input (trial 5
 * F7): the message names the layer before it, and a Flatten that flattened an image gets the fix
 * "Remove Flatten". Null when the layer's message is not of that kind.
 */
function flatInputCause(
  node: GraphNode,
  edges: { source: string }[],
  byId: Map<string, GraphNode>,
  incoming: Map<string, { source: string }[]>,
  shapes: Map<string, ShapeResult>,
  result: Extract<ShapeResult, { ok: false }>,
): { message: string; messageId: string; params: MessageParams; fix?: ProblemFix } | null {
  if (edges.length !== 1) return null;
  const source = byId.get(edges[0].source);
  const input = shapes.get(edges[0].source);
  if (!source || isInputType(source.type) || !input?.ok || input.shape.length !== 2) return null;
  // The layer's words: "<layer> needs an image (or sequence) input shaped …; got (None, 64). <advice>"
  const kind = result.messageId === 'shape.needsImage.flat' ? 'image' : result.messageId === 'shape.needsSequence.flat' ? 'sequence' : null;
  if (!kind || result.params?.got !== formatShape(input.shape)) return null;
  const head = { layer: result.params.layer, got: result.params.got, headId: kind === 'image' ? 'shape.needsImage' : 'shape.needsSequence' };
  const before = (incoming.get(source.id) ?? []).map((e) => shapes.get(e.source));
  const flattened = before.length === 1 && before[0]?.ok && before[0].shape.length >= 3 ? before[0].shape : null;
  if (source.type === 'Flatten' && flattened) {
    return {
      ...shapeFailure(flattened.length === 4 ? 'shape.flatCause.flatten.image' : 'shape.flatCause.flatten.sequence', head),
      fix: makeFix({ id: 'fix.removeLayer', params: { layer: 'Flatten' } }, { kind: 'remove-layer', nodeId: source.id }),
    } as { message: string; messageId: string; params: MessageParams; fix: ProblemFix };
  }
  return shapeFailure(kind === 'image' ? 'shape.flatCause.other.image' : 'shape.flatCause.other.sequence', { ...head, source: label(source), node: label(node) }) as { message: string; messageId: string; params: MessageParams };
}

interface Structure {
  problems: GraphProblem[];
  shapes: Map<string, ShapeResult>;
  /** The single output node when the structure is sound enough for the data checks. */
  output: GraphNode | null;
}

function checkStructure(graph: Graph, plan: ModelPlan): Structure {
  const problems: GraphProblem[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(graph);
  const outgoing = outgoingEdges(graph);

  for (const edge of graph.edges) {
    const missing = !byId.has(edge.source) ? edge.source : !byId.has(edge.target) ? edge.target : null;
    if (missing !== null) {
      problems.push({ code: 'dangling-edge', severity: 'error', edgeId: edge.id, ...problemWords('problem.dangling-edge', { missing }) });
    }
  }

  const blocked = new Set<string>();
  for (const node of graph.nodes) {
    const def = getLayer(node.type);
    if (!def) {
      problems.push({ code: 'unknown-layer', severity: 'error', nodeId: node.id, ...problemWords('problem.unknown-layer', { type: node.type }) });
      blocked.add(node.id);
      continue;
    }
    for (const p of plan.paramProblems.get(node.id) ?? []) {
      problems.push({ code: 'invalid-param', severity: 'error', nodeId: node.id, field: p.field, message: p.message, messageId: p.messageId, params: p.params });
      blocked.add(node.id);
    }
  }

  const inputs = graph.nodes.filter((n) => isInputType(n.type));
  if (graph.nodes.length === 0) {
    problems.push({ code: 'no-input', severity: 'error', ...problemWords('problem.no-input.empty') });
    return { problems, shapes: new Map(), output: null };
  }
  if (inputs.length === 0) {
    problems.push({ code: 'no-input', severity: 'error', ...problemWords('problem.no-input') });
  }
  for (const extra of inputs.slice(1)) {
    problems.push({
      code: 'multiple-inputs',
      severity: 'error',
      nodeId: extra.id,
      ...problemWords('problem.multiple-inputs'),
    });
  }

  const cyclic = cycleNodes(graph);
  for (const id of cyclic) {
    problems.push({ code: 'cycle', severity: 'error', nodeId: id, ...problemWords('problem.cycle.node', { layer: label(byId.get(id)!) }) });
    blocked.add(id);
  }
  for (const edge of graph.edges) {
    if (cyclic.has(edge.source) && cyclic.has(edge.target)) {
      problems.push({ code: 'cycle', severity: 'error', edgeId: edge.id, ...problemWords('problem.cycle.edge') });
    }
  }

  const nextIds = new Map(graph.nodes.map((n) => [n.id, (outgoing.get(n.id) ?? []).map((e) => e.target)]));
  const prevIds = new Map(graph.nodes.map((n) => [n.id, (incoming.get(n.id) ?? []).map((e) => e.source)]));
  const fromInput = forwardReach(inputs.slice(0, 1).map((n) => n.id), nextIds);
  const sinks = graph.nodes.filter((n) => (outgoing.get(n.id)?.length ?? 0) === 0 && !cyclic.has(n.id));
  const outputs = sinks.filter((n) => fromInput.has(n.id) && !isInputType(n.type));
  const toOutput = forwardReach(outputs.map((n) => n.id), prevIds);

  if (inputs.length > 0 && outputs.length === 0 && cyclic.size === 0) {
    problems.push({ code: 'no-output', severity: 'error', nodeId: inputs[0].id, ...problemWords('problem.no-output') });
  }
  if (outputs.length > 1) {
    for (const out of outputs) {
      problems.push({
        code: 'multiple-outputs',
        severity: 'error',
        nodeId: out.id,
        ...problemWords('problem.multiple-outputs', { count: outputs.length, layer: label(out) }),
      });
    }
  }

  const disconnected = new Set<string>();
  if (inputs.length > 0) {
    for (const node of graph.nodes) {
      if (isInputType(node.type) && node !== inputs[0]) continue;
      if (cyclic.has(node.id)) continue;
      if (!fromInput.has(node.id)) {
        disconnected.add(node.id);
        problems.push({ code: 'disconnected', severity: 'error', nodeId: node.id, ...problemWords('problem.disconnected.fromInput', { layer: label(node) }) });
      } else if (outputs.length > 0 && !toOutput.has(node.id)) {
        disconnected.add(node.id);
        problems.push({ code: 'disconnected', severity: 'error', nodeId: node.id, ...problemWords('problem.disconnected.toOutput', { layer: label(node) }) });
      }
    }
  }

  for (const node of graph.nodes) {
    const def = getLayer(node.type);
    if (!def || cyclic.has(node.id)) continue;
    const count = incoming.get(node.id)?.length ?? 0;
    if (count < def.arity.min || count > def.arity.max) {
      blocked.add(node.id);
      // A lone node already carries "disconnected"; saying it also lacks inputs adds nothing.
      if (count === 0 && disconnected.has(node.id)) continue;
      problems.push({ code: 'arity', severity: 'error', nodeId: node.id, ...arityWords(def.label, def.arity, count) });
    }
  }

  // The plan's one shape walk (src/shared/graph/plan.ts), in its topological order.
  const shapes = plan.shapes;
  for (const { nodeId: id } of plan.nodes) {
    if (blocked.has(id)) continue;
    const result = shapes.get(id);
    if (!result || result.ok) continue;
    const inputsOk = (incoming.get(id) ?? []).every((e) => shapes.get(e.source)?.ok);
    if (!inputsOk) continue;
    const field = getLayer(byId.get(id)!.type)?.shapeParam;
    const flatCause = flatInputCause(byId.get(id)!, incoming.get(id) ?? [], byId, incoming, shapes, result);
    const words = flatCause ?? result;
    problems.push({
      code: 'shape-mismatch',
      severity: 'error',
      nodeId: id,
      message: words.message,
      ...(words.messageId ? { messageId: words.messageId, params: words.params ?? {} } : {}),
      ...(field ? { field } : {}),
      ...(flatCause?.fix ? { fix: flatCause.fix } : {}),
    });
  }

  // A Dense fed an image acts on its channels axis alone and keeps the image axes (legal in Keras,
  // rarely meant): people building a CNN want the image flattened or pooled first (issue 14). The
  // same holds for the sequence out of a 1-D convolution or pooling layer; a Dense on other
  // sequences (rank 3) is a deliberate Keras pattern and is left alone.
  for (const node of graph.nodes) {
    const edges = incoming.get(node.id) ?? [];
    const result = shapes.get(node.id);
    if (node.type !== 'Dense' || blocked.has(node.id) || edges.length !== 1 || !result?.ok) continue;
    const input = shapes.get(edges[0].source);
    if (!input?.ok) continue;
    const source = getLayer(graph.nodes.find((n) => n.id === edges[0].source)?.type ?? '');
    const sequence = input.shape.length === 3 && (source?.category === 'Convolution' || source?.category === 'Pooling');
    if (input.shape.length !== 4 && !sequence) continue;
    problems.push({
      code: sequence ? 'dense-on-sequence' : 'dense-on-image',
      severity: 'warning',
      nodeId: node.id,
      ...problemWords(sequence ? 'problem.dense-on-sequence' : 'problem.dense-on-image', { layer: label(node), input: formatShape(input.shape), output: formatShape(result.shape) }),
      fix: makeFix({ id: 'fix.insertLayerBefore', params: { insert: 'Flatten', layer: label(node) } }, { kind: 'insert-layer', source: edges[0].source, target: node.id, layerType: 'Flatten' }),
    });
  }

  const sound = inputs.length === 1 && outputs.length === 1 && cyclic.size === 0;
  return { problems, shapes, output: sound ? outputs[0] : null };
}

/** The layer that decides the output's activation and width, looking back through layers that change neither. */
function outputHead(graph: Graph, output: GraphNode, plan: ModelPlan): { activationNode: GraphNode | null; activation: string; widthNode: GraphNode | null } {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const incoming = incomingEdges(graph);
  let activationNode: GraphNode | null = null;
  let activation = 'linear';
  let node: GraphNode | undefined = output;
  let widthNode: GraphNode | null = null;
  while (node) {
    const def = getLayer(node.type);
    if (!def) break;
    // The plan's resolved params (resolved once per plan); the node is on the path to the output.
    const params = plan.byId.get(node.id)?.params ?? resolveParams(def, node.params);
    // The registry's `head` facts: Dense decides width and activation, Activation the activation, Dropout neither.
    const head = def.head;
    if (!head) break;
    const applied = head.activationParam ? (params[head.activationParam] as string) : null;
    if (head.decidesWidth) {
      if (activationNode === null && applied !== null) {
        activationNode = node;
        activation = applied;
      }
      widthNode = node;
      break;
    }
    if (activationNode === null && applied !== null && applied !== 'linear') {
      activationNode = node;
      activation = applied;
    }
    const sources: { source: string }[] = incoming.get(node.id) ?? [];
    node = sources.length === 1 ? byId.get(sources[0].source) : undefined;
  }
  return { activationNode: activationNode ?? widthNode ?? output, activation, widthNode };
}

/** The labels as the loss reads them, in words ("one class number per image": a message id of problem-text.ts), and the output width they need. */
function labelsInWords(data: DataInfo, loss: LossName | undefined, units: number): { labelsId: GraphMessageId; labelWidth: number; need: number } {
  const need = planTargets(data, loss, units).units;
  const per = data.inputShape && data.inputShape.length === 3 ? 'image' : 'example';
  const kind = data.task === 'regression' ? 'regression' : data.labelEncoding === 'onehot' ? 'onehot' : 'index';
  return { labelsId: `problem.labels.${kind}.${per}`, labelWidth: data.labelWidth, need };
}

/**
 * `output-keeps-axes`: the model's output has rank > 2 (e.g. `(None, 6, 6, 10)` from a Dense
 * straight after a Conv2D) while the labels are one row per example. Pinned to the Dense that
 * keeps the axes, with the fix "Insert Flatten before it", when there is one; otherwise to the
 * output, naming what to add.
 */
function outputKeepsAxes(graph: Graph, output: GraphNode, dense: GraphNode | null, outShape: (number | null)[], structure: Structure, data: DataInfo, loss: LossName | undefined): GraphProblem {
  const units = outShape[outShape.length - 1] ?? 0;
  const { labelsId, labelWidth, need } = labelsInWords(data, loss, units);
  const edges = dense ? graph.edges.filter((e) => e.target === dense.id) : [];
  const input = edges.length === 1 ? structure.shapes.get(edges[0].source) : undefined;
  if (dense && input?.ok && input.shape.length > 2) {
    const variant = input.shape.length === 4 ? 'image' : input.shape.length === 3 ? 'sequence' : 'other';
    return {
      code: 'output-keeps-axes',
      severity: 'error',
      nodeId: dense.id,
      ...problemWords(`problem.output-keeps-axes.dense.${variant}`, { layer: label(dense), input: formatShape(input.shape), output: formatShape(outShape), labelsId, labelWidth }),
      fix: makeFix({ id: 'fix.insertLayerBefore', params: { insert: 'Flatten', layer: label(dense) } }, { kind: 'insert-layer', source: edges[0].source, target: dense.id, layerType: 'Flatten' }),
    };
  }
  const pooling = outShape.length === 3 ? 'GlobalAveragePooling1D' : 'GlobalAveragePooling2D';
  return {
    code: 'output-keeps-axes',
    severity: 'error',
    nodeId: output.id,
    ...problemWords(outShape.length <= 4 ? 'problem.output-keeps-axes.output.pooling' : 'problem.output-keeps-axes.output.plain', {
      output: formatShape(outShape),
      labelsId,
      labelWidth,
      need: formatShape([null, need]),
      layer: label(output),
      ...(outShape.length <= 4 ? { pooling } : {}),
    }),
  };
}

function setActivationFix(node: GraphNode, activation: string): ProblemFix {
  return makeFix({ id: 'fix.setActivation', params: { activation, layer: label(node) } }, { kind: 'set-activation', nodeId: node.id, activation });
}

function checkAgainstData(graph: Graph, structure: Structure, context: ValidationContext, plan: ModelPlan): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const { data, training } = context;
  const output = structure.output;
  if (!output) return problems;

  const input = graph.nodes.find((n) => isInputType(n.type))!;
  if (data) {
    const shape = (plan.byId.get(input.id)?.params ?? resolveParams(getLayer(input.type)!, input.params)).shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    // Image data (issue 14) suggests its own [height, width, channels]; flat rows their width.
    const want = data.inputShape ?? [data.numFeatures];
    const fix = makeFix({ id: 'fix.setInputShape', params: { shape: `[${want.join(', ')}]` } }, { kind: 'set-input-shape', nodeId: input.id, size: data.numFeatures, ...(data.inputShape ? { shape: [...data.inputShape] } : {}) });
    if (size !== data.numFeatures) {
      problems.push({
        code: 'input-vs-features',
        severity: 'error',
        nodeId: input.id,
        field: 'shape',
        ...problemWords(`problem.input-vs-features.${size === 1 ? 'one' : 'many'}.${data.inputShape ? 'image' : 'flat'}`, {
          expected: shape.length === 1 ? shape[0] : `[${shape.join(', ')}] = ${size}`,
          got: data.numFeatures,
          ...(data.inputShape ? { imageShape: `[${data.inputShape.join(', ')}]` } : {}),
        }),
        fix,
      });
    }
    // A shape of the same size is fine: the trainer reshapes each flat row to it, row-major
    // (a CSV of 784 pixel columns can feed an Input of [28, 28, 1]; images a flat [784]).
  }

  const outResult = structure.shapes.get(output.id);
  if (!outResult?.ok) return problems;
  const outShape = outResult.shape;
  const units = outShape[outShape.length - 1];
  const head = outputHead(graph, output, plan);
  const actNode = head.activationNode ?? output;
  const width = head.widthNode;
  const loss = training?.loss;

  if (data && outShape.length > 2) {
    // Labels are one row per example (class number, one-hot row or target values), so an output
    // that keeps image or sequence axes can never be compared with them: the trainer would fail
    // with a bare tensor-size error (trial 5 F6). Refused here, with the fix.
    problems.push(outputKeepsAxes(graph, output, head.widthNode, outShape, structure, data, loss));
  }

  const unitsFix = (n: number) => (width ? { fix: makeFix({ id: 'fix.setUnits', params: { layer: label(width), units: n } }, { kind: 'set-units', nodeId: width.id, units: n }) } : {});
  const lossFix = (to: LossName) => ({ fix: makeFix({ id: 'fix.setLoss', params: { lossId: lossNameKey(to) } }, { kind: 'set-loss', loss: to }) });

  if (data?.task === 'classification') {
    const classes = classCount(data);
    // One unit on two classes is a yes/no output: binary crossentropy fits it whatever the label encoding (see planTargets).
    const dataLabels = data.labelEncoding === 'onehot' ? 'onehot' : 'index';
    const properLoss = lossForLabels(classes === 2 && units === 1 ? 'binary' : dataLabels);
    const lossLabels = loss === undefined ? undefined : getLoss(loss).labels;

    if (lossLabels === 'index' && data.labelEncoding === 'onehot') {
      problems.push({
        code: 'onehot-with-sparse-loss',
        // Pinned to the loss setting: shown under it, with its fix.
        field: 'loss',
        severity: 'error',
        ...problemWords('problem.onehot-with-sparse-loss', { columns: data.labelWidth }),
        ...lossFix(lossForLabels('onehot')),
      });
    } else if (lossLabels === 'onehot' && data.labelEncoding !== 'onehot') {
      problems.push({
        code: 'index-labels-with-categorical-loss',
        // Pinned to the loss setting: shown under it, with its fix.
        field: 'loss',
        severity: 'error',
        ...problemWords('problem.index-labels-with-categorical-loss'),
        ...lossFix(lossForLabels('index')),
      });
    } else if (lossLabels === 'binary' && classes > 2) {
      problems.push({
        code: 'binary-loss-multiclass',
        // Pinned to the loss setting: shown under it, with its fix.
        field: 'loss',
        severity: 'error',
        ...problemWords(data.labelEncoding === 'onehot' ? 'problem.binary-loss-multiclass.onehot' : 'problem.binary-loss-multiclass.index', { classes }),
        ...lossFix(lossForLabels(dataLabels)),
      });
    }

    if (loss) {
      // One plan gives the number the message quotes and the number the fix sets.
      const plan = planTargets(data, loss, units ?? 0);
      const need = plan.units;
      const lossFitsData = !problems.some((p) => p.code === 'onehot-with-sparse-loss' || p.code === 'index-labels-with-categorical-loss' || p.code === 'binary-loss-multiclass');
      if (lossFitsData && units !== need) {
        const positive = data.classNames?.[1] ?? '1';
        // A regression loss on classes: the loss is what to fix, whatever the output's width (setting
        // the units for a regression loss would treat the classes as numbers); once the loss is
        // right, the units are checked against it.
        const lossIsTheFix = !isClassificationLoss(loss) && plan.basis !== 'binary';
        problems.push({
          // Its own code when the loss is the fix: once the loss is right, the units are checked
          // again against it (and may be wrong too — that is then the next problem, with its fix).
          code: lossIsTheFix ? 'regression-loss-units-vs-classes' : 'output-units-vs-classes',
          severity: 'error',
          nodeId: width?.id ?? output.id,
          ...(width ? { field: 'units' } : {}),
          ...(plan.basis === 'binary'
            ? problemWords('problem.units-vs-classes.binary', { classes, positive, need, units: String(units) })
            : lossIsTheFix
              ? // The loss, not the layer, is what a learner most likely got wrong: say so, and fix that.
                problemWords('problem.units-vs-classes.regressionLoss', { lossId: lossNameKey(loss), classes, need, units: String(units), properId: lossNameKey(properLoss) })
              : problemWords(plan.basis === 'per-class' ? (need === classes ? 'problem.units-vs-classes.perClass' : 'problem.units-vs-classes.perColumn') : 'problem.units-vs-classes.perExample', { classes, need, units: String(units) })),
          ...(lossIsTheFix ? lossFix(properLoss) : unitsFix(need)),
        });
      }
      const unitsProblemNamesLoss = problems.some((p) => p.code === 'regression-loss-units-vs-classes');

      if (!isClassificationLoss(loss) && head.activation === 'softmax') {
        problems.push({
          code: 'softmax-with-mse',
          severity: 'warning',
          nodeId: actNode.id,
          ...problemWords('problem.softmax-with-mse', { lossId: lossNameKey(loss) }),
          ...lossFix(properLoss),
        });
      } else if (!isClassificationLoss(loss) && !unitsProblemNamesLoss) {
        problems.push({
          code: 'regression-loss-on-classes',
          // Pinned to the loss setting: shown under it, with its fix.
          field: 'loss',
          severity: 'warning',
          ...problemWords('problem.regression-loss-on-classes', { lossId: lossNameKey(loss) }),
          ...lossFix(properLoss),
        });
      }

      if (lossLabels !== 'binary' && head.activation === 'sigmoid' && classes > 2) {
        problems.push({
          code: 'sigmoid-multiclass',
          severity: 'warning',
          nodeId: actNode.id,
          ...problemWords('problem.sigmoid-multiclass', { classes }),
          fix: setActivationFix(actNode, 'softmax'),
        });
      }

      // mae/mse on class numbers against a per-class output average |class index − probability|:
      // a number that means nothing (trial 5 F2). On one-hot or 0/1 labels they are a
      // (Brier-like) error of the probabilities, and stay.
      const numberMetrics = (training?.metrics ?? []).filter((id) => getMetric(id).measures === 'numbers');
      if (isClassificationLoss(loss) && data.labelEncoding !== 'onehot' && (units ?? 0) > 1 && numberMetrics.length > 0) {
        const names = numberMetrics.map((id) => getMetric(id).label).join(' and ');
        const plural = numberMetrics.length > 1;
        problems.push({
          code: 'metric-vs-labels',
          // Pinned to the metrics setting: shown with the loss problems, with its fix.
          field: 'metrics',
          severity: 'warning',
          ...problemWords(plural ? 'problem.metric-vs-labels.many' : 'problem.metric-vs-labels.one', { metrics: names, max: classes - 1, units: String(units) }),
          fix: makeFix({ id: 'fix.useAccuracy', params: { metrics: names } }, { kind: 'set-metrics', metrics: metricsFittingLoss(training!.metrics, loss) }),
        });
      }

      const lossOutput = getLoss(loss).output;
      if (lossOutput !== 'any' && head.activation !== 'softmax' && head.activation !== 'sigmoid') {
        const wanted = lossOutput;
        problems.push({
          code: 'linear-output-on-classification',
          severity: 'error',
          nodeId: actNode.id,
          ...problemWords('problem.linear-output-on-classification', { activation: head.activation, lossId: lossNameKey(loss), wanted }),
          fix: setActivationFix(actNode, wanted),
        });
      }
    }
  } else if (data?.task === 'regression') {
    if (units !== data.labelWidth) {
      problems.push({
        code: 'output-units-vs-targets',
        severity: 'error',
        nodeId: width?.id ?? output.id,
        ...(width ? { field: 'units' } : {}),
        ...problemWords('problem.output-units-vs-targets', { targets: data.labelWidth, units: String(units) }),
        ...unitsFix(data.labelWidth),
      });
    }
    if (loss && isClassificationLoss(loss)) {
      // A numeric label that looks like classes (the CSV import's own test) was likely imported as
      // numbers by mistake: the way out is to import it as classes, not to give up the loss.
      const values = data.y && data.rows ? looksLikeClassValues(Array.from({ length: data.rows }, (_, r) => data.y![r * data.labelWidth])) : null;
      problems.push(
        values
          ? {
              code: 'classification-loss-on-numeric-classes',
              severity: 'error',
              ...problemWords('problem.classification-loss-on-numeric-classes', { values: values.join(', '), lossId: lossNameKey(loss) }),
            }
          : {
              code: 'classification-loss-on-regression',
              severity: 'error',
              ...problemWords('problem.classification-loss-on-regression', { lossId: lossNameKey(loss) }),
              ...lossFix('meanSquaredError'),
            },
      );
    } else if (head.activation === 'softmax' || head.activation === 'sigmoid') {
      problems.push({
        code: 'squashed-output-on-regression',
        severity: 'warning',
        nodeId: actNode.id,
        ...problemWords('problem.squashed-output-on-regression', { activation: head.activation }),
        fix: setActivationFix(actNode, 'linear'),
      });
    }
  }

  if (units === 1 && head.activation === 'softmax') {
    problems.push({
      code: 'softmax-single-unit',
      severity: 'warning',
      nodeId: actNode.id,
      ...problemWords('problem.softmax-single-unit'),
      fix: setActivationFix(actNode, 'sigmoid'),
    });
  }

  return problems;
}

/**
 * Checks the whole graph: structure (one Input, one output, no loops, every node on the path,
 * the right number of inputs), parameters, shapes, and — when the data and training settings are
 * given — whether the model, the labels and the loss agree. Every problem names the node or edge
 * it belongs to and, where there is one, a fix the UI can apply with `applyFix`. Shapes and
 * param checks are read from `plan`, which must be `graph`'s (`planGraph`/`planOf`); a caller
 * that has the plan passes it, so the graph is walked once.
 */
export function validateGraph(graph: Graph, context: ValidationContext = {}, plan: ModelPlan = planGraph(graph)): GraphProblem[] {
  const structure = checkStructure(graph, plan);
  const againstData = checkAgainstData(graph, structure, context, plan);
  // The output-keeps-axes error says what the dense-on-image/sequence warning on the same layer says, and more.
  const refused = new Set(againstData.filter((p) => p.code === 'output-keeps-axes').map((p) => p.nodeId));
  const kept = structure.problems.filter((p) => !((p.code === 'dense-on-image' || p.code === 'dense-on-sequence') && refused.has(p.nodeId)));
  return [...kept, ...againstData, ...checkPipelineOverlap(plan, context.data)];
}
