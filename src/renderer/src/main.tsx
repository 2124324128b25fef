import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
// Sets <html data-theme> (light, dark or the OS') before the first render.
import './lib/theme';
import { App } from './App';
import { useI18n } from './i18n';
import { loadCjkFont } from './lib/cjkFont';
import { reportLanguageToMain } from './i18n/report';

// Main's native menu and dialogs follow the UI language.
reportLanguageToMain();

// A Chinese UI is first drawn once the bundled Chinese font is ready (lib/cjkFont.ts; at most a few seconds).
void (useI18n.getState().language === 'zh-CN' ? loadCjkFont() : Promise.resolve()).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
