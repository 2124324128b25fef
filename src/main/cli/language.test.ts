import { describe, expect, it } from 'vitest';
import { cliLanguage, commanderErrorText, environmentLanguage, langArgument } from './language';
import { translator } from '../../shared/i18n/translate';

describe('the command line\'s language (issue 16)', () => {
  it('reads the POSIX locale with its precedence: LC_ALL, then LC_MESSAGES, then LANG; NEURITE_LANG before all', () => {
    expect(environmentLanguage({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(environmentLanguage({})).toBe('en');
    expect(environmentLanguage({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'en_US.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LANG: 'en_US.UTF-8', LC_MESSAGES: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' })).toBe('zh-CN');
    // An empty variable is unset, as for setlocale(3).
    expect(environmentLanguage({ LC_ALL: '', LANG: 'zh_CN.GB18030' })).toBe('zh-CN');
    expect(environmentLanguage({ LANG: 'zh_CN.UTF-8', NEURITE_LANG: 'en' })).toBe('en');
    expect(environmentLanguage({ NEURITE_LANG: 'zh-CN' })).toBe('zh-CN');
  });

  it('takes --lang X or --lang=X anywhere before --, the last one winning, and falls back to the environment when it is not a language', () => {
    expect(langArgument(['train', 'p.neurite', '--lang', 'zh-CN'])).toBe('zh-CN');
    expect(langArgument(['--lang=en', 'train'])).toBe('en');
    expect(langArgument(['train', '--', '--lang', 'zh-CN'])).toBeUndefined();
    expect(cliLanguage(['--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(cliLanguage(['--lang', 'fr'], { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
  });
});

describe('commander\'s errors in the language (issue 16)', () => {
  // Texts as commander 14 writes them (lib/command.js).
  const samples = [
    "error: missing required argument 'project'\n",
    "error: option '--epochs <n>' argument missing\n",
    "error: required option '--out <file>' not specified\n",
    "error: unknown option '--epoch'\n(Did you mean --epochs?)\n",
    "error: unknown command 'trian'\n(Did you mean train?)\n",
    "error: too many arguments for 'train'. Expected 1 argument but got 2.\n",
    "error: option '--lang <language>' argument 'fr' is invalid. \"fr\" is not a language of Neurite; the accepted values are: en, zh-CN.\n",
  ];

  it('in English, says exactly what commander says, as neurite', () => {
    for (const text of samples) expect(commanderErrorText(text, translator('en'))).toBe(text.replace(/^error: /, 'neurite: '));
  });

  it('in Chinese, every one of them is translated (names and values kept)', () => {
    for (const text of samples) {
      const said = commanderErrorText(text, translator('zh-CN'));
      expect(said, text).toMatch(/^neurite: .*[\u4e00-\u9fff]/);
      expect(said, text).not.toMatch(/missing|unknown|argument|Did you mean|too many|is invalid/);
    }
    expect(commanderErrorText("error: unknown option '--epoch'\n(Did you mean --epochs?)\n", translator('zh-CN'))).toBe('neurite: 未知选项“--epoch”\n（你是不是想用 --epochs？）\n');
  });
});
