import { host } from '../host';
import { LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n';
import { analyze } from '../lib/analysis';
import { problemText } from '../lib/problemText';
import { THEMES, useTheme } from '../lib/theme';
import { useEditor } from '../store/editor';
import { useFieldDrafts } from '../store/fieldDrafts';
import { useRun } from '../store/training';
import { isActive } from '../store/run';
import { OUTCOME_KIND_KEY, outcomeMessage } from '../../../shared/training/outcome-text';

export function StatusBar() {
  const backend = useRun((s) => s.backend);
  const backendError = useRun((s) => s.backendError);
  const app = useRun((s) => s.app);
  const outcome = useRun((s) => (isActive(s.run) ? null : s.run.outcome));
  const doc = useEditor((s) => s.doc);
  // Refused field values count as errors (analyze reads them); re-render when they change.
  useFieldDrafts((s) => s.drafts);
  const { problems } = analyze(doc);
  const t = useI18n((s) => s.t);
  const language = useI18n((s) => s.language);
  const theme = useTheme((s) => s.choice);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const fallback = backend && backend.fallbackReasons.length > 0;
  return (
    <footer className="status-bar">
      <span
        className={`status-backend${fallback ? ' fallback' : ''}`}
        data-testid="status-backend"
        title={
          backend
            ? fallback
              ? t('status.usingFallback', { name: backend.name, reasons: backend.fallbackReasons.join('\n') })
              : t('status.usingBest', { name: backend.name })
            : (backendError ?? t('status.asking'))
        }
      >
        {t('status.backend', { name: backend ? backend.name : backendError ? t('status.unavailable') : '…' })}
        {fallback ? ` ${t('status.fallback')}` : ''}
      </span>
      <span data-testid="status-problems" title={problems.map((p) => problemText(p, t)).join('\n')}>
        {t('status.problems', { layers: doc.graph.nodes.length, errors, warnings })}
      </span>
      {outcome && (
        <span className={`status-run outcome-${outcome.kind}`} data-testid="status-run" data-outcome={outcome.kind} title={t('status.lastRunTitle', { message: outcomeMessage(outcome, t) })}>
          {t('status.lastRun', { outcome: t(OUTCOME_KIND_KEY[outcome.kind]) })}
        </span>
      )}
      <span className="spacer" />
      <PreferencePicker label={t('app.language')} value={language} options={LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]])} onChange={(l) => useI18n.getState().setLanguage(l)} testId="language-picker" />
      <PreferencePicker label={t('app.theme')} value={theme} options={THEMES.map((c) => [c, t(`app.theme.${c}`)])} onChange={(c) => useTheme.getState().setChoice(c)} testId="theme-picker" />
      <span data-testid="status-host">
        Neurite {app?.version ?? ''} · {app?.host ?? host.kind} · {app?.platform ?? ''}
      </span>
    </footer>
  );
}

/** One of the status bar's remembered preferences (language, theme) as a small labelled select. */
function PreferencePicker<V extends string>({ label, value, options, onChange, testId }: { label: string; value: V; options: [V, string][]; onChange(value: V): void; testId: string }) {
  return (
    <select className="language-picker" value={value} onChange={(e) => onChange(e.target.value as V)} aria-label={label} title={label} data-testid={testId}>
      {options.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}
