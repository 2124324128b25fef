import { codegenProblemList, codegenWords, englishCodegen } from './messages';
import type { GraphProblem } from '../api/contract';
import type { MessageParams } from '../graph/problem-text';
import type { CsvDataset } from '../project/schema';
import { planGraph, type ModelPlan } from '../graph/plan';
import { validateGraph } from '../graph/validate';
import type { LayerDefinition, TfjsLayerConfig } from '../layers/types';
import type { Project } from '../project/schema';
import { preprocessingFor, type Preprocessing } from '../data/preprocess';
import { imageDataInfo } from '../data/images';
import { csvDataInfo } from '../data/csv';
import { generatorInfo } from '../data/generators';
import { SPLIT_STREAM_SALT, splitSeed, type SplitMode } from '../data/split';
import { planTargets } from '../data/targets';

/** One layer of the model in the order code must create it, with everything an emitter needs. */
export interface PlannedLayer {
  nodeId: string;
  /** The same name the app's compiled model and summary use. */
  name: string;
  /** A valid identifier for the layer's output tensor in generated code. */
  variable: string;
  type: string;
  /** The layer's registry entry: its role and its generated code. */
  def: LayerDefinition;
  params: Record<string, unknown>;
  tfjs: TfjsLayerConfig;
  inputs: string[];
  isOutput: boolean;
}

/**
 * Code cannot be generated. Issue 16: raised with words (`codegenWords`), it carries `messageId`
 * and `params` beside the English `message`; for `codegen.problems`, `problems` are the graph
 * problems themselves, so the UI words each in its language (`codegenProblemList`).
 */
export class CodegenError extends Error {
  readonly messageId?: string;
  readonly params?: MessageParams;
  readonly problems?: GraphProblem[];
  constructor(message: string | ReturnType<typeof codegenWords>, problems?: GraphProblem[]) {
    super(typeof message === 'string' ? message : message.message);
    this.name = 'CodegenError';
    if (typeof message !== 'string') {
      this.messageId = message.messageId;
      this.params = message.params;
    }
    if (problems) this.problems = problems;
  }
}

/** The graph's plan (src/shared/graph/plan.ts) as code needs it, refusing what cannot be generated (unknown layers, cycles, problems). */
export function planLayers(project: Project, plan: ModelPlan = planGraph(project.graph)): PlannedLayer[] {
  const graph = project.graph;
  if (plan.cyclic.length) throw new CodegenError(codegenWords('codegen.cycle', { nodes: plan.cyclic.join(', ') }));
  if (plan.nodes.length === 0) throw new CodegenError(codegenWords('codegen.empty'));
  const errors = validateGraph(graph, {}, plan).filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new CodegenError(codegenWords('codegen.problems', { count: errors.length, list: codegenProblemList(errors, englishCodegen, (p) => p.message) }), errors);
  }
  const variables = new Map<string, string>();
  return plan.nodes.map((n) => {
    if (!n.def || !n.tfjs) throw new CodegenError(codegenWords('codegen.unknownLayer', { node: n.nodeId, type: n.node.type }));
    const variable = n.name.replace(/[^A-Za-z0-9_]/g, '_');
    variables.set(n.nodeId, variable);
    return {
      nodeId: n.nodeId,
      name: n.name,
      variable,
      type: n.node.type,
      def: n.def,
      params: n.params,
      tfjs: n.tfjs,
      inputs: n.sources.map((s) => variables.get(s)!),
      isOutput: n.isOutput,
    };
  });
}

/** Text safe inside a `//` or `#` comment: line breaks (including U+2028/U+2029, which end a JavaScript line) become spaces. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

export function snakeCase(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/** A string literal safe in both Python and TypeScript source. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

/**
 * What a generated script needs to read a CSV file as the app does: parse settings and labels.
 * The features go through the project's preprocessing pipeline (`preprocessingFor`), which each
 * script embeds as the same step list and interprets with the same semantics.
 */
export function csvScriptSpec(d: CsvDataset) {
  return {
    delimiter: d.delimiter,
    header: d.header,
    columns: d.columns,
    /** Issue 12: how the file's bytes become text and how it writes numbers (defaults when absent). */
    text: d.text ?? { encoding: 'utf-8', skipLines: 0 },
    numberFormat: d.numberFormat ?? { decimal: '.', thousands: '' },
    labelEncoding: d.labelEncoding,
    classNames: d.transform.classNames ?? null,
  };
}

/** The project's preprocessing pipeline as generated code embeds it (src/shared/data/preprocess.ts). */
export function scriptPreprocessing(project: Project): Preprocessing {
  return preprocessingFor(project.dataset);
}

/**
 * How a generated script must hold out rows and shape its labels so that it trains and
 * validates on the very rows the app does (issue 9): the split settings (`stratified` only for
 * classification, as `splitRows` does), the split seed, and whether the loss compares one 0/1
 * column with two-class one-hot labels (`planTargets`).
 */
export interface ScriptSplitSpec {
  mode: SplitMode;
  validationSplit: number;
  testSplit: number;
  seed: number;
  /** XOR-ed into the seed for the split's own random stream (see `splitPermutation`). */
  streamSalt: number;
  binaryColumn: boolean;
}

/** `plan` must be `project.graph`'s; the generators pass the one they made the layers from. */
export function scriptSplitSpec(project: Project, plan: ModelPlan = planGraph(project.graph)): ScriptSplitSpec {
  const t = project.training;
  const data = project.dataset.kind === 'generator' ? generatorInfo(project.dataset) : project.dataset.kind === 'csv' ? csvDataInfo(project.dataset) : imageDataInfo(project.dataset);
  const mode = t.splitMode === 'stratified' && data.task !== 'classification' ? 'shuffle' : t.splitMode;
  const outputs = plan.nodes.filter((n) => n.isOutput);
  const outShape = outputs.length === 1 && outputs[0].output.ok ? outputs[0].output.shape : null;
  const units = outShape ? (outShape[outShape.length - 1] ?? 0) : 0;
  return {
    mode,
    validationSplit: t.validationSplit,
    testSplit: t.testSplit,
    seed: splitSeed(t),
    streamSalt: SPLIT_STREAM_SALT,
    binaryColumn: planTargets(data, t.loss, units).labels === 'binary-column',
  };
}

