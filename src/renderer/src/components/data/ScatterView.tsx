import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { useShallow } from 'zustand/react/shallow';
import type { Dataset } from '../../../../shared/data/types';
import { predict } from '../../api/predict';
import type { Translate } from '../../i18n';
import { cssVar } from '../../lib/chartTheme';
import { useResolvedTheme } from '../../lib/theme';
import { predictedClass, trueClass } from '../../lib/datastats';
import { previewModel, sameModel, type ModelSnapshot } from '../../store/run';
import { useRun } from '../../store/training';
import { alignedLayers, classColor, equalSpans, extendedRange, fmt, MAX_SCATTER_ROWS, paddedRange, pointSeries, TARGET_COLORS, targetBins, valueRange, type LegendEntry, type PointLayer } from './plotting';
import { useEditor } from '../../store/editor';
import { UPlotView } from './UPlotView';
import { readableAxis } from '../../lib/axisTicks';
// issue 16: inside the model
import { predictedPoint, useLastPrediction } from '../../store/lastPrediction';
import { ExtrapolationNote } from '../inside/Extrapolation';
import { FittedLine } from '../inside/FittedLine';

/** The colour of the last prediction's point on the fitted curve (issue 16). */
const PREDICTED_COLOR = '#c8413a';

/** Cells per side of the decision-region grid (GRID² predictions per redraw). */
const GRID = 48;
/** Points on the fitted curve of a one-feature dataset. */
const CURVE_POINTS = 200;

/** The model's predictions over the plot: a curve (one feature) or a grid of regions (two). */
interface Fit {
  kind: 'curve' | 'regions';
  model: ModelSnapshot;
  xs: number[];
  values: number[][];
}

interface Frame {
  x: [number, number];
  /** The data's label range, padded: the least the y axis shows (a curve beyond the data widens it). */
  y: [number, number];
  kind: 'curve' | 'regions';
  /** The inputs the model is asked about: CURVE_POINTS x's, or the GRID×GRID cell centres row by row from the bottom. */
  inputs: number[][];
}

/**
 * What the plot shows and asks the model. One feature: the curve; with a model (`extend`) over the
 * data's x range extended to twice its span and to the last predicted x (`extendedRange`, issue
 * 16: extrapolation shows), with that x among the curve's points so the prediction sits on it;
 * without one, the data's padded range. Two features: the data's box.
 */
function frameOf(data: Dataset, extend: boolean, predictedX: number | null, sameUnits: boolean): Frame {
  const rows = data.rows;
  if (data.numFeatures === 1) {
    const [lo, hi] = valueRange(data.x, 1, 0, rows);
    const x = extend ? extendedRange(lo, hi, predictedX) : paddedRange(data.x, 1, 0, rows);
    const [x0, x1] = x;
    const xs = Array.from({ length: CURVE_POINTS }, (_, i) => x0 + ((x1 - x0) * i) / (CURVE_POINTS - 1));
    if (predictedX !== null && Number.isFinite(predictedX)) xs.push(predictedX);
    xs.sort((a, b) => a - b);
    return { x, y: paddedRange(data.y, data.labelWidth, 0, rows), kind: 'curve', inputs: xs.map((v) => [v]) };
  }
  const padded = { x: paddedRange(data.x, data.numFeatures, 0, rows), y: paddedRange(data.x, 2, 1, rows) };
  // Issue 17: features in one unit (a generator's coordinates) get equal spans, so the square box draws equal pixels per unit.
  const { x, y } = sameUnits ? equalSpans(padded.x, padded.y) : padded;
  const inputs: number[][] = [];
  for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) inputs.push([x[0] + ((x[1] - x[0]) * (i + 0.5)) / GRID, y[0] + ((y[1] - y[0]) * (j + 0.5)) / GRID]);
  return { x, y, kind: 'regions', inputs };
}

/** The dataset's points: one layer (one feature: x against the label) or one layer per class (two features; one layer for a regression). */
function pointLayers(data: Dataset): PointLayer[] {
  const rows = Math.min(data.rows, MAX_SCATTER_ROWS);
  if (data.numFeatures === 1) {
    const x = new Float64Array(rows);
    const y = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      x[r] = data.x[r];
      y[r] = data.y[r * data.labelWidth];
    }
    return [{ x, y }];
  }
  const byClass: { x: number[]; y: number[] }[] = [];
  // Two-feature regression (issue 17): one layer per bin of the target, coloured low to high.
  const bins = data.task === 'classification' ? null : targetBins(data.y, data.labelWidth, rows);
  for (let r = 0; r < rows; r++) {
    const cls = bins ? bins.bin(data.y[r * data.labelWidth]) : Math.max(0, trueClass(data, r));
    while (byClass.length <= cls) byClass.push({ x: [], y: [] });
    byClass[cls].x.push(data.x[r * 2]);
    byClass[cls].y.push(data.x[r * 2 + 1]);
  }
  return byClass;
}

