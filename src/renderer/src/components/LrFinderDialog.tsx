import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api';
import { useT } from '../i18n';
import { optimizerText } from '../lib/problemText';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';
import { isActive } from '../store/run';
import { projectFromDoc } from '../store/document';
import { cssVar, hexAlpha } from '../lib/chartTheme';
import { getOptimizer } from '../../../shared/optimizers';
import { formatLogValue } from '../../../shared/training/outcome-text';
import { describeLrFinder } from '../../../shared/training/lr-finder-text';
import { formatLearningRate, LR_FINDER_DEFAULTS, LR_FINDER_LIMITS, type LrFinderOptions, type LrFinderProgress, type LrFinderResult } from '../../../shared/training/lr-finder';
import { useDialogFocus } from '../lib/dialogFocus';
import type { Translate } from '../i18n';
import { exportLrFinderChart } from './chartExport';
import type { ReportRunInfo } from './reportSpec';

/**
 * Issue 15: the learning-rate finder. A "Find…" button beside the learning-rate field opens a
 * dialog that runs the range test in the trainer (`train.findLearningRate`), plots loss and
 * smoothed loss against the learning rate on a log axis, marks the lowest point and the
 * suggestion, and applies it with one undoable command (`applyLearningRate`).
 */
export function LrFinderButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const running = useRun((s) => isActive(s.run));
  return (
    <>
      <button
        type="button"
        className="small lr-finder-open"
        onClick={() => setOpen(true)}
        disabled={running}
        title={running ? t('lrFinder.busyRun') : t('lrFinder.openHelp')}
        data-testid="lr-finder-open"
      >
        {t('lrFinder.open')}
      </button>
      {open && <LrFinderDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/** What a range test trained with (issue 17: the exported chart's caption). */
type TestSetup = Omit<ReportRunInfo, 'number'>;

type State = { kind: 'idle' } | { kind: 'running'; stopping: boolean; progress: LrFinderProgress | null } | { kind: 'done'; result: LrFinderResult; setup: TestSetup } | { kind: 'failed'; message: string };

function LrFinderDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [used, setUsed] = useState<number | null>(null);
  const optimizer = useEditor((s) => s.doc.training.optimizer);
  const applyLearningRate = useEditor((s) => s.applyLearningRate);
  const [range, setRange] = useState({ start: String(LR_FINDER_DEFAULTS.startLr), end: String(LR_FINDER_DEFAULTS.endLr), steps: String(LR_FINDER_DEFAULTS.steps) });
  const parsed = parseRange(range, t);
  const alive = useRef(true);
  // issue 17: the dialog takes the focus, so Esc closes it
  const dialog = useRef<HTMLDivElement>(null);
  useDialogFocus(dialog);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const running = state.kind === 'running';
  useEffect(() => {
    if (!running) return;
    // One range test runs at a time, so every progress event while this dialog waits is its own.
    return api.on('train.lrFinderProgress', (progress) => setState((s) => (s.kind === 'running' ? { ...s, progress } : s)));
  }, [running]);

  const run = async () => {
    if (!parsed.ok) return;
    setState({ kind: 'running', stopping: false, progress: null });
    setUsed(null);
    const { trained: _saved, ...project } = projectFromDoc(useEditor.getState().doc, useRun.getState().app?.version ?? '0.0.0');
    const setup: TestSetup = { training: project.training, dataset: project.dataset, startedAt: new Date().toISOString() };
    try {
      const result = await api['train.findLearningRate']({ project, ...parsed.options });
      if (alive.current) setState({ kind: 'done', result, setup });
    } catch (error) {
      if (alive.current) setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const stop = async () => {
    setState((s) => (s.kind === 'running' ? { ...s, stopping: true } : s));
    await api['train.stopLearningRateFinder']({}).catch(() => undefined);
  };
  const close = () => {
    // A test still running is stopped: nobody would see its answer.
    if (state.kind === 'running') void api['train.stopLearningRateFinder']({}).catch(() => undefined);
    onClose();
  };

  const result = state.kind === 'done' ? state.result : null;
  const text = result ? describeLrFinder(result, t) : null;
  const suggestion = result?.suggestion.kind === 'minimum' ? result.suggestion : null;
  const optimizerLabel = optimizerText(getOptimizer(optimizer.type).id, t).label;

  return (
    <div className="lr-finder-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div ref={dialog} tabIndex={-1} className="lr-finder-dialog" role="dialog" aria-modal="true" aria-labelledby="lr-finder-title" data-testid="lr-finder-dialog">
        <h2 id="lr-finder-title">{t('lrFinder.title')}</h2>
        <p className="muted small">{t('lrFinder.intro', { optimizer: optimizerLabel })}</p>
        <div className="lr-finder-range">
          {(['start', 'end', 'steps'] as const).map((key) => (
            <label key={key}>
              <b>{t(`lrFinder.range.${key}`)}</b>
              <input
                type="text"
                inputMode={key === 'steps' ? 'numeric' : 'decimal'}
                value={range[key]}
                onChange={(e) => setRange({ ...range, [key]: e.target.value })}
                disabled={state.kind === 'running'}
                aria-invalid={!parsed.ok && parsed.field === key ? true : undefined}
                spellCheck={false}
                data-testid={`lr-finder-${key}`}
              />
            </label>
          ))}
        </div>
        {!parsed.ok && (
          <p className="field-error" data-testid="lr-finder-range-problem">
            {parsed.message}
          </p>
        )}
        <p className="small" data-testid="lr-finder-current">
          {t('lrFinder.current', { lr: String(optimizer.learningRate) })}
        </p>
        {state.kind === 'running' && (
          <div className="small" data-testid="lr-finder-running">
            {state.progress ? (
              <>
                <progress max={state.progress.steps} value={state.progress.step + 1} />{' '}
                {t('lrFinder.progress', {
                  step: state.progress.step + 1,
                  steps: state.progress.steps,
                  lr: formatLearningRate(state.progress.lr),
                  loss: formatLogValue(state.progress.smoothed),
                })}
              </>
            ) : (
              t('lrFinder.running', { steps: parsed.ok ? parsed.options.steps : LR_FINDER_DEFAULTS.steps })
            )}
          </div>
        )}
        {state.kind === 'failed' && (
          <p className="field-error" role="alert" data-testid="lr-finder-error">
            {t('lrFinder.failed', { message: state.message })}
          </p>
        )}
        {result && text && (
          <>
            <LrFinderChart result={result} setup={state.kind === 'done' ? state.setup : null} />
            {text.stopped && (
              <p className={result.stoppedEarly?.reason === 'non-finite' && result.stoppedEarly.step === 0 ? 'field-error' : 'small'} data-testid="lr-finder-stopped">
                {text.stopped}
              </p>
            )}
            <p data-testid="lr-finder-reason">
              {text.reason}
            </p>
            <p className="muted small" data-testid="lr-finder-summary">
              {text.summary}
            </p>
          </>
        )}
        {used !== null && (
          <p className="small" data-testid="lr-finder-used">
            {t('lrFinder.used', { lr: formatLearningRate(used) })}
          </p>
        )}
        <div className="lr-finder-buttons">
          {suggestion && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                applyLearningRate(suggestion.lr);
                setUsed(suggestion.lr);
              }}
              disabled={optimizer.learningRate === suggestion.lr}
              data-testid="lr-finder-use"
            >
              {t('lrFinder.use', { lr: formatLearningRate(suggestion.lr) })}
            </button>
          )}
          {state.kind === 'running' ? (
            <button type="button" onClick={() => void stop()} disabled={state.stopping} data-testid="lr-finder-stop">
              {t('lrFinder.stop')}
            </button>
          ) : (
            <button type="button" onClick={() => void run()} disabled={!parsed.ok} data-testid="lr-finder-run">
              {state.kind === 'idle' ? t('lrFinder.run') : t('lrFinder.runAgain')}
            </button>
          )}
          <button type="button" onClick={close} data-testid="lr-finder-close">
            {t('lrFinder.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Loss (faint) and smoothed loss against the learning rate on a log axis, the lowest smoothed point and the suggestion marked. */
function LrFinderChart({ result, setup }: { result: LrFinderResult; setup: TestSetup | null }) {
  const holder = useRef<HTMLDivElement>(null);
  const t = useT();
  const suggestion = result.suggestion.kind === 'minimum' ? result.suggestion : null;
  useEffect(() => {
    const el = holder.current!;
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const color = cssVar('--chart-train', '#2f7dd1');
    const mark = cssVar('--chart-val', '#e0802f');
    const xs = result.points.map((p) => p.lr);
    const losses = result.points.map((p) => p.loss);
    const smoothed = result.points.map((p) => p.smoothed);
    const lowest = result.points.map((p) => (suggestion && p.lr === suggestion.minimumAt ? p.smoothed : null));
    // Raw losses past the divergence would flatten the curve that matters: the y axis shows all of the smoothed loss and a little more.
    const top = Math.max(...smoothed);
    const bottom = Math.min(...losses, ...smoothed);
    const fmt = (v: number | null | undefined) => (v == null ? '—' : formatLogValue(v));
    const opts: uPlot.Options = {
      width: Math.max(300, el.clientWidth),
      height: 260,
      series: [
        { label: t('lrFinder.chart.lr'), value: (_u, v) => (v == null ? '—' : formatLearningRate(v)) },
        { label: t('lrFinder.chart.loss'), stroke: hexAlpha(color, 0.3), width: 1, value: (_u, v) => fmt(v) },
        { label: t('lrFinder.chart.smoothed'), stroke: color, width: 2, value: (_u, v) => fmt(v) },
        { label: t('lrFinder.chart.lowest'), stroke: mark, width: 0, points: { show: true, size: 9, fill: mark }, value: (_u, v) => fmt(v) },
      ],
      scales: { x: { time: false, distr: 3 }, y: { range: () => [bottom - (top - bottom) * 0.05, top + (top - bottom) * 0.25 || top + 1] } },
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid },
          ticks: { stroke: grid },
          // One line a decade: uPlot's log axis also draws 2…9 of each, too dense over eight decades.
          splits: (_u, _axis, min, max) => decades(min, max),
          values: (_u, splits) => splits.map((v) => (v == null || !(v > 0) ? '' : formatLearningRate(v))),
        },
        { stroke: axis, grid: { stroke: grid }, ticks: { stroke: grid }, size: 56 },
      ],
      legend: { live: true },
      hooks: {
        draw: [
          (u) => {
            if (!suggestion) return;
            // The suggestion is a tenth of the lowest point's rate, not a point of the curve: a dashed line.
            const x = Math.round(u.valToPos(suggestion.lr, 'x', true));
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = mark;
            ctx.setLineDash([5, 4]);
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillStyle = mark;
            ctx.font = `${Math.round(11 * devicePixelRatio)}px sans-serif`;
            ctx.fillText(`${t('lrFinder.chart.suggested')} ${formatLearningRate(suggestion.lr)}`, x + 4, u.bbox.top + 14 * devicePixelRatio);
            ctx.restore();
          },
        ],
      },
    };
    const plot = new uPlot(opts, [xs, losses, smoothed, lowest] as unknown as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height: 260 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [result, suggestion, t]);
  return (
    <div
      className="chart lr-finder-chart"
      data-testid="lr-finder-chart"
      data-points={result.points.length}
      data-first-lr={result.points[0]?.lr}
      data-last-lr={result.points[result.points.length - 1]?.lr}
      data-suggested={suggestion?.lr}
    >
      {setup && (
        <div className="chart-head">
          <span className="chart-export">
            {(['png', 'svg'] as const).map((format) => (
              <button
                key={format}
                type="button"
                className="small-btn"
                onClick={() => void exportLrFinderChart(result, setup, format)}
                title={t(format === 'png' ? 'report.png' : 'report.svg')}
                aria-label={`${t('lrFinder.title')}: ${t(format === 'png' ? 'report.png' : 'report.svg')}`}
                data-testid={`lr-finder-export-${format}`}
              >
                {format.toUpperCase()}
              </button>
            ))}
          </span>
        </div>
      )}
      <div ref={holder} />
    </div>
  );
}

/** The powers of ten from `min` to `max` (both positive). */
function decades(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++) out.push(10 ** e);
  return out;
}

type ParsedRange = { ok: true; options: Required<LrFinderOptions> } | { ok: false; field: 'start' | 'end' | 'steps'; message: string };

/** The dialog's range fields as request options, or the first problem naming its field, the limits and what was typed. */
function parseRange(range: { start: string; end: string; steps: string }, t: Translate): ParsedRange {
  const rate = (key: 'start' | 'end'): number | ParsedRange => {
    const text = range[key].trim();
    const n = Number(text);
    if (text === '' || !Number.isFinite(n) || n <= 0 || n > LR_FINDER_LIMITS.maxLr) {
      return { ok: false, field: key, message: t('lrFinder.range.badRate', { field: t(`lrFinder.range.${key}`), max: LR_FINDER_LIMITS.maxLr, text }) };
    }
    return n;
  };
  const startLr = rate('start');
  if (typeof startLr !== 'number') return startLr;
  const endLr = rate('end');
  if (typeof endLr !== 'number') return endLr;
  const stepsText = range.steps.trim();
  const steps = Number(stepsText);
  if (stepsText === '' || !Number.isInteger(steps) || steps < LR_FINDER_LIMITS.minSteps || steps > LR_FINDER_LIMITS.maxSteps) {
    return { ok: false, field: 'steps', message: t('lrFinder.range.badSteps', { field: t('lrFinder.range.steps'), min: LR_FINDER_LIMITS.minSteps, max: LR_FINDER_LIMITS.maxSteps, text: stepsText }) };
  }
  if (!(endLr > startLr)) {
    return { ok: false, field: 'end', message: t('lrFinder.range.order', { start: t('lrFinder.range.start'), end: t('lrFinder.range.end'), startLr: String(startLr), endLr: String(endLr) }) };
  }
  return { ok: true, options: { startLr, endLr, steps } };
}
