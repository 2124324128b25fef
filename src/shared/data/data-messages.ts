import { wordsFor } from '../graph/problem-text';

/**
 * Issue 16: the data pipeline's refusals as data. The English is written once here; the code that
 * raises them (preprocess.ts for rows given to predict; src/main/data/preflight.ts for an import
 * too large for this computer) passes the id and `params` (rows and values counted from 1, column
 * names as the file writes them) and keeps the English `message` rendered from the same template
 * (CLI, API, logs); src/shared/i18n/en.ts spreads this table and zh-CN translates it.
 */
export const DATA_MESSAGES_EN = {
  'data.row.missing.drop': "Row {row}, column '{column}': the value is missing; rows missing it were dropped at import, so the model has no value to fill in. Enter a value.",
  'data.row.missing.required': "Row {row}, column '{column}': the value is missing; the import required a value in this column, so the model has no value to fill in. Enter a value.",
  'data.row.width': 'Row {row} has {got, plural, one {# value} other {# values}}; expected {features} (one per feature: {featureNames}).',
  'data.row.widthOrColumns': 'Row {row} has {got, plural, one {# value} other {# values}}; expected {features} (one per feature: {featureNames}) or {columns} (one per column: {columnNames}).',
  'data.row.notANumber': "Row {row}, column '{column}': expected a number, got {got}.",
  'data.row.unknownCategory': "Row {row}, column '{column}': unknown category {got}; expected one of {categories}.",
  'data.row.rawNotANumber': 'Row {row}, value {index}: expected a number (the model takes its inputs as they are), got {got}.',
  'data.importTooLarge':
    '{name} is too large to import: it needs about {needed} of memory (about {rows} rows × {columns} stored columns × 4 bytes × {factor}), more than the {bound} an import may use (half of this computer\'s memory). Set columns you do not need to "ignored" (a one-hot text column stores one column per value), or import a sample of the file (about {rowsThatFit} rows fit).',
  // Image folders and zips (src/main/data/image-folder.ts ImageFolderError); `{name}` is the folder or zip as the user chose it.
  'images.notAFolder': '{name} is not a folder that can be read. Choose the folder that holds one sub-folder per class.',
  'images.tooManyFiles': '{name} holds more than {max} files, the most one import reads. Import a smaller selection (for example a few hundred images per class).',
  'images.notAFile': '{name} is not a file that can be read. Choose the zip file again.',
  'images.zipTooLarge': '{name} is {size}, more than the {max} a zip may be. Unzip it and choose the folder instead, or zip fewer images.',
  'images.zipUnsafe': '{name} is refused: its entry "{entry}" is unsafe ({detail}). Zip the folder again with a standard tool (entries relative to the folder).',
  'images.zipBomb': '{name} unpacks to more than {max} of images (as its entries declare), the most one import reads. It may be a zip bomb; if it is real, import a smaller selection.',
  'images.zipUnreadable': '{name} cannot be read as a zip file ({detail}). Check that it is a .zip and zip the folder again.',
  'images.noImages': '{name} holds no readable image inside a class folder. Put the images of each class in a sub-folder named after the class (e.g. {name}/cat/1.jpg, {name}/dog/1.jpg).',
  'images.noImagesUnreadable':
    '{name} holds no readable image inside a class folder ({unreadable} image files could not be read). Put the images of each class in a sub-folder named after the class (e.g. {name}/cat/1.jpg, {name}/dog/1.jpg).',
  'images.oneClass': '{name} has one class only ("{class}"): a classifier needs at least two. Add a sub-folder of images for each other class.',
  'images.oneClassEmpty': '{name} has one class only ("{class}"; {empty} holds no readable image): a classifier needs at least two. Add a sub-folder of images for each other class.',
  'images.tooLarge':
    '{name}: {count} images of {height}×{width}×{channels} need {needed}, more than the {max} an image dataset may hold. Choose a smaller size or grayscale (about {fit} images fit at this size).',
  // The data service's refusals (src/main/data/service.ts): choosing and uploading files, the import queue.
  'dataService.notAFolder': 'Cannot read {name}: it is not a folder.',
  'dataService.notAFile': 'Cannot read {name}: it is not a file.',
  'dataService.notAZip': '{name} is not a .zip file. Zip the folder that holds one sub-folder per class (each full of images) and upload the .zip.',
  'dataService.importRunning': '{name} is already being imported; wait for it or cancel it.',
  'dataService.tooManyUploads': '{count} uploads are already in progress; finish or cancel one first (an upload idle for {minutes} minutes is dropped).',
  'dataService.uploadCancelled': 'Upload {name} was cancelled: choose the file again.',
  'dataService.duplicateName': 'Two of the uploaded files are named {name}; pick each of training-log.jsonl, model.json and weights.bin once.',
  'dataService.noUpload': 'There is no upload {id}: choose the file again.',
  'dataService.uploadIncomplete': 'Upload {name} is incomplete: {received} of {size} bytes arrived. Choose the file again.',
  'dataService.busy': 'The CSV importer is busy ({running} running, {waiting} waiting); try again when the current imports finish.',
  'dataService.workerFailed': 'The CSV import worker failed: {detail}',
  'dataService.workerStopped': 'The CSV import worker stopped (exit code {exitCode}) before answering.',
  'dataService.cancelled': 'The import of {name} was cancelled; the project is unchanged.',
  'dataService.cancelledFile': 'The import of the file was cancelled; the project is unchanged.',
  // Excel workbooks (src/main/data/xlsx.ts XlsxError).
  'xlsx.tooSlow': 'Reading the workbook took longer than {minutes} minutes and was stopped. Save the sheet as CSV and import that instead.',
  'xlsx.noAnswer': 'Reading the workbook stopped before it answered. Import the file again.',
  'xlsx.oldXls':
    'This is an Excel 97–2003 workbook (.xls), which cannot be read. Open it in Excel (or LibreOffice) and save it as "Excel Workbook (.xlsx)" or as CSV, then import that file.',
  'xlsx.emptySheet': "The sheet '{sheet}' has no cells with values. Choose a sheet that holds a table (a header row and data rows).",
  'xlsx.noSheet': "The workbook has no sheet named '{sheet}'; it has {sheets}. Choose one of those.",
  'xlsx.noSheetInspect': "The workbook has no sheet named '{sheet}'. Inspect the file again and choose one of its sheets.",
  'xlsx.badWorkbook': 'The file is not a readable Excel workbook (.xlsx): {detail}. Open it in Excel or LibreOffice and save it again as .xlsx, or save the sheet as CSV and import that.',
} as const;

export type DataMessageId = keyof typeof DATA_MESSAGES_EN;

/** The words of data message `messageId`: id, params and the English `message` rendered from them. */
export const dataWords = wordsFor(DATA_MESSAGES_EN);
