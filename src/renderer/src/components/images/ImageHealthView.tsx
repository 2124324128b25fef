import { imageFolderHealth, type ImageFolderSummary, type ImageHealthItem } from '../../../../shared/data/image-folder';
import type { Dataset } from '../../../../shared/data/types';
import type { ImagesDataset } from '../../../../shared/project/schema';
import type { Translate } from '../../i18n';
import { trueClass } from '../../lib/datastats';
import { ImageHealthList } from '../ImageFolderDialog';

/** What the Health view of image data shows (see {@link imageHealth}). */
export interface ImageHealth {
  /** Images per class, in class order. */
  counts: { value: string; count: number }[];
  /** How many images the counts are over, and of how many in the dataset. */
  counted: number;
  total: number;
  items: ImageHealthItem[];
  /** Whether the items come from the import (unreadable, skipped files, sizes) or from the images only (class counts). */
  from: 'import' | 'images';
}

/**
 * Trial 5, F10: the health report of image data for the Data tab. An imported folder shows its
 * import's report (class counts, unreadable and skipped files, mixed sizes: `imageFolderHealth` in
 * src/shared/data/image-folder.ts on the summary the project keeps as `importReport`, as the dialog
 * showed it). Otherwise (a built-in set, or a folder imported before projects kept the report) the
 * class imbalance and small-class checks of the same `imageFolderHealth` run on the class counts of
 * the images the editor holds. Null while no image has arrived.
 */
export function imageHealth(spec: ImagesDataset, data: Dataset): ImageHealth | null {
  const report = spec.importReport;
  if (report) {
    const counts = report.classNames.map((value, i) => ({ value, count: report.classCounts[i] ?? 0 }));
    const counted = counts.reduce((n, c) => n + c.count, 0);
    return { counts, counted, total: spec.rows, items: imageFolderHealth(report, { height: spec.height, width: spec.width }), from: 'import' };
  }
  if (data.rows === 0) return null;
  const classCounts = spec.classNames.map(() => 0);
  for (let r = 0; r < data.rows; r++) classCounts[trueClass(data, r)] = (classCounts[trueClass(data, r)] ?? 0) + 1;
  const summary: ImageFolderSummary = {
    name: '',
    source: 'folder',
    classNames: spec.classNames,
    classCounts,
    emptyClasses: [],
    unreadable: [],
    unreadableCount: 0,
    skipped: { nonImage: 0, outsideClasses: 0, examples: [] },
    sizes: { distinct: 1, minHeight: spec.height, minWidth: spec.width, maxHeight: spec.height, maxWidth: spec.width, medianHeight: spec.height, medianWidth: spec.width },
    allGray: spec.channels === 1,
  };
  return { counts: spec.classNames.map((value, i) => ({ value, count: classCounts[i] })), counted: data.rows, total: spec.rows, items: imageFolderHealth(summary), from: 'images' };
}

/** The Health view's body for given inputs (rendered without the stores in tests). */
export function ImageHealthBody({ spec, health, t }: { spec: ImagesDataset; health: ImageHealth | null; t: Translate }) {
  if (!health) return <p className="muted small">{t('images.loading')}</p>;
  const most = Math.max(1, ...health.counts.map((c) => c.count));
  return (
    <div className="image-health" data-testid="image-health">
      <p className="small">{t('trial5b.health.counts', { counted: health.counted.toLocaleString('en-US') })}</p>
      <table className="image-health-counts small" data-testid="image-health-counts">
        <tbody>
          {health.counts.map((c) => (
            <tr key={c.value}>
              <td>{c.value}</td>
              <td className="num">{c.count.toLocaleString('en-US')}</td>
              <td className="bar-cell">
                <span className="bar" style={{ width: `${(100 * c.count) / most}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {health.counted < health.total && health.from === 'images' && <p className="muted small">{t('trial5b.health.partial', { counted: health.counted.toLocaleString('en-US'), total: health.total.toLocaleString('en-US') })}</p>}
      <ImageHealthList items={health.items} t={t} />
      {health.from === 'images' && spec.source.kind === 'folder' && (
        <p className="muted small" data-testid="image-health-import-only">
          {t('trial5b.health.importOnly')}
        </p>
      )}
    </div>
  );
}

/** The Data tab's Health view of image data (see {@link imageHealth}). */
export function ImageHealthView({ spec, data, t }: { spec: ImagesDataset; data: Dataset; t: Translate }) {
  return <ImageHealthBody spec={spec} health={imageHealth(spec, data)} t={t} />;
}
