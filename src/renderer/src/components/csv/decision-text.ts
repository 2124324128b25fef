import type { CsvPreviewInfo } from '../../../../shared/api/contract';
import type { MessageKey, Translate } from '../../i18n';

/** Issue 12 (B1): the UI's text of one detection decision, from its kind and params (messages as data). */

export type CsvDecisionInfo = CsvPreviewInfo['decisions'][number];

const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

/** The decision in the UI's language; null for delimiter and header, which the dialog shows as its own controls. */
export function decisionText(d: CsvDecisionInfo, t: Translate): string | null {
  const p = d.params ?? {};
  const column = d.column ?? String(p.column ?? '');
  switch (d.kind) {
    case 'delimiter':
    case 'header':
      return null;
    case 'utf16':
      return t('csvDecision.utf16', { encoding: ENCODING_NAMES[String(p.encoding)] ?? String(p.encoding), how: t(`csvDecision.how.${p.evidence === 'bom' ? 'bom' : p.evidence === 'chosen' ? 'chosen' : 'zeroBytes'}`) });
    case 'bom':
      return t('csvDecision.bom');
    case 'sep-line':
      return t('csvDecision.sepLine', { delimiter: p.delimiter === '\t' ? 'Tab' : String(p.delimiter) });
    case 'decimal-comma':
    case 'thousands': {
      const base = d.kind === 'thousands' ? 'csvDecision.thousands' : 'csvDecision.decimalComma';
      const vars = { example: String(p.example ?? ''), value: String(p.value ?? ''), columns: String(p.columns ?? '') };
      return t((p.example && p.source !== 'chosen' ? base : `${base}Chosen`) as MessageKey, vars);
    }
    case 'trailing-delimiter':
      return t('csvDecision.trailingDelimiter', { column });
    case 'id-column': {
      const reason = p.reason === 'unnamed-index' ? 'unnamedIndex' : p.reason === 'row-number' ? 'rowNumber' : p.reason === 'unique-text' ? 'uniqueText' : 'name';
      return t(`csvDecision.id.${reason}`, { column });
    }
    case 'label-by-name':
      return t('csvDecision.labelByName', { column });
    case 'label-last-column':
      return t('csvDecision.labelLastColumn', { column });
    case 'label-all-unique':
      return t('csvDecision.labelAllUnique', { column, rows: String(p.rows ?? '') });
    case 'long-name':
      return t('csvDecision.longName', { column, index: Number(p.index), length: Number(p.length), max: Number(p.max) });
  }
}

/** Number formats offered as overrides, shown by an example (the same digits in every language). */
export const NUMBER_FORMAT_CHOICES = [
  { example: '1234.5', format: { decimal: '.', thousands: '' } },
  { example: '1,234.5', format: { decimal: '.', thousands: ',' } },
  { example: '1 234.5', format: { decimal: '.', thousands: ' ' } },
  { example: "1'234.5", format: { decimal: '.', thousands: "'" } },
  { example: '1234,5', format: { decimal: ',', thousands: '' } },
  { example: '1.234,5', format: { decimal: ',', thousands: '.' } },
  { example: '1 234,5', format: { decimal: ',', thousands: ' ' } },
] as const;

export const ENCODING_CHOICES = Object.keys(ENCODING_NAMES) as ('utf-8' | 'utf-16le' | 'utf-16be')[];
export const encodingName = (encoding: string) => ENCODING_NAMES[encoding] ?? encoding;
