import type { ZodType } from 'zod';
import { DEFAULT_NOISE, DEFAULT_SAMPLES, GENERATOR_DESCRIPTIONS } from '../../../shared/data/generators';
import {
  GENERATORS,
  LOSSES,
  METRICS,
  OPTIMIZERS,
  OptimizerSchema,
  TrainingSettingsSchema,
  type GeneratorName,
  type LossName,
  type MetricName,
  type OptimizerName,
} from '../../../shared/project/schema';
import { isActive } from '../store/run';
import { useRun } from '../store/training';
import { useEditor } from '../store/editor';
import { DraftInput, Field, formatNumber, parseNumber } from './fields';

const HELP = {
  optimizer:
    'How the weights are nudged after each batch. SGD takes plain steps down the gradient; Adam adapts the step for each weight and is a good default.',
  learningRate: 'How big each step is. Too big and the loss jumps around or explodes; too small and training crawls.',
  momentum: 'Keeps part of the previous step, which smooths the path and speeds up travel along long valleys.',
  beta1: 'How much Adam averages past gradients (usually 0.9).',
  beta2: 'How much Adam averages past squared gradients (usually 0.999).',
  loss: 'The number training tries to make small: mean squared error for predicting values, cross-entropy for classes.',
  metrics: 'Extra numbers reported each epoch to judge the model; they do not steer training.',
  epochs: 'One epoch is one pass over all the training data.',
  batchSize:
    'Samples used for each weight update. 1 = stochastic gradient descent, all the data = batch gradient descent, in between = mini-batch.',
  validationSplit: 'The share of rows held back (taken from the end) to check the model on data it has not trained on.',
  shuffle: 'Shuffle the training rows before every epoch, so batches differ each time.',
  seed: 'Same seed, same graph, same data ⇒ the same weights and the same curves. Empty = random each run.',
  generator: 'The built-in dataset to train on.',
  datasetSeed: 'Which random draw of the dataset to use.',
  noise: 'How noisy the data is.',
  samples: 'How many rows to generate.',
};

function fieldCheck(schema: ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message ?? 'Invalid value.';
}

