import { useEffect, useMemo, useState } from 'react';
import type { Dataset } from '../../../shared/data/types';
import { previewDataset } from '../data/datasetInfo';
import { useCsvSamples } from './CsvImportState';
import { predict as predictOutputs } from '../api/predict';
import { isInputType } from '../../../shared/layers';
import { useEditor } from '../store/editor';
import { trainedModel } from '../store/run';
import { useRun } from '../store/training';
import { TrainedModelNote } from './data/TrainedModelNote';
import { useT } from '../i18n';
import { parseRowList } from '../lib/rows';
import { isMissingValue, preprocessingFor, rawRowFromFeatures, type RawValue } from '../../../shared/data/preprocess';

/**
 * Predictions on typed feature values or on rows of the dataset. Values are raw (before
 * normalisation): the trainer applies the project's preprocessing pipeline. The form's state
 * belongs to one project, dataset and model input: any of them changing gives fresh values.
 */
export function PredictPanel() {
  const name = useEditor((s) => s.doc.name);
  const dataset = useEditor((s) => s.doc.dataset);
  const graph = useEditor((s) => s.doc.graph);
  const inputs = useMemo(() => graph.nodes.filter((n) => isInputType(n.type)).map((n) => [n.id, n.params.shape]), [graph]);
  const key = useMemo(() => JSON.stringify([name, dataset, inputs]), [name, dataset, inputs]);
  return <PredictForm key={key} />;
}

function featureRow(data: Dataset, row: number): number[] {
  return Array.from(data.x.subarray(row * data.numFeatures, (row + 1) * data.numFeatures));
}

/** The true label of a dataset row as people read it: the class name, or the target value(s). */
function labelText(data: Dataset, row: number): string {
  const y = Array.from(data.y.subarray(row * data.labelWidth, (row + 1) * data.labelWidth));
  if (data.task === 'classification') {
    const cls = data.labelEncoding === 'onehot' ? y.indexOf(Math.max(...y)) : y[0];
    return data.classNames?.[cls] ?? String(cls);
  }
  return y.map((v) => String(Number(v.toPrecision(6)))).join(', ');
}

/** A prediction as people read it: the most likely class with its probability, or the value(s). */
function predictionText(outputs: number[], data: Dataset, classLabel: (i: number) => string): string {
  if (data.task === 'classification') {
    const probs = outputs.length === 1 ? [1 - outputs[0], outputs[0]] : outputs;
    const best = probs.indexOf(Math.max(...probs));
    return `${data.classNames?.[best] ?? classLabel(best)} (${(probs[best] * 100).toFixed(1)}%)`;
  }
  return outputs.map((v) => String(Number(v.toPrecision(6)))).join(', ');
}

type RowResult = { row: number; prediction: string; truth: string };

