import { readFileSync } from 'node:fs';
import type { BackendInfo, GraphProblem, ModelSummary } from '../../shared/api/contract';
import type { Dataset } from '../../shared/data/types';
import type { CsvDecision } from '../../shared/data/csv-types';
import { summarize } from '../../shared/graph/summary';
import { validateGraph } from '../../shared/graph/validate';
import { parseProject } from '../../shared/project/load';
import { type CsvDataset, type EarlyStoppingSettings, type Project, type TrainingSettings } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { datasetInfo } from '../engine/dataset-info';
import { encodeRows } from '../../shared/api/numbers';
import { modelInputRows, preprocessingFor, type RawValue } from '../../shared/data/preprocess';
import { DEFAULT_NUMBER_FORMAT, parseNumber, type NumberFormat } from '../../shared/data/numbers';
import { savedWeightsUsable, trainedStatus, type TrainedStatus } from '../../shared/project/trained';
import { disposeModel, inputTransform, loadDataset, loadTrainedModel, runProject } from '../engine/run-project';
import { restoreFolderImages } from '../data/load-images';
import { decodeExample } from '../data/image-folder';
import { checkInputWidth, predictRows, type TrainOutcome } from '../engine/train-loop';
import { assessProjectRun } from '../../shared/training/outcome';
import { formatEpochLine, formatLogs } from '../../shared/training/epoch-log';
import { describeEarlyStopping } from '../../shared/training/early-stopping';
import { describeKeepBest, keptWeightsEpoch } from '../../shared/training/keep-best';
import { describeReduceLr } from '../../shared/training/reduce-lr-on-plateau';
import { renderSettingsProblem, settingsProblemAsGraphProblem, validateTrainingSettings, type SettingsProblem } from '../../shared/training/validate-settings';
import { fixLabel, messageText, problemText } from '../../shared/i18n/problem-text';
import type { Language, MessageKey, Translate } from '../../shared/i18n/translate';
import { cliT } from './language';
import { describeOutcome } from '../../shared/training/outcome-text';
import { checkSplit, profileLabels, type SplitProblem } from '../../shared/data/split';
import { EMBED_LIMIT_BYTES } from '../data/service';
import { trainedSection } from '../engine/export-model';
import { writeProjectFile } from './project-file';
import { importCsvForTraining, type CsvImported, type CsvTrainChoices } from './csv-train';
import { DataFileError, dataFileText } from './data-file';
import { describeDelimiter } from './options';
import type * as tf from '@tensorflow/tfjs';
import { resolve } from 'node:path';
import { KerasRunLog } from '../engine/tensorboard/keras-run-log';
import { tensorboardRunDir } from '../engine/tensorboard/run-dir';
import { trainingHParams } from '../engine/tensorboard/hparams';
import { makeRunRecord, type RunReport } from '../../shared/runs/record';
import { addRun, addRunEpochs, newRunHistory } from '../../shared/runs/report';
import { outcomeRunReport } from './run-report';

/**
 * `neurite train|predict|summary <project>`: the runs behind the headless command line (main.ts
 * parses the arguments). The engine runs in this process (there is no UI loop to keep
 * responsive), with the same code the trainer process runs.
 */

/** Exit codes; 2 also covers a data file that cannot be imported (as predict's unusable input rows) and a --tensorboard directory that cannot be written. */
export const EXIT = { ok: 0, usage: 2, badProject: 3, invalidGraph: 4, trainingFailed: 5 } as const;

/** What a train, predict or summary run was asked for (parsed by main.ts). */
export interface RunOptions {
  command: 'train' | 'predict' | 'summary';
  file: string;
  epochs?: number;
  json: boolean;
  /** Raw rows: numbers, or category names for categorical columns. */
  inputs: RawValue[][];
  /** predict only: image files, decoded as the image-folder import does (`imageFileRows`), predicted after `inputs`. */
  images?: string[];
  retrain: boolean;
  /** train only: import this data file (with these choices) as the project's dataset first. */
  csv?: { file: string; choices: CsvTrainChoices };
  /** train only: write the project with its (new) dataset and the trained weights here. */
  save?: string;
  /** train only: write the run's TensorBoard logs under this directory (`<dir>/<run name>/train` and `/validation`). */
  tensorboard?: string;
  /** train only: early stopping for this run, replacing the project's setting. */
  earlyStopping?: EarlyStoppingSettings;
  /** train only: issue 15 callbacks for this run, each replacing the project's setting. */
  callbacks?: Partial<Pick<TrainingSettings, 'reduceLrOnPlateau' | 'lrSchedule' | 'keepBest'>>;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Issue 16: the language of human-readable output (main.ts sets it from --lang or the locale); English when absent. */
  language?: Language;
  /** Its translator (`cliT(io)` gives English when absent). */
  t?: Translate;
}

