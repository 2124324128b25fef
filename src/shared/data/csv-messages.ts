import { wordsFor } from '../graph/problem-text';

/**
 * Issue 16: the CSV import's errors and preview issues as data. The English is written once here;
 * csv-encoder.ts, csv-preview.ts, csv-records.ts, csv-dataset.ts and the import worker raise these
 * ids with their `params` (line numbers from 1, column names as the file writes them, values
 * quoted as the file holds them) and keep the English `message` rendered from the same template
 * (CLI, API, logs); src/shared/i18n/en.ts spreads the table and zh-CN translates the same keys.
 */
export const CSV_MESSAGES_EN = {
  'csv.noFeature': 'No column is a feature. Set the role of at least one column to "feature".',
  'csv.noLabel': 'No column is the label. Set the role of the column to predict to "label".',
  'csv.mixedLabels': 'Only one label column can hold classes, but {columns} are labels. Keep one label column, or make them all numeric for regression.',
  'csv.noNumericColumn':
    'No feature column holds numbers ({columns} are text, coded as indices). A network needs numeric inputs: set the encoding of categorical features to one-hot, or choose a file with numeric columns.',
  'csv.labelMissingStrategy':
    'Column \'{column}\' is the label: a missing label cannot be filled in or flagged (the model would learn made-up targets). Choose "drop the rows" or "stop the import" for it.',
  'csv.categoryNoMean': "Column '{column}' holds categories: it has no mean. Fill its missing values with the most frequent category, or drop the rows.",
  'csv.categoryNoMedian': "Column '{column}' holds categories: it has no median. Fill its missing values with the most frequent category, or drop the rows.",
  'csv.headerChanged': 'The header on line {line} has {got} columns, but the import was set up for {width}. Open the file again to refresh the preview.',
  'csv.ragged.header':
    'Line {line} has {got, plural, one {# field} other {# fields}}; the header has {width}. Check that line for a missing or extra delimiter (or an unquoted delimiter inside a value).',
  'csv.ragged.firstRow':
    'Line {line} has {got, plural, one {# field} other {# fields}}; the first row has {width}. Check that line for a missing or extra delimiter (or an unquoted delimiter inside a value).',
  'csv.nan': "Line {line}, column '{column}': the value is NaN (not a number). Fill in a number or delete the row.",
  'csv.notANumber': "Line {line}, column '{column}': expected a number, got {got}. Fix the value, or set the column's type to categorical.",
  'csv.tooManyClasses':
    "Line {line}, column '{column}': the label column has more than {max} different values. It looks like a number or an identifier, not a class: set its type to numeric (regression) or choose another label.",
  'csv.allDropped':
    'All {dropped} data rows were dropped because a value was missing in a column set to "drop the rows": {columns}. Fill the missing values with a strategy instead, or set the column\'s role to "ignored".',
  'csv.noRows.header': 'The file has no data rows below the header. Add rows, or uncheck "first row is a header".',
  'csv.noRows': 'The file has no data rows. Add rows, or uncheck "first row is a header".',
  'csv.oneClass':
    "Column '{column}' (the label) has only one class, {value}, in all {rows} rows; a classifier needs at least two. Choose another label column, or a file with more than one class.",
  'csv.missingValue':
    "Line {line}, column '{column}': the value is missing. Choose what to do with missing values in this column (drop the rows, or fill them with the mean, median or most frequent value), fill it in, or set the column's role to \"ignored\".",
  'csv.missingValueText':
    "Line {line}, column '{column}': the value is missing ({text}). Choose what to do with missing values in this column (drop the rows, or fill them with the mean, median or most frequent value), fill it in, or set the column's role to \"ignored\".",
  'csv.noValues.mean': "Column '{column}' has no value in any row, so there is nothing to learn its mean from. Set the column's role to \"ignored\".",
  'csv.noValues.median': "Column '{column}' has no value in any row, so there is nothing to learn its median from. Set the column's role to \"ignored\".",
  'csv.noValues.mostFrequent': "Column '{column}' has no value in any row, so there is nothing to learn its most-frequent from. Set the column's role to \"ignored\".",
  'csv.empty': 'The file is empty: it has no rows. Choose a CSV file with a header line and data rows.',
  'csv.blankLines': 'The file has only blank lines. Choose a CSV file with data rows.',
  'csv.headerOnly': 'The file has a header line but no data rows. Add rows below the header.',
  'csv.badQuotes': 'A line has a quoted field that is never closed. Close the quote (") or remove it.',
  'csv.badQuotes.line': 'Line {line} has a quoted field that is never closed. Close the quote (") or remove it.',
  'csv.badQuotes.near': 'Near line {line}, a quoted field is never closed. Close the quote (") or remove it.',
  'csv.badEncoding':
    'Line {line} has bytes that are not valid {encoding} (shown as �): the file is probably saved in another encoding (Windows "ANSI", Latin-1). Save it again as UTF-8 (in Excel: Save As → "CSV UTF-8 (Comma delimited)"), or, if it is UTF-16 text, choose that encoding.',
  // A message above (nested as the `messageId` parameter, rendered first) with the file it is in.
  'csv.inFile': '{file}: {message}',
  'csv.inSheet': "{file} (sheet '{sheet}'): {message}",
  'csv.columnsChanged': 'The stored CSV rows have {got} features, but the project expects {expected}. Import the file again.',
} as const;

export type CsvMessageId = keyof typeof CSV_MESSAGES_EN;

/** The words of CSV message `messageId`: the id, its params and the English `message` rendered from them. */
export const csvWords = wordsFor(CSV_MESSAGES_EN);
