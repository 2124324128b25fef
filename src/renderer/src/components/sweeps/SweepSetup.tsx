import { useMemo, useState } from 'react';
import { OPTIMIZERS, type Sweep, type SweepParam } from '../../../../shared/project/schema';
import { checkSweep, defaultSweepMetric, isNumberText, newSweepId, parseSweepValues, sweepCandidates, sweepPlan, tidyNumber, type SweepCandidate, type SweepProblem } from '../../../../shared/runs/sweep';
import { recordedLogNames } from '../../../../shared/training/validate-settings';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { useEditor } from '../../store/editor';
import { queueBusy, startSweep, useSweepQueue } from './queue';

/** One row of the setup: whether the key is swept, and its values or range as typed. */
interface RowState {
  on: boolean;
  kind: 'values' | 'range';
  values: string;
  min: string;
  max: string;
  scale: 'linear' | 'log';
  count: string;
}

/** A starting point for each key around the document's value (lr ×10 and ÷10, width halved and doubled…). */
function defaultRow(c: SweepCandidate): RowState {
  const n = typeof c.current === 'number' ? c.current : 0;
  const list = (values: (number | string)[]) => [...new Set(values.map((v) => (typeof v === 'number' ? tidyNumber(v) : v)))].join(', ');
  const base = { on: false, kind: 'values' as const, scale: 'linear' as const, count: '3' };
  if (c.key === 'learningRate') return { ...base, values: list([n * 10, n, n / 10]), min: String(tidyNumber(n / 100)), max: String(tidyNumber(n * 10)), scale: 'log', count: '4' };
  if (c.key === 'batchSize') return { ...base, values: list([16, 32, 64]), min: '8', max: '128', scale: 'log', count: '5' };
  if (c.key === 'epochs') return { ...base, values: list([n, n * 2]), min: String(Math.max(1, Math.round(n / 2))), max: String(n * 2) };
  if (c.key === 'optimizer') return { ...base, values: list([c.current, ...['adam', 'sgd'].filter((o) => o !== c.current)]), min: '', max: '' };
  if (c.integer) return { ...base, values: list([Math.max(1, Math.round(n / 2)), n, n * 2]), min: String(Math.max(1, Math.round(n / 2))), max: String(n * 2) };
  return { ...base, values: list([0, 0.2, 0.5]), min: '0', max: '0.5' };
}

/** The label of a key: the settings field's, or "Dense hidden: units". */
export function keyLabel(key: string, graphTypes: ReadonlyMap<string, string>, t: Translate): string {
  const settings: Record<string, MessageKey> = { learningRate: 'settings.learningRate', batchSize: 'settings.batchSize', epochs: 'settings.epochs', optimizer: 'settings.optimizer' };
  if (settings[key]) return t(settings[key]);
  if (key === 'metric') return t('sweep.metric');
  const dot = key.lastIndexOf('.');
  if (dot <= 0) return key;
  const node = key.slice(0, dot);
  const param = key.slice(dot + 1);
  const paramKey = `sweep.param.${param}` as MessageKey;
  const paramLabel = ['units', 'filters', 'rate'].includes(param) ? t(paramKey) : param;
  return t('sweep.layerKey', { type: graphTypes.get(node) ?? '', node, param: paramLabel });
}

