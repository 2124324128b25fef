import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { GLOSSARY, searchGlossary } from './glossary';

/**
 * Issue 16: the dictionaries use the glossary's Chinese terms (keras-cn) consistently. A failure
 * lists every key at fault with its text, so the fix is a dictionary edit.
 */
const keys = Object.keys(en) as MessageKey[];

/** English prose only: `{placeholders}` and typed filter terms (`optimizer=adam`) are not the term in a sentence. */
const prose = (text: string): string =>
  text
    .replace(/\{[^{}]*\}/g, ' ')
    .replace(/\S+[=<>~]\S*/g, ' ')
    // command and file names (neurite import-run, train.py, val_loss)
    .replace(/\S*[-_.]\w\S*/g, ' ');
/**
 * Strings where the English word is not the term: a filter's column keys to type, and "run" in
 * other senses ("the labels form 3 runs" of equal values, "axis 0 runs over the rows").
 */
const KEY_LISTS: readonly MessageKey[] = [
  'runs.filterTitle', 'split.sortedClasses', 'health.sortedClasses', 'cli.split.sortedClasses', 'lesson.concept.tensors.body', 'learn.tableAxes',
  // The command line's lists of keys and log names to type (learningRate, epochs; val_loss, else loss).
  'cli.notes.sweep', 'cli.opt.sweep.metric', 'cli.opt.train.earlyStopping', 'cli.notes.runs',
];

describe('the glossary', () => {
  it('has unique ids, and every term and definition in both languages', () => {
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
    for (const e of GLOSSARY) {
      expect(e.en && e.zh && e.definition.en && e.definition['zh-CN'], e.id).toBeTruthy();
      expect(e.definition['zh-CN'], e.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('no zh-CN string uses a variant keras-cn does not (适应 for fit, 纪元/时期 for epoch, 批次大小 for batch size, 训练记录 for a run…)', () => {
    const faults: string[] = [];
    for (const entry of GLOSSARY)
      for (const bad of entry.avoid ?? []) for (const key of keys) if (zhCN[key].includes(bad)) faults.push(`${key} uses "${bad}" (glossary: ${entry.zh}): ${zhCN[key]}`);
    expect(faults).toEqual([]);
  });

  it('a zh-CN string whose English names the term uses the glossary\'s Chinese term', () => {
    const faults: string[] = [];
    for (const entry of GLOSSARY) {
      if (!entry.consistency) continue;
      const { en: pattern, zh } = entry.consistency;
      for (const key of keys) if (!KEY_LISTS.includes(key) && pattern.test(prose(en[key])) && !zh.some((term) => zhCN[key].includes(term))) faults.push(`${key} (${entry.id}, expected ${zh.join(' or ')}): ${zhCN[key]}`);
    }
    expect(faults).toEqual([]);
  });

  it('search finds a term by English, Keras name, Chinese or definition', () => {
    expect(searchGlossary('').length).toBe(GLOSSARY.length);
    expect(searchGlossary('batch_size').map((e) => e.id)).toEqual(['batch-size']);
    expect(searchGlossary('轮次').map((e) => e.id)).toContain('epochs');
    expect(searchGlossary('TO_CATEGORICAL').map((e) => e.id)).toEqual(['one-hot']);
    expect(searchGlossary('no such term')).toEqual([]);
  });
});
