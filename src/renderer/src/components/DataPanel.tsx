import { useEffect, useMemo, useRef, useState } from 'react';
import type { Dataset } from '../../../shared/data/types';
import type { DatasetSpec } from '../../../shared/project/schema';
import { predict } from '../api/predict';
import { previewDataset } from '../data/datasetInfo';
import { useT, type Translate } from '../i18n';
import {
  classificationResult,
  datasetStats,
  regressionResult,
  rowChunks,
  trueClass,
  visibleRows,
  type ClassificationResult,
  type ColumnStats,
  type RegressionResult,
} from '../lib/datastats';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';

const CLASS_COLORS = ['#2f7dd1', '#e0802f', '#3aa55d', '#c94f7c', '#8a63d2', '#b59a2a', '#20a5a5', '#d14b3d', '#6b7a8f', '#9c6b3f'];
const GRID = 48;
const VIEWS = ['plot', 'table', 'stats', 'results'] as const;
type View = (typeof VIEWS)[number];
const VIEW_LABEL = { plot: 'data.plot', table: 'data.table', stats: 'data.stats', results: 'data.results' } as const;

interface Fit {
  kind: 'curve' | 'regions';
  xs: number[];
  values: number[][];
}

function bounds(values: Float32Array, stride: number, offset: number, rows: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < rows; r++) {
    const v = values[r * stride + offset];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = (hi - lo || 1) * 0.08;
  return [lo - pad, hi + pad];
}

const fmt = (v: number): string => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '—');

/** "<runId>#<epochs done or 'end'>" while a run has a model to preview, else null. */
function usePreviewTarget(): string | null {
  return useRun((s) => {
    const { runId, status, epochsDone } = s.run;
    if (runId === null) return null;
    if (status === 'running') return epochsDone > 0 ? `${runId}#${epochsDone}` : null;
    return status === 'done' || status === 'stopped' ? `${runId}#end` : null;
  });
}

function useFinishedRunId(): string | null {
  return useRun((s) => (s.run.runId !== null && (s.run.status === 'done' || s.run.status === 'stopped') ? s.run.runId : null));
}

/** The dataset: the tutorial's scatter plot (with the model over it), a virtualised table, statistics, and results. */
export function DataPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const t = useT();
  const data = previewDataset(dataset);
  const [view, setView] = useState<View>('plot');
  if (data instanceof Error) return <p className="field-error">{data.message}</p>;
  return (
    <section className="panel-section data-panel" data-testid="data-panel">
      <div className="small muted data-facts">
        {t('data.facts', { rows: data.rows.toLocaleString('en-US'), features: data.numFeatures, task: t(`data.task.${data.task}`) })}
        {data.numClasses ? ` · ${t('data.classes', { count: data.numClasses })}` : ''}
      </div>
      <div className="subtabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'active' : ''} onClick={() => setView(v)} data-testid={`data-view-${v}`}>
            {t(VIEW_LABEL[v])}
          </button>
        ))}
      </div>
      {view === 'plot' && <ScatterView data={data} t={t} />}
      {view === 'table' && <DataTable data={data} t={t} />}
      {view === 'stats' && <StatsTable data={data} t={t} />}
      {view === 'results' && <ResultsView data={data} spec={dataset} t={t} />}
    </section>
  );
}