/** The form as a sweep, or what keeps it from being one (a field that is not a number, per key). */
function buildSweep(
  candidates: readonly SweepCandidate[],
  rows: Record<string, RowState>,
  form: { method: Sweep['method']; budget: string; seed: string; metric: Sweep['metric'] },
  t: Translate,
): { sweep: Sweep | null; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  const params: SweepParam[] = [];
  for (const c of candidates) {
    const row = rows[c.key];
    if (!row?.on) continue;
    if (row.kind === 'values' || c.key === 'optimizer') {
      const parsed = parseSweepValues(row.values);
      if (!parsed.ok) fieldErrors[c.key] = t('sweep.valuesInvalid', { text: row.values });
      else params.push({ kind: 'values', key: c.key, values: parsed.values });
      continue;
    }
    const count = Number(row.count);
    if (!isNumberText(row.min) || !isNumberText(row.max)) fieldErrors[c.key] = t('sweep.rangeInvalid');
    else if (form.method === 'grid' && !(Number.isInteger(count) && count >= 1 && count <= 1000)) fieldErrors[c.key] = t('sweep.countInvalid', { text: row.count });
    else params.push({ kind: 'range', key: c.key, min: Number(row.min), max: Number(row.max), scale: row.scale, integer: c.integer, ...(form.method === 'grid' ? { count } : {}) });
  }
  const budget = Number(form.budget);
  const seed = Number(form.seed);
  if (!(Number.isInteger(budget) && budget >= 1 && budget <= 10_000)) fieldErrors.budget = t('sweep.budgetInvalid', { text: form.budget });
  if (!Number.isSafeInteger(seed)) fieldErrors.seed = t('sweep.seedInvalid', { text: form.seed });
  if (params.length === 0 || Object.keys(fieldErrors).length > 0) return { sweep: null, fieldErrors };
  const sweeps = useEditor.getState().doc.sweeps ?? [];
  return { sweep: { id: newSweepId(sweeps), createdAt: new Date().toISOString(), method: form.method, params, budget, seed, metric: form.metric, status: 'running' }, fieldErrors };
}

/** A sweep problem in the UI's language: `sweep.problem` with the key, expected and got (the expectation is the limits table's English words). */
export function problemText(p: SweepProblem, label: string, t: Translate): string {
  return t('sweep.problem', { key: label, expected: p.expected, got: p.got });
}

/**
 * The Sweep dialog's setup: which keys to sweep (learning rate, batch size, epochs, optimizer,
 * each Dense's units, convolution's filters and Dropout's rate) with values or a range each, grid
 * or random, budget, seed and metric; the number of trials and every problem are shown before
 * Start, which queues the trials (queue.ts).
 */
