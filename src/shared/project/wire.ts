import { z } from 'zod';
import { ProjectSchema, RunRecordSchema, TrainedSchema, uniqueRunIds, type RunRecord, type Trained } from './schema';

/**
 * Projects as they travel between the renderer and main. Trained weights stay where they are
 * used — in main, keyed by a reference — and the renderer holds the reference with the small
 * parts of the `trained` section (hashes, history). Shipping megabytes of weights through the
 * renderer after every run, on every save and on every two-second crash backup made message size
 * grow with the model until the browser host fell over (issue 11, finding 2; issue 10: "weights
 * travel through the renderer").
 *
 * Main answers with references only. It accepts either a reference or, once, inline weights (a
 * project file the browser host's page read from the user's disk), and turns the latter into a
 * reference at once (`model.load` answers with it).
 */
export const TrainedRefSchema = TrainedSchema.omit({ weights: true }).extend({
  /** Main's key for the weights (`TrainedStore`); valid for this session of main. */
  ref: z.string().regex(/^w[0-9a-z]{1,40}$/, 'expected a trained-weights reference such as w1a2b'),
  /** How many weight tensors and values the reference holds, for display. */
  tensors: z.number().int().nonnegative(),
  values: z.number().int().nonnegative(),
});
export type TrainedRef = z.infer<typeof TrainedRefSchema>;

/** A `trained` section on the wire: inline weights (the full file section) or a reference to main's copy. */
export const WireTrainedSchema = z.union([TrainedSchema, TrainedRefSchema]);
export type WireTrained = Trained | TrainedRef;

const WeightsRef = z.string().regex(/^w[0-9a-z]{1,40}$/, 'expected a trained-weights reference such as w1a2b');

/**
 * A run record on the wire (issue 15): its kept weights, like the `trained` section's, stay in
 * main under `weightsRef` (main's `TrainedStore`); inline `weights` are accepted once, from a file
 * the browser host's page read itself, and main answers with a reference.
 */
export const WireRunRecordSchema = RunRecordSchema.extend({ weightsRef: WeightsRef.optional() });
export type WireRunRecord = z.infer<typeof WireRunRecordSchema>;

export const WireProjectSchema = ProjectSchema.extend({ trained: WireTrainedSchema.optional(), runs: z.array(WireRunRecordSchema).max(5000).superRefine(uniqueRunIds).optional() });
export type WireProject = z.infer<typeof WireProjectSchema>;

export function isTrainedRef(trained: WireTrained): trained is TrainedRef {
  return 'ref' in trained;
}

/** Whether a run record on the wire still has weights (inline or by reference). */
export function runHasWeights(run: WireRunRecord | RunRecord): boolean {
  return (run.weights?.length ?? 0) > 0 || ('weightsRef' in run && run.weightsRef !== undefined);
}

/** The `trained` section's reference form for weights main keeps under `ref`. */
export function trainedRef(trained: Trained, ref: string): TrainedRef {
  const { weights, ...rest } = trained;
  return { ...rest, ref, tensors: weights.length, values: weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0) };
}
