import { create } from 'zustand';
import { pickLanguage, translator, type Language, type Translate } from '../../../shared/i18n/translate';
import { cjkFontReady, loadCjkFont } from '../lib/cjkFont';

export { DICTIONARIES, LANGUAGE_NAMES, LANGUAGES, isLanguage, pickLanguage, translator } from '../../../shared/i18n/translate';
export type { Language, MessageKey, Translate, Vars } from '../../../shared/i18n/translate';

const STORAGE_KEY = 'neurite.language';

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