export function SweepSetup() {
  const t = useT();
  const graph = useEditor((s) => s.doc.graph);
  const training = useEditor((s) => s.doc.training);
  const candidates = useMemo(() => sweepCandidates(graph, training), [graph, training]);
  const types = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.type])), [graph]);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const [method, setMethod] = useState<Sweep['method']>('grid');
  const [budget, setBudget] = useState('20');
  const [seed, setSeed] = useState('0');
  const [metric, setMetric] = useState<Sweep['metric']>(() => defaultSweepMetric(training));
  const [startError, setStartError] = useState<string | null>(null);
  const row = (c: SweepCandidate) => rows[c.key] ?? defaultRow(c);
  const update = (c: SweepCandidate, patch: Partial<RowState>) => setRows((r) => ({ ...r, [c.key]: { ...row(c), ...patch } }));
  const filled = Object.fromEntries(candidates.map((c) => [c.key, row(c)]));
  const { sweep, fieldErrors } = buildSweep(candidates, filled, { method, budget, seed, metric }, t);
  const problems = sweep ? checkSweep({ graph, training }, sweep) : [];
  const plan = sweep && problems.length === 0 ? sweepPlan(sweep) : null;
  const busy = useSweepQueue((s) => s.active !== null);
  const monitors = recordedLogNames(training);
  const start = () => {
    if (!sweep || !plan) return;
    if (queueBusy()) return setStartError(t('sweep.busy'));
    const started = startSweep(sweep);
    if (!started.ok) setStartError(started.message === 'busy' ? t('sweep.busy') : t('sweep.trialRefused', { message: started.message }));
  };
  return (
    <div className="sweep-setup" data-testid="sweep-setup">
      <p className="sweep-hint">{t('sweep.setupHint')}</p>
      <table className="sweep-params">
        <tbody>
          {candidates.map((c) => {
            const r = row(c);
            const label = keyLabel(c.key, types, t);
            return (
              <tr key={c.key} data-testid={`sweep-param-${c.key}`}>
                <td>
                  <label>
                    <input type="checkbox" checked={r.on} onChange={(e) => update(c, { on: e.target.checked })} data-testid={`sweep-on-${c.key}`} /> {label}
                  </label>
                  <span className="sweep-current">{t('sweep.current', { value: String(c.current) })}</span>
                </td>
                {r.on && (
                  <td>
                    {c.key !== 'optimizer' && (
                      <select value={r.kind} onChange={(e) => update(c, { kind: e.target.value as RowState['kind'] })} aria-label={t('sweep.kind')} data-testid={`sweep-kind-${c.key}`}>
                        <option value="values">{t('sweep.kindValues')}</option>
                        <option value="range">{t('sweep.kindRange')}</option>
                      </select>
                    )}
                    {r.kind === 'values' || c.key === 'optimizer' ? (
                      <input
                        value={r.values}
                        onChange={(e) => update(c, { values: e.target.value })}
                        aria-label={t('sweep.valuesLabel', { key: label })}
                        placeholder={c.key === 'optimizer' ? OPTIMIZERS.join(', ') : '0.1, 0.01'}
                        data-testid={`sweep-values-${c.key}`}
                      />
                    ) : (
                      <span className="sweep-range">
                        <input value={r.min} onChange={(e) => update(c, { min: e.target.value })} aria-label={t('sweep.min')} size={7} data-testid={`sweep-min-${c.key}`} />
                        …
                        <input value={r.max} onChange={(e) => update(c, { max: e.target.value })} aria-label={t('sweep.max')} size={7} data-testid={`sweep-max-${c.key}`} />
                        <select value={r.scale} onChange={(e) => update(c, { scale: e.target.value as RowState['scale'] })} aria-label={t('sweep.scale')}>
                          <option value="linear">{t('sweep.linear')}</option>
                          <option value="log">{t('sweep.log')}</option>
                        </select>
                        {method === 'grid' && (
                          <label>
                            {t('sweep.count')} <input value={r.count} onChange={(e) => update(c, { count: e.target.value })} size={3} data-testid={`sweep-count-${c.key}`} />
                          </label>
                        )}
                      </span>
                    )}
                    {fieldErrors[c.key] && (
                      <div className="field-error" role="alert">
                        {fieldErrors[c.key]}
                      </div>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="sweep-form-row">
        <label>
          {t('sweep.method')}{' '}
          <select value={method} onChange={(e) => setMethod(e.target.value as Sweep['method'])} data-testid="sweep-method">
            <option value="grid">{t('sweep.grid')}</option>
            <option value="random">{t('sweep.random')}</option>
          </select>
        </label>
        <label title={t('sweep.budgetHelp')}>
          {t('sweep.budget')} <input value={budget} onChange={(e) => setBudget(e.target.value)} size={5} data-testid="sweep-budget" />
        </label>
        <label title={t('sweep.seedHelp')}>
          {t('sweep.seed')} <input value={seed} onChange={(e) => setSeed(e.target.value)} size={6} data-testid="sweep-seed" />
        </label>
        <label>
          {t('sweep.metric')}{' '}
          <select value={metric.monitor} onChange={(e) => setMetric({ monitor: e.target.value, mode: 'auto' })} data-testid="sweep-metric">
            {monitors.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      {(fieldErrors.budget || fieldErrors.seed) && (
        <div className="field-error" role="alert">
          {fieldErrors.budget ?? fieldErrors.seed}
        </div>
      )}
      {problems.length > 0 && (
        <ul className="sweep-problems" data-testid="sweep-problems">
          {problems.map((p, i) => (
            <li key={i}>{problemText(p, keyLabel(p.key, types, t), t)}</li>
          ))}
        </ul>
      )}
      <div className="sweep-form-row">
        <span data-testid="sweep-plan-count">
          {plan
            ? plan.cut?.kind === 'budget'
              ? t('sweep.planCut', { count: plan.trials.length, of: plan.cut.of, seed: Number(seed) })
              : plan.cut?.kind === 'exhausted'
                ? t('sweep.planExhausted', { count: plan.trials.length, budget: plan.cut.of })
                : t('sweep.planCount', { count: plan.trials.length })
            : Object.keys(filled).some((k) => filled[k].on)
              ? ''
              : t('sweep.chooseParams')}
        </span>
        <span className="spacer" />
        <button className="primary" disabled={!plan || busy} onClick={start} data-testid="sweep-start">
          {t('sweep.start')}
        </button>
      </div>
      {startError && (
        <div className="field-error" role="alert" data-testid="sweep-start-error">
          {startError}
        </div>
      )}
    </div>
  );
}
