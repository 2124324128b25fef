import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { describeLrFinder } from '../../../shared/training/lr-finder-text';
import type { LrFinderResult } from '../../../shared/training/lr-finder';

const base: LrFinderResult = {
  startLr: 1e-7,
  endLr: 10,
  steps: 300,
  points: [{ lr: 1e-7, loss: 0.7, smoothed: 0.7 }],
  suggestion: { kind: 'minimum', lr: 0.041, minimumAt: 0.4087, minimumLoss: 0.62841, steepestAt: 0.3612 },
  stoppedEarly: null,
  batchesPerEpoch: 20,
  batchSize: 16,
  elapsedMs: 640,
};

describe('describeLrFinder', () => {
  it('names the lowest point and the suggestion, a tenth of it', () => {
    const text = describeLrFinder(base);
    expect(text.reason).toBe(
      'The smoothed loss was lowest (0.6284) at a learning rate of 0.41. A tenth of that, 0.041, is where the loss is still falling fast without being close to blowing up (fastai’s “minimum ÷ 10” rule).',
    );
    expect(text.stopped).toBeNull();
    expect(text.summary).toBe('Batches trained: 1 of 300 (16 rows each) in 0.6 s; learning rate from 1e-7 to 10.');
  });

  it('says plainly when the loss is not finite at the very first batch, and gives no rate', () => {
    const result: LrFinderResult = { ...base, points: [], suggestion: { kind: 'too-few-points', points: 0 }, stoppedEarly: { reason: 'non-finite', step: 0, lr: 1e-7, value: 'NaN' } };
    const text = describeLrFinder(result);
    expect(text.stopped).toBe(
      'The loss was NaN at the very first batch, at a learning rate of only 1e-7: the model diverges before any rate is tried. Check that the inputs are normalised and that the loss fits the labels and the output layer.',
    );
    expect(text.reason).toMatch(/^No suggestion: too few batches to judge \(0 left/);
    const zh = describeLrFinder(result, translator('zh-CN'));
    expect(zh.stopped).toMatch(/^在第一个批次、学习率仅为 1e-7 时，损失就已是 NaN/);
  });

  it('counts batches from 1 for divergence and a stop, and gives the fall when there is none to speak of', () => {
    expect(describeLrFinder({ ...base, stoppedEarly: { reason: 'diverged', step: 286, lr: 4.489 } }).stopped).toBe(
      'The test stopped at batch 287 of 300 (learning rate 4.5): the smoothed loss rose above 4× its lowest value, so larger rates only make it diverge.',
    );
    expect(describeLrFinder({ ...base, stoppedEarly: { reason: 'stopped', step: 9, lr: 1e-6 } }).stopped).toBe('You stopped the test at batch 10 of 300.');
    expect(describeLrFinder({ ...base, suggestion: { kind: 'no-descent', fall: 0.0123 } }).reason).toMatch(/did not fall by 2% anywhere in the range \(it fell 1\.2% at most\)/);
    expect(describeLrFinder({ ...base, suggestion: { kind: 'no-descent', fall: 0.0123 } }, translator('zh-CN')).reason).toMatch(/没有下降 2%（最多只下降了 1\.2%）/);
  });
});