/**
 * `neurite: invalid graph (node n3): …` and, when the app has a one-click fix for it, `  Fix: …`
 * naming what to change, in the language of `t`. `prefix` says where (a sweep's trial).
 */
export function invalidGraphLines(p: GraphProblem, t: Translate, prefix = ''): string[] {
  const line = `neurite: ${prefix}${t('cli.invalidGraph', { where: p.nodeId ? t('cli.atNode', { node: p.nodeId }) : '', message: problemText(p, t) })}`;
  return p.fix ? [line, t('cli.fix', { fix: fixLabel(p.fix, t) })] : [line];
}

/** --json problems: English codes and messages as before, plus the localized `text` when the language is not English. */
export function jsonProblems(problems: GraphProblem[], io: CliIo): GraphProblem[] | (GraphProblem & { text: string })[] {
  if (!io.language || io.language === 'en') return problems;
  return problems.map((p) => ({ ...p, text: problemText(p, cliT(io)) }));
}

/**
 * A project file read and checked (parseProject), or why it cannot be used (exit 3): `message` in
 * English (for --json), `text` in the language of `t` (for people).
 */
export function loadProject(file: string, t: Translate = cliT({})): { ok: true; project: Project } | { ok: false; message: string; text: string; field?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    const say = (tr: Translate) => tr('cli.cannotRead', { file, reason: missing ? tr('cli.noSuchFile') : (error as Error).message });
    return { ok: false, message: say(cliT({})), text: say(t) };
  }
  const result = parseProject(text, file);
  // The project loader's messages carry ids (src/shared/project/load.ts): people read them in the language of `t`.
  return result.ok ? { ok: true, project: result.project } : { ok: false, message: result.error.message, text: messageText(result.error, t), field: result.error.field };
}

/** The problems that refuse training: graph errors against the data and settings, and an early-stopping monitor the run will not log. */
export function graphErrors(project: Project): GraphProblem[] {
  const data = datasetInfo(project.dataset);
  return validateGraph(project.graph, { data, training: project.training }).filter((p) => p.severity === 'error');
}

/** Callback settings (early stopping, reduce-on-plateau, schedule, keep best) that are bad values: a monitor the run will not log, a number out of range. */
const CALLBACK_FIELDS = /^(earlyStopping|reduceLrOnPlateau|lrSchedule|keepBest)\./;

/**
 * Problems of the callback settings, checked before training (trial 7 finding 4: they are bad
 * values, exit 2, not an invalid graph).
 */
function callbackSettingProblems(project: Project): SettingsProblem[] {
  return validateTrainingSettings(project.training).filter((p) => CALLBACK_FIELDS.test(p.field));
}

function formatBackend(backend: BackendInfo, t: Translate): string {
  const line = t('cli.backend', { name: backend.name });
  return backend.fallbackReasons.length > 0 ? `${line} (${backend.fallbackReasons.join(' ')})` : line;
}

/** Keras prints counts with thousands separators: 11,110. */
const withThousands = (n: number) => n.toLocaleString('en-US');

export function formatSummary(summary: ModelSummary): string {
  const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
  const rows = summary.rows.map((r) => [
    `${r.name} (${r.type})`,
    r.outputShape ? `(${r.outputShape.map((d) => (d === null ? 'None' : d)).join(', ')})` : '?',
    withThousands(r.params),
    r.connectedTo.join(', '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)) + 2);
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('').trimEnd();
  const rule = '_'.repeat(widths.reduce((a, b) => a + b, 0));
  return [
    rule,
    line(header),
    '='.repeat(rule.length),
    ...rows.map(line),
    '='.repeat(rule.length),
    `Total params: ${withThousands(summary.totalParams)}`,
    `Trainable params: ${withThousands(summary.trainableParams)}`,
    `Non-trainable params: ${withThousands(summary.nonTrainableParams)}`,
    rule,
  ].join('\n');
}

function describeOutputs(outputs: number[][], dataset: Pick<Dataset, 'task' | 'classNames'>): string[] {
  return outputs.map((row, i) => {
    if (dataset.task === 'classification' && dataset.classNames && row.length === dataset.classNames.length) {
      const ranked = row.map((p, c) => ({ p, name: dataset.classNames![c] })).sort((a, b) => b.p - a.p);
      return `[${i}] ${ranked[0].name} (${ranked.slice(0, 3).map((r) => `${r.name}: ${r.p.toFixed(3)}`).join(', ')})`;
    }
    return `[${i}] ${row.map((v) => v.toFixed(4)).join(', ')}`;
  });
}

