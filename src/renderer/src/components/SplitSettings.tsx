import { SPLIT_MODES, type SplitMode } from '../../../shared/data/split';
import { TrainingSettingsSchema } from '../../../shared/project/schema';
import { renderSettingsProblem, validateTrainingSettings } from '../../../shared/training/validate-settings';
import { analyze } from '../lib/analysis';
import { useEditor } from '../store/editor';
import { useT } from '../i18n';
import { problemText } from '../lib/problemText';
import { DraftInput, Field, formatNumber, parseNumber } from './fields';
import { ProblemFix } from './ProblemFix';
import { useCsvSamples } from './CsvImportState';

/** Four significant digits, as Keras' progress bar prints (0.0412, 0.8810, 12.35). */
function formatLog(value: number): string {
  return Number.isFinite(value) ? value.toPrecision(4) : String(value);
}

/**
 * How rows are held out (issue 9): the split mode, the test fraction, and the split warnings
 * pinned to the validation split, each with its one-click fix (an undoable command).
 */
export function SplitSettings() {
  const doc = useEditor((s) => s.doc);
  const update = useEditor((s) => s.updateTraining);
  // Re-render when main's summary of a CSV's labels arrives.
  useCsvSamples((s) => s.samples);
  const t = useT();
  const training = doc.training;
  const problems = analyze(doc).problems.filter((p) => !p.nodeId && p.field === 'validationSplit');
  // The held-out test rows' numbers from the weights in the document (saved with the project), apart from validation.
  const testLogs = doc.trained?.test;
  const classification =
    doc.dataset.kind === 'generator' ? doc.dataset.generator !== 'linear' : doc.dataset.kind === 'images' ? true : doc.dataset.transform.classNames !== undefined;
  return (
    <div className="split-settings" data-testid="split-settings">
      <div className="grid2">
        <Field label={t('settings.splitMode')} help={t('help.splitMode')} htmlFor="setting-splitMode">
          <select id="setting-splitMode" value={training.splitMode} onChange={(e) => update({ splitMode: e.target.value as SplitMode })} data-testid="setting-splitMode">
            {SPLIT_MODES.map((mode) => (
              <option key={mode} value={mode} disabled={mode === 'stratified' && !classification && training.splitMode !== 'stratified'}>
                {t(`settings.splitMode.${mode}`)}
              </option>
            ))}
          </select>
        </Field>
        <DraftInput<number>
          id="setting-testSplit"
          label={t('settings.testSplit')}
          help={t('help.testSplit')}
          value={training.testSplit}
          format={formatNumber}
          parse={(text) => parseNumber(text, false)}
          onCommit={(v) => {
            const check = TrainingSettingsSchema.shape.testSplit.safeParse(v);
            if (!check.success) {
              // Issue 16: worded by the settings check (one implementation), in the UI's language.
              const problem = validateTrainingSettings({ ...training, testSplit: v }).find((p) => p.field === 'testSplit');
              return problem ? renderSettingsProblem(problem, t as (key: string, vars?: Record<string, string | number>) => string) : (check.error.issues[0]?.message ?? null);
            }
            update({ testSplit: v });
            return null;
          }}
          testId="setting-testSplit"
          inputMode="decimal"
        />
      </div>
      {testLogs && (
        <p className="small" data-testid="split-test-result">
          {t('split.testResult', { logs: Object.entries(testLogs).map(([name, value]) => `${name} ${formatLog(value)}`).join(' · ') })}
        </p>
      )}
      {problems.map((p) => (
        <p key={p.code} className={p.severity === 'error' ? 'field-error' : 'field-warning'} role="status" data-testid={`split-problem-${p.code}`}>
          {problemText(p, t)} <ProblemFix problem={p} />
        </p>
      ))}
    </div>
  );
}
