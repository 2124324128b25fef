import { useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MAX_LAYER_WEIGHT_VALUES } from '../../../../shared/api/contract';
import { preprocessingFor } from '../../../../shared/data/preprocess';
import { isInputType } from '../../../../shared/layers';
import { useT, type Translate } from '../../i18n';
import { previewModel, sameModel, type ModelSnapshot } from '../../store/run';
import { useEditor } from '../../store/editor';
import { useRun } from '../../store/training';
import { requestLayerWeights } from './FittedLine';
import {
  divergingRgb,
  histogram,
  inputLabels,
  isSmallLayer,
  kernelAt,
  layerValueCount,
  symmetricLimit,
  weightText,
  type LayerWeights,
  type WeightTensor,
} from './weights';

/** Bins of the weights histogram. */
const BINS = 40;

type State = { kind: 'loading' } | { kind: 'done'; model: ModelSnapshot; weights: LayerWeights } | { kind: 'failed'; runId: string; message: string };

/** An error of `model.weights` in the UI's language where the code says what happened; otherwise main's message. */
function failureText(error: unknown, t: Translate): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'not-in-model') return t('weights.notInModel');
  if (code === 'too-large') return t('weights.tooLarge', { max: MAX_LAYER_WEIGHT_VALUES.toLocaleString('en-US') });
  return t('weights.failed', { message: error instanceof Error ? error.message : String(error) });
}

/**
 * Issue 16, "inside the model": the inspector's Weights section for a Dense node, when the shown
 * run has a model — its kernel and bias before training (what the run started from) and after
 * (now): tables of numbers for a small layer (≤ SMALL_LAYER_VALUES values), otherwise a heatmap of
 * the kernel on a diverging scale centred at 0 and a histogram of every value, with a toggle
 * between before and after. Asked of the trainer again after every epoch while training.
 */
