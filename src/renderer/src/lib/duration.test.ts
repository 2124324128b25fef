import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration';

// Trial finding 5 (P1): a 100-epoch run of 0.4 s showed "0s elapsed": a wrong 0.
describe('formatDuration', () => {
  it('shows a run under a second in tenths, never as 0', () => {
    expect(formatDuration(400)).toBe('0.4 s');
    expect(formatDuration(30)).toBe('0.03 s');
    expect(formatDuration(0)).toBe('0 s');
  });
  it('shows seconds with a tenth under ten seconds, whole seconds above, and minutes past a minute', () => {
    expect(formatDuration(4_260)).toBe('4.3 s');
    expect(formatDuration(42_400)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
  it('shows an unknown time as a dash', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});
