import { hostKind } from '../api';
import { analyze } from '../lib/analysis';
import { useEditor } from '../store/editor';
import { useRun } from '../store/training';

export function StatusBar() {
  const backend = useRun((s) => s.backend);
  const backendError = useRun((s) => s.backendError);
  const app = useRun((s) => s.app);
  const doc = useEditor((s) => s.doc);
  const { problems } = analyze(doc);
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
              ? `Using ${backend.name} because:\n${backend.fallbackReasons.join('\n')}`
              : `Using ${backend.name}, the fastest backend available.`
            : (backendError ?? 'Asking the trainer…')
        }
      >
        Backend: {backend ? backend.name : backendError ? 'unavailable' : '…'}
        {fallback ? ' (fallback)' : ''}
      </span>
      <span data-testid="status-problems" title={problems.map((p) => p.message).join('\n')}>
        {doc.graph.nodes.length} layers · {errors} errors · {warnings} warnings
      </span>
      <span className="spacer" />
      <span data-testid="status-host">
        Neurite {app?.version ?? ''} · {app?.host ?? hostKind} · {app?.platform ?? ''}
      </span>
    </footer>
  );
}
