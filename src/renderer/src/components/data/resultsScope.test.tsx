import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { builtinImagesSpec, imageDataInfo } from '../../../../shared/data/images';
import { splitRows, type SplitSettings } from '../../../../shared/data/split';
import { translator } from '../../i18n';
import { ConfusionMatrix } from './ConfusionMatrix';
import { scopedResult, scopeText } from './resultsScope';

// Trial 5, F3: "Overall accuracy 92.3%" was over all 1,797 images, the 80 % the model trained on
// included, without saying so; and the validation images could not be looked at alone.
describe('which images the Results cover', () => {
  const t = translator('en');
  const spec = builtinImagesSpec('digits');
  const rows = 20;
  // Labels 0…9 twice; the model answers right on even rows only.
  const labels = Array.from({ length: rows }, (_, r) => r % 10);
  const data = { ...imageDataInfo(spec), rows, x: new Float32Array(rows * 64), y: Float32Array.from(labels) };
  const outputs = labels.map((c, r) => Array.from({ length: 10 }, (_, k) => (k === (r % 2 === 0 ? c : (c + 1) % 10) ? 1 : 0)));
  const settings: SplitSettings = { validationSplit: 0.2, splitMode: 'shuffle', seed: 7 };

  it('all rows: says how many trained and how many were held out', () => {
    const all = scopedResult(data, outputs, settings, 'all');
    expect(all.result.accuracy).toBe(0.5);
    expect(all.rows).toBeNull();
    expect(scopeText('all', rows, all.counts, true, t)).toBe('Over all 20 images: 16 (80%) were used for training, 4 held out for validation.');
    const html = renderToStaticMarkup(<ConfusionMatrix result={all.result} names={[]} t={t} scope={scopeText('all', rows, all.counts, true, t)} />);
    expect(html).toContain('Overall accuracy 50.0%');
    expect(html).toContain('data-testid="results-scope"');
    expect(html).toContain('16 (80%) were used for training');
  });

  it('validation only: the run’s validation rows (splitRows), and only they, are counted', () => {
    const validation = splitRows(data, settings).validation;
    const part = scopedResult(data, outputs, settings, 'validation');
    expect(Array.from(part.rows ?? [])).toEqual(Array.from(validation));
    const right = Array.from(validation).filter((r) => r % 2 === 0).length;
    expect(part.result.accuracy).toBe(right / validation.length);
    expect(part.result.matrix.flat().reduce((a, b) => a + b, 0)).toBe(4);
    expect(scopeText('validation', rows, part.counts, true, t)).toBe('Over the 4 validation images only, held out from training (the run’s split).');
  });
});