function ScatterView({ data, t }: { data: Dataset; t: Translate }) {
  const preview = usePreviewTarget();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [fit, setFit] = useState<Fit | null>(null);
  const plottable = data.numFeatures === 1 || data.numFeatures === 2;
  const inFlight = useRef(false);
  const latest = useRef(preview);
  latest.current = preview;

  const grid = useMemo(() => {
    if (!plottable) return null;
    const [x0, x1] = bounds(data.x, data.numFeatures, 0, data.rows);
    if (data.numFeatures === 1) {
      return { kind: 'curve' as const, inputs: Array.from({ length: 200 }, (_, i) => [x0 + ((x1 - x0) * i) / 199]) };
    }
    const [y0, y1] = bounds(data.x, 2, 1, data.rows);
    const inputs: number[][] = [];
    for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) inputs.push([x0 + ((x1 - x0) * (i + 0.5)) / GRID, y0 + ((y1 - y0) * (j + 0.5)) / GRID]);
    return { kind: 'regions' as const, inputs };
  }, [data, plottable]);

  // The model over the data, redrawn after every epoch while training (as TensorFlow Playground
  // does) and once more when the run ends. One request at a time: epochs that end while a
  // prediction is in flight are folded into the next one.
  useEffect(() => {
    if (!preview || !grid) {
      setFit(null);
      return;
    }
    if (inFlight.current) return;
    const request = (target: string) => {
      inFlight.current = true;
      const runId = target.split('#')[0];
      predict(runId, grid.inputs)
        .then((outputs) => {
          if (latest.current?.split('#')[0] === runId) setFit({ kind: grid.kind, xs: grid.inputs.map((r) => r[0]), values: outputs });
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight.current = false;
          const next = latest.current;
          if (next && next !== target) request(next);
        });
    };
    request(preview);
  }, [preview, grid]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || !plottable) return;
    const dpr = window.devicePixelRatio || 1;
    const width = el.clientWidth;
    const height = el.clientHeight;
    el.width = width * dpr;
    el.height = height * dpr;
    const ctx = el.getContext('2d')!;
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, width, height);
    const [x0, x1] = bounds(data.x, data.numFeatures, 0, data.rows);
    const [y0, y1] = data.numFeatures === 1 ? bounds(data.y, data.labelWidth, 0, data.rows) : bounds(data.x, 2, 1, data.rows);
    const px = (x: number) => ((x - x0) / (x1 - x0)) * width;
    const py = (y: number) => height - ((y - y0) / (y1 - y0)) * height;
    if (fit?.kind === 'regions') {
      for (let j = 0; j < GRID; j++)
        for (let i = 0; i < GRID; i++) {
          const out = fit.values[j * GRID + i] ?? [];
          const cls = out.length === 1 ? (out[0] >= 0.5 ? 1 : 0) : out.indexOf(Math.max(...out));
          ctx.fillStyle = CLASS_COLORS[cls % CLASS_COLORS.length] + '33';
          // Integer cell edges: overlapping translucent cells would draw visible seams.
          const left = Math.floor((i * width) / GRID);
          const right = Math.floor(((i + 1) * width) / GRID);
          const top = Math.floor(height - ((j + 1) * height) / GRID);
          const bottom = Math.floor(height - (j * height) / GRID);
          ctx.fillRect(left, top, right - left, bottom - top);
        }
    }
    const rows = Math.min(data.rows, 20000);
    for (let r = 0; r < rows; r++) {
      const x = data.x[r * data.numFeatures];
      const y = data.numFeatures === 1 ? data.y[r * data.labelWidth] : data.x[r * 2 + 1];
      ctx.fillStyle = data.numFeatures === 1 ? '#2f7dd1' : CLASS_COLORS[trueClass(data, r) % CLASS_COLORS.length];
      ctx.beginPath();
      ctx.arc(px(x), py(y), 2.5, 0, Math.PI * 2);
      ctx.fill();
    }
    if (fit?.kind === 'curve') {
      ctx.strokeStyle = '#e0802f';
      ctx.lineWidth = 2;
      ctx.beginPath();
      fit.xs.forEach((x, i) => (i === 0 ? ctx.moveTo(px(x), py(fit.values[i][0])) : ctx.lineTo(px(x), py(fit.values[i][0]))));
      ctx.stroke();
    }
  }, [data, plottable, fit]);

  if (!plottable) return <p className="muted small">{t('data.noScatter', { count: data.numFeatures })}</p>;
  return (
    <>
      <canvas ref={canvas} className="scatter" data-testid="data-scatter" data-fit={fit?.kind ?? 'none'} />
      {fit && <div className="small muted">{fit.kind === 'curve' ? t('data.curve') : t('data.regions')}</div>}
    </>
  );
}

const ROW_HEIGHT = 22;
const MAX_TABLE_COLUMNS = 40;

