import type { GraphNode } from '../../../shared/graph/types';
import type { GeneratorName, LossName, OptimizerName } from '../../../shared/project/schema';
import { predictedPoint } from '../store/lastPrediction';
import type { LessonState } from './types';

/**
 * The building blocks of lesson checks: each reads the app's state and answers whether it is so.
 * They read the document as the editor keeps it (node types and params, edges, training settings,
 * dataset), the run store's status and the Predict panel's last prediction.
 */

type Check = (state: LessonState) => boolean;

const nodesOf = (state: LessonState, type: string): GraphNode[] => state.doc.graph.nodes.filter((n) => n.type === type);

const sameShape = (value: unknown, shape: readonly number[]): boolean =>
  Array.isArray(value) && value.length === shape.length && value.every((d, i) => d === shape[i]);

/** The node is an Input whose shape (per example, without the batch axis) is `shape`. */
export const isInputWithShape = (node: GraphNode, shape: readonly number[]): boolean => node.type === 'Input' && sameShape(node.params.shape, shape);

/** The node is a Dense layer with `units` outputs and, when given, that activation. */
export const isDense = (node: GraphNode, units: number, activation?: string): boolean =>
  node.type === 'Dense' && node.params.units === units && (activation === undefined || node.params.activation === activation);

/** The graph has a node of this type. */
export const hasNode =
  (type: string): Check =>
  (state) =>
    nodesOf(state, type).length > 0;

/** The graph has a node that passes `test`. */
export const hasNodeWhere =
  (test: (node: GraphNode) => boolean): Check =>
  (state) =>
    state.doc.graph.nodes.some(test);

/** The graph has an edge from a node passing `from` to a node passing `to` (a direct connection). */
export const hasEdge =
  (from: (node: GraphNode) => boolean, to: (node: GraphNode) => boolean): Check =>
  (state) => {
    const byId = new Map(state.doc.graph.nodes.map((n) => [n.id, n]));
    return state.doc.graph.edges.some((e) => {
      const source = byId.get(e.source);
      const target = byId.get(e.target);
      return !!source && !!target && from(source) && to(target);
    });
  };

/** A chain of direct connections, each node passing its test in order (Input → Dense → Dense). */
export const hasChain =
  (...tests: ((node: GraphNode) => boolean)[]): Check =>
  (state) => {
    const { nodes, edges } = state.doc.graph;
    const next = (id: string) => edges.filter((e) => e.source === id).map((e) => nodes.find((n) => n.id === e.target)).filter((n): n is GraphNode => !!n);
    const walk = (node: GraphNode, i: number): boolean => i === tests.length - 1 || next(node.id).some((n) => tests[i + 1](n) && walk(n, i + 1));
    return nodes.some((n) => tests[0](n) && walk(n, 0));
  };

export const optimizerIs =
  (type: OptimizerName): Check =>
  (state) =>
    state.doc.training.optimizer.type === type;

export const lossIs =
  (loss: LossName): Check =>
  (state) =>
    state.doc.training.loss === loss;

/**
 * The metrics are exactly these, in any order (Keras `compile(metrics=[...])`): a metric left
 * ticked from the new project's default (`mae`) does not pass a step that asks for accuracy only.
 */
export const metricsAre =
  (...metrics: string[]): Check =>
  (state) => {
    const chosen = state.doc.training.metrics as readonly string[];
    return chosen.length === metrics.length && metrics.every((m) => chosen.includes(m));
  };

/** fit()'s epochs and batch size are these (Keras `model.fit(..., epochs, batch_size)`). */
export const fitIs =
  (epochs: number, batchSize: number): Check =>
  (state) =>
    state.doc.training.epochs === epochs && state.doc.training.batchSize === batchSize;

/** The data is the built-in generator of this name. */
export const generatorIs =
  (generator: GeneratorName): Check =>
  (state) =>
    state.doc.dataset.kind === 'generator' && state.doc.dataset.generator === generator;

/** The run shown completed all its epochs (stopped, diverged or failed runs do not count). */
export const runCompleted: Check = (state) => state.run.runId !== null && state.run.status === 'done';

/** The Predict panel answered for the one input `x`, with the model of the run shown. */
export const predictedFor =
  (x: number): Check =>
  (state) =>
    predictedPoint(state.lastPrediction, state.run.runId)?.x === x;

/** All of the checks hold. */
export const all =
  (...checks: Check[]): Check =>
  (state) =>
    checks.every((c) => c(state));

/**
 * The step a lesson shows for this state when it was at `index`: the first earlier step whose
 * check no longer holds (the learner undid it, deleted the layer, changed the setting back), or
 * `index` when every earlier step still holds. Checks re-run on every state change, so a lesson
 * moves back as soon as an earlier step is undone. The last step (the lesson's closing words)
 * never moves back: there the learner is free to explore (predict 6, change the model).
 */
export function stepToShow(lesson: { steps: readonly { check?: Check }[] }, state: LessonState, index: number): number {
  if (index >= lesson.steps.length - 1) return index;
  for (let i = 0; i < index; i++) {
    const check = lesson.steps[i].check;
    if (check && !check(state)) return i;
  }
  return index;
}

/**
 * Trial 10 (21): every lesson builds its model from an empty canvas, so layers already there
 * (another project's Input [2], its Dense layers) would confuse its checks. True while the project
 * has layers and the lesson has not yet reached past its first building step (`input`): the panel
 * then says to start from a new project, for every lesson alike.
 */
export function needsNewProject(lesson: { steps: readonly { id: string }[] }, state: LessonState, index: number): boolean {
  const firstBuild = lesson.steps.findIndex((s) => s.id === 'input');
  return state.doc.graph.nodes.length > 0 && index <= (firstBuild < 0 ? 0 : firstBuild);
}
