import { useEffect, useRef, useState } from 'react';
import type { Dataset } from '../../../shared/data/types';
import { api } from '../api';
import { previewDataset } from '../data/datasetInfo';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';

const CLASS_COLORS = ['#2f7dd1', '#e0802f', '#3aa55d', '#c94f7c', '#8a63d2', '#b59a2a', '#20a5a5', '#d14b3d', '#6b7a8f', '#9c6b3f'];
const GRID = 48;

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

function labelOf(data: Dataset, row: number): number {
  if (data.labelEncoding === 'onehot') {
    let best = 0;
    for (let c = 1; c < data.labelWidth; c++) if (data.y[row * data.labelWidth + c] > data.y[row * data.labelWidth + best]) best = c;
    return best;
  }
  return Math.round(data.y[row * data.labelWidth]);
}

/** The dataset as the tutorial plots it: x against y for one feature, the plane coloured by class for two. */
export function DataPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const run = useRun((s) => s.run);
  const data = previewDataset(dataset);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [fit, setFit] = useState<Fit | null>(null);
  const finished = run.runId !== null && (run.status === 'done' || run.status === 'stopped');

  const plottable = !(data instanceof Error) && (data.numFeatures === 1 || data.numFeatures === 2);

  useEffect(() => {
    setFit(null);
    if (!finished || !run.runId || data instanceof Error || !plottable) return;
    let cancelled = false;
    const [x0, x1] = bounds(data.x, data.numFeatures, 0, data.rows);
    let inputs: number[][];
    let kind: Fit['kind'];
    if (data.numFeatures === 1) {
      kind = 'curve';
      inputs = Array.from({ length: 200 }, (_, i) => [x0 + ((x1 - x0) * i) / 199]);
    } else {
      kind = 'regions';
      const [y0, y1] = bounds(data.x, 2, 1, data.rows);
      inputs = [];
      for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) inputs.push([x0 + ((x1 - x0) * (i + 0.5)) / GRID, y0 + ((y1 - y0) * (j + 0.5)) / GRID]);
    }
    api['model.predict']({ runId: run.runId, inputs })
      .then(({ outputs }) => !cancelled && setFit({ kind, xs: inputs.map((r) => r[0]), values: outputs }))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [finished, run.runId, data, plottable]);

  useEffect(() => {
    const el = canvas.current;
    if (!el || data instanceof Error || !plottable) return;
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
      ctx.fillStyle = data.numFeatures === 1 ? '#2f7dd1' : CLASS_COLORS[labelOf(data, r) % CLASS_COLORS.length];
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

  if (data instanceof Error) return <p className="field-error">{data.message}</p>;
  return (
    <section className="panel-section data-panel" data-testid="data-panel">
      <div className="small muted">
        {data.rows.toLocaleString('en-US')} rows · {data.numFeatures} feature{data.numFeatures === 1 ? '' : 's'} · {data.task}
        {data.numClasses ? ` · ${data.numClasses} classes` : ''}
        {fit ? (fit.kind === 'curve' ? ' · orange: the trained model' : ' · shading: the trained model’s regions') : ''}
      </div>
      {plottable ? (
        <canvas ref={canvas} className="scatter" data-testid="data-scatter" data-fit={fit?.kind ?? 'none'} />
      ) : (
        <p className="muted small">A scatter plot needs one or two features; this dataset has {data.numFeatures}.</p>
      )}
    </section>
  );
}
