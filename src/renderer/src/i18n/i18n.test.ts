import { describe, expect, it } from 'vitest';
import { DICTIONARIES, LANGUAGES, pickLanguage, translator } from './index';
import { en } from '../../../shared/i18n/en';

/** Variable names, once each (a plural `{count, plural, …}` names `count`). */
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

describe('dictionaries', () => {
  it('every language has exactly the English keys, each non-empty, with the same placeholders', () => {
    const keys = Object.keys(en).sort();
    for (const language of LANGUAGES) {
      const dictionary = DICTIONARIES[language];
      expect(Object.keys(dictionary).sort(), language).toEqual(keys);
      for (const key of keys as (keyof typeof en)[]) {
        expect(dictionary[key].trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(dictionary[key]), `${language} ${key}`).toEqual(placeholders(en[key]));
      }
    }
  });

  it('the Chinese settings help explains batch, stochastic and mini-batch gradient descent', () => {
    const zh = DICTIONARIES['zh-CN'];
    expect(zh['help.batchSize']).toMatch(/随机梯度下降/);
    expect(zh['help.batchSize']).toMatch(/小批量梯度下降/);
    expect(zh['help.batchSize']).toMatch(/批量梯度下降/);
    expect(en['help.batchSize']).toMatch(/stochastic gradient descent.*batch gradient descent.*mini-batch gradient descent/s);
  });
});

describe('plurals (trial fixes, P3)', () => {
  it('English picks one/other by the count; Chinese has one form', () => {
    const english = translator('en');
    expect(english('health.missing', { column: 'Age', missing: 1, rows: 40, share: 2.5 })).toMatch(/^“Age” has 1 missing value in 40 rows/);
    expect(english('health.missing', { column: 'Age', missing: 3, rows: 40, share: 7.5 })).toMatch(/^“Age” has 3 missing values in 40 rows/);
    expect(english('csv.previewAll', { rows: 1 })).toBe('1 row.');
    expect(english('csv.previewAll', { rows: '1,250' })).toBe('1,250 rows.');
    expect(translator('zh-CN')('health.missing', { column: 'Age', missing: 1, rows: 40, share: 2.5 })).toMatch(/有 1 个缺失值/);
  });
});

describe('plurals (issue 17: "1 features")', () => {
  it('the Data tab, the CSV summary and the node badge say "1 feature", "1 input", "1 param"', () => {
    const english = translator('en');
    expect(english('data.facts', { rows: 1, features: 1, task: 'regression' })).toBe('1 row · 1 feature · regression');
    expect(english('data.facts', { rows: '1,000', features: 2, task: 'regression' })).toBe('1,000 rows · 2 features · regression');
    expect(english('csv.summary', { rows: 10, features: 'x', inputs: 1 })).toBe('10 rows · x → 1 input');
    expect(english('node.params', { count: 1 })).toBe('1 param');
    expect(english('node.params', { count: '1,234' })).toBe('1,234 params');
    expect(english('data.classes', { count: 1 })).toBe('1 class');
    expect(english('images.shapeLine', { rows: 5, height: 28, width: 28, channels: 1, classes: 1 })).toBe('5 images of 28×28×1, 1 class');
    expect(translator('zh-CN')('data.facts', { rows: 1, features: 1, task: '回归' })).toBe('1 行 · 1 个特征 · 回归');
  });

  it('trial 10 (23): the status bar says "1 layer · 1 error · 1 warning"', () => {
    const english = translator('en');
    expect(english('status.problems', { layers: 0, errors: 1, warnings: 0 })).toBe('0 layers · 1 error · 0 warnings');
    expect(english('status.problems', { layers: 1, errors: 2, warnings: 1 })).toBe('1 layer · 2 errors · 1 warning');
    expect(translator('zh-CN')('status.problems', { layers: 1, errors: 1, warnings: 1 })).toBe('1 个层 · 1 个错误 · 1 个警告');
  });
});

describe('pickLanguage', () => {
  it('prefers a stored choice, then the first English or Chinese system language', () => {
    expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
    expect(pickLanguage('fr', ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLanguage(null, ['de-DE', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, ['de-DE'])).toBe('en');
    expect(pickLanguage(undefined, [])).toBe('en');
  });
});

describe('translator', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('en')('run.training', { epoch: 2, epochs: 3 })).toBe('Training epoch 2/3');
    expect(translator('zh-CN')('run.training', { epoch: 2, epochs: 3 })).toBe('正在训练第 2/3 轮');
    expect(translator('en')('run.training', { epoch: 2 })).toBe('Training epoch 2/{epochs}');
  });
});

describe('training-settings problems (issue 9)', () => {
  it('render in English exactly as the shared check words them, and in Chinese with the same numbers', async () => {
    const { renderSettingsProblem, validateTrainingSettings } = await import('../../../shared/training/validate-settings');
    const settings = {
      optimizer: { type: 'adam' as const, learningRate: 0, beta1: 1 },
      loss: 'meanSquaredError' as const,
      metrics: [],
      epochs: 1e9,
      batchSize: 0,
      validationSplit: Number.NaN,
      splitMode: 'shuffle' as const,
      testSplit: 0,
      shuffle: true,
      seed: null,
    };
    const problems = validateTrainingSettings(settings);
    expect(problems.map((p) => p.field)).toEqual(['optimizer.learningRate', 'optimizer.beta1', 'epochs', 'batchSize', 'validationSplit']);
    const english = translator('en') as (key: string, vars?: Record<string, string | number>) => string;
    const chinese = translator('zh-CN') as (key: string, vars?: Record<string, string | number>) => string;
    for (const p of problems) expect(renderSettingsProblem(p, english)).toBe(p.message);
    const batch = problems.find((p) => p.field === 'batchSize')!;
    expect(renderSettingsProblem(batch, english)).toBe('Batch size must be a whole number of at least 1; it is 0.');
    expect(renderSettingsProblem(batch, chinese)).toBe('批大小 (batch size)必须是不小于 1 的整数；当前为 0。');
  });
});

describe('loss and metric help (issue 10)', () => {
  it('every loss and metric of the registries has its help in every language', async () => {
    const { lossList } = await import('../../../shared/losses');
    const { metricList } = await import('../../../shared/metrics');
    const keys = [...lossList(), ...metricList()].map((def) => def.helpKey);
    expect(keys).toHaveLength(9);
    for (const language of LANGUAGES) for (const key of keys) expect((DICTIONARIES[language] as Record<string, string>)[key], `${language} ${key}`).toBeTruthy();
  });
});
