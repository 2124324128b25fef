import { translator, type Language, type Translate } from '../shared/i18n/translate';

/**
 * Main's copy of the UI language: the renderer reports it at start and on every change
 * (`app.setLanguage`), and main's own texts (the native menu, file dialogs, the unsaved-changes
 * prompt) are built from it through the shared translator. Until the renderer speaks, the OS's
 * language (`pickLanguage` over `app.getPreferredSystemLanguages()`) stands in.
 */
export class UiLanguage {
  private current: Language;
  private translate: Translate;
  private readonly listeners = new Set<(language: Language) => void>();

  constructor(initial: Language = 'en') {
    this.current = initial;
    this.translate = translator(initial);
  }

  get language(): Language {
    return this.current;
  }

  /** Translates in the current language (looked up at each call, so a held reference follows changes). */
  readonly t: Translate = (key, vars) => this.translate(key, vars);

  /** Switches the language; listeners run only when it changed. */
  set(language: Language): void {
    if (language === this.current) return;
    this.current = language;
    this.translate = translator(language);
    for (const listener of [...this.listeners]) listener(language);
  }

  /** Calls `listener` after each change; returns the unsubscribe function. */
  onChange(listener: (language: Language) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
