import { api } from '../api';
import { useI18n, type Language } from '.';

/**
 * Issue 16: tells main the UI language now and after every change (`app.setLanguage`), so the
 * desktop app's native menu and dialogs follow it. The browser host accepts the call and has no
 * menu; a failure (main restarting) only leaves the menu in its previous language.
 */
export function reportLanguageToMain(): () => void {
  const report = (language: Language) => void api['app.setLanguage']({ language }).catch(() => undefined);
  report(useI18n.getState().language);
  return useI18n.subscribe((state, previous) => {
    if (state.language !== previous.language) report(state.language);
  });
}
