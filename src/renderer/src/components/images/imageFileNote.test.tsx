import { beforeAll, describe, expect, it, vi } from 'vitest';
import { builtinImagesSpec } from '../../../../shared/data/images';
import type { ImagesDataset } from '../../../../shared/project/schema';
import { translator } from '../../i18n';

let m: typeof import('./ImagePredict');
beforeAll(async () => {
  // The module reaches the API module, which reads `window` when loaded (nothing is called here).
  vi.stubGlobal('window', { location: { search: '', protocol: 'http:', host: '127.0.0.1' } });
  await import('../../api');
  vi.unstubAllGlobals();
  m = await import('./ImagePredict');
});

describe('Predict ▸ Image file: what the note says and offers', () => {
  const t = translator('en');
  const shapes: ImagesDataset = {
    kind: 'images',
    source: { kind: 'folder', name: 'shapes.zip', sha256: 'a'.repeat(64), size: 1000 },
    height: 40,
    width: 40,
    channels: 3,
    maxValue: 255,
    classNames: ['circle', 'square', 'triangle'],
    rows: 34,
    labelEncoding: 'index',
    scaling: 'unit',
  };

  // F9: MNIST's pixels are 0–255 already: "0–255 mapped to 0–255" said nothing.
  it('mentions the 0–255 mapping only when the set’s range differs', () => {
    const mnist = builtinImagesSpec('mnist');
    const note = m.fileNote({ name: 'three.jpg', width: 300, height: 120, invert: true }, mnist, t);
    expect(note).not.toContain('mapped');
    expect(m.fileNote({ name: 'three.jpg', width: 300, height: 120, invert: true }, builtinImagesSpec('digits'), t)).toContain('0–255 mapped to 0–16');
  });

  // F11: sizes were W×H here and H×W in the folder dialog; now height × width, said once.
  it('writes sizes as height × width and says so', () => {
    const note = m.fileNote({ name: 'four-wide.png', width: 300, height: 120, invert: false }, builtinImagesSpec('digits'), t);
    expect(note).toContain('120×300 resized to 8×8 (height × width, stretched, by the import’s own resize)');
  });

  // Re-check: "40×40 resized to 40×40" said a resize that did not happen, and "decoded by the browser" hid that the resize is the import's.
  it('says no resize when the file has the set’s size', () => {
    const note = m.fileNote({ name: 'circle.png', width: 8, height: 8, invert: false }, builtinImagesSpec('digits'), t);
    expect(note).toContain('8×8, the set’s size (height × width)');
    expect(note).not.toContain('resized');
  });

  // F13: the digit-specific "Invert (a dark digit on light paper)" box showed for an RGB folder of shapes.
  it('offers inversion for the built-in digit sets only', () => {
    expect(m.offersInvert(builtinImagesSpec('digits'))).toBe(true);
    expect(m.offersInvert(builtinImagesSpec('mnist'))).toBe(true);
    expect(m.offersInvert(shapes)).toBe(false);
  });
});
