import { describe, expect, it } from 'vitest';
import { formatDateTime, recoveryQuestion } from './dateTime';

describe('dates in the UI language (trial 10, 18)', () => {
  const when = new Date(2026, 10, 30, 4, 7, 15);
  it('writes the zh-CN date as the runs table does, whatever the system locale', () => {
    expect(formatDateTime(when, 'zh-CN')).toBe('2026/11/30 04:07:15');
    expect(formatDateTime(when.toISOString(), 'en')).toBe('11/30/2026, 04:07:15 AM');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
  it('the crash-restore question carries the date in the UI language', () => {
    const question = recoveryQuestion({ cleanExit: true, backedUpAt: when.toISOString(), project: { name: '未命名' } }, 'zh-CN');
    expect(question).toContain('（2026/11/30 04:07:15）');
    expect(question).not.toMatch(/AM|PM/);
  });
});
