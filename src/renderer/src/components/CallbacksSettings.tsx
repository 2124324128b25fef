import type { KeepBestSettings, LrScheduleSettings, ReduceLrOnPlateauSettings, TrainingSettings } from '../../../shared/project/schema';
import type { TrainingPatch } from '../store/commands';
import { LR_SCHEDULE_DEFAULTS } from '../../../shared/training/lr-schedule';
import { REDUCE_LR_DEFAULTS } from '../../../shared/training/reduce-lr-on-plateau';
import { recordedLogNames, renderSettingsProblem, validateTrainingSettings, type SettingsField } from '../../../shared/training/validate-settings';
import { useEditor } from '../store/editor';
import { DraftInput, Field, HelpTip } from './fields';
import { useT } from '../i18n';

/**
 * The "Callbacks" group of the training settings, beside early stopping (issue 15): reduce the
 * learning rate on a plateau (Keras 3 `ReduceLROnPlateau`), a learning-rate schedule (step,
 * Keras `ExponentialDecay`, `CosineDecay`, with linear warm-up) and keep the best epoch's weights
 * (Keras `ModelCheckpoint(save_best_only=True)`). Rules: src/shared/training/*. Every edit is one
 * undoable `updateTraining`; problems (limits, monitors, a schedule with reduce-on-plateau) show
 * on their field, worded by validateTrainingSettings.
 */
export function CallbacksSettings() {
  const training = useEditor((s) => s.doc.training);
  const update = useEditor((s) => s.updateTraining);
  return <CallbacksFields training={training} update={update} />;
}

type NumberKey<T> = { [K in keyof T]: T[K] extends number ? K : never }[keyof T] & string;

