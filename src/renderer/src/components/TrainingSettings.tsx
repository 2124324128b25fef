import { DEFAULT_NOISE, DEFAULT_SAMPLES } from '../../../shared/data/generators';
import { getOptimizer, optimizerList, type OptimizerField } from '../../../shared/optimizers';
import { getLoss, lossList } from '../../../shared/losses';
import type { LossLabels } from '../../../shared/losses/types';
import { metricList } from '../../../shared/metrics';
import { GENERATORS, type GeneratorName, type LossName, type MetricName, type OptimizerName } from '../../../shared/project/schema';
import { renderSettingsProblem, validateTrainingSettings, type SettingsField } from '../../../shared/training/validate-settings';
import { isActive } from '../store/run';
import { BuiltinImagesPicker, ImagesDatasetPanel } from './images/ImagesDatasetPanel';
import { useRun } from '../store/training';
import { useEditor } from '../store/editor';
import { DraftInput, Field, HelpTip, formatNumber, parseNumber, type Parsed } from './fields';
import { lossText, optimizerText, problemText } from '../lib/problemText';
import { useT, type MessageKey } from '../i18n';
import { CsvDatasetPanel, CsvImportButton } from './CsvImportDialog';
import { ImageFolderButton } from './ImageFolderDialog';
import { SplitSettings } from './SplitSettings';
import { ProblemFix } from './ProblemFix';
import { analyze } from '../lib/analysis';
import { EarlyStoppingSettings } from './EarlyStoppingSettings';
import { LrFinderButton } from './LrFinderDialog';
import { CallbacksSettings } from './CallbacksSettings';

/**
 * Any text becomes a number for the document (NaN when it is none), so what the user typed is
 * what Train sees and the settings check, not the field, says what is wrong with it.
 */
function parseSetting(text: string): Parsed<number> {
  const trimmed = text.trim();
  return { ok: true, value: trimmed === '' ? Number.NaN : Number(trimmed) };
}
const formatSetting = (n: number): string => (Number.isNaN(n) ? '' : String(n));

/** Issue 16: the concept card each fit() setting links ("What is this?"), ids of src/renderer/src/lessons/concepts.ts. */
const SETTING_CONCEPTS = { epochs: 'epochs', batchSize: 'gradient-descent', validationSplit: 'supervised' } as const;
/** The loss's card by the labels it compares: numbers → regression, one-hot rows → one-hot (to_categorical); none for the others. */
const LOSS_CONCEPTS: Partial<Record<LossLabels, string>> = { values: 'regression', onehot: 'one-hot' };