function trainingFirstReason(status: TrainedStatus, retrain: boolean, t: Translate): string {
  if (retrain) return t('cli.predict.reason.retrain');
  if (status.state === 'stale') return t('cli.predict.reason.stale');
  return t('cli.predict.reason.none');
}

/**
 * A split warning for the command line, in the language of `t`: what is wrong and the project
 * setting that fixes it (the editor shows the same data with a one-click fix instead).
 */
function splitWarningText(p: SplitProblem, t: Translate): string {
  const fix = t('cli.split.fix', { mode: p.fix.mode });
  switch (p.code) {
    case 'split-class-not-trained': {
      const part = p.classes?.[0]?.part ?? 'validation';
      const names = (p.classes ?? []).filter((c) => c.part === part).map((c) => `"${c.name}"`);
      return t('cli.split.classNotTrained', { part: t(`split.part.${part}`), classes: names.join(', '), fix });
    }
    case 'split-sorted-file':
      return p.orderCorrelation !== undefined
        ? t('cli.split.sortedValues', { rho: p.orderCorrelation, fix })
        : t('cli.split.sortedClasses', { runs: p.runs ?? 0, expected: p.expectedRuns ?? 0, fix });
    case 'split-stratified-regression':
      return t('cli.split.stratifiedRegression', { fix });
  }
}

/**
 * `--input` rows as the preprocessing takes them: each text field that is a number in the dataset's
 * number format (`format`: decimal comma, thousands separator; absent = `.` decimals, no
 * separators) becomes that number; anything else stays text (a category name, or a missing value).
 */
export function inputValues(rows: readonly (readonly RawValue[])[], format: NumberFormat = DEFAULT_NUMBER_FORMAT): RawValue[][] {
  return rows.map((row) => row.map((v) => (typeof v === 'string' ? (parseNumber(v, format) ?? v) : v)));
}

/** `1 epoch`, `2 epochs`, `1,000 rows`: a count with its noun, singular for one. */
export function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** predict with the project's saved weights: no training, the same model the app loads. */
function predictWithSavedWeights(project: Project, status: TrainedStatus, options: RunOptions, backend: BackendInfo, io: CliIo): number {
  const t = cliT(io);
  let loaded;
  try {
    loaded = loadTrainedModel(project);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) io.out(JSON.stringify({ ok: false, error: typeof code === 'string' ? code : 'load-failed', message }));
    else io.err(`neurite: ${message}`);
    return EXIT.badProject;
  }
  try {
    let outputs: number[][];
    // The app's trainer takes the same route (modelInputRoute): through the pipeline when the data fits the model, else as they are.
    let dataFits = true;
    try {
      const inputs = modelInputRows(preprocessingFor(project.dataset), loaded.numFeatures, options.inputs);
      dataFits = inputs.route === 'pipeline';
      outputs = predictRows(loaded.model, inputs.rows, loaded.numFeatures);
    } catch (error) {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-input', message: (error as Error).message }));
      else io.err(`neurite: ${(error as Error).message}`);
      return EXIT.usage;
    }
    if (!dataFits) io.err(`neurite: ${t('cli.predict.rowsAsTheyAre', { count: loaded.numFeatures })}`);
    const stale = status.state === 'stale' ? status.changed.filter((c) => c !== 'graph') : [];
    if (stale.length > 0) io.err(`neurite: ${t('cli.predict.stale', { what: stale.map((c) => t(`cli.stale.${c}`)).join(t('cli.and')) })}`);
    if (options.json) {
      io.out(JSON.stringify({ ok: true, backend, weights: 'saved', trainedAt: project.trained!.trainedAt, ...(stale.length ? { staleBecause: stale } : {}), ...(dataFits ? {} : { preprocessing: 'none' }), outputs: encodeRows(outputs) }));
    } else {
      io.out(t('cli.predict.savedWeights', { when: project.trained!.trainedAt }));
      for (const line of describeOutputs(outputs, datasetInfo(project.dataset))) io.out(line);
    }
    return EXIT.ok;
  } finally {
    disposeModel(loaded.model);
  }
}

