import { useEffect, useMemo, useState } from 'react';
import type { Dataset } from '../../../shared/data/types';
import { previewDataset } from '../data/datasetInfo';
import { useCsvSamples } from './CsvImportState';
import { predict as predictOutputs } from '../api/predict';
import { getLayer, isInputType, resolveParams } from '../../../shared/layers';
import type { Graph } from '../../../shared/graph/types';
import { useEditor } from '../store/editor';
import { trainedModel } from '../store/run';
import { useRun } from '../store/training';
import { TrainedModelNote } from './data/TrainedModelNote';
import { useT } from '../i18n';
import { parseRowList } from '../lib/rows';
import { ImagePredict } from './images/ImagePredict';
import { ClassBar } from './images/TopClasses';
// issue 16: inside the model
import { formatOutput, useLastPrediction } from '../store/lastPrediction';
import { ExtrapolationNote } from './inside/Extrapolation';
import { valueRange } from './data/plotting';
import {
  inputFields,
  isMissingValue,
  modelInputRoute,
  preprocessingFor,
  rawRowFromEncoded,
  type InputField,
  type Preprocessing,
  type RawValue,
} from '../../../shared/data/preprocess';

/**
 * Predictions on typed values or on rows of the dataset. The form has one field per raw input
 * column of the project's preprocessing pipeline (a number, or a category to choose; a blank
 * number is filled by the column's stored fill), and the trainer applies the pipeline. When the
 * project's data does not fit the model's Input (a model imported without its data, issue 13),
 * the form has one number per model input instead and says they go to the model as they are
 * (`modelInputRoute`, the rule `neurite predict` follows). The form's state belongs to one
 * project, dataset and model input: any of them changing gives fresh values.
 */
