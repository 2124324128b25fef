import { InvalidArgumentError } from 'commander';
import { isLanguage, LANGUAGES, pickLanguage, translator, type Language, type Translate } from '../../shared/i18n/translate';

/**
 * Issue 16: the language of the command line's human-readable output and `--help`. `--lang`
 * wins; else `NEURITE_LANG` (`en`, `zh-CN`, or a locale such as `zh_CN.UTF-8`); else the POSIX
 * locale of messages — the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` (POSIX.1-2017 §8.2
 * precedence) — read by the UI's `pickLanguage` (`zh_CN.UTF-8` → zh-CN, `C`/`en_US` → English).
 * Machine-readable output (`--json`) keeps its English codes and messages whatever the language.
 */
export function environmentLanguage(env: NodeJS.ProcessEnv): Language {
  const own = env.NEURITE_LANG?.trim();
  if (own) return pickLanguage(own, [own]);
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].map((v) => v?.trim()).find((v) => v);
  return pickLanguage(null, locale ? [locale] : []);
}

/** The value given to `--lang` in `argv` (`--lang X` or `--lang=X`, before any `--`); undefined when absent. */
export function langArgument(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--lang') value = argv[i + 1];
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  }
  return value;
}

/** The language for this call: a valid `--lang`, else the environment's (an invalid `--lang` is refused by commander, see {@link parseLang}). */
export function cliLanguage(argv: readonly string[], env: NodeJS.ProcessEnv): Language {
  const given = langArgument(argv);
  return isLanguage(given) ? given : environmentLanguage(env);
}

/** commander's parser of `--lang`: one of LANGUAGES, else a usage error naming them (in the language of `t`). */
export function parseLang(t: Translate): (value: string) => Language {
  return (value) => {
    if (isLanguage(value)) return value;
    throw new InvalidArgumentError(t('cli.lang.invalid', { value, accepted: LANGUAGES.join(', ') }));
  };
}

const english = translator('en');

/** The translator a command line call prints with (`io.t`), English when none was given (tests, library use). */
export function cliT(io: { t?: Translate }): Translate {
  return io.t ?? english;
}