/**
 * `predict --image`: each file decoded and resized exactly as the image-folder import made the
 * project's images (`decodeExample`: sharp decode, EXIF orientation, RGB, the shared resize and
 * grayscale of shared/data/image-resize.ts), as rows of H×W×C raw values (HWC). Returns the
 * message instead when the project has no image dataset, its images are not 0–255, or a file
 * cannot be read.
 */
async function imageFileRows(project: Project, files: string[]): Promise<number[][] | string> {
  const spec = project.dataset;
  if (spec.kind !== 'images') return `--image needs a project with an image dataset; this project's dataset is ${spec.kind === 'csv' ? 'a CSV file' : 'generated'}. Give its rows with --input.`;
  if (spec.maxValue !== 255) {
    return `--image cannot make an image file into one of this set's images: they hold 0–${spec.maxValue} (the built-in ${spec.source.kind === 'builtin' ? spec.source.name : ''} scans), not a decoded file's 0–255. Give the ${spec.height * spec.width * spec.channels} raw values with --input.`;
  }
  const rows: number[][] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as { code?: string }).code;
      return code === 'ENOENT' ? `Cannot read ${file}: there is no such file.` : code === 'EISDIR' ? `Cannot read ${file}: it is a folder, not an image file.` : `Cannot read ${file}: ${(error as Error).message}`;
    }
    try {
      rows.push(Array.from((await decodeExample(bytes, { height: spec.height, width: spec.width, channels: spec.channels })).data));
    } catch (error) {
      return `${file} is not a readable image (PNG, JPEG, WebP, GIF, TIFF or AVIF): ${(error as Error).message}`;
    }
  }
  return rows;
}

/**
 * `neurite summary`: the model's table. It describes the model, so only the graph itself must be
 * valid (trial 5 F23: an imported model's placeholder dataset never fits it); problems between the
 * graph and the project's data or training settings are notes on stderr (`dataProblems` in --json).
 */
function summaryCommand(project: Project, options: RunOptions, io: CliIo): number {
  const t = cliT(io);
  const graphOnly = validateGraph(project.graph).filter((p) => p.severity === 'error');
  if (graphOnly.length > 0) {
    if (options.json) io.out(JSON.stringify({ ok: false, error: 'invalid-graph', problems: jsonProblems(graphOnly, io) }));
    else for (const p of graphOnly) for (const line of invalidGraphLines(p, t)) io.err(line);
    return EXIT.invalidGraph;
  }
  const dataProblems = graphErrors(project);
  const summary = summarize(project.graph);
  if (options.json) {
    io.out(JSON.stringify({ ok: true, summary, ...(dataProblems.length > 0 ? { dataProblems: jsonProblems(dataProblems, io) } : {}) }));
    return EXIT.ok;
  }
  io.out(formatSummary(summary));
  for (const p of dataProblems) {
    io.err(`neurite: ${t('cli.dataDoesNotFit', { where: p.nodeId ? t('cli.atNode', { node: p.nodeId }) : '', message: problemText(p, t) })}`);
  }
  return EXIT.ok;
}

/**
 * Runs `train`, `predict` or `summary` on a project file and returns the exit code. With
 * `options.csv` (train) the file is imported as the project's dataset first, as the dialog
 * would; with `options.save` (train) the project is written with the trained weights.
 */
