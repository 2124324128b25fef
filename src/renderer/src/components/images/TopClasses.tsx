import { predictedClass } from '../../lib/datastats';

/**
 * A classifier's output as its most likely classes, best first, each with its probability (the
 * softmax output; a single sigmoid output is P(class 1)). `count` classes at most.
 */
export function TopClasses({ outputs, names, count = 3, testId = 'top-classes' }: { outputs: readonly number[]; names: readonly string[]; count?: number; testId?: string }) {
  const probs = outputs.length === 1 ? [1 - outputs[0], outputs[0]] : [...outputs];
  const best = predictedClass(outputs);
  const order = probs.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || a.i - b.i).slice(0, count);
  return (
    <div className="class-bars top-classes" data-testid={testId}>
      {order.map(({ p, i }) => (
        <ClassBar key={i} name={names[i] ?? String(i)} p={p} best={i === best} />
      ))}
    </div>
  );
}

/** One class's probability as a labelled bar (`p` in 0…1, shown as a percentage): the predict panel's and the image views' one bar. */
export function ClassBar({ name, p, best }: { name: string; p: number; best: boolean }) {
  return (
    <div className={`class-bar${best ? ' best' : ''}`} data-value={p} data-class={name}>
      <span className="class-name">{name}</span>
      <span className="bar">
        <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
      </span>
      <span className="pct">{(p * 100).toFixed(1)}%</span>
    </div>
  );
}
