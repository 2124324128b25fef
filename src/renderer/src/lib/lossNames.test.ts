import { describe, expect, it } from 'vitest';
import { chain, node } from '../../../shared/graph/fixtures';
import type { DataInfo } from '../../../shared/data/types';
import { GRAPH_PROBLEM_MESSAGES_EN } from '../../../shared/graph/problem-text';
import { validateGraph } from '../../../shared/graph/validate';
import { lossList } from '../../../shared/losses';
import type { TrainingSettings } from '../../../shared/project/schema';
import { GRAPH_PROBLEM_MESSAGES_ZH_CN } from '../../../shared/i18n/zh-CN-problems';
import { translator } from '../i18n';
import { fixLabel, lossText, problemText } from './problemText';

/**
 * Trial 10 (9): one name per loss. The Loss dropdown showed ids ("meanSquaredError"), the
 * inspector's warning said "mean squared error", its fix "categorical crossentropy", the lessons
 * "meanSquaredError": now every place says the registry's label through the dictionary, with the
 * Keras name: 均方误差 (mean_squared_error) / Mean squared error (mean_squared_error).
 */
const settings = (loss: string) => ({ optimizer: { type: 'adam', learningRate: 0.01 }, loss, metrics: [], epochs: 10, batchSize: 32, validationSplit: 0.2, splitMode: 'end', testSplit: 0, shuffle: true, seed: 1 }) as unknown as TrainingSettings;
const oneHot: DataInfo = { numFeatures: 2, task: 'classification', labelEncoding: 'onehot', labelWidth: 3, numClasses: 3, featureNames: ['x', 'y'] };

describe('one name per loss (trial 10, 9)', () => {
  it('the dropdown shows the label with the Keras name, in each language', () => {
    expect(lossText('meanSquaredError', translator('en')).label).toBe('Mean squared error (mean_squared_error)');
    expect(lossText('meanSquaredError', translator('zh-CN')).label).toBe('均方误差 (mean_squared_error)');
    expect(lossText('categoricalCrossentropy', translator('zh-CN')).label).toBe('分类交叉熵 (categorical_crossentropy)');
    for (const def of lossList()) for (const language of ['en', 'zh-CN'] as const) expect(lossText(def.id, translator(language)).label).toContain(`(${def.kerasName})`);
  });

  for (const language of ['en', 'zh-CN'] as const) {
    it(`the inspector's warning and its fix use the dropdown's words (${language})`, () => {
      const t = translator(language);
      const graph = chain(node('in', 'Input', { shape: [2] }), node('out', 'Dense', { units: 3, activation: 'softmax' }));
      const warning = validateGraph(graph, { data: oneHot, training: settings('meanSquaredError') }).find((p) => p.code === 'softmax-with-mse')!;
      expect(problemText(warning, t)).toContain(lossText('meanSquaredError', t).name);
      expect(fixLabel(warning.fix!, t)).toContain(lossText('categoricalCrossentropy', t).name);
    });

    it(`the lessons name the loss as the dropdown does (${language})`, () => {
      const t = translator(language);
      expect(t('lesson.fitALine.loss')).toContain(lossText('meanSquaredError', t).label);
      expect(t('lesson.tenClasses.loss')).toContain(lossText('categoricalCrossentropy', t).label);
    });
  }

  it('no problem text names a loss another way (no bare "categorical crossentropy", no tfjs id)', () => {
    const names = lossList().flatMap((def) => [def.id, def.label]);
    for (const table of [GRAPH_PROBLEM_MESSAGES_EN, GRAPH_PROBLEM_MESSAGES_ZH_CN] as Record<string, string>[])
      for (const [key, text] of Object.entries(table)) {
        // The label is allowed only as the start of "label (keras_name)", as lossText writes it.
        const bare = names.filter((name) => new RegExp(`${name}(?! \\(\\w+\\))`, 'i').test(text.replace(/sparse categorical crossentropy \(sparse_categorical_crossentropy\)/gi, '')));
        expect(bare, `${key}: ${text}`).toEqual([]);
      }
  });
});

