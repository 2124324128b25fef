import type { CsvPreviewInfo } from '../api/contract';
import type { DataFix, HealthItem } from '../data/health';
import type { MessageKey, Translate } from './translate';

/**
 * Issue 12/16: the words of a CSV import's detection decisions and data-health items in a
 * language, from their kind and params (messages as data; the English `message` fields are their
 * twins). One implementation for the import dialog, the Data tab and `neurite inspect --lang`.
 */

export type CsvDecisionInfo = CsvPreviewInfo['decisions'][number];

/** Display names of the text encodings the CSV import reads. */
export const ENCODING_NAMES: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };
export const encodingName = (encoding: string) => ENCODING_NAMES[encoding] ?? encoding;

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

/** The item's text in the UI language, from its kind and numbers (health.ts' `message` is the English twin). */
export function healthText(item: HealthItem, t: Translate): string {
  const p = item.params;
  switch (item.kind) {
    case 'class-imbalance':
      return t('health.classImbalance', p);
    case 'constant-column':
      return t('health.constant', p);
    case 'near-constant-column':
      return t('health.nearConstant', p);
    case 'duplicate-rows':
      return t('health.duplicates', p);
    case 'scale-spread':
      return t('health.scaleSpread', p);
    case 'label-leak':
      // A correlation is no proof of a leak (health.ts): its text carries its own advice, and no fix.
      return p.measure === 'correlation' ? t('health.leak.correlation', p) : `${t(`health.leak.${p.measure as 'equal' | 'mapping'}`, p)} ${t('health.leakAdvice', p)}`;
    case 'sorted-by-label':
      return t(p.runs !== undefined ? 'health.sortedClasses' : 'health.sortedValues', p);
    case 'missing-values':
      return t(item.fix?.kind === 'set-missing' && item.fix.strategy === 'drop' ? 'health.missingLabel' : p.handling === 'category' ? 'health.missingCategory' : 'health.missing', p);
    case 'label-all-unique':
      return t('health.labelAllUnique', p);
  }
}

/** What a fix's button says. */
export function fixText(fix: DataFix, t: Translate): string {
  switch (fix.kind) {
    case 'set-role':
      return t('health.fix.ignore', { column: fix.column });
    case 'set-normalize':
      return t('health.fix.normalize');
    case 'set-split-mode':
      return t(fix.mode === 'stratified' ? 'health.fix.stratified' : 'health.fix.shuffle');
    case 'set-missing':
      return t(`health.fix.missing.${fix.strategy}` as MessageKey, { column: fix.column });
    case 'drop-duplicates':
      return t('health.fix.dropDuplicates');
  }
}