export function PredictPanel() {
  const name = useEditor((s) => s.doc.name);
  const dataset = useEditor((s) => s.doc.dataset);
  const graph = useEditor((s) => s.doc.graph);
  const inputs = useMemo(() => graph.nodes.filter((n) => isInputType(n.type)).map((n) => [n.id, n.params.shape]), [graph]);
  const key = useMemo(() => JSON.stringify([name, dataset, inputs]), [name, dataset, inputs]);
  // Issue 14: image data is predicted from an image (the dataset's, a file, a drawing), not from a form of pixel values.
  if (dataset.kind === 'images') return <ImagePredict key={key} spec={dataset} />;
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

/** The number of values the model's (first) Input takes: the product of its shape, as the trainer reads `model.inputs[0]`. */
function modelInputWidth(graph: Graph): number | null {
  const input = graph.nodes.find((n) => isInputType(n.type));
  const layer = input && getLayer(input.type);
  if (!input || !layer) return null;
  const shape = resolveParams(layer, input.params).shape;
  return Array.isArray(shape) && shape.every((d) => typeof d === 'number') ? (shape as number[]).reduce((a, b) => a * b, 1) : null;
}

/** A form field: an input column of the pipeline, or (data that does not fit the model) one model input. */
type FormField = InputField | { column: string; kind: 'model-input' };

/** What the form shows for a raw value: numbers to 6 significant digits, categories as they are. */
function valueText(value: RawValue): string {
  return typeof value === 'number' ? String(Number(value.toPrecision(6))) : value;
}

function initialValue(field: FormField): string {
  return field.kind === 'category' ? (field.fill !== undefined ? '' : (field.categories[0] ?? '')) : '0';
}

function PredictForm() {
  const dataset = useEditor((s) => s.doc.dataset);
  const graph = useEditor((s) => s.doc.graph);
  // A reopened CSV project's rows arrive from main after it opens: render again when they do.
  useCsvSamples((s) => s.samples);
  const data = previewDataset(dataset);
  const pipeline = useMemo<Preprocessing | Error>(() => {
    try {
      return preprocessingFor(dataset);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  }, [dataset]);
  const width = useMemo(() => modelInputWidth(graph), [graph]);
  const run = useRun((s) => s.run);
  const model = trainedModel(run);
  // Issue 13: a model (trained or imported) whose Input the project's data does not fit takes its inputs as they are.
  const asIs = model.kind !== 'none' && !(pipeline instanceof Error) && width !== null && modelInputRoute(pipeline, width) === 'none';
  const fields = useMemo<FormField[]>(() => {
    if (pipeline instanceof Error) return [];
    if (asIs) return Array.from({ length: width! }, (_, i) => ({ column: `input ${i + 1}`, kind: 'model-input' as const }));
    return inputFields(pipeline);
  }, [pipeline, asIs, width]);
  const numFeatures = pipeline instanceof Error ? 0 : pipeline.featureNames.length;
  const [values, setValues] = useState<Record<string, string>>({});
  const [filter, setFilter] = useState('');
  const [filledRow, setFilledRow] = useState<number | null>(null);
  const [rowsText, setRowsText] = useState('0, 1');
  // `x` (issue 16): the one number typed, when the row is one number, for the extrapolation note.
  const [result, setResult] = useState<{ outputs: number[]; truth?: string; x?: number } | { error: string } | null>(null);
  const [rowResults, setRowResults] = useState<RowResult[] | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const ready = model.kind === 'usable';
  // A result belongs to the model that gave it; another run or another project's weights clear it.
  useEffect(() => {
    setResult(null);
    setRowResults(null);
  }, [run.runId]);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return fields.map((field, i) => ({ field, i })).filter(({ field }) => needle === '' || field.column.toLowerCase().includes(needle));
  }, [fields, filter]);

  /** The typed row as the API takes it (raw values per input column, or numbers per model input), or the message saying what is wrong. */
  const typedRow = (): RawValue[] | { error: string } => {
    const row: RawValue[] = [];
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      const text = values[i] ?? initialValue(field);
      if (field.kind === 'category') {
        row.push(text);
        continue;
      }
      // Issue 12: a blank or NA is a missing value, which the column's impute step fills; elsewhere it is a typo.
      if (isMissingValue(text) && field.kind === 'number' && field.fill !== undefined) {
        row.push('');
        continue;
      }
      if (isMissingValue(text) && field.kind === 'number') return { error: t('predict.needValue', { name: field.column }) };
      const n = Number(text.trim());
      if (!Number.isFinite(n)) return { error: t('predict.badFeature', { name: field.column, text }) };
      row.push(n);
    }
    return row;
  };

  const predict = async () => {
    if (!run.runId) return;
    const row = typedRow();
    if (!Array.isArray(row)) {
      setResult(row);
      return;
    }
    setBusy(true);
    try {
      const outputs = await predictOutputs(run.runId, [row]);
      setResult({
        outputs: outputs[0] ?? [],
        ...(filledRow !== null && !(data instanceof Error) ? { truth: labelText(data, filledRow) } : {}),
        ...(row.length === 1 && typeof row[0] === 'number' ? { x: row[0] } : {}),
      });
      // Issue 16: the data view marks it on the fitted line. The run id after the call: a lost model reloads under a new one.
      const answeredBy = useRun.getState().run.runId;
      if (answeredBy) useLastPrediction.getState().set({ runId: answeredBy, inputs: row, outputs: outputs[0] ?? [] });
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
    if (data instanceof Error || pipeline instanceof Error || data.rows === 0 || asIs) return;
    const row = Math.floor(Math.random() * data.rows);
    const next: Record<string, string> = {};
    rawRowFromEncoded(pipeline, featureRow(data, row)).forEach((v, i) => (next[i] = valueText(v)));
    setValues(next);
    setFilledRow(row);
    setRowsText(String(row));
  };

  const classification = !(data instanceof Error) && data.task === 'classification';
  // The project's class names describe its data, not a model that data does not fit.
  const classNames = data instanceof Error || asIs ? [] : (data.classNames ?? []);
  const sampled = !(data instanceof Error) && dataset.kind === 'csv' && data.rows < dataset.rows;
  const noData = data instanceof Error || asIs;
  // Issue 16: the x range of a one-feature dataset, for "this x is outside what the model was trained on".
  const dataRange = useMemo(() => (!(data instanceof Error) && data.numFeatures === 1 && data.rows > 0 ? valueRange(data.x, 1, 0, data.rows) : null), [data]);

  return (
    <section className="panel-section predict" data-testid="predict-panel">
      {model.kind === 'none' && <p className="muted small">{t('predict.trainFirst')}</p>}
      <TrainedModelNote t={t} />
      {data instanceof Error && <p className="field-error">{data.message}</p>}
      {pipeline instanceof Error && !(data instanceof Error) && <p className="field-error">{pipeline.message}</p>}
      {asIs && (
        <p className="muted small" data-testid="predict-as-is">
          {t('predict.asIs', { count: width!, features: numFeatures })}
        </p>
      )}
      <div className="predict-actions">
        <button onClick={predict} disabled={!ready || busy} data-testid="predict-button">
          {t('predict.button')}
        </button>
        <button onClick={fillFromRow} disabled={noData} title={t('predict.sampleTitle')} data-testid="predict-sample">
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
                {formatOutput(v)}
              </b>
            ))}
          </span>
        )}
        {result && 'outputs' in result && classification && <ClassBars values={result.outputs} names={classNames} />}
        {result && 'outputs' in result && result.x !== undefined && dataRange && !asIs && <ExtrapolationNote x={result.x} range={dataRange} t={t} testId="predict-extrapolation" />}
        {result && 'outputs' in result && result.truth !== undefined && filledRow !== null && (
          <p className="muted small" data-testid="predict-truth">
            {t('predict.row')} {filledRow} · {t('predict.truth')}: {result.truth}
          </p>
        )}
      </div>
      {!asIs && (
        <div className="predict-rows">
          <label className="predict-input">
            <span>{t('predict.rowsLabel')}</span>
            <input type="text" value={rowsText} placeholder={t('predict.rowsPlaceholder')} onChange={(e) => setRowsText(e.target.value)} data-testid="predict-rows-input" />
          </label>
          <button onClick={predictRows} disabled={!ready || busy || data instanceof Error} title={t('predict.rowsTitle')} data-testid="predict-rows-button">
            {t('predict.rowsButton')}
          </button>
        </div>
      )}
      {sampled && !asIs && <p className="muted small">{t('predict.rowsSampled', { count: data.rows })}</p>}
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
          {asIs
            ? t('predict.modelInputs', { count: fields.length })
            : fields.length === numFeatures
              ? t('predict.features', { count: fields.length })
              : t('predict.columns', { count: fields.length, features: numFeatures })}
        </span>
        {fields.length > 12 && (
          <input type="search" placeholder={t('predict.filter')} aria-label={t('predict.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="predict-filter" />
        )}
      </div>
      <div className="predict-inputs" data-testid="predict-inputs">
        {shown.map(({ field, i }) => (
          <label key={i} className="predict-input">
            <span title={field.column}>{field.column}</span>
            {field.kind === 'category' ? (
              <select
                value={values[i] ?? initialValue(field)}
                onChange={(e) => {
                  setValues({ ...values, [i]: e.target.value });
                  setFilledRow(null);
                }}
                data-testid={`predict-input-${i}`}
              >
                {field.fill !== undefined && <option value="">{t('predict.missingFilled', { fill: String(field.fill) })}</option>}
                {field.categories.map((c) => (
                  <option key={c} value={c}>
                    {c === '' ? t('predict.emptyCategory') : c}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="text"
                inputMode="decimal"
                value={values[i] ?? initialValue(field)}
                title={field.kind === 'number' && field.fill !== undefined ? t('predict.blankFilled', { fill: valueText(field.fill) }) : undefined}
                onChange={(e) => {
                  setValues({ ...values, [i]: e.target.value });
                  setFilledRow(null);
                }}
                data-testid={`predict-input-${i}`}
              />
            )}
            {field.kind === 'number' && field.fill !== undefined && (
              <small className="muted" data-testid={`predict-fill-${i}`}>
                {t('predict.blankFilled', { fill: valueText(field.fill) })}
              </small>
            )}
          </label>
        ))}
        {shown.length === 0 && fields.length > 0 && <p className="muted small">{t('predict.noMatch', { text: filter })}</p>}
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
        <ClassBar key={i} name={names[i] ?? t('predict.class', { index: i })} p={p} best={(values.length === 1 ? (values[0] >= 0.5 ? 1 : 0) : best) === i} />
      ))}
    </div>
  );
}
