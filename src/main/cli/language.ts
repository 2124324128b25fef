import { InvalidArgumentError } from 'commander';
import { isLanguage, LANGUAGES, pickLanguage, translator, type Language, type MessageKey, type Translate, type Vars } from '../../shared/i18n/translate';

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

/**
 * commander's own error messages (it has no translation hook), matched by their English text in
 * commander 14 (lib/command.js) and said again in the language of `t`. A message no pattern
 * matches is left as it is.
 */
const COMMANDER_ERRORS: readonly { pattern: RegExp; key: MessageKey; vars: (m: RegExpMatchArray) => Vars }[] = [
  { pattern: /^error: missing required argument '(.+)'$/, key: 'cli.err.missingArgument', vars: (m) => ({ name: m[1] }) },
  { pattern: /^error: option '(.+)' argument missing$/, key: 'cli.err.optionArgumentMissing', vars: (m) => ({ flags: m[1] }) },
  { pattern: /^error: required option '(.+)' not specified$/, key: 'cli.err.requiredOption', vars: (m) => ({ flags: m[1] }) },
  { pattern: /^error: unknown option '(.+?)'$/, key: 'cli.err.unknownOption', vars: (m) => ({ flag: m[1] }) },
  { pattern: /^error: unknown command '(.+?)'$/, key: 'cli.err.unknownCommand', vars: (m) => ({ name: m[1] }) },
  { pattern: /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\.$/, key: 'cli.err.tooManyArguments', vars: (m) => ({ expected: m[1], got: m[2] }) },
  { pattern: /^error: too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/, key: 'cli.err.tooManyArgumentsFor', vars: (m) => ({ command: m[1], expected: m[2], got: m[3] }) },
  { pattern: /^error: option '(.+)' argument '(.*)' is invalid\. ([\s\S]*)$/, key: 'cli.err.invalidOptionArgument', vars: (m) => ({ flags: m[1], value: m[2], detail: m[3] }) },
  { pattern: /^error: command-argument value '(.*)' is invalid for argument '(.+)'\. ([\s\S]*)$/, key: 'cli.err.invalidArgument', vars: (m) => ({ value: m[1], name: m[2], detail: m[3] }) },
];

/** A commander error (`error: unknown option '--x'\n(Did you mean --y?)`) as `neurite: …` in the language of `t`. */
export function commanderErrorText(text: string, t: Translate): string {
  const trimmed = text.replace(/\n$/, '');
  const suggestion = /\n\(Did you mean (?:one of )?(.+)\?\)$/.exec(trimmed);
  const message = suggestion ? trimmed.slice(0, suggestion.index) : trimmed;
  const known = COMMANDER_ERRORS.map((e) => ({ e, m: message.match(e.pattern) })).find((x) => x.m);
  const said = known ? t(known.e.key, known.e.vars(known.m!)) : message.replace(/^error: /, '');
  return `neurite: ${said}${suggestion ? '\n' + t('cli.err.didYouMean', { names: suggestion[1] }) : ''}${text.endsWith('\n') ? '\n' : ''}`;
}
