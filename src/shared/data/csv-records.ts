import { csvWords } from './csv-messages';
import Papa from 'papaparse';
import type { CsvDelimiter } from './csv-types';

/** Record-level helpers shared by the preview and the encoder: blank lines, line numbers, messages. */

export function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0].trim() === '';
}

/** Papa Parse over a whole text with the chosen delimiter; blank lines kept (line numbers stay true). */
export function parseText(text: string, delimiter: CsvDelimiter, preview?: number): Papa.ParseResult<string[]> {
  return Papa.parse<string[]>(text, { delimiter, quoteChar: '"', skipEmptyLines: false, ...(preview ? { preview } : {}) });
}

/** Drops a leading byte-order mark (U+FEFF). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text up to its last newline (the head of a larger file may end mid-line). */
export function cutToLastLine(text: string): string {
  const end = text.lastIndexOf('\n');
  return end > 0 ? text.slice(0, end + 1) : text;
}

/** Physical line on which each record starts (1-based), counting newlines inside quoted fields. */
export function lineNumbers(records: string[][]): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const r of records) {
    lines.push(line);
    line += 1;
    for (const field of r) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line++;
  }
  return lines;
}

/** A row with the wrong number of fields, in words (csv-messages.ts). */
export function raggedMessage(line: number, got: number, width: number, header: boolean) {
  return csvWords(header ? 'csv.ragged.header' : 'csv.ragged.firstRow', { line, got, width });
}

/** A quoted field never closed, in words (csv-messages.ts). */
export function quotesMessage(line: number | undefined) {
  return line ? csvWords('csv.badQuotes.line', { line }) : csvWords('csv.badQuotes');
}
