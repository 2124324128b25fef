import { useEffect, useState } from 'react';
import { previewDataset } from '../data/datasetInfo';
import { predict as predictOutputs } from '../api/predict';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';
import { useT } from '../i18n';

export function PredictPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const run = useRun((s) => s.run);
  const data = previewDataset(dataset);
  const features = data instanceof Error ? [] : data.featureNames;
  const [values, setValues] = useState<Record<string, string>>({});
  const [result, setResult] = useState<{ outputs: number[] } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const t = useT();
  const ready = run.runId !== null && (run.status === 'done' || run.status === 'stopped' || run.status === 'diverged');
  const shown = features.slice(0, 64);
  // A result belongs to the model that gave it; another run or another project's weights clear it.
  useEffect(() => setResult(null), [run.runId]);

  const predict = async () => {
    if (!run.runId || data instanceof Error) return;
    const row: number[] = [];
    for (let i = 0; i < data.numFeatures; i++) {
      const text = values[i] ?? '0';
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) {
        setResult({ error: t('predict.badFeature', { name: data.featureNames[i] ?? i, text }) });
        return;
      }
      row.push(n);
    }
    setBusy(true);
    try {
      const outputs = await predictOutputs(run.runId, [row]);
      setResult({ outputs: outputs[0] ?? [] });
    } catch (error) {
      setResult({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  const fillFromRow = () => {
    if (data instanceof Error || data.rows === 0) return;
    const row = Math.floor(Math.random() * data.rows);
    const next: Record<string, string> = {};
    for (let i = 0; i < data.numFeatures; i++) next[i] = String(Number(data.x[row * data.numFeatures + i].toPrecision(6)));
    setValues(next);
  };

  const classification = !(data instanceof Error) && data.task === 'classification';
  const classNames = data instanceof Error ? [] : (data.classNames ?? []);

  return (
    <section className="panel-section predict" data-testid="predict-panel">
      {!ready && <p className="muted small">{t('predict.trainFirst')}</p>}
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
      </div>
      <div className="predict-inputs">
        {shown.map((name, i) => (
          <label key={i} className="predict-input">
            <span>{name}</span>
            <input
              type="text"
              inputMode="decimal"
              value={values[i] ?? '0'}
              onChange={(e) => setValues({ ...values, [i]: e.target.value })}
              data-testid={`predict-input-${i}`}
            />
          </label>
        ))}
        {features.length > shown.length && <p className="muted small">{t('predict.otherFeatures', { count: features.length - shown.length })}</p>}
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