export async function runCommand(options: RunOptions, io: CliIo): Promise<number> {
  const t = cliT(io);
  const loaded = loadProject(options.file, t);
  if (!loaded.ok) {
    if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-project', message: loaded.message, field: loaded.field }));
    else io.err(`neurite: ${loaded.text}`);
    return EXIT.badProject;
  }
  const project = loaded.project;
  let imported: CsvImported | undefined;
  if (options.csv) {
    try {
      imported = await importCsvForTraining(options.csv.file, options.csv.choices, project.training.loss);
    } catch (error) {
      if (!(error instanceof DataFileError)) throw error;
      // A missing value stops the import: name the flag that says what to do (as `neurite inspect` does).
      const hint = (t: Translate) => (error.code === 'empty-value' && error.where.column !== undefined ? ` ${missingFlagHint(error.where.column, t)}` : '');
      if (options.json) io.out(JSON.stringify({ ok: false, error: error.code, message: `${error.message}${hint(cliT({}))}`, ...error.where }));
      else io.err(`neurite: ${dataFileText(error, cliT(io))}${hint(cliT(io))}`);
      return EXIT.usage;
    }
    // The project's dataset is replaced; weights trained on the old one no longer describe it.
    project.dataset = imported.dataset;
    delete project.trained;
  }
  if (options.epochs !== undefined) project.training = { ...project.training, epochs: options.epochs };
  if (options.earlyStopping) project.training = { ...project.training, earlyStopping: options.earlyStopping };
  if (options.callbacks) project.training = { ...project.training, ...options.callbacks };
  // --input fields arrive as text (one CSV record each): numbers are read in the dataset's number format.
  options = { ...options, inputs: inputValues(options.inputs, project.dataset.kind === 'csv' ? project.dataset.numberFormat : undefined) };
  if (options.images && options.images.length > 0) {
    const rows = await imageFileRows(project, options.images);
    if (typeof rows === 'string') {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-image', message: rows }));
      else io.err(`neurite: ${rows}`);
      return EXIT.usage;
    }
    options = { ...options, inputs: [...options.inputs, ...rows] };
  }

  if (options.command === 'summary') return summaryCommand(project, options, io);

  if (options.command === 'train' || options.retrain || !savedWeightsUsable(trainedStatus(project))) {
    const settingProblems = callbackSettingProblems(project);
    if (settingProblems.length > 0) {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'invalid-setting', problems: settingProblems.map((p) => settingsProblemAsGraphProblem(p)) }));
      else for (const p of settingProblems) io.err(`neurite: ${renderSettingsProblem(p, (key, vars) => t(key as MessageKey, vars))}`);
      return EXIT.usage;
    }
  }
  const errors = graphErrors(project);
  // Issue 13: a model imported from a file has saved weights but no data of its own yet (the
  // import's placeholder dataset does not fit it); predict then feeds the rows to the model as
  // they are, and says so, rather than refusing a model that works.
  const dataMismatchOnly =
    errors.length > 0 && options.command === 'predict' && !options.retrain && savedWeightsUsable(trainedStatus(project)) && validateGraph(project.graph).every((p) => p.severity !== 'error');
  if (errors.length > 0 && !dataMismatchOnly) {
    if (options.json) io.out(JSON.stringify({ ok: false, error: 'invalid-graph', problems: jsonProblems(errors, io) }));
    else for (const p of errors) for (const line of invalidGraphLines(p, t)) io.err(line);
    return EXIT.invalidGraph;
  }

  const backend = await initBackend();
  // predict keeps stdout for its answer: what training says goes to stderr.
  const say = options.command === 'predict' ? io.err : io.out;
  if (!options.json && imported) for (const line of describeImported(imported, t)) say(line);
  if (!options.json) say(formatBackend(backend, t));
  if (options.command === 'predict') {
    const status = trainedStatus(project);
    if (!options.retrain && savedWeightsUsable(status)) return predictWithSavedWeights(project, status, options, backend, io);
    // Rows of the wrong width are refused before minutes of training, not after.
    try {
      const numFeatures = datasetInfo(project.dataset).numFeatures;
      checkInputWidth(inputTransform(project.dataset, numFeatures)(options.inputs), numFeatures);
    } catch (error) {
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'bad-input', message: (error as Error).message }));
      else io.err(`neurite: ${(error as Error).message}`);
      return EXIT.usage;
    }
    // Said on stderr (and in --json) so a script never mistakes a fresh training run for the saved model.
    io.err(`neurite: ${t('cli.predict.trainingFirst', { reason: trainingFirstReason(status, options.retrain, t), epochs: project.training.epochs })}`);
  }
  // Issue 9: a split that measures nothing is said before training (messages as data in --json).
  let splitWarnings: SplitProblem[] = [];
  try {
    // Issue 14: an image folder missing from the data store is imported again first (runProject says why if it cannot be).
    await restoreFolderImages(project.dataset);
    splitWarnings = checkSplit(profileLabels(loadDataset(project.dataset)), project.training);
  } catch {
    // A dataset that cannot load is reported by the run below, with its own message.
  }
  if (!options.json) for (const w of splitWarnings) io.err(`neurite: ${t('cli.split.warning', { message: splitWarningText(w, t) })}`);
  const epochs = project.training.epochs;
  let tensorboard: KerasRunLog | undefined;
  if (options.tensorboard !== undefined) {
    try {
      tensorboard = new KerasRunLog(tensorboardRunDir(options.tensorboard, options.file), trainingHParams(project.training));
    } catch (error) {
      const refusal = (tr: Translate) => tr('cli.tensorboardFailed', { dir: resolve(options.tensorboard!), reason: (error as Error).message });
      if (options.json) io.out(JSON.stringify({ ok: false, error: 'tensorboard-failed', message: refusal(cliT({})) }));
      else io.err(`neurite: ${refusal(t)}`);
      return EXIT.usage;
    }
  }
  let run;
  // Issue 15: --save remembers the run in the project's run history (as the app does).
  const startedAt = new Date().toISOString();
  const clock = newRunHistory();
  try {
    run = await runProject(project, {
      onStarted: tensorboard ? (plan) => tensorboard.setBatchesPerEpoch(plan.batchesPerEpoch) : undefined,
      onProgress:
        options.json && !tensorboard && !options.save
          ? undefined
          : (progress) => {
              addRunEpochs(clock, progress.epochs, progress.elapsedMs);
              tensorboard?.addProgress(progress);
              if (!options.json) for (const entry of progress.epochs) say(formatEpochLine(entry, epochs, t('epochLog.epoch')));
            },
      progressIntervalMs: options.json ? 1000 : 50,
    });
  } catch (error) {
    tensorboard?.close('STATUS_FAILURE');
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (options.json) io.out(JSON.stringify({ ok: false, error: typeof code === 'string' ? code : 'training-error', message }));
    else io.err(`neurite: ${t('cli.trainingFailed', { message })}`);
    return code === 'invalid-graph' ? EXIT.invalidGraph : EXIT.trainingFailed;
  }
  const { outcome, model, dataset } = run;
  tensorboard?.close(outcome.reason === 'completed' ? 'STATUS_SUCCESS' : 'STATUS_FAILURE');
  try {
    const ok = outcome.reason === 'completed';
    const kept = keptWeightsEpoch(outcome);
    const judged = assessProjectRun(project, dataset, outcome.reason, outcome.history);
    // --json keeps the English words; the text lines use the language's.
    const assessment = describeOutcome(judged);
    const said = describeOutcome(judged, t);
    let outputs: number[][] | undefined;
    if (ok && options.command === 'predict') {
      try {
        outputs = predictRows(model, inputTransform(project.dataset, dataset.numFeatures)(options.inputs), dataset.numFeatures);
      } catch (error) {
        io.err(`neurite: ${(error as Error).message}`);
        return EXIT.usage;
      }
    }
    let saved: string | undefined;
    let recorded: { id: string; number: number; keepsWeights: boolean } | undefined;
    if (options.save) {
      if (!ok) io.err(`neurite: ${t('cli.notWritten', { file: options.save, reason: t(`cli.reason.${outcome.reason}`) })}`);
      else {
        try {
          const report = outcomeRunReport({ startedAt, backend: backend.name, clock, outcome, outcomeKind: judged.kind, origin: { kind: 'cli' } });
          ({ path: saved, run: recorded } = await saveTrainedProject(options.save, project, model, outcome, report));
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (options.json) io.out(JSON.stringify({ ok: false, error: 'save-failed', message }));
          else io.err(`neurite: ${message}`);
          return EXIT.badProject;
        }
      }
    }
    if (options.json) {
      io.out(
        JSON.stringify({
          ok,
          ...(imported ? { data: importedSummary(imported) } : {}),
          ...(saved ? { saved, run: recorded } : {}),
          backend,
          reason: outcome.reason,
          ...(outcome.message ? { message: outcome.message } : {}),
          elapsedMs: Math.round(outcome.elapsedMs),
          finalLogs: outcome.finalLogs,
          history: outcome.history,
          trainingStep: outcome.path,
          outcome: assessment,
          ...(outcome.testLogs ? { testLogs: outcome.testLogs } : {}),
          ...(outcome.earlyStopping ? { earlyStopping: outcome.earlyStopping } : {}),
          ...(outcome.reduceLrOnPlateau ? { reduceLrOnPlateau: outcome.reduceLrOnPlateau } : {}),
          ...(outcome.keepBest ? { keepBest: outcome.keepBest } : {}),
          // The 0-based epoch whose weights the model (and --save) holds; finalLogs are always the last epoch's.
          ...(kept !== null ? { keptEpoch: kept } : {}),
          ...(tensorboard ? { tensorboard: tensorboard.runDir } : {}),
          ...(splitWarnings.length > 0 ? { splitWarnings } : {}),
          ...(outputs ? { outputs: encodeRows(outputs), weights: 'trained-now' } : {}),
        }),
      );
    } else {
      if (!ok) io.err(`neurite: ${t('cli.trainingEnded', { reason: t(`cli.reason.${outcome.reason}`), message: outcome.message ?? '' })}`);
      say(t('cli.trainingStep', { kind: outcome.path.kind, description: outcome.path.description }));
      // Trial 7 finding 5: when the run ended early or the model holds an earlier epoch's weights, the
      // summary says plainly that its numbers are the last epoch's, and the "Kept weights" line gives the kept epoch's.
      const lastEpoch = outcome.history.length > 0 ? outcome.history[outcome.history.length - 1].epoch : null;
      const keptEarlier = kept !== null && kept !== lastEpoch;
      const which = (keptEarlier || outcome.history.length < project.training.epochs) && lastEpoch !== null ? t('cli.lastEpochOf', { epoch: lastEpoch + 1, epochs: project.training.epochs }) : '';
      say(t(outcome.reason === 'completed' ? 'cli.trainedIn' : 'cli.stoppedIn', { seconds: (outcome.elapsedMs / 1000).toFixed(2), which, logs: formatLogs(outcome.finalLogs) }));
      // The run panel's words for the callbacks, in the call's language.
      const words = (key: string, vars?: Record<string, string | number>) => t(key as MessageKey, vars);
      if (outcome.reduceLrOnPlateau) say(describeReduceLr(outcome.reduceLrOnPlateau, words));
      if (outcome.earlyStopping) say(describeEarlyStopping(outcome.earlyStopping, project.training.epochs, words));
      if (outcome.keepBest) say(describeKeepBest(outcome.keepBest, words));
      const keptLogs = keptEarlier ? outcome.history.find((h) => h.epoch === kept) : undefined;
      if (keptLogs) say(t('cli.keptWeights', { epoch: keptLogs.epoch + 1, logs: formatLogs(keptLogs.logs) }));
      if (outcome.testLogs) say(t('cli.testLogs', { logs: formatLogs(outcome.testLogs) }));
      say(t('cli.outcome', { kind: t(`cli.kind.${said.kind}`), message: said.message + (keptEarlier ? t('cli.outcomeKeptEarlier', { epoch: kept + 1 }) : '') }));
      for (const cause of said.causes) say(t('cli.likelyCause', { cause: cause.message }));
      for (const remedy of said.remedies) say(t('cli.try', { remedy: remedy.label }));
      if (outputs) for (const line of describeOutputs(outputs, dataset)) io.out(line);
      if (tensorboard) say(t('cli.tensorboardLogs', { dir: tensorboard.runDir, command: `tensorboard --logdir ${JSON.stringify(resolve(options.tensorboard!))}` }));
      if (saved) say(t(imported ? 'cli.savedWithData' : 'cli.saved', { file: saved }));
      if (recorded) say(t(recorded.keepsWeights ? 'cli.recordedKept' : 'cli.recordedNotKept', { number: recorded.number, command: `neurite runs ${JSON.stringify(saved)}` }));
      if (saved && imported && imported.dataset.embedded === undefined) {
        say(t('cli.notEmbedded', { mb: EMBED_LIMIT_BYTES / 1024 / 1024 }));
      }
    }
    return ok ? EXIT.ok : EXIT.trainingFailed;
  } finally {
    disposeModel(model);
  }
}

