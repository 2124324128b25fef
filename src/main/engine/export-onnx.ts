import { base64ToFloat32 } from '../../shared/project/base64';
import type { Project, WeightTensor } from '../../shared/project/schema';
import { planGraph } from '../../shared/graph/plan';
import { validateGraph } from '../../shared/graph/validate';
import { preprocessingFor } from '../../shared/data/preprocess';
import { ServiceError } from '../services/errors';
import { decideExportPreprocessing, exportedPreprocessing, foldZscore, type ExportPreprocessing } from './export-model';
import { OnnxGraphBuilder, ONNX_IR_VERSION, ONNX_OPSET, type Dim } from './onnx/builder';

/** What an ONNX export produced besides its bytes. */
export interface OnnxExportNotes {
  opset: number;
  irVersion: number;
  /** Graph inputs: one per Input layer, named after it, `[batch, ...shape]` float32 with a symbolic batch. */
  inputs: { name: string; shape: Dim[] }[];
  /** Graph outputs: one per layer that feeds nothing, named after it. */
  outputs: { name: string; shape: Dim[] }[];
  /** The same decision as the TF.js export: z-score folded into the first Dense layer(s), pixel scaling as Mul/Add at the input, or stated as preprocessing.json. */
  preprocessing: ExportPreprocessing;
}

export interface OnnxExport {
  /** The encoded `onnx.ModelProto`, to write as `model.onnx`. */
  bytes: Uint8Array;
  notes: OnnxExportNotes;
}

/** The symbolic name of every input's and output's first axis. */
export const ONNX_BATCH_DIM = 'batch';

const dims = (shape: (number | null)[]): Dim[] => shape.map((d, i) => (i === 0 || d === null ? ONNX_BATCH_DIM : d));

function decodeWeights(weights: WeightTensor[]): Map<string, { shape: number[]; values: Float32Array }> {
  const out = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const w of weights) {
    const values = base64ToFloat32(w.data);
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (!values || values.length !== size) {
      throw new ServiceError('weights-mismatch', `Weight ${w.name}: expected ${size} float32 values for shape [${w.shape.join(', ')}], the data holds ${values ? values.length : 'no valid base64 float32'}. Retrain the model.`);
    }
    out.set(w.name, { shape: w.shape, values });
  }
  return out;
}

/** Folds the z-score into the weights the decision names, through the TF.js export's own `foldZscore`. */
function foldInto(weights: Map<string, { shape: number[]; values: Float32Array }>, plan: Parameters<typeof foldZscore>[0], dense: Parameters<typeof foldZscore>[1]): void {
  const names = [...weights.keys()];
  const specs = names.map((name) => ({ name, shape: weights.get(name)!.shape, dtype: 'float32' as const }));
  const total = names.reduce((sum, name) => sum + weights.get(name)!.values.length, 0);
  const buffer = new Float32Array(total);
  let offset = 0;
  for (const name of names) {
    buffer.set(weights.get(name)!.values, offset);
    offset += weights.get(name)!.values.length;
  }
  const folded = new Float32Array(foldZscore(plan, dense, specs, buffer.buffer));
  offset = 0;
  for (const name of names) {
    const w = weights.get(name)!;
    weights.set(name, { shape: w.shape, values: folded.slice(offset, offset + w.values.length) });
    offset += w.values.length;
  }
}

/**
 * The pipeline's pixel scaling at the graph input `input` (issue 14): Mul by `scale`, then Add
 * `offset` (skipped when it is all zeros), as Keras `Rescaling` computes it; constants of one
 * value, or one per element of the last axis (broadcast, ONNX multidirectional). Returns the
 * scaled tensor's name, which the layers the Input feeds read instead of the input.
 */
function rescalingAtInput(b: OnnxGraphBuilder, input: string, r: { layer: string; scale: number[]; offset: number[] }): string {
  const scaled = b.fresh(`${r.layer}/scaled`);
  b.node('Mul', [input, b.floatConstant(`${r.layer}/scale`, [r.scale.length], r.scale)], scaled);
  if (r.offset.every((v) => v === 0)) return scaled;
  const shifted = b.fresh(`${r.layer}/shifted`);
  b.node('Add', [scaled, b.floatConstant(`${r.layer}/offset`, [r.offset.length], r.offset)], shifted);
  return shifted;
}

