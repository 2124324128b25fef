import { describe, expect, it } from 'vitest';
import { PackageLogError, packageRunReport, packageRunTraining, parsePackageLog } from './package-log';
import type { TrainingSettings } from '../project/schema';

const start = { event: 'start', startedAt: '2026-11-30T01:00:00Z', neurite: { project: 'p', graphHash: 'g', settingsHash: 's', datasetHash: 'd' }, strategy: 'multi-worker', workers: 2, replicas: 2, globalBatchSize: 64, epochs: 3 };
const epoch = (e: number, loss: number) => ({ event: 'epoch', epoch: e, logs: { loss, val_loss: loss + 0.1 }, elapsedMs: 1000 * (e + 1) });
const lines = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe("issue 18: the training package's log (training-log.jsonl)", () => {
  it('reads the epochs, the test logs and the end; a resumed run keeps the last line of an epoch logged twice', () => {
    const log = parsePackageLog(
      lines(start, epoch(0, 1), epoch(1, 0.9), { ...start, startedAt: '2026-11-30T02:00:00Z' }, epoch(1, 0.8), epoch(2, 0.7), { event: 'test', logs: { test_loss: 0.75 } }, { event: 'done', status: 'completed', elapsedMs: 2500, earlyStopping: null }),
    );
    expect(log.history.map((h) => [h.epoch, h.logs.loss])).toEqual([[0, 1], [1, 0.8], [2, 0.7]]);
    expect(log.startedAt).toBe('2026-11-30T02:00:00Z');
    expect(log.test).toEqual({ test_loss: 0.75 });
    const report = packageRunReport(log, 'learned');
    expect(report).toMatchObject({ status: 'completed', durationMs: 2500, backend: 'tf.distribute multi-worker ×2', finalLogs: { loss: 0.7, val_loss: 0.7 + 0.1 }, test: { test_loss: 0.75 }, origin: { kind: 'package' }, outcomeKind: 'learned' });
  });

  it("keeps the best epoch's logs as the final ones when early stopping restored its weights", () => {
    const es = { monitor: 'val_loss', stoppedEpoch: 2, bestEpoch: 0, best: 1.1, restoredBestWeights: true };
    const log = parsePackageLog(lines(start, epoch(0, 1), epoch(1, 1.2), epoch(2, 1.3), { event: 'done', status: 'stopped', elapsedMs: 10, earlyStopping: es }));
    expect(packageRunReport(log)).toMatchObject({ status: 'stopped', finalLogs: { loss: 1 }, earlyStopping: es });
  });

  it('takes the epochs and global batch size the script ran with into the run settings', () => {
    const log = parsePackageLog(lines(start, epoch(0, 1), { event: 'done', status: 'completed' }));
    expect(packageRunTraining({ epochs: 10, batchSize: 32 } as TrainingSettings, log)).toMatchObject({ epochs: 3, batchSize: 64 });
  });

  it('names the line that is not JSON, and refuses a log without start, without end or without epochs', () => {
    const bad = () => parsePackageLog(`${JSON.stringify(start)}\nnot json\n`, 'result/training-log.jsonl');
    expect(bad).toThrow(PackageLogError);
    expect(bad).toThrow(/^result\/training-log\.jsonl, line 2: expected one JSON object per line/);
    expect(() => parsePackageLog(lines(epoch(0, 1), { event: 'done' }))).toThrow(/has no "start" line/);
    expect(() => parsePackageLog(lines(start, epoch(0, 1)))).toThrow(/has no "done" line: the run has not finished/);
    expect(() => parsePackageLog(lines(start, { event: 'done' }))).toThrow(/has no epoch lines/);
    expect(() => parsePackageLog(lines(start, { event: 'epoch', epoch: -1, logs: {} }))).toThrow(/line 2: an epoch line needs "epoch"/);
  });
});