function PredictForm() {
  const dataset = useEditor((s) => s.doc.dataset);
  const run = useRun((s) => s.run);
  // A reopened CSV project's rows arrive from main after it opens: render again when they do.
  useCsvSamples((s) => s.samples);
  const data = previewDataset(dataset);
  const features = useMemo(() => (data instanceof Error ? [] : data.featureNames), [data]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');
  const [filledRow, setFilledRow] = useState<number | null>(null);
  const [rowsText, setRowsText] = useState('0, 1');
  const [result, setResult] = useState<{ outputs: number[]; truth?: string } | { error: string } | null>(null);
  const [rowResults, setRowResults] = useState<RowResult[] | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const model = trainedModel(run);
  const ready = model.kind === 'usable';
  // A result belongs to the model that gave it; another run or another project's weights clear it.
  useEffect(() => {
    setResult(null);
    setRowResults(null);
  }, [run.runId]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return features.map((name, i) => ({ name, i })).filter(({ name }) => needle === '' || name.toLowerCase().includes(needle));
  }, [features, filter]);

  const predict = async () => {
    if (!run.runId || data instanceof Error) return;
    const typed: (number | null)[] = [];
    let firstBad = -1;
    for (let i = 0; i < data.numFeatures; i++) {
      const text = values[i] ?? '0';
      const n = Number(text);
      // Issue 12: a blank or NA is a missing value, which the project's impute step fills (or names).
      if (isMissingValue(text)) typed.push(null);
      else if (!Number.isFinite(n)) {
        setResult({ error: t('predict.badFeature', { name: data.featureNames[i] ?? i, text }) });
        return;
      } else typed.push(n);
      if (firstBad < 0 && typed[i] === null) firstBad = i;
    }
    let row: number[] | RawValue[] = typed as number[];
    if (firstBad >= 0) {
      // Only columns with a missing-value step go to the pipeline; elsewhere a blank is a typo.
      const pipeline = preprocessingFor(dataset);
      const imputed = new Set(pipeline.steps.flatMap((s) => (s.kind === 'impute' ? s.columns.map((c) => c.column) : [])));
      const typo = typed.findIndex((v, i) => v === null && !imputed.has(data.featureNames[i]));
      const raw = typo < 0 ? rawRowFromFeatures(pipeline, typed) : null;
      if (!raw) {
        const bad = typo < 0 ? firstBad : typo;
        setResult({ error: t('predict.badFeature', { name: data.featureNames[bad] ?? bad, text: values[bad] ?? '' }) });
        return;
      }
      row = raw;
    }
    setBusy(true);
    try {
      const outputs = await predictOutputs(run.runId, [row]);
      setResult({ outputs: outputs[0] ?? [], ...(filledRow !== null ? { truth: labelText(data, filledRow) } : {}) });
    } catch (error) {
      setResult({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const predictRows = async () => {
    if (!run.runId || data instanceof Error) return;
    const rows = parseRowList(rowsText, data.rows);
    if (!rows) {
      setRowResults({ error: t('predict.badRows', { max: Math.max(0, data.rows - 1), text: rowsText }) });
      return;
    }
    setBusy(true);
    try {
      const outputs = await predictOutputs(run.runId, rows.map((r) => featureRow(data, r)));
      const classLabel = (i: number) => t('predict.class', { index: i });
      setRowResults(rows.map((row, k) => ({ row, prediction: predictionText(outputs[k] ?? [], data, classLabel), truth: labelText(data, row) })));
    } catch (error) {
      setRowResults({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const fillFromRow = () => {
    if (data instanceof Error || data.rows === 0) return;
    const row = Math.floor(Math.random() * data.rows);
    const next: Record<string, string> = {};
    featureRow(data, row).forEach((v, i) => (next[i] = String(Number(v.toPrecision(6)))));
    setValues(next);
    setFilledRow(row);
    setRowsText(String(row));
  };

  const classification = !(data instanceof Error) && data.task === 'classification';
  const classNames = data instanceof Error ? [] : (data.classNames ?? []);
  const sampled = !(data instanceof Error) && dataset.kind === 'csv' && data.rows < dataset.rows;

  return (
    <section className="panel-section predict" data-testid="predict-panel">
      {model.kind === 'none' && <p className="muted small">{t('predict.trainFirst')}</p>}
      <TrainedModelNote t={t} />
      {data instanceof Error && <p className="field-error">{data.message}</p>}
      <div className="predict-actions">
        <button onClick={predict} disabled={!ready || busy} data-testid="predict-button">
          {t('predict.button')}
        </button>
        <button onClick={fillFromRow} disabled={data instanceof Error} title={t('predict.sampleTitle')} data-testid="predict-sample">
          {t('predict.sample')}
        </button>
      </div>
      <div className="predict-output" data-testid="predict-output">
        {result && 'error' in result && <span className="field-error">{result.error}</span>}
        {result && 'outputs' in result && !classification && (
          <span>
            {result.outputs.map((v, i) => (
              <b key={i} data-value={v}>
                {i > 0 ? ', ' : ''}
                {Number(v.toPrecision(6))}
              </b>
            ))}
          </span>
        )}
        {result && 'outputs' in result && classification && <ClassBars values={result.outputs} names={classNames} />}
        {result && 'outputs' in result && result.truth !== undefined && filledRow !== null && (
          <p className="muted small" data-testid="predict-truth">
            {t('predict.row')} {filledRow} · {t('predict.truth')}: {result.truth}
          </p>
        )}
      </div>
      <div className="predict-rows">
        <label className="predict-input">
          <span>{t('predict.rowsLabel')}</span>
          <input type="text" value={rowsText} placeholder={t('predict.rowsPlaceholder')} onChange={(e) => setRowsText(e.target.value)} data-testid="predict-rows-input" />
        </label>
        <button onClick={predictRows} disabled={!ready || busy || data instanceof Error} title={t('predict.rowsTitle')} data-testid="predict-rows-button">
          {t('predict.rowsButton')}
        </button>
      </div>
      {sampled && <p className="muted small">{t('predict.rowsSampled', { count: data.rows })}</p>}
      {rowResults && 'error' in rowResults && <p className="field-error" data-testid="predict-rows-error">{rowResults.error}</p>}
      {rowResults && !('error' in rowResults) && (
        <table className="predict-rows-table" data-testid="predict-rows-table">
          <thead>
            <tr>
              <th>{t('predict.row')}</th>
              <th>{t('predict.prediction')}</th>
              <th>{t('predict.truth')}</th>
            </tr>
          </thead>
          <tbody>
            {rowResults.map((r) => (
              <tr key={r.row} data-row={r.row}>
                <td>{r.row}</td>
                <td data-testid="predict-row-prediction">{r.prediction}</td>
                <td data-testid="predict-row-truth">{r.truth}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="predict-features-head">
        <span className="muted small" data-testid="predict-feature-count">
          {t('predict.features', { count: features.length })}
        </span>
        {features.length > 12 && (
          <input type="search" placeholder={t('predict.filter')} aria-label={t('predict.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="predict-filter" />
        )}
      </div>
      <div className="predict-inputs" data-testid="predict-inputs">
        {shown.map(({ name, i }) => (
          <label key={i} className="predict-input">
            <span title={name}>{name}</span>
            <input
              type="text"
              inputMode="decimal"
              value={values[i] ?? '0'}
              onChange={(e) => {
                setValues({ ...values, [i]: e.target.value });
                setFilledRow(null);
              }}
              data-testid={`predict-input-${i}`}
            />
          </label>
        ))}
        {shown.length === 0 && features.length > 0 && <p className="muted small">{t('predict.noMatch', { text: filter })}</p>}
      </div>
    </section>
  );
}

function ClassBars({ values, names }: { values: number[]; names: string[] }) {
  const t = useT();
  const best = values.indexOf(Math.max(...values));
  // A single sigmoid output is P(class 1).
  const probs = values.length === 1 ? [1 - values[0], values[0]] : values;
  return (
    <div className="class-bars">
      {probs.map((p, i) => (
        <div key={i} className={`class-bar${(values.length === 1 ? (values[0] >= 0.5 ? 1 : 0) : best) === i ? ' best' : ''}`} data-value={p}>
          <span className="class-name">{names[i] ?? t('predict.class', { index: i })}</span>
          <span className="bar">
            <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
          </span>
          <span className="pct">{(p * 100).toFixed(1)}%</span>
        </div>
      ))}
    </div>
  );
}
