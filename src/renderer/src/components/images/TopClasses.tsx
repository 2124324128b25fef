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
        <div key={i} className={`class-bar${i === best ? ' best' : ''}`} data-value={p} data-class={names[i] ?? String(i)}>
          <span className="class-name">{names[i] ?? String(i)}</span>
          <span className="bar">
            <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="pct">{(p * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}
