import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AxisTableView } from './AxisTable';

/**
 * Trial 10 (7): with 100 features the card's table showed 4 columns, and the axis-1 sums (the
 * point of the card) were cut at the lesson panel's edge. It shows 2 columns, "…", then the sums;
 * that it fits the docked panel at 1024×640 is checked in the browser (test/e2e/layout.test.ts).
 */
describe('the tensors-and-axes table', () => {
  it('with 100 features: two columns, an ellipsis, and the sum over axis 1 of every row shown', () => {
    const html = renderToStaticMarkup(<AxisTableView dataset={{ kind: 'generator', generator: 'classification', seed: 1 }} />).replace(/<!-- -->/g, '');
    expect(html.match(/<th>x\[:, \d+\]<\/th>/g)).toEqual(['<th>x[:, 0]</th>', '<th>x[:, 1]</th>']);
    expect(html).toContain('<th>…</th>');
    for (let r = 0; r < 4; r++) expect(html).toContain(`data-testid="lesson-axes-sum1-${r}"`);
  });
});