/** The imported data in one or two lines, before training starts. */
function describeImported({ dataset, preview }: CsvImported, t: Translate): string[] {
  const info = datasetInfo(dataset);
  const label = dataset.columns.filter((c) => c.role === 'label').map((c) => c.name).join(', ');
  const ignored = dataset.columns.filter((c) => c.role === 'ignored').map((c) => c.name);
  const task = info.task === 'classification' ? t('cli.data.classification', { classes: info.numClasses ?? 0 }) : t('cli.data.regression');
  const source = dataset.sheet !== undefined ? t('cli.data.sheet', { sheet: JSON.stringify(dataset.sheet) }) : t('cli.data.delimiter', { delimiter: describeDelimiter(preview.delimiter) });
  return [
    t('cli.data.line', {
      file: dataset.file.name,
      rows: withThousands(dataset.rows),
      source,
      header: t(preview.header ? 'cli.data.header' : 'cli.data.noHeader'),
      label,
      task,
      features: withThousands(info.numFeatures),
      normalised: dataset.normalize ? t('cli.data.normalised') : '',
    }),
    ...(ignored.length > 0 ? [t('cli.data.ignored', { columns: ignored.join(', ') })] : []),
    ...(dataset.droppedRows ? [t('cli.data.dropped', { rows: withThousands(dataset.droppedRows) })] : []),
    ...decidedLines(dataset, preview, t),
  ];
}

