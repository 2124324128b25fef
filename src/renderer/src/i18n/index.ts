import { create } from 'zustand';
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import { cjkFontReady, loadCjkFont } from '../lib/cjkFont';

export type { MessageKey } from './en';
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
export const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

const STORAGE_KEY = 'neurite.language';

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** Picks the UI language from a stored choice, else the system's languages; anything Chinese gets Simplified Chinese. */
export function pickLanguage(stored: string | null | undefined, preferred: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
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

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function systemLanguages(): readonly string[] {
  const nav = globalThis.navigator as Navigator | undefined;
  return nav ? (nav.languages?.length ? nav.languages : [nav.language]) : [];
}

interface I18nState {
  language: Language;
  t: Translate;
  setLanguage(language: Language): void;
}

const initial = pickLanguage(storedLanguage(), systemLanguages());

export const useI18n = create<I18nState>()((set) => ({
  language: initial,
  t: translator(initial),
  setLanguage(language) {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, language);
    } catch {
      // Without storage the choice lasts for this window only.
    }
    const apply = () => {
      if (globalThis.document) globalThis.document.documentElement.lang = language;
      set({ language, t: translator(language) });
    };
    // Chinese text is laid out only once the bundled Chinese font is ready (lib/cjkFont.ts).
    if (language === 'zh-CN' && !cjkFontReady()) void loadCjkFont().then(apply);
    else apply();
  },
}));

if (globalThis.document) globalThis.document.documentElement.lang = initial;

/** The current translator; components re-render when the language changes. */
export const useT = (): Translate => useI18n((s) => s.t);

/** For code outside React (parsers, toasts): the translator of the moment. */
export const tr: Translate = (key, vars) => useI18n.getState().t(key, vars);
