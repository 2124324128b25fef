import { useState } from 'react';
import { GLOSSARY, searchGlossary, type GlossaryEntry } from '../../../../shared/i18n/glossary';
import { useI18n, useT } from '../../i18n';
import { concept } from '../../lessons/concepts';
import { useLearnHelp } from '../../lessons/learnHelp';
import { AxisTable } from './AxisTable';

/**
 * Issue 16: a "What is this?" link beside a field (batch size, epochs, loss, the data table's
 * axes…) that opens the tutorial's concept card for it, in the UI language. A real button, so Tab
 * reaches it and Enter or Space opens the card.
 */
export function ConceptLink({ id, testId }: { id: string; testId?: string }) {
  const t = useT();
  const title = t(concept(id).title);
  return (
    <button
      type="button"
      className="link concept-link"
      aria-haspopup="dialog"
      aria-label={t('learn.explain', { title })}
      title={t('learn.explain', { title })}
      onClick={(e) => useLearnHelp.getState().openCard(id, e.currentTarget)}
      data-testid={testId ?? `concept-link-${id}`}
    >
      {t('learn.whatIsThis')}
    </button>
  );
}

/** The concept card opened from a field's link: its title, text and (tensors) the axes of the project's own data. */
export function ConceptCardDialog() {
  const id = useLearnHelp((s) => s.card);
  return id ? <ConceptCardView id={id} /> : null;
}

/** The card's dialog itself (ConceptCardDialog shows it for the card opened). */
export function ConceptCardView({ id }: { id: string }) {
  const t = useT();
  const card = concept(id);
  const close = () => useLearnHelp.getState().close();
  return (
    <div className="overlay" role="presentation" onMouseDown={close} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="about-box concept-dialog" role="dialog" aria-modal="true" aria-labelledby="concept-title" onMouseDown={(e) => e.stopPropagation()} data-testid="concept-card" data-concept={id}>
        <h2 id="concept-title">{t(card.title)}</h2>
        <p>{t(card.body)}</p>
        {card.example === 'axes' && <AxisTable />}
        <div className="concept-buttons">
          <button onClick={() => useLearnHelp.getState().openGlossary()} data-testid="concept-card-glossary">
            {t('learn.glossary')}
          </button>
          <button autoFocus onClick={close} data-testid="concept-card-close">
            {t('about.close')}
          </button>
        </div>
      </div>
    </div>
  );
}

function GlossaryRow({ entry }: { entry: GlossaryEntry }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';
  const [first, second] = language === 'zh-CN' ? [entry.zh, entry.en] : [entry.en, entry.zh];
  return (
    <li data-testid={`glossary-${entry.id}`}>
      <div>
        <b lang={language}>{first}</b> <span lang={other}>{second}</span>
        {entry.keras && <code className="glossary-keras">{entry.keras}</code>}
      </div>
      <div lang={language}>{entry.definition[language]}</div>
      <div className="muted small" lang={other}>
        {entry.definition[other]}
      </div>
      {entry.concept && (
        <button className="link" onClick={() => useLearnHelp.getState().openCard(entry.concept!)} data-testid={`glossary-card-${entry.id}`}>
          {t('learn.moreAbout', { title: t(concept(entry.concept).title) })}
        </button>
      )}
    </li>
  );
}

/**
 * Help › Glossary: the keras-cn terms (src/shared/i18n/glossary.ts) in both languages, the UI
 * language first, with a search over terms, Keras names and definitions.
 */
export function GlossaryDialog() {
  const open = useLearnHelp((s) => s.glossaryOpen);
  // Mounted per opening, so each opens with an empty search.
  return open ? <Glossary /> : null;
}

/** The glossary's dialog itself (GlossaryDialog shows it while open). */
export function Glossary() {
  const t = useT();
  const [query, setQuery] = useState('');
  const close = () => useLearnHelp.getState().close();
  const found = searchGlossary(query);
  return (
    <div className="overlay" role="presentation" onMouseDown={close} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="about-box glossary" role="dialog" aria-modal="true" aria-labelledby="glossary-title" onMouseDown={(e) => e.stopPropagation()} data-testid="glossary">
        <h2 id="glossary-title">{t('learn.glossary')}</h2>
        <p className="muted small">{t('learn.glossaryIntro')}</p>
        <input
          type="search"
          autoFocus
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('learn.glossarySearch')}
          aria-label={t('learn.glossarySearch')}
          data-testid="glossary-search"
        />
        <p className="muted small" role="status" data-testid="glossary-count">
          {found.length ? t('learn.glossaryCount', { count: found.length, total: GLOSSARY.length }) : t('learn.glossaryNone', { query: query.trim() })}
        </p>
        <ul className="glossary-list">
          {found.map((entry) => (
            <GlossaryRow key={entry.id} entry={entry} />
          ))}
        </ul>
        <button onClick={close} data-testid="glossary-close">
          {t('about.close')}
        </button>
      </div>
    </div>
  );
}
