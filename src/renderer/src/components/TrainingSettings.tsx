import type { ZodType } from 'zod';
import { DEFAULT_NOISE, DEFAULT_SAMPLES } from '../../../shared/data/generators';
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
import { DraftInput, Field, HelpTip, formatNumber, parseNumber } from './fields';
import { tr, useT } from '../i18n';
import { CsvDatasetPanel, CsvImportButton } from './CsvImportDialog';
import { SplitSettings } from './SplitSettings';

function fieldCheck(schema: ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : result.error.issues[0]?.message ?? tr('field.invalid');
}

export function TrainingSettingsPanel() {
  const training = useEditor((s) => s.doc.training);
  const running = useRun((s) => isActive(s.run));
  const update = useEditor((s) => s.updateTraining);
  const t = useT();
  const opt = training.optimizer;
  const numberSetting = (
    name: 'epochs' | 'batchSize' | 'validationSplit',
    integer: boolean,
  ) => (
    <DraftInput<number>
      id={`setting-${name}`}
      label={t(`settings.${name}`)}
      help={t(`help.${name}`)}
      value={training[name]}
      format={formatNumber}
      parse={(t) => parseNumber(t, integer)}
      onCommit={(v) => fieldCheck(TrainingSettingsSchema.shape[name], v) ?? (update({ [name]: v }), null)}
      testId={`setting-${name}`}
      inputMode={integer ? 'numeric' : 'decimal'}
    />
  );
  const optimizerNumber = (name: 'learningRate' | 'momentum' | 'beta1' | 'beta2', fallback: number) => (
    <DraftInput<number>
      id={`setting-${name}`}
      label={t(`settings.${name}`)}
      help={t(`help.${name}`)}
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
      <h2>
        {t('settings.title')} {running && <span className="muted small">{t('settings.nextRun')}</span>}
      </h2>
      <div className="grid2">
        <Field label={t('settings.optimizer')} help={t('help.optimizer')} htmlFor="setting-optimizer">
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
        {optimizerNumber('learningRate', 0.01)}
        {(opt.type === 'momentum' || opt.type === 'rmsprop') && optimizerNumber('momentum', opt.type === 'momentum' ? 0.9 : 0)}
        {(opt.type === 'adam' || opt.type === 'adamax') && optimizerNumber('beta1', 0.9)}
        {(opt.type === 'adam' || opt.type === 'adamax') && optimizerNumber('beta2', 0.999)}
      </div>
      <Field label={t('settings.loss')} help={t('help.loss')} htmlFor="setting-loss">
        <select id="setting-loss" value={training.loss} onChange={(e) => update({ loss: e.target.value as LossName })} data-testid="setting-loss">
          {LOSSES.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </Field>
      <Field label={t('settings.metrics')} help={t('help.metrics')} htmlFor="setting-metrics">
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
        {numberSetting('epochs', true)}
        {numberSetting('batchSize', true)}
        {numberSetting('validationSplit', false)}
        <DraftInput<number | null>
          id="setting-seed"
          label={t('settings.seed')}
          help={t('help.seed')}
          value={training.seed}
          format={(v) => (v === null ? '' : String(v))}
          parse={(t) => (t.trim() === '' ? { ok: true, value: null } : parseNumber(t, true))}
          onCommit={(v) => (update({ seed: v }), null)}
          testId="setting-seed"
          inputMode="numeric"
          placeholder={t('settings.seedRandom')}
        />
      </div>
      <SplitSettings />
      <label className="check setting-shuffle">
        <input id="setting-shuffle" type="checkbox" checked={training.shuffle} onChange={(e) => update({ shuffle: e.target.checked })} data-testid="setting-shuffle" />
        <b>{t('settings.shuffle')}</b>
        <HelpTip text={t('help.shuffle')} testId="help-setting-shuffle" />
      </label>
    </section>
  );
}

export function DatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  const t = useT();
  if (dataset.kind === 'csv') return <CsvDatasetPanel />;
  return (
    <section className="panel-section" data-testid="dataset-settings">
      <h2>{t('dataset.title')}</h2>
      <Field label={t('dataset.generator')} help={`${t('help.generator')} ${t(`dataset.desc.${dataset.generator}`)}`} htmlFor="dataset-generator">
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
          label={t('dataset.seed')}
          help={t('help.datasetSeed')}
          value={dataset.seed}
          format={formatNumber}
          parse={(t) => parseNumber(t, true)}
          onCommit={(v) => (update({ seed: v }), null)}
          testId="dataset-seed"
          inputMode="numeric"
        />
        <DraftInput<number>
          id="dataset-noise"
          label={t('dataset.noise')}
          help={t('help.noise')}
          value={dataset.noise ?? DEFAULT_NOISE[dataset.generator]}
          format={formatNumber}
          parse={(t) => parseNumber(t, false)}
          onCommit={(v) => (v < 0 || v > 10 ? t('dataset.noiseRange', { value: v }) : (update({ noise: v }), null))}
          testId="dataset-noise"
          inputMode="decimal"
        />
        <DraftInput<number>
          id="dataset-samples"
          label={t('dataset.samples')}
          help={t('help.samples')}
          value={dataset.samples ?? DEFAULT_SAMPLES[dataset.generator]}
          format={formatNumber}
          parse={(t) => parseNumber(t, true)}
          onCommit={(v) => (v < 1 || v > 1_000_000 ? t('dataset.samplesRange', { value: v }) : (update({ samples: v }), null))}
          testId="dataset-samples"
          inputMode="numeric"
        />
      </div>
      <CsvImportButton />
    </section>
  );
}
