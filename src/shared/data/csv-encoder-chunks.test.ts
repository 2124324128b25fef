import { describe, expect, it } from 'vitest';
import { CsvEncoder } from './csv';

/**
 * Issue 12 (scale): the encoder stores each column in chunks of 2^20 rows and assembles x one
 * chunk at a time, freeing each column chunk as it goes. Rows on both sides of a chunk boundary
 * (and in the partial last chunk) must land in x and y exactly where a single array would put them.
 */
describe('CsvEncoder chunked storage', () => {
  it('assembles rows across chunk boundaries, one-hot and index features, class counts', () => {
    const rows = (1 << 20) * 2 + 123;
    const kinds = ['a', 'b', 'c'];
    const encoder = new CsvEncoder({
      delimiter: ',',
      header: false,
      columns: [
        { name: 'v', type: 'numeric', role: 'feature' },
        { name: 'k', type: 'categorical', role: 'feature' },
        { name: 'label', type: 'categorical', role: 'label' },
      ],
    });
    const batch: string[][] = [];
    for (let r = 0; r < rows; r++) {
      batch.push([String(r % 1000), kinds[(r * 7) % 3], r % 5 === 0 ? 'yes' : 'no']);
      if (batch.length === 50_000) encoder.push(batch.splice(0));
    }
    encoder.push(batch);
    let blocks = 0;
    const parsed = encoder.finish(() => blocks++);
    expect(blocks).toBe(3);
    expect(parsed.rows).toBe(rows);
    expect(parsed.transform.featureNames.length).toBe(4);
    for (const r of [0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 2 * (1 << 20) - 1, 2 * (1 << 20), rows - 1]) {
      const k = (r * 7) % 3;
      expect(Array.from(parsed.x.subarray(r * 4, r * 4 + 4)), `row ${r}`).toEqual([r % 1000, k === 0 ? 1 : 0, k === 1 ? 1 : 0, k === 2 ? 1 : 0]);
      expect(parsed.labels[r], `label of row ${r}`).toBe(r % 5 === 0 ? 1 : 0);
    }
    const yes = Math.ceil(rows / 5);
    expect(parsed.classCounts).toEqual([rows - yes, yes]);
  });
});