/**
 * Paints the decision regions under the points (uPlot's drawClear hook, so the axes and points
 * draw over them): each grid cell in the colour of the class the model predicts there.
 */
function paintRegions(u: uPlot, fit: Fit | null): void {
  if (fit?.kind !== 'regions') return;
  const [x0, x1] = [u.scales.x.min!, u.scales.x.max!];
  const [y0, y1] = [u.scales.y.min!, u.scales.y.max!];
  const ctx = u.ctx;
  ctx.save();
  for (let j = 0; j < GRID; j++)
    for (let i = 0; i < GRID; i++) {
      const out = fit.values[j * GRID + i] ?? [];
      ctx.fillStyle = classColor(predictedClass(out)) + '33';
      // Integer cell edges: overlapping translucent cells would draw visible seams.
      const left = Math.floor(u.valToPos(x0 + ((x1 - x0) * i) / GRID, 'x', true));
      const right = Math.floor(u.valToPos(x0 + ((x1 - x0) * (i + 1)) / GRID, 'x', true));
      const top = Math.floor(u.valToPos(y0 + ((y1 - y0) * (j + 1)) / GRID, 'y', true));
      const bottom = Math.floor(u.valToPos(y0 + ((y1 - y0) * j) / GRID, 'y', true));
      ctx.fillRect(left, top, right - left, bottom - top);
    }
  ctx.restore();
}

/** A two-feature plot's point layer `i`: a class (its name), or a regression's target bin (its range: `0.25 – 0.5`). */
function layerName(data: Dataset, i: number): string {
  if (data.task === 'classification') return data.classNames?.[i] ?? String(i);
  return targetBins(data.y, data.labelWidth, Math.min(data.rows, MAX_SCATTER_ROWS)).label(i);
}

/** The colour of a two-feature plot's point layer `i`: the class colour, or the target bin's (low to high). */
function layerColor(data: Dataset, i: number): string {
  return data.task === 'classification' ? classColor(i) : TARGET_COLORS[i % TARGET_COLORS.length];
}

/** Room below the x axis' ticks and left of the y axis' ticks for their names (uPlot `labelSize`), CSS px. */
const AXIS_NAME_SIZE = 16;
/** Height of the x axis' ticks and numbers (uPlot axis `size`), CSS px. */
const X_AXIS_SIZE = 28;

/**
 * Issue 17: the axes' names as page text over uPlot's chart, centred on the plot area: the x
 * name under the x axis' numbers, the y name (turned a quarter) left of the y axis'.
 */
function placeAxisNames(u: uPlot, xName: string, yName: string): void {
  const wrap = u.root.querySelector<HTMLElement>('.u-wrap');
  if (!wrap) return;
  const label = (axis: 'x' | 'y') => {
    let el = wrap.querySelector<HTMLElement>(`.scatter-axis-name.${axis}`);
    if (!el) {
      el = document.createElement('div');
      el.className = `scatter-axis-name ${axis}`;
      el.dataset.testid = `scatter-axis-${axis}`;
      wrap.appendChild(el);
    }
    return el;
  };
  const ratio = devicePixelRatio || 1;
  const left = u.bbox.left / ratio;
  const top = u.bbox.top / ratio;
  const width = u.bbox.width / ratio;
  const height = u.bbox.height / ratio;
  const x = label('x');
  x.textContent = xName;
  x.style.left = `${left + width / 2}px`;
  x.style.top = `${top + height + X_AXIS_SIZE}px`;
  const y = label('y');
  y.textContent = yName;
  y.style.left = '0px';
  y.style.top = `${top + height / 2}px`;
}

/**
 * The dataset as a scatter plot (uPlot) with the model over it: the fitted curve of a one-feature
 * dataset, or the decision regions of a two-feature one (painted on uPlot's canvas behind the
 * points), redrawn after every epoch while training (as TensorFlow Playground does) and once more
 * when the run ends.
 */
