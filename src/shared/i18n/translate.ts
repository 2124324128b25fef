import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

/**
 * The one translator of Neurite's user-visible texts, shared by the renderer (through the zustand
 * store in src/renderer/src/i18n), Electron main (the native menus) and the CLI (`--lang`). The
 * dictionaries live next to it: `en.ts` is the source of the message keys, `zh-CN.ts` has the
 * same keys (a unit test checks it).
 */
export type { MessageKey } from './en';
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** True when `value` names one of the UI languages ('en', 'zh-CN'). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Picks the UI language from a stored choice, else the system's languages (BCP 47 tags such as
 * `zh-Hans-CN`, or POSIX locales such as `zh_CN.UTF-8`); anything Chinese gets Simplified Chinese,
 * anything else English.
 */
export function pickLanguage(stored: string | null | undefined, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/**
 * Plurals, the ICU MessageFormat subset `{count, plural, one {# row} other {# rows}}`: the branch
 * is chosen by the language's CLDR plural rule (`Intl.PluralRules`; Chinese has only `other`) and
 * `#` stands for the number. Branch texts may hold `{name}` variables but no nested plurals.
 */
const PLURAL = /\{(\w+), plural, one \{((?:[^{}]|\{\w+\})*)\} other \{((?:[^{}]|\{\w+\})*)\}\}/g;

/** A translator for `language`: looks the key up (falling back to English, then the key) and fills `{name}` variables. */
export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  const rules = new Intl.PluralRules(language);
  return (key, vars) => {
    const text = dictionary[key] ?? en[key] ?? key;
    if (!vars) return text;
    const plural = text.replace(PLURAL, (match, name: string, one: string, other: string) => {
      if (!(name in vars)) return match;
      const n = Number(String(vars[name]).replace(/,/g, ''));
      return (rules.select(n) === 'one' ? one : other).replace(/#/g, String(vars[name]));
    });
    return plural.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
  };
}
