import { join } from 'node:path';
import { kerasLogName } from '../../../shared/training/epoch-log';
import type { EpochRecord, TrainProgress } from '../train-loop';
import { EventFileWriter } from './event-file';

/**
 * One training run's TensorBoard logs in the layout of Keras' `keras.callbacks.TensorBoard`
 * (Keras 3, update_freq='batch'): `<runDir>/train` holds `epoch_<name>` for every training log
 * (`epoch_loss`, `epoch_accuracy`, ...: Keras' metric names, so tfjs' `acc` is written as
 * `epoch_accuracy`, via `kerasLogName`) and `batch_loss`; `<runDir>/validation` holds the `val_`
 * logs without their prefix (`val_loss` → `epoch_loss`), so TensorBoard overlays training and
 * validation under one tag. Epoch scalars are at step = epoch (counted from 0, as Keras does);
 * `batch_loss` at the global batch number (epoch × batches per epoch + batch, as Keras' optimizer
 * iterations). The validation directory is created only when a `val_` log arrives.
 */
export class KerasRunLog {
  private readonly train: EventFileWriter;
  private validation: EventFileWriter | null = null;
  private batchesPerEpoch = 0;

  constructor(readonly runDir: string) {
    this.train = new EventFileWriter(join(runDir, 'train'));
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

  close(): void {
    this.train.close();
    this.validation?.close();
  }
}
