/**
 * A duration as the run panel shows it: under 10 s with two significant digits at most
 * ("0.4 s", "0.03 s", "4.3 s"), so a fast run never reads as 0; then whole seconds ("42 s"),
 * then minutes and seconds ("2 min 05 s"). null or non-finite (unknown): "—".
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 10) return `${Number(seconds.toPrecision(seconds < 1 ? 1 : 2))} s`;
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}
