import { tidyNumber } from '../../../../shared/runs/sweep';
import { formatLogValue } from '../../../../shared/training/outcome-text';

/** One vertical axis: its label and each line's value on it (a number, or a name placed by its order of appearance). */
export interface ParallelAxis {
  label: string;
  values: readonly (number | string)[];
  /** Place numbers on a log10 scale (all must be above 0). */
  log?: boolean;
}

/** Where each value sits on its axis, 0 (bottom) to 1 (top), and the axis' labels (its ends; every name of a named axis). */
export function axisPositions(axis: ParallelAxis): { positions: number[]; ticks: { at: number; text: string }[] } {
  const names = axis.values.some((v) => typeof v === 'string') ? [...new Set(axis.values.map(String))] : null;
  if (names) {
    const at = (v: number | string) => (names.length === 1 ? 0.5 : names.indexOf(String(v)) / (names.length - 1));
    return { positions: axis.values.map(at), ticks: names.map((n) => ({ at: at(n), text: n })) };
  }
  const numbers = axis.values as number[];
  const f = axis.log ? Math.log10 : (v: number) => v;
  const lo = Math.min(...numbers);
  const hi = Math.max(...numbers);
  const span = f(hi) - f(lo);
  const show = (v: number) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e6 ? String(tidyNumber(v)) : formatLogValue(v));
  const positions = numbers.map((v) => (span > 0 ? (f(v) - f(lo)) / span : 0.5));
  return { positions, ticks: span > 0 ? [{ at: 0, text: show(lo) }, { at: 1, text: show(hi) }] : [{ at: 0.5, text: show(lo) }] };
}

/**
 * Parallel coordinates of a sweep: one vertical axis per swept key and a last one for the
 * metric, one polyline per trial, darker for better runs (`rank`: 0 = best). SVG; a few hundred
 * trials at most in practice.
 */
export function ParallelCoordinates({ axes, rank, title, testId }: { axes: readonly ParallelAxis[]; rank: readonly number[]; title: string; testId: string }) {
  const width = 600;
  const height = 220;
  const top = 28;
  const bottom = 24;
  const left = 40;
  const right = 40;
  const layout = axes.map((a) => axisPositions(a));
  const x = (i: number) => (axes.length === 1 ? width / 2 : left + (i * (width - left - right)) / (axes.length - 1));
  const y = (p: number) => top + (1 - p) * (height - top - bottom);
  const lines = rank.length;
  return (
    <div className="sweep-parallel" data-testid={testId} data-lines={lines}>
      <div className="chart-title">{title}</div>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        {rank.map((r, line) => {
          const points = axes.map((_, i) => `${x(i).toFixed(1)},${y(layout[i].positions[line]).toFixed(1)}`).join(' ');
          const shade = lines <= 1 ? 1 : 1 - r / (lines - 1);
          return <polyline key={line} points={points} fill="none" stroke="var(--chart-train, #2f7dd1)" strokeOpacity={0.2 + 0.8 * shade} strokeWidth={r === 0 ? 3 : 1.5} />;
        })}
        {axes.map((a, i) => (
          <g key={a.label}>
            <line x1={x(i)} x2={x(i)} y1={y(1)} y2={y(0)} stroke="var(--fg-muted, #888)" />
            <text x={x(i)} y={12} textAnchor="middle" fontSize={11} fill="currentColor">
              {a.label}
            </text>
            {layout[i].ticks.map((tick) => (
              <text key={tick.text} x={x(i) + 4} y={y(tick.at) + 4} fontSize={10} fill="var(--fg-muted, #888)">
                {tick.text}
              </text>
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}
