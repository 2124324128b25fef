import { z } from 'zod';
import { BackendInfoSchema, CodeDataFilesSchema, ExportPreprocessingSchema, FeatureMapsSchema, LayerWeightsSchema, RawValueSchema, TrainEventSchema } from '../../shared/api/contract';
import { WireRowsSchema } from '../../shared/api/numbers';
import { CsvDatasetSchema, ImagesDatasetSchema, ProjectSchema, TrainedSchema } from '../../shared/project/schema';
import { LrFinderOptionsSchema, LrFinderProgressSchema, LrFinderResultSchema } from '../../shared/training/lr-finder';

/**
 * The messages between main (TrainerHost) and the trainer process, the same over Electron's
 * utilityProcess port and a Node child-process channel. Both sides validate what they receive:
 * a message that does not parse is dropped and logged, never acted on.
 */

const RunId = z.string().min(1).max(100);
const RequestId = z.number().int().nonnegative();
/** Issue 16: an error's words as data (see `MessageWordsFields` in the API contract). */
const WORDS = { messageId: z.string().max(200).optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() };

export const ParentMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('init') }),
  /** `tensorboard`: write the run's TensorBoard logs into `runDir` (issue 15); `logDir` is reported back for `tensorboard --logdir`. */
  z.object({ type: z.literal('start'), runId: RunId, project: ProjectSchema, resume: z.boolean().optional(), tensorboard: z.object({ runDir: z.string(), logDir: z.string() }).optional() }),
  z.object({ type: z.literal('stop'), runId: RunId }),
  z.object({ type: z.literal('predict'), requestId: RequestId, runId: RunId, inputs: z.array(z.array(RawValueSchema)) }),
  /** Export a finished run's model (layers-model JSON + weights) and its `trained` project section. */
  z.object({ type: z.literal('export'), requestId: RequestId, runId: RunId }),
  /** Export a finished run's model as ONNX (export-onnx.ts). */
  z.object({ type: z.literal('export-onnx'), requestId: RequestId, runId: RunId }),
  /** Rebuild a saved project's model from its `trained` weights and keep it under `runId` for predict/export. */
  z.object({ type: z.literal('load'), requestId: RequestId, runId: RunId, project: ProjectSchema }),
  // issue 14: interop/feature maps
  /** One raw image through the run's model: feature maps and first filters (feature-maps.ts). */
  z.object({ type: z.literal('activations'), requestId: RequestId, runId: RunId, input: z.array(RawValueSchema) }),
  /** An image dataset's .npy files for a code export (codegen/image-data.ts). */
  z.object({ type: z.literal('code-data'), requestId: RequestId, dataset: ImagesDatasetSchema, stem: z.string() }),
  // issue 15: learning-rate finder
  /** The range test on a fresh model of the project (lr-finder.ts); answered by `lr-find-result` or `request-error`. */
  z.object({ type: z.literal('lr-find'), requestId: RequestId, project: ProjectSchema, options: LrFinderOptionsSchema }),
  /** Ends the range test in progress after its current batch; it answers with the points so far. */
  z.object({ type: z.literal('lr-find-stop') }),
  // issue 16: inside the model
  /** One Dense layer's kernel and bias, as the run started and now (dense-weights.ts). */
  z.object({ type: z.literal('weights'), requestId: RequestId, runId: RunId, nodeId: z.string() }),
  /** Issue 18: the data files of a training package (the CSV as UTF-8, or the images as .npy; training-package.ts). */
  z.object({ type: z.literal('package-data'), requestId: RequestId, dataset: z.union([ImagesDatasetSchema, CsvDatasetSchema]), stem: z.string() }),
  // issue 18: import training run
  /** Read and check a training package's result for `project` (package-result.ts): a folder, or uploaded files by name. */
  z.object({
    type: z.literal('package-result'),
    requestId: RequestId,
    project: ProjectSchema,
    source: z.union([z.object({ dir: z.string().min(1) }), z.object({ files: z.record(z.string(), z.string()) })]),
  }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;

export const TrainerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: BackendInfoSchema }),
  /** The backend could not be initialised at all; the trainer exits after sending it. */
  z.object({ type: z.literal('init-error'), message: z.string() }),
  z.object({ type: z.literal('event'), event: TrainEventSchema }),
  z.object({ type: z.literal('predict-result'), requestId: RequestId, outputs: WireRowsSchema }),
  z.object({ type: z.literal('predict-error'), requestId: RequestId, code: z.string(), message: z.string(), ...WORDS }),
  z.object({
    type: z.literal('export-result'),
    requestId: RequestId,
    modelJson: z.record(z.string(), z.unknown()),
    /** The weights file's bytes, base64. */
    weightData: z.string(),
    trained: TrainedSchema,
    preprocessing: ExportPreprocessingSchema,
  }),
  z.object({
    type: z.literal('export-onnx-result'),
    requestId: RequestId,
    /** The `.onnx` file's bytes, base64. */
    onnx: z.string(),
    preprocessing: ExportPreprocessingSchema,
  }),
  z.object({ type: z.literal('load-result'), requestId: RequestId }),
  // issue 14: interop/feature maps
  z.object({ type: z.literal('activations-result'), requestId: RequestId, maps: FeatureMapsSchema }),
  z.object({ type: z.literal('code-data-result'), requestId: RequestId, files: CodeDataFilesSchema.shape.files }),
  // issue 15: learning-rate finder
  z.object({ type: z.literal('lr-find-result'), requestId: RequestId, result: LrFinderResultSchema }),
  z.object({ type: z.literal('lr-find-progress'), requestId: RequestId, progress: LrFinderProgressSchema }),
  // issue 16: inside the model
  z.object({ type: z.literal('weights-result'), requestId: RequestId, weights: LayerWeightsSchema }),
  // issue 18: import training run
  /** The imported result's `trained` section and outcome kind (package-result.ts readPackageWeights). */
  z.object({ type: z.literal('package-result-result'), requestId: RequestId, trained: TrainedSchema, outcomeKind: z.string().optional() }),
  /** A failed export or load. */
  z.object({ type: z.literal('request-error'), requestId: RequestId, code: z.string(), message: z.string(), ...WORDS }),
]);
export type TrainerMessage = z.infer<typeof TrainerMessageSchema>;

/** A zod failure as one line: which field, what was wrong. */
export function describeProtocolError(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `field \`${issue.path.join('.') || '(message)'}\`: ${issue.message}` : 'unknown problem';
}
