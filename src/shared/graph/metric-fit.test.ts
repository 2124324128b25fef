import { describe, expect, it } from 'vitest';
import { builtinImagesSpec, imageDataInfo } from '../data/images';
import type { TrainingSettings } from '../project/schema';
import { applyFix } from './fixes';
import { chain, node } from './fixtures';
import { validateGraph } from './validate';

/** Trial 5 F2: a new project's default metric mae stayed on a 10-class classifier, showing a meaningless "mae 4.40". */

const digits = imageDataInfo(builtinImagesSpec('digits'));
const newProject = { loss: 'meanSquaredError', metrics: ['mae'] } as TrainingSettings;
const cnn = chain(node('in', 'Input', { shape: [8, 8, 1] }), node('flat', 'Flatten'), node('out', 'Dense', { units: 10, activation: 'softmax' }));

describe('metrics that fit the task', () => {
  it('the loss fix to sparse categorical crossentropy also swaps mae for accuracy, in the same fix', () => {
    const fix = validateGraph(cnn, { data: digits, training: newProject }).find((p) => p.fix?.action.kind === 'set-loss')!.fix!;
    expect(fix.action).toEqual({ kind: 'set-loss', loss: 'sparseCategoricalCrossentropy' });
    const { settings } = applyFix(cnn, newProject, fix.action);
    expect(settings).toMatchObject({ loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    expect(validateGraph(cnn, { data: digits, training: settings })).toEqual([]);
    // Metrics that fit stay: mse and mae go, accuracy is kept once.
    expect(applyFix(cnn, { ...newProject, metrics: ['accuracy', 'mse', 'mae'] }, fix.action).settings.metrics).toEqual(['accuracy']);
    // Back to a regression loss: accuracy goes for mae.
    expect(applyFix(cnn, { ...settings, metrics: ['accuracy'] }, { kind: 'set-loss', loss: 'meanSquaredError' }).settings.metrics).toEqual(['mae']);
  });

  it('warns about mae on class numbers with the fix "Use accuracy instead", and leaves it alone on one-hot labels', () => {
    const training = { loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy', 'mae'] } as TrainingSettings;
    const problems = validateGraph(cnn, { data: digits, training });
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'metric-vs-labels',
        severity: 'warning',
        field: 'metrics',
        message:
          'The metric mean absolute error compares each class number (0 to 9) with the 10 class probabilities of the output, which means nothing for classes. Use accuracy instead.',
        fix: expect.objectContaining({ label: 'Use accuracy instead of mean absolute error', id: 'set-metrics:accuracy', action: { kind: 'set-metrics', metrics: ['accuracy'] } }),
      }),
    ]);
    const fixed = applyFix(cnn, training, problems[0].fix!.action).settings;
    expect(fixed.metrics).toEqual(['accuracy']);
    expect(validateGraph(cnn, { data: digits, training: fixed })).toEqual([]);
    const onehot = imageDataInfo({ ...builtinImagesSpec('digits'), labelEncoding: 'onehot' });
    expect(validateGraph(cnn, { data: onehot, training: { loss: 'categoricalCrossentropy', metrics: ['mae'] } as TrainingSettings })).toEqual([]);
  });
});
