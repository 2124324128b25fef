import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FeatureMapsInfo } from '../../../../shared/api/contract';
import { builtinImagesSpec } from '../../../../shared/data/images';
import { translator, useI18n, type MessageKey } from '../../i18n';
import { en } from '../../../../shared/i18n/en';
import { FeatureMapsContent, FeatureMapsView, MAX_TILES } from './FeatureMapsView';
import { filterTiles, mapTiles, tileFrom } from './feature-tiles';

/**
 * Issue 14: the feature-map tiles (per-tile normalisation, channel and filter layout) and the
 * view's markup (layer names and shapes, the first filters, the note that tiles are scaled on
 * their own) in English and Chinese. Rendered with react-dom/server (no DOM: the canvases' pixels
 * are the tiles tested here).
 */
const spec = { ...builtinImagesSpec('digits'), height: 2, width: 2, maxValue: 4 };

const maps: FeatureMapsInfo = {
  layers: [
    // 2×2×2, HWC: channel 0 = [0, 1, 2, 3], channel 1 = [5, 5, 5, 'NaN'].
    { nodeId: 'c', name: 'conv2_d_c', type: 'Conv2D', shape: [2, 2, 2], values: [0, 5, 1, 5, 2, 5, 3, 'NaN'] },
    { nodeId: 'p', name: 'max_pooling2_d_p', type: 'MaxPooling2D', shape: [1, 1, 2], values: [3, 5] },
  ],
  // [kh 1, kw 2, cin 1, cout 2]: filter 0 = [1, -1], filter 1 = [0.5, 0.25].
  filters: { nodeId: 'c', name: 'conv2_d_c', shape: [1, 2, 1, 2], values: [1, 0.5, -1, 0.25] },
};

describe('feature-map tiles', () => {
  it('normalise each tile on its own: min black, max white; a constant tile mid-grey; non-finite red', () => {
    const [c0, c1] = mapTiles([2, 2, 2], maps.layers[0].values);
    expect(Array.from(c0.rgba.filter((_, i) => i % 4 === 0))).toEqual([0, 85, 170, 255]);
    expect([c0.min, c0.max]).toEqual([0, 3]);
    expect(Array.from(c1.rgba.slice(0, 4))).toEqual([128, 128, 128, 255]);
    expect(Array.from(c1.rgba.slice(12, 16))).toEqual([220, 0, 0, 255]);
    expect([c1.min, c1.max, c1.nonFinite]).toEqual([5, 5, 1]);
    expect(tileFrom(1, 1, () => NaN).min).toBeNaN();
  });

  it('lay filters out as [filter][input channel], kh × kw each', () => {
    const tiles = filterTiles([1, 2, 1, 2], maps.filters!.values);
    expect(tiles.map((f) => f.map((t) => [t.width, t.height, t.min, t.max]))).toEqual([[[2, 1, -1, 1]], [[2, 1, 0.25, 0.5]]]);
    expect(Array.from(tiles[0][0].rgba.filter((_, i) => i % 4 === 0))).toEqual([255, 0]);
    expect(mapTiles([1, 1, 100], Array(100).fill(0), MAX_TILES)).toHaveLength(MAX_TILES);
  });
});

describe('<FeatureMapsView>', () => {
  it('names each layer with its shape, draws one tile per channel and per filter, and says tiles are scaled on their own', () => {
    useI18n.getState().setLanguage('en');
    const html = renderToStaticMarkup(<FeatureMapsContent maps={maps} image={[0, 1, 2, 4]} spec={spec} />);
    expect(html).toContain('conv2_d_c (Conv2D): 2×2×2');
    expect(html).toContain('max_pooling2_d_p (MaxPooling2D): 1×1×2');
    expect(html).toContain('Learned filters of conv2_d_c: 2 filters of 1×2, 1 input channel(s) each');
    expect(html).toContain('Each tile is scaled on its own');
    expect(html).toContain('Input image: 2×2×1');
    // 1 input tile + 2 + 2 channel tiles + 2 filter tiles.
    expect(html.match(/data-testid="feature-maps-tile"/g)).toHaveLength(7);
    expect(html).toContain('title="channel 0: 0 … 3"');
    expect(html).toContain('title="filter 0, input channel 0: -1 … 1"');
  });

  it('says what to do without a model, and when the model has no convolution', () => {
    useI18n.getState().setLanguage('en');
    expect(renderToStaticMarkup(<FeatureMapsView runId={null} image={[0, 1, 2, 4]} spec={spec} />)).toContain('Train the model (or load its saved weights)');
    expect(renderToStaticMarkup(<FeatureMapsContent maps={{ layers: [], filters: null }} image={[0, 1, 2, 4]} spec={spec} />)).toContain('no convolutional or pooling layer');
  });

  it('every text of the view reads in Chinese, each value filled in', () => {
    // (Server rendering reads the store's initial language, so the Chinese texts are checked through the translator.)
    const zh = translator('zh-CN');
    const vars = { name: 'conv2_d_c', type: 'Conv2D', height: 2, width: 2, channels: 1, kh: 3, kw: 3, cin: 1, cout: 8, shown: 64, total: 128, channel: 0, filter: 0, range: '0 … 1', max: 16, message: 'x' };
    const keys = (Object.keys(en) as MessageKey[]).filter((k) => k.startsWith('featureMaps.'));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) {
      const text = zh(key, vars);
      expect(text, key).not.toMatch(/\{\w+\}/);
      expect(text, key).not.toBe(translator('en')(key, vars));
    }
    expect(zh('featureMaps.note')).toContain('每个小图单独缩放');
  });
});