/**
 * The project's model with the given trained weights as an ONNX model (opset 17, IR 8): one
 * graph input per Input layer, named after it, float32 `[batch, ...shape]`; one output per
 * layer that feeds nothing. Dropout becomes Identity, BatchNormalization its inference form.
 * The preprocessing is carried as the TF.js export carries it (`decideExportPreprocessing`):
 * a z-score folded into the first Dense layer(s), image data's pixel scaling as Mul/Add right
 * after the input (the model takes raw pixels), else stated in `notes.preprocessing` (and in
 * the model's `neurite.preprocessing` metadata) for the caller to write as preprocessing.json.
 * Training settings (loss, optimizer, metrics) are not part of an ONNX model.
 *
 * `weights` are named as tfjs names them (`dense_n2/kernel`; see `encodeWeights`). Throws
 * ServiceError `invalid-graph` when the graph cannot be built, `weights-mismatch` when a weight
 * is missing, extra or of another shape.
 */
export function exportOnnx(project: Pick<Project, 'name' | 'graph' | 'dataset'>, weights: WeightTensor[], options: { producerVersion?: string } = {}): OnnxExport {
  // One plan for the whole export: validation, the preprocessing decision and the operators read it.
  const plan = planGraph(project.graph);
  const errors = validateGraph(project.graph, {}, plan).filter((p) => p.severity === 'error');
  if (errors.length) throw new ServiceError('invalid-graph', `The model cannot be exported to ONNX:\n${errors.slice(0, 5).map((p) => `- ${p.message}`).join('\n')}`);
  const byName = decodeWeights(weights);

  const decision = decideExportPreprocessing(preprocessingFor(project.dataset), plan);
  if (decision.kind === 'folded') foldInto(byName, decision.zscore, decision.dense);
  const preprocessing: ExportPreprocessing = exportedPreprocessing(decision);

  const b = new OnnxGraphBuilder();
  const tensorOf = new Map<string, string>();
  const used = new Set<string>();
  const notes: OnnxExportNotes = { opset: ONNX_OPSET, irVersion: ONNX_IR_VERSION, inputs: [], outputs: [], preprocessing };
  for (const n of plan.nodes) {
    const shape = n.output.ok ? n.output.shape : [];
    const output = b.claim(n.name);
    tensorOf.set(n.nodeId, output);
    const mapping = n.def?.onnx;
    if (!mapping) throw new ServiceError('export-failed', `Layer ${n.name}: the ONNX export has no mapping for layer type ${n.node.type}.`);
    if ('graphInput' in mapping) {
      b.input(output, dims(shape));
      notes.inputs.push({ name: output, shape: dims(shape) });
      if (decision.kind === 'rescaling') tensorOf.set(n.nodeId, rescalingAtInput(b, output, decision));
    } else {
      mapping.emit({
        b,
        node: n,
        inputs: n.sources.map((s) => tensorOf.get(s)!),
        output,
        weight(short) {
          const name = `${n.name}/${short}`;
          const w = byName.get(name);
          if (!w) throw new ServiceError('weights-mismatch', `Layer ${n.name}: weight ${name} is not in the trained weights. The graph changed since training: retrain it.`);
          used.add(name);
          return w;
        },
      });
    }
    if (n.isOutput) {
      b.output(output, dims(shape));
      notes.outputs.push({ name: output, shape: dims(shape) });
    }
  }
  const extra = [...byName.keys()].filter((name) => !used.has(name));
  if (extra.length) throw new ServiceError('weights-mismatch', `The trained weights have ${extra.slice(0, 5).join(', ')}, which the model does not use. The graph changed since training: retrain it.`);

  const metadata: Record<string, string> = {};
  if (preprocessing.kind === 'file') metadata['neurite.preprocessing'] = JSON.stringify(preprocessing.json);
  const docString =
    preprocessing.kind === 'rescaling'
      ? `Inputs are raw pixels (0 to the data's largest value, height x width x channels): the pixel scaling (x * scale + offset, Keras Rescaling) is the graph's first operators, ${preprocessing.layer}.`
      : preprocessing.kind === 'file'
      ? 'Inputs are preprocessed rows: apply the steps in this model\'s metadata (key neurite.preprocessing; the export also writes them beside the model as a .preprocessing.json / preprocessing.json file) first.'
      : 'Inputs are raw feature rows, as in the training data' + (preprocessing.kind === 'folded' ? `; the z-score normalisation is folded into ${preprocessing.layers.join(', ')}.` : '.');
  const bytes = b.encode({ graphName: project.name || 'model', producerVersion: options.producerVersion ?? '', docString, metadata });
  return { bytes, notes };
}
