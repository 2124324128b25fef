import { create } from 'zustand';
import type { RawValue } from '../../../shared/data/preprocess';

/**
 * Issue 16, "inside the model": the Predict panel's last typed prediction, so the data view can
 * mark it on the fitted line (predict 6 → a point at x = 6) after the panel itself has unmounted
 * (they are tabs of one area). It belongs to the run whose model answered (`runId`).
 */
export interface LastPrediction {
  runId: string;
  /** The raw row as typed (one value per input column). */
  inputs: RawValue[];
  /** The model's outputs for it, decoded. */
  outputs: number[];
}

interface LastPredictionStore {
  last: LastPrediction | null;
  set(last: LastPrediction | null): void;
}

export const useLastPrediction = create<LastPredictionStore>()((set) => ({
  last: null,
  set: (last) => set({ last }),
}));

/** The one x of a one-number prediction and its first output, when `last` belongs to `runId`; else null. */
export function predictedPoint(last: LastPrediction | null, runId: string | null | undefined): { x: number; y: number } | null {
  if (!last || !runId || last.runId !== runId || last.inputs.length !== 1 || typeof last.inputs[0] !== 'number' || last.outputs.length === 0) return null;
  return { x: last.inputs[0], y: last.outputs[0] };
}

/** A model output as the Predict panel shows it: 6 significant digits (issue 16 lessons quote the same number). */
export function formatOutput(value: number): string {
  return String(Number(value.toPrecision(6)));
}
