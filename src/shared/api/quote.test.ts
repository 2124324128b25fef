import { describe, expect, it } from 'vitest';
import { QUOTE_LIMIT, quoteValue, truncate } from './quote';

describe('quoteValue', () => {
  it('quotes short values as they are', () => {
    expect(quoteValue('dense')).toBe('"dense"');
    expect(quoteValue(3)).toBe('3');
    expect(quoteValue(null)).toBe('null');
    expect(quoteValue(undefined)).toBe('nothing');
    expect(quoteValue(true)).toBe('true');
  });

  it('cuts a 50 MB string to the limit and says how long it was', () => {
    const huge = 'x'.repeat(50 * 1024 * 1024);
    const quoted = quoteValue(huge);
    expect(quoted.length).toBeLessThan(QUOTE_LIMIT + 40);
    expect(quoted).toContain(`(${huge.length} characters)`);
    expect(truncate(huge).length).toBeLessThan(QUOTE_LIMIT + 40);
  });

  it('describes objects and arrays by size without walking them (no stack overflow on deep nesting)', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(quoteValue(deep)).toBe('{"a":{"a":{"a":{…}}}}');
    expect(quoteValue([1, 2, 3])).toBe('[1,2,3]');
    expect(quoteValue({ class_name: 'Foo', config: { seed: 1 } })).toBe('{"class_name":"Foo","config":{"seed":1}}');
    const wide = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect(quoteValue(wide).length).toBeLessThanOrEqual(QUOTE_LIMIT + 1);
  });
});