export function WeightsSection({ nodeId, load = requestLayerWeights }: { nodeId: string; load?: typeof requestLayerWeights }) {
  const t = useT();
  const model = useRun(useShallow((s) => previewModel(s.run)));
  const [state, setState] = useState<State>({ kind: 'loading' });
  // One request at a time: epochs that end while one is in flight are folded into the next (as the data view's curve does).
  const inFlight = useRef(false);
  const latest = useRef(model);
  latest.current = model;
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  useEffect(() => {
    if (!model || inFlight.current) return;
    const request = (target: ModelSnapshot) => {
      inFlight.current = true;
      load(target.runId, nodeId)
        .then(
          (weights) => mounted.current && latest.current?.runId === target.runId && setState({ kind: 'done', model: target, weights }),
          (error: unknown) => mounted.current && latest.current?.runId === target.runId && setState({ kind: 'failed', runId: target.runId, message: failureText(error, t) }),
        )
        .finally(() => {
          inFlight.current = false;
          const next = latest.current;
          if (mounted.current && next && !sameModel(next, target)) request(next);
        });
    };
    request(model);
    // `model` is compared field by field (useShallow): a new epoch or run asks again, a re-render does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model?.runId, model?.epoch, model?.final, nodeId, load]);

  return (
    <section className="weights" data-testid="weights-section" data-node-id={nodeId}>
      <h3>{t('weights.title')}</h3>
      {!model ? (
        <p className="muted small" data-testid="weights-no-model">{t('weights.noModel')}</p>
      ) : state.kind === 'failed' && state.runId === model.runId ? (
        <p className="field-error small" role="alert" data-testid="weights-error">{state.message}</p>
      ) : state.kind === 'done' && state.model.runId === model.runId ? (
        <WeightsContent weights={state.weights} model={state.model} />
      ) : (
        <p className="muted small" data-testid="weights-loading">{t('weights.loading')}</p>
      )}
    </section>
  );
}

/** The feature names when the Dense takes the model's Input directly (the run's data pipeline), else null. */
function useFeatureNames(nodeId: string): string[] | null {
  const graph = useEditor((s) => s.doc.graph);
  const docDataset = useEditor((s) => s.doc.dataset);
  const runDataset = useRun((s) => s.runDataset);
  return useMemo(() => {
    const sources = graph.edges.filter((e) => e.target === nodeId).map((e) => graph.nodes.find((n) => n.id === e.source));
    if (sources.length !== 1 || !sources[0] || !isInputType(sources[0].type)) return null;
    try {
      return preprocessingFor(runDataset ?? docDataset).featureNames;
    } catch {
      return null;
    }
  }, [graph, nodeId, runDataset, docDataset]);
}

/** The weights once read: what "before" is, then tables (small layer) or heatmap and histogram (large). */
export function WeightsContent({ weights, model }: { weights: LayerWeights; model: ModelSnapshot }) {
  const t = useT();
  const names = useFeatureNames(weights.layer.nodeId);
  const { inputs, units, useBias } = weights.layer;
  const count = layerValueCount(weights);
  const afterLabel = model.final ? t('weights.after') : t('weights.now', { epoch: model.epoch });
  const hasBefore = weights.tensors.every((w) => w.initial !== null);
  return (
    <div className="weights-content" data-initial={weights.initialSource}>
      <p className="small">{useBias ? t('weights.shape', { inputs, units, count: count.toLocaleString('en-US') }) : t('weights.shapeNoBias', { inputs, units, count: count.toLocaleString('en-US') })}</p>
      <p className="muted small" data-testid="weights-initial-source">{t(`weights.${weights.initialSource}`)}</p>
      {isSmallLayer(weights) ? (
        <WeightsTable weights={weights} rows={inputLabels(inputs, names, (index) => t('weights.input', { index }))} afterLabel={afterLabel} hasBefore={hasBefore} />
      ) : (
        <LargeLayer weights={weights} afterLabel={afterLabel} hasBefore={hasBefore} />
      )}
    </div>
  );
}

function Cell({ tensor, index, row, column }: { tensor: WeightTensor; index: number; row: number; column: number }) {
  const after = tensor.current[index];
  const before = tensor.initial?.[index];
  return (
    <td
      data-testid="weight-cell"
      data-tensor={tensor.name}
      data-row={row}
      data-column={column}
      data-after={after}
      {...(before !== undefined ? { 'data-before': before } : {})}
      title={before !== undefined ? `${before} → ${after}` : String(after)}
    >
      <b>{weightText(after)}</b>
      {before !== undefined && <small className="muted">{weightText(before)}</small>}
    </td>
  );
}

/** A small layer: one table, a row per input (the kernel) and a bias row, a column per unit; each cell after (bold) and before (grey). */
function WeightsTable({ weights, rows, afterLabel, hasBefore }: { weights: LayerWeights; rows: string[]; afterLabel: string; hasBefore: boolean }) {
  const t = useT();
  const { units } = weights.layer;
  const kernel = weights.tensors.find((w) => w.name === 'kernel')!;
  const bias = weights.tensors.find((w) => w.name === 'bias');
  const columns = Array.from({ length: units }, (_, j) => j);
  return (
    <div className="weights-table-box">
      <p className="muted small">{hasBefore ? t('weights.cellHelp', { after: afterLabel }) : t('weights.cellHelpNoBefore', { after: afterLabel })}</p>
      <table className="weights-table" data-testid="weights-table">
        <thead>
          <tr>
            <th />
            {columns.map((j) => (
              <th key={j}>{t('weights.unit', { index: j + 1 })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((label, i) => (
            <tr key={i} data-kind="kernel">
              <th title={label}>{label}</th>
              {columns.map((j) => (
                <Cell key={j} tensor={kernel} index={i * units + j} row={i} column={j} />
              ))}
            </tr>
          ))}
          {bias && (
            <tr data-kind="bias" className="weights-bias-row">
              <th>{t('weights.bias')}</th>
              {columns.map((j) => (
                <Cell key={j} tensor={bias} index={j} row={0} column={j} />
              ))}
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A large layer: a before/after toggle over the kernel's heatmap (one colour scale for both) and a histogram of every value. */
function LargeLayer({ weights, afterLabel, hasBefore }: { weights: LayerWeights; afterLabel: string; hasBefore: boolean }) {
  const t = useT();
  const [which, setWhich] = useState<'after' | 'before'>('after');
  const shown = hasBefore ? which : 'after';
  const kernel = weights.tensors.find((w) => w.name === 'kernel')!;
  const limit = useMemo(() => symmetricLimit(...weights.tensors.flatMap((w) => [w.current, w.initial])), [weights]);
  const values = shown === 'after' ? kernel.current : kernel.initial!;
  const nonFinite = useMemo(() => weights.tensors.reduce((n, w) => n + w.current.filter((v) => !Number.isFinite(v)).length, 0), [weights]);
  return (
    <div className="weights-large">
      <div className="segmented" role="radiogroup" aria-label={t('weights.show')}>
        <button role="radio" aria-checked={shown === 'after'} className={shown === 'after' ? 'active' : ''} onClick={() => setWhich('after')} data-testid="weights-show-after">
          {afterLabel}
        </button>
        <button role="radio" aria-checked={shown === 'before'} className={shown === 'before' ? 'active' : ''} disabled={!hasBefore} onClick={() => setWhich('before')} data-testid="weights-show-before">
          {t('weights.before')}
        </button>
      </div>
      <p className="muted small">{t('weights.heatmap', { inputs: weights.layer.inputs, units: weights.layer.units })}</p>
      <Heatmap values={values} inputs={weights.layer.inputs} units={weights.layer.units} limit={limit} shown={shown} />
      <Legend limit={limit} label={t('weights.legend')} />
      <Histogram weights={weights} limit={limit} hasBefore={hasBefore} />
      {nonFinite > 0 && <p className="field-warning small">{t('weights.nonFinite', { count: nonFinite })}</p>}
    </div>
  );
}

/** The kernel, one pixel per weight (inputs down, units across), scaled up without smoothing by CSS. */
function Heatmap({ values, inputs, units, limit, shown }: { values: number[]; inputs: number; units: number; limit: number; shown: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const image = ctx.createImageData(units, inputs);
    for (let i = 0; i < inputs; i++)
      for (let j = 0; j < units; j++) {
        const [r, g, b] = divergingRgb(kernelAt(values, units, i, j), limit);
        const at = (i * units + j) * 4;
        image.data[at] = r;
        image.data[at + 1] = g;
        image.data[at + 2] = b;
        image.data[at + 3] = 255;
      }
    ctx.putImageData(image, 0, 0);
  }, [values, inputs, units, limit]);
  return <canvas ref={canvas} width={units} height={inputs} className="weights-heatmap" style={{ aspectRatio: `${units} / ${inputs}` }} data-testid="weights-heatmap" data-shown={shown} />;
}

const rgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** The diverging scale's legend: −limit, 0, +limit under a gradient through the scale's colours. */
function Legend({ limit, label }: { limit: number; label: string }) {
  const stops = [-1, -0.5, 0, 0.5, 1].map((f) => rgb(divergingRgb(f * limit, limit || 1)));
  return (
    <div className="weights-legend small" aria-label={label} title={label} data-testid="weights-legend">
      <div className="weights-legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
      <div className="weights-legend-ticks">
        <span>{weightText(-limit)}</span>
        <span>0</span>
        <span>{weightText(limit)}</span>
      </div>
    </div>
  );
}

/** Every value of the layer (kernel and bias) in BINS bins over −limit…+limit: bars after, an outline before. */
function Histogram({ weights, limit, hasBefore }: { weights: LayerWeights; limit: number; hasBefore: boolean }) {
  const t = useT();
  const count = layerValueCount(weights).toLocaleString('en-US');
  const after = useMemo(() => histogram(weights.tensors.flatMap((w) => w.current), BINS, -limit, limit), [weights, limit]);
  const before = useMemo(() => (hasBefore ? histogram(weights.tensors.flatMap((w) => w.initial!), BINS, -limit, limit) : null), [weights, limit, hasBefore]);
  const [w, h] = [280, 70];
  const top = Math.max(1, ...after.counts, ...(before?.counts ?? []));
  const bw = w / BINS;
  const outline = before ? before.counts.map((c, i) => `${i === 0 ? 'M' : 'L'}${i * bw},${h - (c / top) * h} L${(i + 1) * bw},${h - (c / top) * h}`).join(' ') : '';
  return (
    <figure className="weights-histogram" data-testid="weights-histogram">
      <svg viewBox={`0 0 ${w} ${h}`} width="100%" height={h} role="img" aria-label={hasBefore ? t('weights.histogram', { count }) : t('weights.histogramNow', { count })}>
        {after.counts.map((c, i) => (
          <rect key={i} x={i * bw + 0.5} y={h - (c / top) * h} width={Math.max(0.5, bw - 1)} height={(c / top) * h} fill={rgb(divergingRgb(after.lo + (i + 0.5) * ((after.hi - after.lo) / BINS), after.hi))} />
        ))}
        {before && <path d={outline} fill="none" stroke="currentColor" strokeWidth={1} />}
      </svg>
      <figcaption className="muted small">
        <span className="weights-legend-ticks">
          <span>{weightText(after.lo)}</span>
          <span>0</span>
          <span>{weightText(after.hi)}</span>
        </span>
        {hasBefore ? t('weights.histogram', { count }) : t('weights.histogramNow', { count })}
      </figcaption>
    </figure>
  );
}