export function TrainingSettingsPanel() {
  const training = useEditor((s) => s.doc.training);
  const running = useRun((s) => isActive(s.run));
  const update = useEditor((s) => s.updateTraining);
  const chooseOptimizer = useEditor((s) => s.chooseOptimizer);
  const t = useT();
  const opt = training.optimizer;
  const problems = validateTrainingSettings(training);
  const problemFor = (field: SettingsField): string | null => {
    const problem = problems.find((p) => p.field === field);
    return problem ? renderSettingsProblem(problem, t as (key: string, vars?: Record<string, string | number>) => string) : null;
  };
  const numberSetting = (name: keyof typeof SETTING_CONCEPTS, integer: boolean) => (
    <DraftInput<number>
      id={`setting-${name}`}
      label={t(`settings.${name}`)}
      help={t(`help.${name}`)}
      value={training[name]}
      format={formatSetting}
      parse={parseSetting}
      onCommit={(v) => (update({ [name]: v }), null)}
      problem={problemFor(name)}
      testId={`setting-${name}`}
      inputMode={integer ? 'numeric' : 'decimal'}
      concept={SETTING_CONCEPTS[name]}
    />
  );
  const optimizerField = (field: OptimizerField) => {
    const help = `${t(field.helpKey as MessageKey)} ${t('settings.kerasDefault', { value: String(field.default) })}`;
    if (field.kind === 'bool') {
      return (
        <span key={`${opt.type}-${field.name}`} className="check">
          <label className="check">
            <input
              id={`setting-${field.name}`}
              type="checkbox"
              checked={opt[field.name] ?? field.default}
              onChange={(e) => update({ optimizer: { [field.name]: e.target.checked } })}
              data-testid={`setting-${field.name}`}
            />
            <b>{t(field.labelKey as MessageKey)}</b>
          </label>
          <HelpTip text={help} testId={`help-setting-${field.name}`} />
        </span>
      );
    }
    const input = (
      <DraftInput<number>
        key={`${opt.type}-${field.name}`}
        id={`setting-${field.name}`}
        label={t(field.labelKey as MessageKey)}
        help={help}
        value={opt[field.name] ?? field.default}
        format={formatSetting}
        parse={parseSetting}
        onCommit={(v) => (update({ optimizer: { [field.name]: v } }), null)}
        problem={problemFor(`optimizer.${field.name}`)}
        testId={`setting-${field.name}`}
        inputMode="decimal"
      />
    );
    // Issue 15: the learning-rate finder sits under the field it fills in.
    if (field.name !== 'learningRate') return input;
    return (
      <div key={`${opt.type}-${field.name}`} className="lr-field">
        {input}
        <LrFinderButton />
      </div>
    );
  };
  return (
    <section className="panel-section" data-testid="training-settings">
      <h2>
        {t('settings.title')} {running && <span className="muted small">{t('settings.nextRun')}</span>}
      </h2>
      <div className="grid2">
        <Field label={t('settings.optimizer')} help={t('help.optimizer')} htmlFor="setting-optimizer">
          <select id="setting-optimizer" value={opt.type} onChange={(e) => chooseOptimizer(e.target.value as OptimizerName)} data-testid="setting-optimizer">
            {optimizerList().map((o) => (
              <option key={o.id} value={o.id} title={optimizerText(o.id, t).description}>
                {optimizerText(o.id, t).label}
              </option>
            ))}
          </select>
        </Field>
        {getOptimizer(opt.type).fields.map(optimizerField)}
      </div>
      <Field label={t('settings.loss')} help={`${t('help.loss')} ${t(getLoss(training.loss).helpKey as MessageKey)}`} htmlFor="setting-loss" concept={LOSS_CONCEPTS[getLoss(training.loss).labels]}>
        <select id="setting-loss" value={training.loss} title={lossText(training.loss, t).label} onChange={(e) => update({ loss: e.target.value as LossName })} data-testid="setting-loss">
          {lossList().map((l) => (
            <option key={l.id} value={l.id}>
              {lossText(l.id, t).label}
            </option>
          ))}
        </select>
      </Field>
      <SettingProblems field="loss" />
      <Field label={t('settings.metrics')} help={t('help.metrics')} htmlFor="setting-metrics">
        <div className="checks" data-testid="setting-metrics">
          {metricList().map(({ id: m, helpKey }) => (
            // The help sits beside the label, not in it, so opening it never toggles the metric.
            <span key={m} className="check">
              <label className="check">
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
              <HelpTip text={t(helpKey as MessageKey)} testId={`help-setting-metrics-${m}`} />
            </span>
          ))}
        </div>
      </Field>
      <SettingProblems field="metrics" />
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
          countAs="setting-seed"
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
      <EarlyStoppingSettings />
      <CallbacksSettings />
    </section>
  );
}

export function DatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset);
  const update = useEditor((s) => s.updateDataset);
  const t = useT();
  if (dataset.kind === 'csv') return <CsvDatasetPanel />;
  if (dataset.kind === 'images') return <ImagesDatasetPanel />;
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
            <option key={g} value={g}>
              {t(`dataset.name.${g}`)}
            </option>
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
          countAs="dataset-seed"
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
          countAs="dataset-noise"
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
          countAs="dataset-samples"
          inputMode="numeric"
        />
      </div>
      <CsvImportButton />
      <BuiltinImagesPicker />
      <ImageFolderButton />
    </section>
  );
}

/** Problems pinned to the loss or the metrics setting (they do not fit the labels), each with its one-click fix. */
function SettingProblems({ field }: { field: 'loss' | 'metrics' }) {
  const doc = useEditor((s) => s.doc);
  const t = useT();
  const problems = analyze(doc).problems.filter((p) => p.field === field && !p.nodeId);
  if (problems.length === 0) return null;
  return (
    <ul className="train-problems" data-testid={`${field}-problems`}>
      {problems.map((p, i) => (
        <li key={i} className={p.severity}>
          {problemText(p, t)} <ProblemFix problem={p} />
        </li>
      ))}
    </ul>
  );
}