/** Short words for what detection decided about how the file reads (the rest is on the Data line, or in `neurite inspect`). */
const DECIDED: Partial<Record<CsvDecision['kind'], MessageKey>> = {
  utf16: 'cli.data.decided.utf16',
  bom: 'cli.data.decided.bom',
  'sep-line': 'cli.data.decided.sepLine',
  'decimal-comma': 'cli.data.decided.decimalComma',
  thousands: 'cli.data.decided.thousands',
  'trailing-delimiter': 'cli.data.decided.trailingDelimiter',
};

/** What detection and the missing-value choices did to the file, one short line each (none when nothing). */
function decidedLines(dataset: CsvDataset, preview: CsvImported['preview'], t: Translate): string[] {
  const detected = [...new Set((preview.decisions ?? []).map((d) => DECIDED[d.kind]).filter((k): k is MessageKey => k !== undefined))].map((k) => t(k));
  const fills = Object.entries(dataset.transform.fills ?? {}).map(([column, value]) => {
    const strategy = dataset.columns.find((c) => c.name === column)?.missing ?? 'mean';
    const how = t(strategy === 'most-frequent' ? 'cli.data.fill.mostFrequent' : strategy === 'median' ? 'cli.data.fill.median' : 'cli.data.fill.mean');
    return t('cli.data.fill', { column, how, value: typeof value === 'number' ? Number(value.toPrecision(6)) : JSON.stringify(value) });
  });
  // A text feature with missing values and no strategy keeps "missing" as a category of its own.
  const kept = dataset.columns.filter((c, i) => c.role === 'feature' && c.type === 'categorical' && c.missing === undefined && (preview.columns[i]?.stats.missing ?? 0) > 0).map((c) => c.name);
  return [
    ...(detected.length > 0 ? [t('cli.data.detected', { what: detected.join(t('cli.listSeparator')) })] : []),
    ...(fills.length > 0 ? [t('cli.data.filled', { fills: fills.join(t('cli.listSeparator')) })] : []),
    ...(kept.length > 0 ? [t('cli.data.keptMissing', { columns: kept.join(', ') })] : []),
  ];
}

