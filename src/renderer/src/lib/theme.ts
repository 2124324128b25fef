import { create } from 'zustand';

/** The theme choices (issue 16, desktop convention): follow the operating system, or always light or dark. */
export const THEMES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEMES)[number];
export type ResolvedTheme = 'light' | 'dark';

const STORAGE_KEY = 'neurite.theme';

/** A stored choice, or `system` when there is none or it is not one of {@link THEMES}. */
export function parseThemeChoice(stored: string | null | undefined): ThemeChoice {
  return (THEMES as readonly string[]).includes(stored ?? '') ? (stored as ThemeChoice) : 'system';
}

/** The theme drawn for a choice: `system` follows the OS' `prefers-color-scheme`. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): ResolvedTheme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

const darkQuery = (): MediaQueryList | null => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

function readStored(): ThemeChoice {
  try {
    return parseThemeChoice(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return 'system';
  }
}

/** Puts the drawn theme on `<html data-theme>`: styles.css keys its colours on it. */
function apply(theme: ResolvedTheme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}

interface ThemeStore {
  choice: ThemeChoice;
  /** The theme drawn now; charts redraw when it changes (their colours come from the CSS variables). */
  resolved: ResolvedTheme;
  setChoice(choice: ThemeChoice): void;
}

export const useTheme = create<ThemeStore>()((set) => {
  const choice = readStored();
  const resolved = resolveTheme(choice, darkQuery()?.matches ?? false);
  apply(resolved);
  return {
    choice,
    resolved,
    setChoice(next) {
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
      } catch {
        // Storage disabled: the choice lasts for this window.
      }
      const theme = resolveTheme(next, darkQuery()?.matches ?? false);
      apply(theme);
      set({ choice: next, resolved: theme });
    },
  };
});

// `system` follows the OS while the app runs.
darkQuery()?.addEventListener('change', (event) => {
  const { choice } = useTheme.getState();
  if (choice !== 'system') return;
  const theme = resolveTheme(choice, event.matches);
  apply(theme);
  useTheme.setState({ resolved: theme });
});

/** The drawn theme, for components whose colours are read once per draw (uPlot charts): put it in their effects' dependencies. */
export const useResolvedTheme = (): ResolvedTheme => useTheme((s) => s.resolved);
