import type { ImagesDataset } from '../../../../shared/project/schema';
import { useT } from '../../i18n';
import { useEditor } from '../../store/editor';

/** The dataset section of the settings for an image dataset (issue 14): where the images come from and their shape. */
export function ImagesDatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset) as ImagesDataset;
  const t = useT();
  const source = dataset.source.kind === 'builtin' ? t(`images.builtin.${dataset.source.name}`) : dataset.source.name;
  return (
    <section className="panel-section" data-testid="dataset-settings">
      <h2>{t('dataset.title')}</h2>
      <p data-testid="images-dataset-source">{source}</p>
      <p className="muted small" data-testid="images-dataset-shape">
        {t('images.shapeLine', { rows: dataset.rows, height: dataset.height, width: dataset.width, channels: dataset.channels, classes: dataset.classNames.length })}
      </p>
    </section>
  );
}
