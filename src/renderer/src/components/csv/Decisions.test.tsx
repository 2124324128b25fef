import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CsvPreviewSchema } from '../../../../shared/api/contract';
import { previewCsvBytes } from '../../../../shared/data/csv';
import { EXPECTED_DECISIONS } from '../../../../../test/fixtures/csv/expected-decisions';
import { translator, useI18n } from '../../i18n';
import { decisionText } from './decision-text';
import { Decisions } from './Decisions';

/** Issue 12 (B1): every decision of every fixture reads in English and Chinese; the dialog's list and label marker. */

const FIXTURES = join(__dirname, '../../../../../test/fixtures/csv');
const files = Object.keys(EXPECTED_DECISIONS).filter((f) => !f.startsWith('$'));
const preview = (file: string) => CsvPreviewSchema.parse({ ...previewCsvBytes(new Uint8Array(readFileSync(join(FIXTURES, file)))), size: 1 });

describe('decision texts', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`every decision of every fixture has its ${language} text, with every value filled in`, () => {
      const t = translator(language);
      const kinds = new Set<string>();
      for (const file of files) {
        for (const d of preview(file).decisions) {
          const text = decisionText(d, t);
          if (d.kind === 'delimiter' || d.kind === 'header') {
            expect(text).toBeNull();
            continue;
          }
          kinds.add(d.kind);
          expect(text, `${file} ${d.kind}`).toBeTruthy();
          expect(text).not.toMatch(/\{\w+\}|csvDecision\./);
          if (d.column) expect(text).toContain(d.column);
        }
      }
      expect([...kinds].sort()).toEqual(['bom', 'decimal-comma', 'id-column', 'label-all-unique', 'label-by-name', 'label-last-column', 'sep-line', 'thousands', 'trailing-delimiter', 'utf16']);
    });
  }

  it('names the example and its value', () => {
    const d = preview('grouped-numbers.csv').decisions.find((x) => x.kind === 'thousands')!;
    expect(decisionText(d, translator('en'))).toBe('Thousands separators removed: “1,099” reads as 1099 (columns area_sqft, price).');
  });
});

describe('<Decisions>', () => {
  const render = (p: ReturnType<typeof preview>, label: string | undefined) => renderToStaticMarkup(<Decisions preview={p} label={label} busy={false} onInspect={() => undefined} />);

  it('lists the decisions, offers the encoding and number-format overrides set to what was detected, and marks the label as a guess', () => {
    useI18n.getState().setLanguage('en');
    const p = preview('titanic-like.csv');
    const html = render(p, 'Survived');
    expect(html).toContain('data-kind="id-column" data-column="PassengerId"');
    expect(html).toContain('“PassengerId” is named like an identifier');
    expect(html).toContain('data-confirmed="false"');
    expect(html).toContain('The label “Survived” is a guess');
    expect(html).toContain('data-testid="csv-label-keep"');
    expect(html).toMatch(/<select[^>]*data-testid="csv-encoding"[^>]*>.*<option value="utf-8" selected=""/);
    const german = render(preview('decimal-comma.csv'), 'species');
    expect(german).toMatch(/<option value="4" selected="">1234,5<\/option>/);
  });

  it('choosing another label confirms it', () => {
    const html = render(preview('titanic-like.csv'), 'Fare');
    expect(html).toContain('data-confirmed="true"');
    expect(html).toContain('Label “Fare”, as you chose.');
  });
});
