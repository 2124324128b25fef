import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinImagesSpec, imageDataInfo } from '../../../../shared/data/images';
import { translator } from '../../i18n';

let ResultsBody: typeof import('./ResultsView').ResultsBody;
beforeAll(async () => {
  // The view reaches the API module, which reads `window` when loaded (nothing is called here);
  // uPlot must then load without one, as on a server.
  vi.stubGlobal('window', { location: { search: '', protocol: 'http:', host: '127.0.0.1' } });
  await import('../../api');
  vi.unstubAllGlobals();
  ({ ResultsBody } = await import('./ResultsView'));
});

// Issue 14: a dataset whose rows have not arrived (0 of N in the editor: an image set or a CSV
// reopened) is not "being predicted" forever: the Results view says the rows are not here yet.
describe('Results with no rows loaded', () => {
  const t = translator('en');
  const spec = builtinImagesSpec('digits');
  const empty = { ...imageDataInfo(spec), rows: 0, x: new Float32Array(0), y: new Float32Array(0) };

  it('says 0 of N are loaded, not that every row is being predicted', () => {
    const html = renderToStaticMarkup(<ResultsBody data={empty} t={t} total={1797} runId="run-1" evaluation={null} error={null} />);
    expect(html).toContain('data-testid="results-no-rows"');
    expect(html).toContain('not in the editor yet (0 of 1,797)');
    expect(html).not.toContain('Predicting every row');
  });

  it('with rows and no evaluation yet, predicts them', () => {
    const html = renderToStaticMarkup(<ResultsBody data={{ ...empty, rows: 1, x: new Float32Array(64), y: new Float32Array(1) }} t={t} total={1797} runId="run-1" evaluation={null} error={null} />);
    expect(html).toContain('Predicting every row');
  });
});