/** The group for given settings; `update` is the editor's undoable `updateTraining`. */
export function CallbacksFields({ training, update }: { training: TrainingSettings; update: (patch: TrainingPatch) => unknown }) {
  const t = useT();
  const tr = t as (key: string, vars?: Record<string, string | number>) => string;
  const logs = recordedLogNames(training);
  const problems = validateTrainingSettings(training);
  const problemFor = (field: SettingsField): string | null => {
    const problem = problems.find((p) => p.field === field);
    return problem ? renderSettingsProblem(problem, tr) : null;
  };
  const defaultMonitor = logs.includes('val_loss') ? 'val_loss' : 'loss';
  const plateau = training.reduceLrOnPlateau;
  const schedule = training.lrSchedule;
  const keep = training.keepBest;

  /** A number field of one callback: `group` is the settings key, `name` the field. */
  const number = <G extends 'reduceLrOnPlateau' | 'lrSchedule'>(group: G, value: Record<string, unknown>, name: string, integer: boolean, commit: (v: number) => void) => {
    const field = `${group}.${name}` as SettingsField;
    const id = `setting-${group}-${name}`;
    return (
      <DraftInput<number>
        key={id}
        id={id}
        label={t(`settings.${field}` as never)}
        help={t(`help.${field}` as never)}
        value={value[name] as number}
        format={(n) => (Number.isNaN(n) ? '' : String(n))}
        parse={(text) => ({ ok: true, value: text.trim() === '' ? Number.NaN : Number(text.trim()) })}
        onCommit={(v) => (commit(v), null)}
        problem={problemFor(field)}
        testId={id}
        inputMode={integer ? 'numeric' : 'decimal'}
      />
    );
  };
  const monitorSelect = (id: string, field: SettingsField, value: string, onChange: (monitor: string) => void, help: string) => (
    <Field label={t(`settings.${field}` as never)} help={help} htmlFor={id} error={problemFor(field)}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        {(logs.includes(value) ? logs : [value, ...logs]).map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </Field>
  );
  const modeSelect = (id: string, field: SettingsField, value: string, onChange: (mode: 'auto' | 'min' | 'max') => void) => (
    <Field label={t(`settings.${field}` as never)} help={t('help.callbacks.mode')} htmlFor={id}>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as 'auto' | 'min' | 'max')} data-testid={id}>
        <option value="auto">auto</option>
        <option value="min">min</option>
        <option value="max">max</option>
      </select>
    </Field>
  );

  const setPlateau = (patch: Partial<ReduceLrOnPlateauSettings>) => plateau && update({ reduceLrOnPlateau: { ...plateau, ...patch } });
  const plateauNumber = (name: NumberKey<ReduceLrOnPlateauSettings>, integer: boolean) => number('reduceLrOnPlateau', plateau!, name, integer, (v) => setPlateau({ [name]: v }));
  const setSchedule = (patch: Partial<LrScheduleSettings>) => schedule && update({ lrSchedule: { ...schedule, ...patch } as LrScheduleSettings });
  const scheduleNumber = (name: string, integer: boolean) => number('lrSchedule', schedule as unknown as Record<string, unknown>, name, integer, (v) => setSchedule({ [name]: v } as Partial<LrScheduleSettings>));
  const setKeep = (patch: Partial<KeepBestSettings>) => keep && update({ keepBest: { ...keep, ...patch } });

  return (
    <div className="callbacks" data-testid="callbacks">
      <div className="field-label">
        <b>{t('settings.callbacks')}</b>
        <HelpTip text={t('help.callbacks')} testId="help-setting-callbacks" />
      </div>

      <label className="check">
        <input
          type="checkbox"
          checked={!!plateau}
          onChange={(e) => update({ reduceLrOnPlateau: e.target.checked ? { ...REDUCE_LR_DEFAULTS, monitor: defaultMonitor } : undefined })}
          data-testid="setting-reduce-lr"
        />
        {t('settings.reduceLrOnPlateau')}
        <HelpTip text={t('help.reduceLrOnPlateau')} testId="help-setting-reduce-lr" />
      </label>
      {plateau && (
        <div className="grid2">
          {monitorSelect('setting-reduceLrOnPlateau-monitor', 'reduceLrOnPlateau.monitor', plateau.monitor, (monitor) => setPlateau({ monitor }), t('help.callbacks.monitor'))}
          {modeSelect('setting-reduceLrOnPlateau-mode', 'reduceLrOnPlateau.mode', plateau.mode, (mode) => setPlateau({ mode }))}
          {plateauNumber('factor', false)}
          {plateauNumber('patience', true)}
          {plateauNumber('minDelta', false)}
          {plateauNumber('cooldown', true)}
          {plateauNumber('minLr', false)}
        </div>
      )}

      <Field label={t('settings.lrSchedule.kind')} help={t('help.lrSchedule.kind')} htmlFor="setting-lrSchedule-kind" error={problemFor('lrSchedule.kind')}>
        <select
          id="setting-lrSchedule-kind"
          value={schedule?.kind ?? 'none'}
          onChange={(e) => {
            const kind = e.target.value as LrScheduleSettings['kind'] | 'none';
            update({ lrSchedule: kind === 'none' ? undefined : { ...LR_SCHEDULE_DEFAULTS[kind], warmupSteps: schedule?.warmupSteps ?? 0 } });
          }}
          data-testid="setting-lrSchedule-kind"
        >
          <option value="none">{t('settings.lrSchedule.none')}</option>
          <option value="step">{t('settings.lrSchedule.step')}</option>
          <option value="exponential">{t('settings.lrSchedule.exponential')}</option>
          <option value="cosine">{t('settings.lrSchedule.cosine')}</option>
        </select>
      </Field>
      {schedule && (
        <div className="grid2">
          {schedule.kind === 'step' && [scheduleNumber('factor', false), scheduleNumber('everyEpochs', true)]}
          {schedule.kind === 'exponential' && [scheduleNumber('decaySteps', true), scheduleNumber('decayRate', false)]}
          {schedule.kind === 'cosine' && [scheduleNumber('decaySteps', true), scheduleNumber('alpha', false)]}
          {scheduleNumber('warmupSteps', true)}
          {schedule.kind === 'exponential' && (
            <label className="check">
              <input type="checkbox" checked={schedule.staircase} onChange={(e) => setSchedule({ staircase: e.target.checked })} data-testid="setting-lrSchedule-staircase" />
              {t('settings.lrSchedule.staircase')}
              <HelpTip text={t('help.lrSchedule.staircase')} testId="help-setting-lrSchedule-staircase" />
            </label>
          )}
        </div>
      )}

      <label className="check">
        <input type="checkbox" checked={!!keep} onChange={(e) => update({ keepBest: e.target.checked ? { monitor: defaultMonitor, mode: 'auto' } : undefined })} data-testid="setting-keep-best" />
        {t('settings.keepBest')}
        <HelpTip text={t('help.keepBest')} testId="help-setting-keep-best" />
      </label>
      {keep && (
        <div className="grid2">
          {monitorSelect('setting-keepBest-monitor', 'keepBest.monitor', keep.monitor, (monitor) => setKeep({ monitor }), t('help.callbacks.monitor'))}
          {modeSelect('setting-keepBest-mode', 'keepBest.mode', keep.mode, (mode) => setKeep({ mode }))}
        </div>
      )}
    </div>
  );
}
