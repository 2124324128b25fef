import { describe, expect, it } from 'vitest';
import { MAX_ROWS, parseRowList } from './rows';

describe('parseRowList', () => {
  it('reads row numbers and ranges, numbered from 0', () => {
    expect(parseRowList('0, 1', 10)).toEqual([0, 1]);
    expect(parseRowList('3-5,9', 10)).toEqual([3, 4, 5, 9]);
  });
  it('refuses rows out of range, reversed ranges, words and too many rows', () => {
    expect(parseRowList('10', 10)).toBeNull();
    expect(parseRowList('5-3', 10)).toBeNull();
    expect(parseRowList('first', 10)).toBeNull();
    expect(parseRowList('', 10)).toBeNull();
    expect(parseRowList(`0-${MAX_ROWS}`, MAX_ROWS + 5)).toBeNull();
  });
});
