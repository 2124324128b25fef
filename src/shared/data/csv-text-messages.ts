import { wordsFor } from '../graph/problem-text';

/**
 * Trial 10 (13): refusals of a file that is not text, and the note on a cut column name, as data.
 * The English is written once here (the `message` of CLI, API and logs is rendered from it);
 * src/shared/i18n/en.ts spreads this table and zh-CN translates the same keys.
 */
export const CSV_TEXT_MESSAGES_EN = {
  'csv.notText.nul':
    '{file} is not a text CSV file: its first {bytes} bytes hold {count} zero bytes, which text never has (it looks like a binary file: an image, archive, database or program). Choose a CSV file (values separated by commas, one row per line), or an Excel workbook (.xlsx).',
  'csv.notText.invalid':
    '{file} is not a text CSV file: {percent} % of its first {bytes} bytes are not characters in any text encoding ({count} bytes). Choose a CSV file (values separated by commas, one row per line), or an Excel workbook (.xlsx).',
  'csvDecision.longName': 'Column {index} has a name of {length} characters; it is cut to its first {max} and shown as “{column}”.',
} as const;

export type CsvTextMessageId = keyof typeof CSV_TEXT_MESSAGES_EN;

/** The words of message `messageId`: the id, its params and the English rendered from them. */
export const csvTextWords = wordsFor(CSV_TEXT_MESSAGES_EN);