function labelText(data: Dataset, row: number): string {
  if (data.task === 'classification') {
    const cls = trueClass(data, row);
    return data.classNames?.[cls] ?? String(cls);
  }
  return Array.from(data.y.subarray(row * data.labelWidth, (row + 1) * data.labelWidth), fmt).join(', ');
}

/** Only the rows in view (plus a few) are in the DOM, so a million rows scroll like ten. */
function DataTable({ data, t }: { data: Dataset; t: Translate }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [windowState, setWindowState] = useState({ top: 0, height: 200 });
  useEffect(() => {
    const el = scroller.current!;
    const update = () => setWindowState({ top: el.scrollTop, height: el.clientHeight });
    update();
    const resize = new ResizeObserver(update);
    resize.observe(el);
    return () => resize.disconnect();
  }, []);
  const columns = data.featureNames.slice(0, MAX_TABLE_COLUMNS);
  const { first, last } = visibleRows(windowState.top, windowState.height, ROW_HEIGHT, data.rows);
  const rows: number[] = [];
  for (let r = first; r < last; r++) rows.push(r);
  const gridTemplateColumns = `56px repeat(${columns.length}, minmax(64px, 1fr)) 72px`;
  return (
    <div
      ref={scroller}
      className="data-table"
      data-testid="data-table"
      data-total-rows={data.rows}
      data-rendered-rows={rows.length}
      onScroll={(e) => setWindowState({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
    >
      <div className="data-table-head" style={{ gridTemplateColumns }}>
        <span>{t('data.row')}</span>
        {columns.map((c) => (
          <span key={c}>{c}</span>
        ))}
        <span>{t('data.label')}</span>
      </div>
      <div style={{ height: data.rows * ROW_HEIGHT, position: 'relative' }}>
        {rows.map((r) => (
          <div key={r} className="data-table-row" style={{ gridTemplateColumns, top: r * ROW_HEIGHT, height: ROW_HEIGHT }} data-row={r}>
            <span className="muted">{r}</span>
            {columns.map((_, c) => (
              <span key={c}>{fmt(data.x[r * data.numFeatures + c])}</span>
            ))}
            <span>{labelText(data, r)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

const statsCache = new WeakMap<Dataset, ColumnStats[]>();
function cachedStats(data: Dataset): ColumnStats[] {
  let stats = statsCache.get(data);
  if (!stats) statsCache.set(data, (stats = datasetStats(data)));
  return stats;
}

function StatsTable({ data, t }: { data: Dataset; t: Translate }) {
  const stats = cachedStats(data);
  return (
    <div className="stats-wrap">
      <table className="summary-table stats-table" data-testid="data-stats">
        <thead>
          <tr>
            <th>{t('data.column')}</th>
            <th className="num">{t('data.min')}</th>
            <th className="num">{t('data.max')}</th>
            <th className="num">{t('data.mean')}</th>
            <th className="num">{t('data.std')}</th>
            <th className="num">{t('data.distinct')}</th>
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.name} className={s.kind} data-column={s.name}>
              <td>{s.name}</td>
              <td className="num mono">{fmt(s.min)}</td>
              <td className="num mono">{fmt(s.max)}</td>
              <td className="num mono">{fmt(s.mean)}</td>
              <td className="num mono">{fmt(s.std)}</td>
              <td className="num mono">{s.distinct.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Results = ClassificationResult | RegressionResult | { kind: 'error'; message: string };
const resultsCache = new Map<string, Results>();

function ResultsView({ data, spec, t }: { data: Dataset; spec: DatasetSpec; t: Translate }) {
  const runId = useFinishedRunId();
  const key = runId ? `${runId}:${JSON.stringify(spec)}` : null;
  const [results, setResults] = useState<Results | null>(key ? (resultsCache.get(key) ?? null) : null);

  useEffect(() => {
    if (!key || !runId) return setResults(null);
    const cached = resultsCache.get(key);
    if (cached) return setResults(cached);
    setResults(null);
    let cancelled = false;
    (async () => {
      const outputs: number[][] = [];
      try {
        for (const chunk of rowChunks(data)) {
          if (cancelled) return;
          outputs.push(...(await predict(runId, chunk)));
        }
        const result: Results = data.task === 'classification' ? classificationResult(data, outputs) : regressionResult(data, outputs);
        resultsCache.set(key, result);
        if (!cancelled) setResults(result);
      } catch (error) {
        if (!cancelled) setResults({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key, runId, data]);

  if (!runId) return <p className="muted small">{t('data.trainForResults')}</p>;
  if (!results) return <p className="muted small">{t('data.evaluating')}</p>;
  if (results.kind === 'error') return <p className="field-error">{results.message}</p>;
  if (results.kind === 'regression') return <PredictedVsTrue result={results} t={t} />;
  return <Confusion result={results} names={data.classNames ?? []} t={t} />;
}

function Confusion({ result, names, t }: { result: ClassificationResult; names: string[]; t: Translate }) {
  const max = Math.max(1, ...result.matrix.flat());
  const name = (i: number) => names[i] ?? String(i);
  return (
    <div className="results" data-testid="data-results">
      <div className="small">
        <b data-testid="overall-accuracy" data-value={result.accuracy}>
          {t('data.overall', { value: `${(result.accuracy * 100).toFixed(1)}%` })}
        </b>
      </div>
      <div className="small muted">{t('data.confusion')}</div>
      <table className="confusion" data-testid="confusion-matrix" data-classes={result.classes}>
        <thead>
          <tr>
            <th />
            {result.matrix.map((_, j) => (
              <th key={j}>{name(j)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {result.matrix.map((row, i) => (
            <tr key={i}>
              <th>{name(i)}</th>
              {row.map((n, j) => (
                <td
                  key={j}
                  className={i === j ? 'diag' : ''}
                  style={{ ['--heat' as string]: String(n / max) }}
                  title={`${t('data.true')} ${name(i)} · ${t('data.predicted')} ${name(j)}: ${n}`}
                >
                  {n}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="small muted">{t('data.perClass')}</div>
      <div className="class-bars" data-testid="per-class-accuracy">
        {result.perClass.map((c, i) => {
          const acc = c.total ? c.correct / c.total : 0;
          return (
            <div key={i} className="class-bar" data-value={acc}>
              <span className="class-name">{name(i)}</span>
              <span className="bar">
                <span style={{ width: `${acc * 100}%` }} />
              </span>
              <span className="pct">{c.total ? `${(acc * 100).toFixed(0)}%` : '—'}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function PredictedVsTrue({ result, t }: { result: RegressionResult; t: Translate }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const range = useMemo(() => {
    const all = [...result.truth, ...result.predicted].filter(Number.isFinite);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const pad = (hi - lo || 1) * 0.08;
    return [lo - pad, hi + pad] as const;
  }, [result]);
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const dpr = window.devicePixelRatio || 1;
    const size = el.clientWidth;
    el.width = size * dpr;
    el.height = size * dpr;
    const ctx = el.getContext('2d')!;
    ctx.scale(dpr, dpr);
    const [lo, hi] = range;
    const p = (v: number) => ((v - lo) / (hi - lo)) * size;
    ctx.strokeStyle = 'rgba(128,128,128,0.6)';
    ctx.setLineDash([4, 4]);
    ctx.beginPath();
    ctx.moveTo(0, size);
    ctx.lineTo(size, 0);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#2f7dd1';
    for (let i = 0; i < result.truth.length; i++) {
      ctx.beginPath();
      ctx.arc(p(result.truth[i]), size - p(result.predicted[i]), 2.5, 0, Math.PI * 2);
      ctx.fill();
    }
  }, [result, range]);
  return (
    <div className="results" data-testid="data-results">
      <div className="small">
        <b data-testid="regression-rmse" data-value={result.rmse}>
          {t('data.rmse', { value: fmt(result.rmse) })}
        </b>{' '}
        <span className="muted">
          · {t('data.predictedVsTrue')} (x: {t('data.true')}, y: {t('data.predicted')})
        </span>
      </div>
      <canvas ref={canvas} className="pvt" data-testid="predicted-vs-true" data-points={result.truth.length} />
    </div>
  );
}
