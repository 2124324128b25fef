import { useState } from 'react';
import type { ImagesDataset } from '../../../../shared/project/schema';
import { imageSampleProblem, imagesPreviewDataset, useImageSamples } from '../../data/imageSamples';
import { useT } from '../../i18n';
import { TrainedModelNote } from '../data/TrainedModelNote';
import { ImageGrid } from './ImageGrid';
import { ImageHealthView } from './ImageHealthView';
import { ImageResults } from './ImageResults';
import { TrainedStepNote } from './TrainedStepNote';

const VIEWS = ['images', 'health', 'results'] as const;
type View = (typeof VIEWS)[number];

/** The Data tab for image data (issue 14): the sample grid, and the results with the confusion matrix's images. */
export function ImagesDataView({ spec }: { spec: ImagesDataset }) {
  const t = useT();
  // The images arrive from main after the dataset is chosen or the project opened: render again when they do.
  useImageSamples((s) => s.samples);
  const [view, setView] = useState<View>('images');
  const data = imagesPreviewDataset(spec);
  const problem = imageSampleProblem(spec);
  return (
    <section className="panel-section data-panel" data-testid="data-panel">
      <div className="small muted data-facts" data-testid="images-facts">
        {t('images.shapeLine', { rows: spec.rows, height: spec.height, width: spec.width, channels: spec.channels, classes: spec.classNames.length })}
        {problem?.kind === 'loading' && ` · ${t('images.loading')}`}
        {problem?.kind === 'partial' && ` · ${t('images.partial', { loaded: problem.loaded.toLocaleString('en-US'), total: spec.rows.toLocaleString('en-US') })}`}
      </div>
      {problem?.kind === 'failed' && <p className="field-error" data-testid="images-load-error">{problem.message}</p>}
      <div className="subtabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} role="tab" aria-selected={view === v} className={view === v ? 'active' : ''} onClick={() => setView(v)} data-testid={`data-view-${v}`}>
            {t(v === 'images' ? 'images.view' : v === 'health' ? 'data.health' : 'data.results')}
          </button>
        ))}
      </div>
      <TrainedModelNote t={t} />
      <TrainedStepNote spec={spec} t={t} />
      {!(data instanceof Error) && view === 'images' && <ImageGrid data={data} spec={spec} t={t} />}
      {!(data instanceof Error) && view === 'health' && <ImageHealthView spec={spec} data={data} t={t} />}
      {!(data instanceof Error) && view === 'results' && <ImageResults data={data} spec={spec} t={t} />}
    </section>
  );
}
