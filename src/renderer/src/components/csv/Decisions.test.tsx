import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CsvPreviewSchema } from '../../../../shared/api/contract';
import { previewCsv, previewCsvBytes } from '../../../../shared/data/csv';
import { translator, useI18n } from '../../i18n';
import { decisionText } from './decision-text';
import { Decisions } from './Decisions';

/**
 * Issue 12 (B1): every kind of decision reads in English and Chinese; the dialog's list, its
 * overrides and the label marker. (The fixture files themselves are checked in
 * src/shared/data/csv-detect.test.ts; the renderer has no file access, so small texts stand in.)
 */

const utf16le = (text: string) => new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
const rows = (n: number, row: (i: number) => string) => Array.from({ length: n }, (_, i) => row(i)).join('\n');
const SAMPLES: Record<string, string | Uint8Array> = {
  'grouped-numbers': 'area,price\n"1,250","245,000"\n"980","189,500"\n"2,100","410,000"\n',
  'decimal-comma': 'a;b;c\n5,1;3,5;A\n4,9;3,0;B\n6,2;2,9;A\n',
  'trailing-delimiter': 'x1,x2,y,\n1,2,3,\n4,5,6,\n',
  'sep-line': 'sep=;\nx;y;z\n1;2;a\n3;4;b\n',
  bom: '\uFEFFx,y,z\n1,2,a\n3,4,b\n',
  utf16: utf16le('w\th\tshape\r\n1\t2\ta\r\n3\t4\tb\r\n'),
  titanic: 'PassengerId,Survived,Pclass,Sex,Age,Fare\n1,0,3,male,22,7.25\n2,1,1,female,38,71.28\n3,1,3,female,26,7.92\n4,1,1,female,35,53.1\n',
  'pandas-index': ',target,f1\n0,a,1.5\n1,b,2.5\n2,a,3.5\n',
  'row-number': 'n,x,z,y\n' + rows(12, (i) => `${i + 1},${i % 3},${i % 5},${i % 2}`),
  'unique-text': 'name,x,label\n' + rows(25, (i) => `person ${i},${i % 4},${i % 2}`),
  'label-all-unique': 'size,price\n1,$1\n2,$2\n3,$3\n',
};
const preview = (name: string) => {
  const sample = SAMPLES[name];
  return CsvPreviewSchema.parse({ ...(typeof sample === 'string' ? previewCsv(sample) : previewCsvBytes(sample)), size: 1 });
};

describe('decision texts', () => {
  for (const language of ['en', 'zh-CN'] as const) {
    it(`every decision of every fixture has its ${language} text, with every value filled in`, () => {
      const t = translator(language);
      const kinds = new Set<string>();
      for (const file of Object.keys(SAMPLES)) {
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
    const d = preview('grouped-numbers').decisions.find((x) => x.kind === 'thousands')!;
    expect(decisionText(d, translator('en'))).toBe('Thousands separators removed: “1,250” reads as 1250 (columns area, price).');
    const reasons = ['titanic', 'pandas-index', 'row-number', 'unique-text'].map((name) => preview(name).decisions.find((x) => x.kind === 'id-column')?.params?.reason);
    expect(reasons).toEqual(['name', 'unnamed-index', 'row-number', 'unique-text']);
  });
});

describe('<Decisions>', () => {
  const render = (p: ReturnType<typeof preview>, label: string | undefined) => renderToStaticMarkup(<Decisions preview={p} label={label} busy={false} onInspect={() => undefined} />);

  it('lists the decisions, offers the encoding and number-format overrides set to what was detected, and marks the label as a guess', () => {
    useI18n.getState().setLanguage('en');
    const p = preview('titanic');
    const html = render(p, 'Survived');
    expect(html).toContain('data-kind="id-column" data-column="PassengerId"');
    expect(html).toContain('“PassengerId” is named like an identifier');
    expect(html).toContain('data-confirmed="false"');
    expect(html).toContain('The label “Survived” is a guess');
    expect(html).toContain('data-testid="csv-label-keep"');
    expect(html).toMatch(/<select[^>]*data-testid="csv-encoding"[^>]*>.*<option value="utf-8" selected=""/);
    const german = render(preview('decimal-comma'), 'c');
    expect(german).toMatch(/<option value="4" selected="">1234,5<\/option>/);
  });

  it('choosing another label confirms it', () => {
    const html = render(preview('titanic'), 'Fare');
    expect(html).toContain('data-confirmed="true"');
    expect(html).toContain('Label “Fare”, as you chose.');
  });
});
