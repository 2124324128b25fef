import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinImagesSpec } from '../../../../shared/data/images';
import { translator } from '../../i18n';

let m: typeof import('./TrainedStepNote');
beforeAll(async () => {
  // The module reaches the API module, which reads `window` when loaded (nothing is called here).
  vi.stubGlobal('window', { location: { search: '', protocol: 'http:', host: '127.0.0.1' } });
  await import('../../api');
  vi.unstubAllGlobals();
  m = await import('./TrainedStepNote');
});

// Trial 5, F1: trained with 0–1 scaling, then Pixel scaling → z-score. The trainer still predicts
// through the trained ÷16 step, so the predict views must say so instead of naming the z-score.
describe('the pixel step predictions use', () => {
  const t = translator('en');
  const appliedImageSpec: typeof m.appliedImageSpec = (...a) => m.appliedImageSpec(...a);
  const stepFormula: typeof m.stepFormula = (...a) => m.stepFormula(...a);
  const trainedStepDiffers: typeof m.trainedStepDiffers = (...a) => m.trainedStepDiffers(...a);
  const TrainedStepNoteView: typeof m.TrainedStepNoteView = (props) => m.TrainedStepNoteView(props);
  const trained = builtinImagesSpec('digits');
  const zscore = { ...trained, scaling: 'zscore' as const, transform: { mean: [4.884], std: [6.017] } };

  it('names the trained ÷16 step, and the chosen z-score as not used, when they differ', () => {
    expect(trainedStepDiffers(zscore, trained)).toBe(true);
    expect(stepFormula(appliedImageSpec(zscore, trained), t)).toBe('pixels ÷ 16');
    const html = renderToStaticMarkup(<TrainedStepNoteView spec={zscore} trainedOn={trained} t={t} />);
    expect(html).toContain('data-testid="trained-step-note"');
    expect(html).toContain('trained with the pixel step pixels ÷ 16');
    expect(html).toContain('not the step now chosen ((pixel − 4.884) ÷ 6.017)');
  });

  it('says nothing when the step is unchanged or there is no trained model', () => {
    expect(renderToStaticMarkup(<TrainedStepNoteView spec={trained} trainedOn={{ ...trained, rows: 500 }} t={t} />)).toBe('');
    expect(renderToStaticMarkup(<TrainedStepNoteView spec={zscore} trainedOn={null} t={t} />)).toBe('');
    expect(stepFormula(appliedImageSpec(zscore, null), t)).toBe('(pixel − 4.884) ÷ 6.017');
  });
});
