import { describe, expect, it } from 'vitest';
import { cliLanguage, environmentLanguage, langArgument } from './language';

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
