import { join } from 'node:path';
import { kerasLogName } from '../../../shared/training/epoch-log';
import type { EpochRecord, TrainProgress } from '../train-loop';
import { EventFileWriter } from './event-file';
import { HPARAMS_PLUGIN, SESSION_END_TAG, SESSION_START_TAG, sessionEndContent, sessionStartContent, type HParamValue, type SessionStatus } from './hparams';

/**
 * One training run's TensorBoard logs in the layout of Keras' `keras.callbacks.TensorBoard`
 * (Keras 3, update_freq='batch'): `<runDir>/train` holds `epoch_<name>` for every training log
 * (`epoch_loss`, `epoch_accuracy`, ...: Keras' metric names, so tfjs' `acc` is written as
 * `epoch_accuracy`, via `kerasLogName`) and `batch_loss`; `<runDir>/validation` holds the `val_`
 * logs without their prefix (`val_loss` → `epoch_loss`), so TensorBoard overlays training and
 * validation under one tag. Epoch scalars are at step = epoch (counted from 0, as Keras does);
 * `batch_loss` at the global batch number (epoch × batches per epoch + batch, as Keras' optimizer
 * iterations). The validation directory is created only when a `val_` log arrives. With
 * `hparams`, `<runDir>` itself holds the HParams plugin's session start (at creation) and end
 * (`close`), as `tensorboard.plugins.hparams.api.KerasCallback` writes them.
 */
export class KerasRunLog {
  private readonly train: EventFileWriter;
  private validation: EventFileWriter | null = null;
  private batchesPerEpoch = 0;

  private readonly session: EventFileWriter | null = null;
  private closed = false;

  constructor(
    readonly runDir: string,
    hparams?: Record<string, HParamValue>,
  ) {
    this.train = new EventFileWriter(join(runDir, 'train'));
    if (hparams) {
      this.session = new EventFileWriter(runDir);
      this.session.addPluginSummary(0, { tag: SESSION_START_TAG, pluginName: HPARAMS_PLUGIN, content: sessionStartContent(hparams, Date.now() / 1000) });
      this.session.flush();
    }
  }

  /** The number of batches per epoch, for the global step of `batch_loss` (from runProject's onStarted plan). */
  setBatchesPerEpoch(batchesPerEpoch: number): void {
    this.batchesPerEpoch = batchesPerEpoch;
  }

  /** Writes the batches and completed epochs of one progress message. */
  addProgress(progress: Pick<TrainProgress, 'batches' | 'epochs'>): void {
    for (const b of progress.batches) this.train.addScalars(b.epoch * this.batchesPerEpoch + b.batch, [{ tag: 'batch_loss', value: b.loss }]);
    for (const record of progress.epochs) this.addEpoch(record);
    this.flush();
  }

  /** Buffers one epoch's logs (Keras names): `val_x` under validation as `epoch_x`, any other `x` under train as `epoch_x`. */
  addEpoch(record: EpochRecord): void {
    const train: { tag: string; value: number }[] = [];
    const validation: { tag: string; value: number }[] = [];
    for (const [key, value] of Object.entries(record.logs)) {
      const name = kerasLogName(key);
      if (name.startsWith('val_')) validation.push({ tag: `epoch_${name.slice(4)}`, value });
      else train.push({ tag: `epoch_${name}`, value });
    }
    this.train.addScalars(record.epoch, train);
    if (validation.length > 0) {
      this.validation ??= new EventFileWriter(join(this.runDir, 'validation'));
      this.validation.addScalars(record.epoch, validation);
    }
  }

  flush(): void {
    this.train.flush();
    this.validation?.flush();
  }

  /** Closes the files; with hparams, first writes the session's end with `status` (a run that failed or diverged: STATUS_FAILURE). */
  close(status: SessionStatus = 'STATUS_SUCCESS'): void {
    if (this.closed) return;
    this.closed = true;
    this.train.close();
    this.validation?.close();
    this.session?.addPluginSummary(0, { tag: SESSION_END_TAG, pluginName: HPARAMS_PLUGIN, content: sessionEndContent(status, Date.now() / 1000) });
    this.session?.close();
  }
}