export function ScatterView({ data, t }: { data: Dataset; t: Translate }) {
  // useShallow: a snapshot equal field by field to the last one is the same model (no re-render).
  const model = useRun(useShallow((s) => previewModel(s.run)));
  const theme = useResolvedTheme();
  const plottable = data.numFeatures === 1 || data.numFeatures === 2;
  // No rows yet (a CSV sample still on its way): an empty box until they come.
  // Issue 16: the Predict panel's last typed x (for this run's model), drawn as a point on the curve.
  const last = useLastPrediction((s) => s.last);
  const modelRunId = model?.runId;
  const predicted = useMemo(() => (data.numFeatures === 1 ? predictedPoint(last, modelRunId) : null), [data.numFeatures, last, modelRunId]);
  const predictedX = predicted?.x ?? null;
  const extend = model !== null;
  // Issue 17: a generator's two features are coordinates in one unit; a CSV's columns may not be.
  const sameUnits = useEditor((s) => s.doc.dataset.kind === 'generator');
  const frame = useMemo(() => (plottable && data.rows > 0 ? frameOf(data, extend, predictedX, sameUnits) : null), [data, plottable, extend, predictedX, sameUnits]);
  const points = useMemo(() => (plottable ? pointLayers(data) : []), [data, plottable]);
  const dataRange = useMemo((): [number, number] | null => (data.numFeatures === 1 ? valueRange(data.x, 1, 0, data.rows) : null), [data]);
  const [fit, setFit] = useState<Fit | null>(null);
  const shownFit = fit && model && fit.model.runId === model.runId ? fit : null;
  const fitRef = useRef(shownFit);
  fitRef.current = shownFit;

  // One request at a time: epochs (or a new frame) that come while a prediction is in flight are folded into the next one.
  const inFlight = useRef(false);
  const latest = useRef(model);
  latest.current = model;
  const latestFrame = useRef(frame);
  latestFrame.current = frame;
  useEffect(() => {
    if (!model || !frame) return setFit(null);
    if (inFlight.current) return;
    const request = (target: ModelSnapshot, asked: Frame) => {
      inFlight.current = true;
      predict(target.runId, asked.inputs)
        .then((outputs) => {
          if (latest.current?.runId === target.runId) setFit({ kind: asked.kind, model: target, xs: asked.inputs.map((r) => r[0]), values: outputs });
        })
        .catch(() => undefined)
        .finally(() => {
          inFlight.current = false;
          const next = latest.current;
          const nextFrame = latestFrame.current;
          if (next && nextFrame && (!sameModel(next, target) || nextFrame !== asked)) request(next, nextFrame);
        });
    };
    request(model, frame);
  }, [model, frame]);

  const options = useMemo((): Omit<uPlot.Options, 'width' | 'height'> | null => {
    if (!frame) return null;
    const axis = cssVar('--fg-muted', '#888');
    const grid = cssVar('--grid', 'rgba(128,128,128,0.15)');
    const series: uPlot.Series[] = [{}];
    if (data.numFeatures === 1) series.push(pointSeries(t('data.label'), classColor(0)));
    else points.forEach((_, cls) => series.push(pointSeries(layerName(data, cls), layerColor(data, cls))));
    if (frame.kind === 'curve') series.push({ label: t('data.curve'), stroke: classColor(1), width: 2, spanGaps: true, points: { show: false } });
    if (frame.kind === 'curve') series.push(pointSeries('predicted', PREDICTED_COLOR, 9));
    const axisStyle = { stroke: axis, grid: { stroke: grid }, ticks: { stroke: axis, size: 4 }, font: '10px system-ui, sans-serif', size: X_AXIS_SIZE, labelSize: AXIS_NAME_SIZE };
    // Issue 17: both axes named — the features, or (one feature) the feature against the label.
    const xName = data.featureNames[0] ?? 'x';
    const yName = data.numFeatures === 1 ? t('data.label') : (data.featureNames[1] ?? 'y');
    // A curve drawn beyond the data (issue 16) may leave the data's label range: the y axis then widens to show all of it.
    const y: uPlot.Scale =
      frame.kind === 'curve'
        ? {
            auto: true,
            range: (_u, min, max) => {
              if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max)) return frame.y;
              const pad = (max - min || 1) * 0.04;
              return [Math.min(frame.y[0], min - pad), Math.max(frame.y[1], max + pad)];
            },
          }
        : { auto: false, range: frame.y };
    return {
      series,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, auto: false, range: frame.x }, y },
      // The axes' names are page text (placeAxisNames), readable and selectable; uPlot keeps the room ('' labels).
      // Trial 10 (2): ticks at round steps on both axes, at least two each (was a lone "0" on a small plot).
      axes: [
        { ...axisStyle, label: '', ...readableAxis('x') },
        { ...axisStyle, size: 40, label: '', ...readableAxis('y') },
      ],
      // Fixed padding: the room around the plot stays the same, so the square plot box (UPlotView `square`) settles at once.
      padding: [10, 14, 0, 0],
      hooks: {
        drawClear: [(u) => paintRegions(u, fitRef.current)],
        ready: [(u) => placeAxisNames(u, xName, yName)],
        setSize: [(u) => placeAxisNames(u, xName, yName)],
      },
    };
    // `theme`: the colours come from the CSS variables, which a theme switch changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, frame, points, t, theme]);

  const base = useMemo(() => (frame?.kind === 'regions' ? alignedLayers(points) : null), [frame, points]);
  const table = useMemo(() => {
    if (!frame) return null;
    // A new regions fit redraws the same points: a new (shallow-copied) table asks uPlot to.
    if (base) return (shownFit ? [...base] : base) as uPlot.AlignedData;
    const curve: PointLayer = shownFit ? { x: shownFit.xs, y: shownFit.values.map((v) => v[0]) } : { x: [], y: [] };
    const dot: PointLayer = predicted ? { x: [predicted.x], y: [predicted.y] } : { x: [], y: [] };
    return alignedLayers([...points, curve, dot]);
  }, [frame, base, points, shownFit, predicted]);

  if (!plottable) return <p className="muted small">{t('data.noScatter', { count: data.numFeatures })}</p>;
  if (!options || !table || !frame) return <div className="scatter" data-testid="data-scatter" data-fit="none" />;
  const curveXs = shownFit?.kind === 'curve' ? shownFit.xs : null;
  // Issue 17: the colour legend.
  const legend: LegendEntry[] =
    data.numFeatures === 1
      ? [
          { label: t('scatter.points'), color: classColor(0), shape: 'dot' },
          ...(curveXs ? [{ label: t('scatter.fitted'), color: classColor(1), shape: 'line' as const }] : []),
          ...(predicted ? [{ label: t('scatter.predicted'), color: PREDICTED_COLOR, shape: 'dot' as const }] : []),
        ]
      : points.flatMap((layer, cls) => (layer.x.length > 0 ? [{ label: layerName(data, cls), color: layerColor(data, cls), shape: 'dot' as const }] : []));
  const atPredicted = curveXs && predicted ? curveXs.indexOf(predicted.x) : -1;
  return (
    <>
      <UPlotView
        options={options}
        data={table}
        className={`scatter ${frame.kind}`}
        data-testid="data-scatter"
        data-fit={shownFit?.kind ?? 'none'}
        // Trial 10 (2): x against the label are two quantities (no common unit): the curve plot takes the panel's width; two features stay square.
        square={frame.kind === 'regions'}
        data-x-span={frame.x[1] - frame.x[0]}
        data-y-span={frame.kind === 'regions' ? frame.y[1] - frame.y[0] : undefined}
        {...(curveXs ? { 'data-curve-min-x': curveXs[0], 'data-curve-max-x': curveXs[curveXs.length - 1] } : {})}
        {...(predicted ? { 'data-predicted-x': predicted.x, 'data-predicted-y': predicted.y } : {})}
        {...(atPredicted >= 0 ? { 'data-curve-at-predicted': shownFit!.values[atPredicted][0] } : {})}
      />
      <ul className="scatter-legend small" aria-label={t('scatter.legend')} data-testid="scatter-legend">
        {data.numFeatures === 2 && data.task !== 'classification' && <li className="muted">{t('scatter.targetBins')}</li>}
        {legend.map((entry) => (
          <li key={entry.label} data-color={entry.color}>
            <span className={`scatter-swatch ${entry.shape}`} style={{ background: entry.color }} aria-hidden="true" />
            {entry.label}
          </li>
        ))}
      </ul>
      {shownFit && <div className="small muted">{shownFit.kind === 'curve' ? t('data.curve') : t('data.regions')}</div>}
      {shownFit?.kind === 'curve' && model && <FittedLine model={model} t={t} />}
      {shownFit?.kind === 'curve' && <div className="small muted">{t('inside.extended')}</div>}
      {predicted && (
        <div className="small muted" data-testid="scatter-predicted">
          {t('inside.predicted', { x: fmt(predicted.x), y: fmt(predicted.y) })}
        </div>
      )}
      {predicted && dataRange && <ExtrapolationNote x={predicted.x} range={dataRange} t={t} testId="scatter-extrapolation" />}
    </>
  );
}
