import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { useLearnHelp } from '../../lessons/learnHelp';
import { Field } from '../fields';
import { GLOSSARY } from '../../../../shared/i18n/glossary';
import { ConceptCardView, Glossary } from './ConceptLink';

/** Issue 16: fields link their concept cards, and the card and the glossary read in the UI language. */
describe('concept links', () => {
  afterEach(() => useLearnHelp.getState().close());

  it('a field with a concept links its card beside the label, by a button named for the card (the settings use it: test/e2e/concept-links.test.ts)', () => {
    const html = renderToStaticMarkup(
      <Field label="Batch size" htmlFor="setting-batchSize" concept="gradient-descent">
        <input id="setting-batchSize" />
      </Field>,
    );
    expect(html).toMatch(/<label for="setting-batchSize">Batch size<\/label><button type="button" class="link concept-link" aria-haspopup="dialog" aria-label="Learn: Batch, stochastic and mini-batch gradient descent"[^>]*data-testid="concept-setting-batchSize">Learn<\/button>/);
    expect(renderToStaticMarkup(<Field label="Seed">x</Field>)).not.toContain('concept-link');
  });

  it('the card opened from a link, and the glossary, in the UI language (Chinese: test/e2e/concept-links.test.ts)', () => {
    const card = renderToStaticMarkup(<ConceptCardView id="gradient-descent" />);
    expect(card).toContain('role="dialog"');
    expect(card).toContain('<h2 id="concept-title">Batch, stochastic and mini-batch gradient descent</h2>');
    expect(card).toContain('mini-batch gradient descent uses a batch of rows');
    expect(renderToStaticMarkup(<ConceptCardView id="tensors" />)).toContain('data-testid="lesson-axes"');
    expect(() => useLearnHelp.getState().openCard('nope')).toThrow(/No concept card "nope"/);
    const glossary = renderToStaticMarkup(<Glossary />);
    expect(glossary).toMatch(/<b lang="en">Batch size<\/b> <span lang="zh-CN">批大小<\/span><code class="glossary-keras">batch_size<\/code>/);
    expect(glossary).toContain(`${GLOSSARY.length} of ${GLOSSARY.length} terms`);
  });
});
