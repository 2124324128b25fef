import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { describeEarlyStopping } from '../../../shared/training/early-stopping';
import { applyTrainEvent, idleRun } from './run';

/** Issue 15: the run keeps what early stopping did from the trainer's done event, and says it in English and Chinese. */
describe('early stopping in the run state', () => {
  it('keeps the done event report and words it in each language', () => {
    const report = { monitor: 'val_loss', stoppedEpoch: 7, bestEpoch: 4, best: 0.25, restoredBestWeights: true };
    const started = applyTrainEvent({ ...idleRun(), status: 'starting' }, { type: 'started', runId: 'r1', backend: { name: 'cpu', fallbackReasons: [] }, epochs: 50, batchesPerEpoch: 2, trainSamples: 64, validationSamples: 16, testSamples: 0 } as never);
    const done = applyTrainEvent(started, { type: 'done', runId: 'r1', reason: 'completed', elapsedMs: 10, finalLogs: { loss: 0.3 }, earlyStopping: report });
    expect(done.earlyStopping).toEqual(report);
    expect(describeEarlyStopping(done.earlyStopping!, done.epochs, translator('en') as (key: string, vars?: Record<string, string | number>) => string)).toBe(
      'Early stopping: val_loss stopped improving, so training stopped after epoch 8 of 50; best val_loss 0.2500 at epoch 5. Kept the weights of epoch 5 (the best).',
    );
    expect(describeEarlyStopping(done.earlyStopping!, done.epochs, translator('zh-CN') as (key: string, vars?: Record<string, string | number>) => string)).toBe('早停：val_loss 不再改善，训练在第 8 轮（共 50 轮）后停止；最佳 val_loss 为 0.2500，在第 5 轮。保留了第 5 轮（最佳）的权重。');
  });
});
