import { useState } from 'react';
import { builtinImagesSpec, IMAGE_BUILTIN_SETS } from '../../../../shared/data/images';
import { IMAGE_BUILTINS, PIXEL_SCALINGS, type ImageBuiltinName, type ImagesDataset, type PixelScaling } from '../../../../shared/project/schema';
import { imageSampleProblem, imageStats, useImageSamples } from '../../data/imageSamples';
import { useT, type Translate } from '../../i18n';
import { analyze } from '../../lib/analysis';
import { problemText } from '../../lib/problemText';
import { DEFAULT_DATASET } from '../../store/document';
import { useEditor } from '../../store/editor';
import { DraftInput, Field, formatNumber, parseNumber } from '../fields';
import { ImageFolderButton } from '../ImageFolderDialog';
import { TrainedStepNote } from './TrainedStepNote';
import { ProblemFix } from '../ProblemFix';

/**
 * The dataset section of the settings for an image dataset (issue 14): which set and how many of
 * its images, how labels are encoded, and the pixel-scaling step of the pipeline, stated in words.
 * Every change is one undoable command; a z-score's per-channel statistics come from main (the
 * images are read there, off the UI thread) before the command is made.
 */
export function ImagesDatasetPanel() {
  const dataset = useEditor((s) => s.doc.dataset) as ImagesDataset;
  const doc = useEditor((s) => s.doc);
  const setDataset = useEditor((s) => s.setDataset);
  useImageSamples((s) => s.samples);
  const t = useT();
  const [pending, setPending] = useState<{ error: string | null; busy: boolean }>({ error: null, busy: false });
  const builtin = dataset.source.kind === 'builtin' ? dataset.source.name : null;
  const problem = imageSampleProblem(dataset);
  // Picking a set offers to give the model's Input the images' shape (validation's own fix).
  const inputProblems = analyze(doc).problems.filter((p) => p.code === 'input-vs-features' && p.fix);

  /** Makes `next` the dataset in one command; a z-score first gets the statistics of its images. */
  const apply = async (next: ImagesDataset) => {
    setPending({ error: null, busy: next.scaling === 'zscore' });
    try {
      const { transform: _old, ...rest } = next;
      const spec: ImagesDataset = next.scaling === 'zscore' ? { ...rest, transform: await imageStats(rest) } : rest;
      setDataset(spec);
      setPending({ error: null, busy: false });
    } catch (error) {
      setPending({ error: error instanceof Error ? error.message : String(error), busy: false });
    }
  };
  const withSet = (name: ImageBuiltinName, samples?: number): ImagesDataset => ({
    ...builtinImagesSpec(name, { scaling: dataset.scaling, ...(samples !== undefined ? { samples } : {}) }),
    labelEncoding: dataset.labelEncoding,
  });

  return (
    <section className="panel-section" data-testid="dataset-settings">
      <h2>{t('dataset.title')}</h2>
      {builtin ? (
        <Field label={t('images.set')} help={`${t('images.setHelp')} ${t(`images.source.${builtin}`)}.`} htmlFor="images-set">
          <select id="images-set" value={builtin} onChange={(e) => void apply(withSet(e.target.value as ImageBuiltinName))} data-testid="images-set">
            {IMAGE_BUILTINS.map((name) => (
              <option key={name} value={name}>
                {t(`images.builtin.${name}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <p data-testid="images-dataset-source">{dataset.source.name}</p>
      )}
      <p className="muted small" data-testid="images-dataset-shape">
        {t('images.shapeLine', { rows: dataset.rows, height: dataset.height, width: dataset.width, channels: dataset.channels, classes: dataset.classNames.length })}
        {problem?.kind === 'loading' && ` · ${t('images.loading')}`}
      </p>
      {problem?.kind === 'failed' && <p className="field-error">{problem.message}</p>}
      <div className="grid2">
        {builtin && (
          <DraftInput<number>
            id="images-count"
            label={t('images.count')}
            help={t('images.countHelp', { max: IMAGE_BUILTIN_SETS[builtin].rows })}
            value={dataset.rows}
            format={formatNumber}
            parse={(text) => parseNumber(text, true)}
            onCommit={(v) => {
              const max = IMAGE_BUILTIN_SETS[builtin].rows;
              if (!(v >= 1 && v <= max)) return t('images.countRange', { max, value: v });
              void apply(withSet(builtin, v));
              return null;
            }}
            testId="images-count"
            inputMode="numeric"
            countAs="images-count"
          />
        )}
        <Field label={t('images.labels')} help={t('images.labelsHelp')} htmlFor="images-labels">
          <select id="images-labels" value={dataset.labelEncoding} onChange={(e) => void apply({ ...dataset, labelEncoding: e.target.value as 'index' | 'onehot' })} data-testid="images-labels">
            <option value="index">{t('csv.labelsIndex')}</option>
            <option value="onehot">{t('csv.labelsOneHot')}</option>
          </select>
        </Field>
      </div>
      <Field label={t('images.scaling')} help={t('images.scalingHelp')} htmlFor="images-scaling">
        <select id="images-scaling" value={dataset.scaling} onChange={(e) => void apply({ ...dataset, scaling: e.target.value as PixelScaling })} data-testid="images-scaling" disabled={pending.busy}>
          {PIXEL_SCALINGS.map((s) => (
            <option key={s} value={s}>
              {t(`images.scaling.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <p className="small" data-testid="images-step">
        {pending.busy ? t('images.computingStats') : pipelineStepText(dataset, t)}
      </p>
      <TrainedStepNote spec={dataset} t={t} />
      {pending.error && <p className="field-error" data-testid="images-scaling-error">{pending.error}</p>}
      {inputProblems.map((p, i) => (
        <p key={i} className="small" data-testid="images-input-shape">
          {problemText(p, t)} <ProblemFix problem={p} />
        </p>
      ))}
      <div className="csv-actions">
        <button onClick={() => setDataset({ ...DEFAULT_DATASET })} data-testid="dataset-use-generator">
          {t('csv.useGenerator')}
        </button>
        <ImageFolderButton />
      </div>
    </section>
  );
}

const num = (v: number) => String(Number(v.toPrecision(4)));

/** The pipeline's pixel-scaling step in words (the one `pixelScalingStep` in src/shared/data/images.ts applies). */
export function pipelineStepText(spec: Pick<ImagesDataset, 'scaling' | 'maxValue' | 'transform' | 'rows' | 'channels'>, t: Translate): string {
  if (spec.scaling === 'unit') return t('images.step.unit', { max: num(spec.maxValue) });
  if (spec.scaling === 'none') return t('images.step.none', { max: num(spec.maxValue) });
  if (!spec.transform) return t('images.step.zscoreMissing');
  const { mean, std } = spec.transform;
  const per = mean.map((m, c) => `(${t('images.pixel')} − ${num(m)}) ÷ ${num(std[c])}`).join('; ');
  return t('images.step.zscore', { formula: per, rows: spec.rows.toLocaleString('en-US') });
}

/** Chooses a built-in image set as the project's data (from the generator panel): one undoable command. */
export function BuiltinImagesPicker() {
  const setDataset = useEditor((s) => s.setDataset);
  const t = useT();
  const choose = (name: ImageBuiltinName) => setDataset(builtinImagesSpec(name));
  return (
    <div className="images-builtin-picker">
      <span className="small muted">{t('images.useBuiltin')}</span>
      {IMAGE_BUILTINS.map((name) => (
        <button key={name} type="button" onClick={() => choose(name)} data-testid={`dataset-images-${name}`} title={t(`images.source.${name}`)}>
          {t(`images.builtin.${name}`)}
        </button>
      ))}
    </div>
  );
}
