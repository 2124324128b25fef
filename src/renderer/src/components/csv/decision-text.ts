/** Issue 12 (B1): the UI's text of one detection decision, from its kind and params (messages as data). */

import { ENCODING_NAMES } from '../../../../shared/i18n/data-text';

export { decisionText, encodingName, type CsvDecisionInfo } from '../../../../shared/i18n/data-text';

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
