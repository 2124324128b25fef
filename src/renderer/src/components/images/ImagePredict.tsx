import { useEffect, useRef, useState, type DragEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { ImagesDataset } from '../../../../shared/project/schema';
import { predict as predictOutputs } from '../../api/predict';
import { imagesPreviewDataset, useImageSamples } from '../../data/imageSamples';
import { useT, type Translate } from '../../i18n';
import { trueClass } from '../../lib/datastats';
import { trainedModel } from '../../store/run';
import { useRun } from '../../store/training';
import { TrainedModelNote } from '../data/TrainedModelNote';
import { digitsRowFromInk, meanBrightness, mnistRowFromInk } from './imageInput';
import { exampleRowFromRgba } from '../../../../shared/data/image-resize';
import { ImageThumb } from './ImageThumb';
import { TopClasses } from './TopClasses';
import { appliedImageSpec, stepFormula, TrainedStepNote } from './TrainedStepNote';

type Source = 'dataset' | 'file' | 'draw';

/** The image given to the model: RAW pixel values (the trainer's pipeline scales them), what was done to get them, and its true label when known. */
interface InputImage {
  row: number[];
  note: string;
  truth?: string;
}

const CANVAS = 280;
const STROKE = 22;

/**
 * Predict on image data (issue 14): an image of the dataset, an image file decoded by the browser,
 * or (for the digit sets) a digit drawn on a 280×280 canvas and reduced the way the set was made.
 * The raw row goes to the trainer's `model.predict`, whose pipeline applies the pixel scaling (one
 * implementation); the answer is shown as the top classes with their probabilities.
 */
export function ImagePredict({ spec }: { spec: ImagesDataset }) {
  const t = useT();
  useImageSamples((s) => s.samples);
  const run = useRun((s) => s.run);
  const model = trainedModel(run);
  // The step the trainer applies: that of the spec the model was trained with (trial 5, F1).
  const applied = appliedImageSpec(spec, useRun((s) => (model.kind === 'usable' ? s.runDataset : null)));
  const ready = model.kind === 'usable';
  const digitSet = spec.source.kind === 'builtin' ? spec.source.name : null;
  const [source, setSource] = useState<Source>(digitSet ? 'draw' : 'dataset');
  const [input, setInput] = useState<InputImage | null>(null);
  const [result, setResult] = useState<{ outputs: number[] } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const names = spec.classNames;
  useEffect(() => setResult(null), [run.runId, input]);

  const predict = async () => {
    if (!run.runId || !input) return;
    setBusy(true);
    try {
      const outputs = await predictOutputs(run.runId, [input.row]);
      setResult({ outputs: outputs[0] ?? [] });
    } catch (error) {
      setResult({ error: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel-section predict image-predict" data-testid="predict-panel">
      {model.kind === 'none' && <p className="muted small">{t('images.predict.trainFirst')}</p>}
      <TrainedModelNote t={t} />
      <TrainedStepNote spec={spec} t={t} />
      <div className="subtabs" role="tablist">
        {(['draw', 'dataset', 'file'] as const)
          .filter((s) => s !== 'draw' || digitSet)
          .map((s) => (
            <button key={s} role="tab" aria-selected={source === s} className={source === s ? 'active' : ''} onClick={() => (setSource(s), setInput(null))} data-testid={`predict-source-${s}`}>
              {t(`images.predict.${s}`)}
            </button>
          ))}
      </div>
      <div className="image-predict-body">
        <div className="image-predict-source">
          {source === 'dataset' && <FromDataset spec={spec} t={t} onInput={setInput} />}
          {source === 'file' && <FromFile spec={spec} t={t} onInput={setInput} />}
          {source === 'draw' && digitSet && <DrawDigit set={digitSet} t={t} onInput={setInput} />}
        </div>
        <div className="image-predict-result">
          {input ? (
            <>
              <div className="image-predict-input">
                <ImageThumb values={input.row} height={spec.height} width={spec.width} channels={spec.channels} maxValue={spec.maxValue} size={84} testId="predict-image-input" />
                <span className="muted small" data-testid="predict-image-note">
                  {t('trial5b.modelGets', { height: spec.height, width: spec.width, channels: spec.channels, max: spec.maxValue, step: stepFormula(applied, t) })} {input.note}
                </span>
              </div>
              <button onClick={predict} disabled={!ready || busy} data-testid="predict-button">
                {t('predict.button')}
              </button>
            </>
          ) : (
            <p className="muted small">{t(`images.predict.hint.${source}`)}</p>
          )}
          <div className="predict-output" data-testid="predict-output">
            {result && 'error' in result && <span className="field-error">{result.error}</span>}
            {result && 'outputs' in result && (
              <>
                <div className="small">{t('images.predict.top')}</div>
                <TopClasses outputs={result.outputs} names={names} testId="predict-top" />
              </>
            )}
            {result && 'outputs' in result && input?.truth !== undefined && (
              <p className="muted small" data-testid="predict-truth">
                {t('images.trueLabel', { name: input.truth })}
              </p>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

/** An image of the dataset by its number, or a random one. */
function FromDataset({ spec, t, onInput }: { spec: ImagesDataset; t: Translate; onInput: (input: InputImage) => void }) {
  const data = imagesPreviewDataset(spec);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (data instanceof Error) return <p className="field-error">{data.message}</p>;
  if (data.rows === 0) return <p className="muted small">{t('images.loading')}</p>;
  const choose = (row: number) => {
    const truth = trueClass(data, row);
    setText(String(row));
    setError(null);
    onInput({ row: Array.from(data.x.subarray(row * data.numFeatures, (row + 1) * data.numFeatures)), note: t('images.predict.fromDataset', { row }), truth: spec.classNames[truth] ?? String(truth) });
  };
  const commit = () => {
    const row = Number(text.trim());
    if (!Number.isInteger(row) || row < 0 || row >= data.rows || text.trim() === '') {
      setError(t('images.predict.badRow', { max: data.rows - 1, text }));
      return;
    }
    choose(row);
  };
  return (
    <div className="small">
      <label className="predict-input">
        <span>{t('images.predict.row', { max: data.rows - 1 })}</span>
        <input type="text" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} data-testid="predict-image-row" />
      </label>
      <button type="button" onClick={() => choose(Math.floor(Math.random() * data.rows))} data-testid="predict-image-random">
        {t('images.predict.random')}
      </button>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

/**
 * An image file, decoded and resized by the browser (createImageBitmap, then a canvas at the set's
 * width × height, painted over white paper so transparency reads as paper), to grayscale luma when
 * the set has one channel, 0–255 mapped to 0…maxValue. Digit sets are light ink on dark: a mostly
 * light image is inverted (the box can be unticked), and the note says what was done.
 */
function FromFile({ spec, t, onInput }: { spec: ImagesDataset; t: Translate; onInput: (input: InputImage | null) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<{ name: string; width: number; height: number; rgba: Uint8ClampedArray; invert: boolean } | null>(null);
  const [over, setOver] = useState(false);
  const emit = (file: NonNullable<typeof loaded>) => {
    const row = exampleRowFromRgba(file.rgba, file, spec, file.invert);
    onInput({ row, note: fileNote(file, spec, t) });
  };
  const read = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      const bitmap = await createImageBitmap(file);
      // Decoded at its own size; resizing is the import's own (exampleRowFromRgba), not the browser's.
      const canvas = document.createElement('canvas');
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, bitmap.width, bitmap.height);
      context.drawImage(bitmap, 0, 0);
      const rgba = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const next = { name: file.name, width: bitmap.width, height: bitmap.height, rgba, invert: offersInvert(spec) && meanBrightness(rgba) > 0.5 };
      bitmap.close();
      setLoaded(next);
      emit(next);
    } catch {
      // Nothing of the previous file stays: its preview, note and Predict button go (trial 5, F5).
      setLoaded(null);
      onInput(null);
      // The browser's own decoder message (a DOMException in English) says no more than this.
      setError(t('images.predict.decodeFailed', { name: file.name }));
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setOver(false);
    void read(event.dataTransfer.files[0]);
  };
  return (
    <div className="small">
      <div
        className={`image-drop${over ? ' over' : ''}`}
        onDragOver={(e) => (e.preventDefault(), e.stopPropagation(), setOver(true))}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="predict-image-drop"
      >
        {t('images.predict.dropHere')}
        <input type="file" accept="image/*" onChange={(e) => void read(e.target.files?.[0])} data-testid="predict-image-file" />
      </div>
      {loaded && offersInvert(spec) && (
        <label className="check">
          <input type="checkbox" checked={loaded.invert} onChange={(e) => (setLoaded({ ...loaded, invert: e.target.checked }), emit({ ...loaded, invert: e.target.checked }))} data-testid="predict-image-invert" />
          {t('images.predict.invert')}
        </label>
      )}
      {error && <p className="field-error" data-testid="predict-image-error">{error}</p>}
    </div>
  );
}

/**
 * Whether an image file may be inverted (the "dark digit on light paper" box, and the automatic
 * inversion of a mostly light image): only for the built-in digit sets, whose digits are light on
 * dark; an imported folder's images are taken as they are (trial 5, F13).
 */
export function offersInvert(spec: Pick<ImagesDataset, 'source'>): boolean {
  return spec.source.kind === 'builtin';
}

/**
 * What was done to an image file to make the model's input, in words: sizes as height × width (the
 * order of the Input shape, trial 5, F11), the grayscale formula, the 0–255 mapping only when the
 * set's range differs (trial 5, F9), and the inversion.
 */
export function fileNote(file: { name: string; width: number; height: number; invert: boolean }, spec: Pick<ImagesDataset, 'height' | 'width' | 'channels' | 'maxValue'>, t: Translate): string {
  return t(file.height === spec.height && file.width === spec.width ? 'trial5b.fileNoteSameSize' : 'trial5b.fileNote', {
    name: file.name,
    from: `${file.height}×${file.width}`,
    to: `${spec.height}×${spec.width}`,
    gray: spec.channels === 1 ? t('images.predict.fileGray') : '',
    mapped: spec.maxValue === 255 ? '' : t('trial5b.fileMapped', { max: spec.maxValue }),
    invert: file.invert ? t('images.predict.fileInverted') : '',
  });
}

/** A 280×280 canvas to draw one digit with the mouse, pen or finger; each stroke updates the row. */
function DrawDigit({ set, t, onInput }: { set: 'digits' | 'mnist'; t: Translate; onInput: (input: InputImage | null) => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const paper = () => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#000';
    context.fillRect(0, 0, CANVAS, CANVAS);
  };
  const clear = () => {
    paper();
    onInput(null);
  };
  useEffect(paper, []);
  const at = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - box.left) / box.width) * CANVAS, y: ((event.clientY - box.top) / box.height) * CANVAS };
  };
  const line = (to: { x: number; y: number }) => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const from = last.current ?? to;
    context.strokeStyle = '#fff';
    context.lineWidth = STROKE;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
    last.current = to;
  };
  const finish = () => {
    if (!last.current) return;
    last.current = null;
    const context = ref.current?.getContext('2d', { willReadFrequently: true });
    if (!context) return;
    const rgba = context.getImageData(0, 0, CANVAS, CANVAS).data;
    const ink = new Float32Array(CANVAS * CANVAS);
    for (let p = 0; p < ink.length; p++) ink[p] = rgba[p * 4] / 255;
    const source = { width: CANVAS, height: CANVAS, ink };
    const row = set === 'digits' ? digitsRowFromInk(source) : mnistRowFromInk(source);
    onInput(row ? { row, note: t(`images.predict.drawn.${set}`) } : null);
  };
  return (
    <div className="image-draw">
      <canvas
        ref={ref}
        width={CANVAS}
        height={CANVAS}
        className="draw-canvas"
        onPointerDown={(e) => (e.currentTarget.setPointerCapture(e.pointerId), (last.current = null), line(at(e)))}
        onPointerMove={(e) => last.current && line(at(e))}
        onPointerUp={finish}
        onPointerCancel={finish}
        data-testid="predict-draw-canvas"
      />
      <div>
        <button type="button" onClick={clear} data-testid="predict-draw-clear">
          {t('images.predict.clear')}
        </button>
        <p className="muted small" data-testid="predict-draw-how">
          {t(`images.predict.drawHow.${set}`)}
        </p>
      </div>
    </div>
  );
}
