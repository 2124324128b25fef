import type { Language } from '../../../shared/i18n/translate';
import { translator } from '../../../shared/i18n/translate';

/**
 * Dates and times as the UI language writes them (2026/11/30 04:07:15 in zh-CN, 11/30/2026, 04:07:15 in
 * en), not the system's locale. One `Intl.DateTimeFormat` per language, reused: `toLocaleString`
 * builds a new one per call, ~50× slower over the 500 rows of the runs table.
 */
const formats = new Map<Language, Intl.DateTimeFormat>();

/** `when` (a Date, epoch milliseconds or an ISO string) in the UI language; an unreadable value is returned as given. */
export function formatDateTime(when: Date | number | string, language: Language): string {
  const date = when instanceof Date ? when : new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
  let format = formats.get(language);
  if (!format) formats.set(language, (format = new Intl.DateTimeFormat(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })));
  return format.format(date);
}

/** The crash-restore question: the project's name and the time of its backup, in the UI language. */
export function recoveryQuestion(recovered: { cleanExit?: boolean; backedUpAt: string | number; project: { name: string } }, language: Language): string {
  return translator(language)(recovered.cleanExit ? 'files.restoreKept' : 'files.restore', { name: recovered.project.name, when: formatDateTime(recovered.backedUpAt, language) });
}
