import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ImageFolderSummary } from '../../../../shared/data/image-folder';
import { builtinImagesSpec, imageDataInfo } from '../../../../shared/data/images';
import type { ImagesDataset } from '../../../../shared/project/schema';
import { translator } from '../../i18n';

let m: typeof import('./ImageHealthView');
beforeAll(async () => {
  // The view reaches the API module, which reads `window` when loaded (nothing is called here).
  vi.stubGlobal('window', { location: { search: '', protocol: 'http:', host: '127.0.0.1' } });
  await import('../../api');
  vi.unstubAllGlobals();
  m = await import('./ImageHealthView');
  ({ ImagesDataView } = await import('./ImagesDataView'));
});
let ImagesDataView: typeof import('./ImagesDataView').ImagesDataView;

// Trial 5, F10: after importing shapes.zip (circle 14, square 14, triangle 6, a broken PNG, mixed
// sizes, a skipped text file) the Data tab had no Health view: the report was gone.
describe('the Health view of image data', () => {
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
  const summary: ImageFolderSummary = {
    name: 'shapes.zip',
    source: 'zip',
    classNames: ['circle', 'square', 'triangle'],
    classCounts: [14, 14, 6],
    emptyClasses: [],
    unreadable: [{ file: 'circle/broken.png', reason: 'cannot be decoded' }],
    unreadableCount: 1,
    skipped: { nonImage: 1, outsideClasses: 0, examples: ['square/notes.txt'] },
    sizes: { distinct: 2, minHeight: 36, minWidth: 40, maxHeight: 40, maxWidth: 48, medianHeight: 40, medianWidth: 40 },
    allGray: false,
  };
  const rowsOf = (spec: ImagesDataset, labels: number[]) => ({ ...imageDataInfo(spec), rows: labels.length, x: new Float32Array(labels.length * spec.height * spec.width * spec.channels), y: Float32Array.from(labels) });

  it('shows the import’s report: class counts, the unreadable file, the small class, mixed sizes, skipped files', () => {
    const imported = { ...shapes, importReport: summary };
    const html = renderToStaticMarkup(<m.ImageHealthBody spec={imported} health={m.imageHealth(imported, rowsOf(imported, []))} t={t} />);
    expect(html).toContain('Images per class (34 images)');
    expect(html).toMatch(/triangle<\/td><td class="num">6</);
    for (const kind of ['few-images', 'unreadable-files', 'mixed-sizes', 'skipped-files']) expect(html).toContain(`data-testid="image-folder-health-${kind}"`);
    expect(html).toContain('circle/broken.png');
    expect(html).not.toContain('image-health-import-only');
  });

  it('a folder imported before projects kept the report: counts the images the editor holds and says what is not known', () => {
    const labels = [...Array(14).fill(0), ...Array(14).fill(1), ...Array(3).fill(2)];
    const html = renderToStaticMarkup(<m.ImageHealthBody spec={shapes} health={m.imageHealth(shapes, rowsOf(shapes, labels))} t={t} />);
    expect(html).toContain('data-testid="image-folder-health-class-imbalance"');
    expect(html).toContain('data-testid="image-folder-health-few-images"');
    expect(html).toContain('data-testid="image-health-import-only"');
  });

  it('a built-in set: class counts of its images, no import note', () => {
    const digits = { ...builtinImagesSpec('digits'), rows: 20, samples: 20 };
    const html = renderToStaticMarkup(<m.ImageHealthBody spec={digits} health={m.imageHealth(digits, rowsOf(digits, Array.from({ length: 20 }, (_, i) => i % 10)))} t={t} />);
    expect(html).toContain('Images per class (20 images)');
    expect(html).not.toContain('image-health-import-only');
    expect(html).not.toContain('class-imbalance');
  });

  it('the Data tab of image data offers the Health view', () => {
    expect(renderToStaticMarkup(<ImagesDataView spec={shapes} />)).toContain('data-testid="data-view-health"');
  });

  // F11: the dialog said "image sizes: from 36×40 to 40×48" (sizes no image has); the health item too.
  it('names the actual sizes, height × width, with their counts', async () => {
    const { imageSizesLine } = await import('../ImageFolderDialog');
    const sizes = { ...summary.sizes, common: [{ height: 40, width: 40, count: 28 }, { height: 36, width: 48, count: 6 }] };
    expect(imageSizesLine(sizes, t)).toBe('40×40 (28), 36×48 (6) — height × width (number of images)');
    expect(imageSizesLine({ ...sizes, distinct: 1, common: [{ height: 40, width: 40, count: 34 }] }, t)).toBe('40×40 (height × width)');
    const imported = { ...shapes, importReport: { ...summary, sizes } };
    const html = renderToStaticMarkup(<m.ImageHealthBody spec={imported} health={m.imageHealth(imported, rowsOf(imported, []))} t={t} />);
    expect(html).toContain('2 different sizes, height × width (number of images): 40×40 (28), 36×48 (6). Each is stretched to 40×40');
  });
});
