import type { EarlyStoppingSettings as EarlyStopping, TrainingSettings } from '../../../shared/project/schema';
import type { TrainingPatch } from '../store/commands';
import { EARLY_STOPPING_DEFAULTS } from '../../../shared/training/early-stopping';
import { recordedLogNames, renderSettingsProblem, validateTrainingSettings, type SettingsField } from '../../../shared/training/validate-settings';
import { useEditor } from '../store/editor';
import { DraftInput, Field, HelpTip } from './fields';
import { useT } from '../i18n';

/** Patience the panel proposes when early stopping is switched on (Keras' default 0 stops at the first noisy epoch). */
const PANEL_PATIENCE = 5;

/**
 * The "Early stopping" group of the training settings (Keras 3 `keras.callbacks.EarlyStopping`;
 * rule: src/shared/training/early-stopping.ts). Every edit is one undoable `updateTraining`.
 */
export function EarlyStoppingSettings() {
  const training = useEditor((s) => s.doc.training);
  const update = useEditor((s) => s.updateTraining);
  return <EarlyStoppingFields training={training} update={update} />;
}

/** The group for given settings; `update` is the editor's undoable `updateTraining`. */
export function EarlyStoppingFields({ training, update }: { training: TrainingSettings; update: (patch: TrainingPatch) => unknown }) {
  const t = useT();
  const es = training.earlyStopping;
  const logs = recordedLogNames(training);
  const problems = validateTrainingSettings(training);
  const problemFor = (field: SettingsField): string | null => {
    const problem = problems.find((p) => p.field === field);
    return problem ? renderSettingsProblem(problem, t as (key: string, vars?: Record<string, string | number>) => string) : null;
  };
  const set = (patch: Partial<EarlyStopping>) => es && update({ earlyStopping: { ...es, ...patch } });
  const turnOn = () =>
    update({
      earlyStopping: { monitor: logs.includes('val_loss') ? 'val_loss' : 'loss', patience: PANEL_PATIENCE, minDelta: EARLY_STOPPING_DEFAULTS.minDelta, mode: EARLY_STOPPING_DEFAULTS.mode, restoreBestWeights: true },
    });
  const number = (name: 'patience' | 'minDelta', integer: boolean) => (
    <DraftInput<number>
      id={`setting-early-stopping-${name}`}
      label={t(`settings.earlyStopping.${name}`)}
      help={t(`help.earlyStopping.${name}`)}
      value={es![name]}
      format={(n) => (Number.isNaN(n) ? '' : String(n))}
      parse={(text) => ({ ok: true, value: text.trim() === '' ? Number.NaN : Number(text.trim()) })}
      onCommit={(v) => (set({ [name]: v }), null)}
      problem={problemFor(`earlyStopping.${name}`)}
      testId={`setting-early-stopping-${name}`}
      inputMode={integer ? 'numeric' : 'decimal'}
    />
  );
  return (
    <div className="early-stopping" data-testid="early-stopping">
      <label className="check">
        <input type="checkbox" checked={!!es} onChange={(e) => (e.target.checked ? turnOn() : update({ earlyStopping: undefined }))} data-testid="setting-early-stopping" />
        <b>{t('settings.earlyStopping')}</b>
        <HelpTip text={t('help.earlyStopping')} testId="help-setting-early-stopping" />
      </label>
      {es && (
        <div className="grid2">
          <Field label={t('settings.earlyStopping.monitor')} help={t('help.earlyStopping.monitor')} htmlFor="setting-early-stopping-monitor" error={problemFor('earlyStopping.monitor')}>
            <select id="setting-early-stopping-monitor" value={es.monitor} onChange={(e) => set({ monitor: e.target.value })} data-testid="setting-early-stopping-monitor">
              {(logs.includes(es.monitor) ? logs : [es.monitor, ...logs]).map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('settings.earlyStopping.mode')} help={t('help.earlyStopping.mode')} htmlFor="setting-early-stopping-mode">
            <select id="setting-early-stopping-mode" value={es.mode} onChange={(e) => set({ mode: e.target.value as EarlyStopping['mode'] })} data-testid="setting-early-stopping-mode">
              <option value="auto">auto</option>
              <option value="min">min</option>
              <option value="max">max</option>
            </select>
          </Field>
          {number('patience', true)}
          {number('minDelta', false)}
          <label className="check">
            <input type="checkbox" checked={es.restoreBestWeights} onChange={(e) => set({ restoreBestWeights: e.target.checked })} data-testid="setting-early-stopping-restore" />
            {t('settings.earlyStopping.restoreBestWeights')}
            <HelpTip text={t('help.earlyStopping.restoreBestWeights')} testId="help-setting-early-stopping-restore" />
          </label>
        </div>
      )}
    </div>
  );
}
