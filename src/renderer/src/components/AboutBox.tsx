import { useT } from '../i18n';
import { useRun } from '../store/training';
import { useUi } from '../store/ui';

/** Help › About: the version, the host and the training backend in use. */
export function AboutBox() {
  const open = useUi((s) => s.aboutOpen);
  const app = useRun((s) => s.app);
  const backend = useRun((s) => s.backend);
  const t = useT();
  if (!open) return null;
  const close = () => useUi.getState().setAboutOpen(false);
  return (
    <div className="overlay" role="presentation" onMouseDown={close} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="about-box" role="dialog" aria-modal="true" aria-labelledby="about-title" onMouseDown={(e) => e.stopPropagation()} data-testid="about-box">
        <h2 id="about-title">{t('about.title')}</h2>
        <p>{t('about.version', { version: app?.version ?? '?' })}</p>
        <p>{t('about.host', { host: app?.host ?? '?', platform: app?.platform ?? '?' })}</p>
        <p>{backend ? t('about.backend', { backend: backend.name }) : t('about.backendUnknown')}</p>
        <button autoFocus onClick={close}>
          {t('about.close')}
        </button>
      </div>
    </div>
  );
}