/** The flag that handles a column's missing values, for an import that stopped on one. */
function missingFlagHint(column: string, t: Translate): string {
  return t('cli.missingFlagHint', { flag: `--missing ${JSON.stringify(`${column}=STRATEGY`)}` });
}

/** The --json `data` field of `train --csv`. */
function importedSummary({ dataset, classCounts, preview }: CsvImported) {
  const info = datasetInfo(dataset);
  return {
    file: dataset.file,
    rows: dataset.rows,
    delimiter: dataset.delimiter,
    header: dataset.header,
    ...(dataset.sheet !== undefined ? { sheet: dataset.sheet } : {}),
    ...(dataset.text ? { text: dataset.text } : {}),
    ...(dataset.numberFormat ? { numberFormat: dataset.numberFormat } : {}),
    columns: dataset.columns,
    ...(dataset.droppedRows ? { droppedRows: dataset.droppedRows } : {}),
    ...(dataset.transform.fills ? { fills: dataset.transform.fills } : {}),
    ...(preview.decisions ? { decisions: preview.decisions } : {}),
    normalize: dataset.normalize,
    task: info.task,
    numFeatures: info.numFeatures,
    featureNames: info.featureNames,
    ...(info.classNames ? { classNames: info.classNames } : {}),
    ...(classCounts ? { classCounts } : {}),
    embedded: dataset.embedded !== undefined,
  };
}

/**
 * Writes the project with its dataset and the weights of this run, as the app's save does
 * (format stamp, 2-space JSON, atomic replace), the run added to its run history (issue 15).
 * Returns the absolute path written and the run as recorded.
 */
async function saveTrainedProject(
  file: string,
  project: Project,
  model: tf.LayersModel,
  outcome: TrainOutcome,
  report: RunReport,
): Promise<{ path: string; run: { id: string; number: number; keepsWeights: boolean } }> {
  const path = resolve(file);
  const trained = trainedSection(model, project, { reason: outcome.reason, history: outcome.history, ...(outcome.testLogs ? { test: outcome.testLogs } : {}) });
  // Issue 15: the run joins the project's run history with the trained weights as its own; the keep policy decides whether they stay.
  const record = makeRunRecord(project, report, project.runs ?? [], trained.weights);
  const runs = addRun(project.runs, record, project.runsBestBy);
  await writeProjectFile(path, { ...project, trained, runs });
  const kept = runs.find((r) => r.id === record.id);
  return { path, run: { id: record.id, number: record.number, keepsWeights: (kept?.weights?.length ?? 0) > 0 } };
}

