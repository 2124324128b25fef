import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { collectInputRow } from './options';
import { inputValues, plural } from './run';

/** `neurite predict --input`: one CSV record per flag, numbers read in the dataset's number format (issue 13 follow-up). */
describe('--input', () => {
  it('is one CSV record: a quoted field keeps its commas', () => {
    expect(collectInputRow('"180,5",95,40')).toEqual([['180,5', '95', '40']]);
    expect(collectInputRow(' 1, red ,', [['0']])).toEqual([['0'], ['1', 'red', '']]);
  });

  it('refuses an unclosed quote, naming it', () => {
    expect(() => collectInputRow('"180,5,95')).toThrow(InvalidArgumentError);
    expect(() => collectInputRow('"180,5,95')).toThrow(/quote/);
  });

  it("reads numbers in the dataset's number format; other text stays text", () => {
    expect(inputValues([['1.234,5', '180,5', 'red', '']], { decimal: ',', thousands: '.' })).toEqual([[1234.5, 180.5, 'red', '']]);
    expect(inputValues([['1.5', '1,5']])).toEqual([[1.5, '1,5']]);
  });

  it('counts with their noun, singular for one', () => {
    expect([plural(1, 'epoch'), plural(2, 'epoch'), plural(1000, 'row')]).toEqual(['1 epoch', '2 epochs', '1,000 rows']);
  });
});
