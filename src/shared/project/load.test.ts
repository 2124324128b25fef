import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from './load';

const badDir = join(__dirname, '../../../test/fixtures/bad');
const expected = JSON.parse(readFileSync(join(badDir, 'expected.json'), 'utf8')) as Record<string, { code: string; field?: string; message: string }>;
const templatesDir = join(__dirname, '../../../resources/templates');

describe('parseProject', () => {
  for (const file of readdirSync(badDir).filter((f) => f.endsWith('.neurite'))) {
    it(`refuses ${file} with a named error`, () => {
      const want = expected[file];
      expect(want, `test/fixtures/bad/expected.json has no entry for ${file}`).toBeDefined();
      const result = parseProject(readFileSync(join(badDir, file), 'utf8'), file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe(want.code);
      expect(result.error.field).toBe(want.field);
      expect(result.error.message).toContain(want.message);
      expect(result.error.message).toContain(file);
    });
  }

  it('loads every shipped template', () => {
    const files = readdirSync(templatesDir).filter((f) => f.endsWith('.neurite'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const file of files) {
      const result = parseProject(readFileSync(join(templatesDir, file), 'utf8'), file);
      expect(result.ok ? 'ok' : result.error.message).toBe('ok');
    }
  });
});