export function TrainingSettingsPanel() {
  const training = useEditor((s) => s.doc.training);
  const running = useRun((s) => isActive(s.run));
  const update = useEditor((s) => s.updateTraining);
  const opt = training.optimizer;
  const numberSetting = (
    name: 'epochs' | 'batchSize' | 'validationSplit',
    label: string,
    integer: boolean,
  ) => (
    <DraftInput<number>
      id={`setting-${name}`}
      label={label}
      help={HELP[name]}
      value={training[name]}
      format={formatNumber}
      parse={(t) => parseNumber(t, integer)}
      onCommit={(v) => fieldCheck(TrainingSettingsSchema.shape[name], v) ?? (update({ [name]: v }), null)}
      testId={`setting-${name}`}
      inputMode={integer ? 'numeric' : 'decimal'}
    />
  );
  const optimizerNumber = (name: 'learningRate' | 'momentum' | 'beta1' | 'beta2', label: string, fallback: number) => (
    <DraftInput<number>
      id={`setting-${name}`}
      label={label}
      help={HELP[name]}
      value={opt[name] ?? fallback}
      format={formatNumber}
      parse={(t) => parseNumber(t, false)}
      onCommit={(v) => fieldCheck(OptimizerSchema.shape[name], v) ?? (update({ optimizer: { [name]: v } }), null)}
      testId={`setting-${name}`}
      inputMode="decimal"
    />
  );
  return (
    <section className="panel-section" data-testid="training-settings">
      <h2>Training {running && <span className="muted small">(applies to the next run)</span>}</h2>
      <div className="grid2">
        <Field label="Optimizer" help={HELP.optimizer} htmlFor="setting-optimizer">
          <select
            id="setting-optimizer"
            value={opt.type}
            onChange={(e) => update({ optimizer: { type: e.target.value as OptimizerName } })}
            data-testid="setting-optimizer"
          >
            {OPTIMIZERS.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </Field>
        {optimizerNumber('learningRate', 'Learning rate', 0.01)}
        {(opt.type === 'momentum' || opt.type === 'rmsprop') && optimizerNumber('momentum', 'Momentum', opt.type === 'momentum' ? 0.9 : 0)}
        {(opt.type === 'adam' || opt.type === 'adamax') && optimizerNumber('beta1', 'Beta 1', 0.9)}
        {(opt.type === 'adam' || opt.type === 'adamax') && optimizerNumber('beta2', 'Beta 2', 0.999)}
      </div>
      <Field label="Loss" help={HELP.loss} htmlFor="setting-loss">
        <select id="setting-loss" value={training.loss} onChange={(e) => update({ loss: e.target.value as LossName })} data-testid="setting-loss">
          {LOSSES.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </Field>
      <Field label="Metrics" help={HELP.metrics}>
        <div className="checks" data-testid="setting-metrics">
          {METRICS.map((m) => (
            <label key={m} className="check">
              <input
                type="checkbox"
                checked={training.metrics.includes(m)}
                onChange={(e) =>
                  update({ metrics: e.target.checked ? [...training.metrics, m] : training.metrics.filter((x: MetricName) => x !== m) })
                }
                data-testid={`setting-metrics-${m}`}
              />
              {m}
            </label>
          ))}
        </div>
      </Field>
      <div className="grid2">
        {numberSetting('epochs', 'Epochs', true)}
        {numberSetting('batchSize', 'Batch size', true)}
        {numberSetting('validationSplit', 'Validation split', false)}
        <DraftInput<number | null>
          id="setting-seed"
          label="Seed"
          help={HELP.seed}
          value={training.seed}
          format={(v) => (v === null ? '' : String(v))}
          parse={(t) => (t.trim() === '' ? { ok: true, value: null } : parseNumber(t, true))}
          onCommit={(v) => (update({ seed: v }), null)}
          testId="setting-seed"
          inputMode="numeric"
          placeholder="random"
        />
      </div>
      <Field label="Shuffle" help={HELP.shuffle} htmlFor="setting-shuffle">
        <input id="setting-shuffle" type="checkbox" checked={training.shuffle} onChange={(e) => update({ shuffle: e.target.checked })} data-testid="setting-shuffle" />
      </Field>
    </section>
  );
}

export function DatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  return (
    <section className="panel-section" data-testid="dataset-settings">
      <h2>Dataset</h2>
      <Field label="Generator" help={GENERATOR_DESCRIPTIONS[dataset.generator] ?? HELP.generator} htmlFor="dataset-generator">
        <select
          id="dataset-generator"
          value={dataset.generator}
          onChange={(e) => update({ generator: e.target.value as GeneratorName, samples: undefined, noise: undefined })}
          data-testid="dataset-generator"
        >
          {GENERATORS.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </Field>
      <div className="grid2">
        <DraftInput<number>
          id="dataset-seed"
          label="Seed"
          help={HELP.datasetSeed}
          value={dataset.seed}
          format={formatNumber}
          parse={(t) => parseNumber(t, true)}
          onCommit={(v) => (update({ seed: v }), null)}
          testId="dataset-seed"
          inputMode="numeric"
        />
        <DraftInput<number>
          id="dataset-noise"
          label="Noise"
          help={HELP.noise}
          value={dataset.noise ?? DEFAULT_NOISE[dataset.generator]}
          format={formatNumber}
          parse={(t) => parseNumber(t, false)}
          onCommit={(v) => (v < 0 || v > 10 ? `Expected a noise level from 0 to 10, got ${v}.` : (update({ noise: v }), null))}
          testId="dataset-noise"
          inputMode="decimal"
        />
        <DraftInput<number>
          id="dataset-samples"
          label="Samples"
          help={HELP.samples}
          value={dataset.samples ?? DEFAULT_SAMPLES[dataset.generator]}
          format={formatNumber}
          parse={(t) => parseNumber(t, true)}
          onCommit={(v) => (v < 1 || v > 1_000_000 ? `Expected 1 to 1,000,000 rows, got ${v}.` : (update({ samples: v }), null))}
          testId="dataset-samples"
          inputMode="numeric"
        />
      </div>
    </section>
  );
}
