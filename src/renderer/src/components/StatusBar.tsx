import { host } from '../host';
import { LANGUAGE_NAMES, LANGUAGES, useI18n, type Language } from '../i18n';
import { analyze } from '../lib/analysis';
import { THEMES, useTheme, type ThemeChoice } from '../lib/theme';
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
      <span data-testid="status-problems" title={problems.map((p) => p.message).join('\n')}>
        {t('status.problems', { layers: doc.graph.nodes.length, errors, warnings })}
      </span>
      {outcome && (
        <span className={`status-run outcome-${outcome.kind}`} data-testid="status-run" data-outcome={outcome.kind} title={t('status.lastRunTitle', { message: outcomeMessage(outcome, t) })}>
          {t('status.lastRun', { outcome: t(OUTCOME_KIND_KEY[outcome.kind]) })}
        </span>
      )}
      <span className="spacer" />
      <select
        className="language-picker"
        value={language}
        onChange={(e) => useI18n.getState().setLanguage(e.target.value as Language)}
        aria-label={t('app.language')}
        title={t('app.language')}
        data-testid="language-picker"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      <select
        className="language-picker"
        value={theme}
        onChange={(e) => useTheme.getState().setChoice(e.target.value as ThemeChoice)}
        aria-label={t('app.theme')}
        title={t('app.theme')}
        data-testid="theme-picker"
      >
        {THEMES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`app.theme.${choice}`)}
          </option>
        ))}
      </select>
      <span data-testid="status-host">
        Neurite {app?.version ?? ''} · {app?.host ?? host.kind} · {app?.platform ?? ''}
      </span>
    </footer>
  );
}
