import protobuf from 'protobufjs/light';
import { getLoss } from '../../../shared/losses';
import { kerasOptimizerConfig } from '../../../shared/optimizers';
import type { TrainingSettings } from '../../../shared/project/schema';
import { TENSORBOARD_PROTO_DESCRIPTOR } from './event-proto.generated';

/**
 * The HParams plugin's session summaries (tensorboard/plugins/hparams/summary.py
 * `session_start_pb`/`session_end_pb`): tag `_hparams_/session_start_info` with the run's
 * hyperparameters, `_hparams_/session_end_info` with its status, plugin name `hparams`, content an
 * `HParamsPluginData` (version 0). TensorBoard's HPARAMS tab lists a run by these and infers the
 * metrics from the scalars of its subdirectories.
 */
const root = protobuf.Root.fromJSON(TENSORBOARD_PROTO_DESCRIPTOR);
const PluginData = root.lookupType('tensorboard.hparams.HParamsPluginData');

export const HPARAMS_PLUGIN = 'hparams';
export const SESSION_START_TAG = '_hparams_/session_start_info';
export const SESSION_END_TAG = '_hparams_/session_end_info';

export type HParamValue = number | string | boolean;
/** How a run ended, as the HParams plugin's `Status`. */
export type SessionStatus = 'STATUS_SUCCESS' | 'STATUS_FAILURE' | 'STATUS_RUNNING' | 'STATUS_UNKNOWN';

const value = (v: HParamValue): Record<string, unknown> => (typeof v === 'number' ? { number_value: v } : typeof v === 'boolean' ? { bool_value: v } : { string_value: v });

/** The content of `_hparams_/session_start_info`: the hyperparameters by name, and the start time in seconds since the Unix epoch. */
export function sessionStartContent(hparams: Record<string, HParamValue>, startTimeSecs: number): Uint8Array {
  const hparamsEntries = Object.entries(hparams).map(([key, v]) => ({ key, value: value(v) }));
  return PluginData.encode(PluginData.fromObject({ version: 0, session_start_info: { hparams: hparamsEntries, start_time_secs: startTimeSecs } })).finish();
}

/** The content of `_hparams_/session_end_info`: the run's status and end time in seconds since the Unix epoch. */
export function sessionEndContent(status: SessionStatus, endTimeSecs: number): Uint8Array {
  return PluginData.encode(PluginData.fromObject({ version: 0, session_end_info: { status, end_time_secs: endTimeSecs } })).finish();
}

/**
 * A run's hyperparameters under Keras' argument names, for the HParams dashboard: `optimizer` (the
 * Keras class, e.g. `Adam`) and its arguments as `kerasOptimizerConfig` gives them
 * (`learning_rate`, `beta_1`, ...), `loss` (Keras' name), `batch_size`, `epochs`,
 * `validation_split`, `shuffle`, and `seed` when one is set.
 */
export function trainingHParams(training: TrainingSettings): Record<string, HParamValue> {
  const { class_name, config } = kerasOptimizerConfig(training.optimizer);
  return {
    optimizer: class_name,
    ...config,
    loss: getLoss(training.loss).kerasName,
    batch_size: training.batchSize,
    epochs: training.epochs,
    validation_split: training.validationSplit,
    shuffle: training.shuffle,
    ...(training.seed !== null ? { seed: training.seed } : {}),
  };
}
