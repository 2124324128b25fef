import { mkdir, readFile, realpath, stat } from 'node:fs/promises';
import { cliT } from './language';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import * as tf from '@tensorflow/tfjs';
import { IMPORT_DEFAULTS, importModelFile, weightFilePaths } from '../../shared/import/layers-model';
import { toKerasPython, toTfjsTypeScript, CodegenError } from '../../shared/codegen';
import { imageDataFiles } from '../../shared/codegen/image-data';
import { loadRawImages } from '../data/load-images';
import { validateGraph } from '../../shared/graph/validate';
import { planGraph } from '../../shared/graph/plan';
import { preprocessingFor } from '../../shared/data/preprocess';
import { savedWeightsUsable, trainedStatus } from '../../shared/project/trained';
import type { Project } from '../../shared/project/schema';
import { initBackend } from '../engine/backend';
import { buildModel } from '../engine/compile';
import { exportLayersModel, type ExportPreprocessing, type UnfoldableReason } from '../engine/export-model';
import { exportOnnx } from '../engine/export-onnx';
import { TrainingPackageError, trainingPackageFiles, type PackageFile } from '../engine/training-package';
import { disposeModel, loadTrainedModel } from '../engine/run-project';
import { writeFileAtomic } from '../files/atomic-write';
import { readPreprocessingCompanion } from '../files/model-companions';
import { preprocessingFileName } from '../../shared/import/neurite-metadata';
import { readAppVersion } from '../services/index';
import { EXIT, loadProject, type CliIo } from './run';

/**
 * `neurite import MODEL.json --out PROJECT.neurite` and `neurite export PROJECT.neurite --format
 * tfjs|onnx|keras|ts --out PATH`: model files in and out on the command line, with the same
 * functions the app uses (importModelFile; exportLayersModel, exportOnnx, the code generators),
 * in this process (plain Node, no trainer process).
 */

/** The export formats, with what `--out` names for each. */
export const EXPORT_FORMATS = ['tfjs', 'onnx', 'keras', 'ts', 'keras-distributed'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Formats that write a folder (`--out` names it) rather than a file. */
type FolderFormat = 'tfjs' | 'keras-distributed';
type FileFormat = Exclude<ExportFormat, FolderFormat>;
const DEFAULT_FILE: Record<FileFormat, string> = { onnx: 'model.onnx', keras: 'model.py', ts: 'model.ts' };
const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';
const PREPROCESSING_JSON = 'preprocessing.json';

/** Why the preprocessing stayed outside the model, as the app's export says it (i18n export.unfoldable.*). */
const UNFOLDABLE: Record<UnfoldableReason, string> = {
  categorical: 'category names must be one-hot encoded first',
  'missing-values': 'missing values must be filled in first (the impute step)',
  'not-dense': 'the first layer after the Input is not a Dense layer, so the normalisation cannot be built into it',
  'no-bias': 'the first Dense layer has no bias, so the normalisation cannot be built into it',
  'several-inputs': 'the model has several inputs',
  'input-shape': "the Input's last axis is not a multiple of the image channels, so the per-channel pixel scaling cannot be put in front of it",
};

/** A scale or offset list as the CLI prints it: one value, or the first few. */
function formatList(values: number[]): string {
  const shown = values.slice(0, 3).map((v) => String(Number(v.toPrecision(6))));
  return values.length === 1 ? shown[0] : `[${shown.join(', ')}${values.length > 3 ? `, … (${values.length})` : ''}]`;
}

function describePreprocessing(p: ExportPreprocessing, fileName: string): string | null {
  if (p.kind === 'none') return null;
  if (p.kind === 'folded') return `Preprocessing: the z-score is folded into ${p.layers.join(', ')}; the model takes raw rows.`;
  if (p.kind === 'rescaling') return `Preprocessing: the pixel scaling is the model's first layer (${p.layer}, Rescaling x * ${formatList(p.scale)} + ${formatList(p.offset)}); the model takes raw pixels, as in the image files.`;
  return `Preprocessing: ${fileName} holds the steps to apply before predicting (${UNFOLDABLE[p.reason]}).`;
}

/** A failure of import/export: its exit code, a stable code for --json, and the message. */
class ModelFileError extends Error {
  constructor(
    readonly exitCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function fail(error: unknown, json: boolean, io: CliIo): number {
  const e = error instanceof ModelFileError ? error : new ModelFileError(EXIT.badProject, 'failed', error instanceof Error ? error.message : String(error));
  if (json) io.out(JSON.stringify({ ok: false, error: e.code, message: e.message }));
  else io.err(`neurite: ${e.message}`);
  return e.exitCode;
}

async function appVersion(): Promise<string> {
  // __dirname is out/main (or out/main/chunks) in the built command line.
  return readAppVersion([join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]);
}

/**
 * Makes sure `folder` exists: walks up to the nearest existing ancestor (which must be a folder)
 * and creates each missing level itself, adding it to `created` (the output says so). Node's
 * `mkdir({ recursive: true })` is not used: under a file system that refuses a folder with ENOENT
 * (/proc) it retries the same parent for ever. Throws a ModelFileError naming the path.
 */
async function ensureFolder(folder: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    const found = await stat(at).catch((error: NodeJS.ErrnoException) => error);
    if (!(found instanceof Error)) {
      if (!found.isDirectory()) throw new ModelFileError(EXIT.badProject, 'write-failed', `Cannot write into ${folder}: ${at} is a file, not a folder. Choose another --out.`);
      break;
    }
    if (found.code !== 'ENOENT' || dirname(at) === at) throw new ModelFileError(EXIT.badProject, 'write-failed', `Cannot write into ${folder}: ${found.message}.`);
    missing.unshift(at);
  }
  for (const at of missing) {
    try {
      await mkdir(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && (await stat(at).then((s) => s.isDirectory()).catch(() => false))) continue;
      throw new ModelFileError(EXIT.badProject, 'write-failed', `Cannot create the folder ${at}: ${(error as Error).message}. Choose another --out.`);
    }
    created.push(at);
  }
}

async function writeOut(path: string, data: Uint8Array | string, created: string[]): Promise<void> {
  await ensureFolder(dirname(path), created);
  try {
    await writeFileAtomic(path, data);
  } catch (error) {
    throw new ModelFileError(EXIT.badProject, 'write-failed', `Cannot write ${path}: ${(error as Error).message}`);
  }
}

/**
 * The weight files a model.json names, read from its folder and concatenated in manifest order,
 * with the app's rule (src/main/services/projects.ts importModelAt): a file outside the folder is
 * not read, a missing one leaves the model untrained; both said in `warnings`.
 */
async function readWeightFiles(modelPath: string, modelJson: unknown, warnings: string[]): Promise<Uint8Array | null> {
  const folder = dirname(modelPath);
  const realFolder = await realpath(folder).catch(() => folder);
  const chunks: Uint8Array[] = [];
  for (const relative of weightFilePaths(modelJson)) {
    const weightPath = resolve(folder, relative);
    const realWeight = await realpath(weightPath).catch(() => weightPath);
    if (!weightPath.startsWith(folder + sep) || relative.includes('..') || !realWeight.startsWith(realFolder + sep)) {
      warnings.push(`Weight file ${relative} is outside the model's folder and was not read; the model was imported without weights.`);
      return null;
    }
    try {
      chunks.push(await readFile(weightPath));
    } catch {
      warnings.push(`Weight file ${relative} was not found beside ${basename(modelPath)} (looked for ${weightPath}); the model was imported without weights.`);
      return null;
    }
  }
  return chunks.length ? new Uint8Array(Buffer.concat(chunks)) : null;
}

/** `neurite import`: a model.json (and its weight files) as a project file. */
export async function runImport(file: string, flags: { out: string; json?: boolean }, io: CliIo): Promise<number> {
  const json = flags.json ?? false;
  try {
    const modelPath = resolve(file);
    let text: string;
    try {
      text = await readFile(modelPath, 'utf8');
    } catch (error) {
      throw new ModelFileError(EXIT.usage, 'not-found', `Cannot read ${file}: ${(error as Error).message}`);
    }
    let modelJson: unknown;
    try {
      modelJson = JSON.parse(text);
    } catch (error) {
      throw new ModelFileError(EXIT.usage, 'not-a-model', `${file} is not a model.json: ${(error as Error).message}.`);
    }
    const readWarnings: string[] = [];
    const weightData = await readWeightFiles(modelPath, modelJson, readWarnings);
    const base = IMPORT_DEFAULTS;
    const preprocessing = await readPreprocessingCompanion(modelPath, preprocessingFileName(modelJson));
    const result = importModelFile(modelJson, weightData, { appVersion: await appVersion(), base, preprocessing });
    if (!result.ok) throw new ModelFileError(EXIT.usage, result.error.code, `${file}: ${result.error.message}`);
    const { project } = result;
    // A weight file not read is said once, with its reason (importModelFile's generic line would repeat it).
    const warnings = readWarnings.length ? [...readWarnings, ...result.warnings.filter((w) => !w.startsWith('The weight files ('))] : result.warnings;
    const out = resolve(flags.out);
    const created: string[] = [];
    await writeOut(out, `${JSON.stringify(project, null, 2)}\n`, created);
    const layers = project.graph.nodes.length;
    const fit = result.model.fit ? 'from-file' : 'defaults';
    const training = result.model.training ? 'from-file' : 'defaults';
    const weights = project.trained ? 'trained' : 'untrained';
    if (json) {
      io.out(JSON.stringify({ ok: true, project: out, name: project.name, layers, weights, training, fit, ...(created.length ? { createdFolders: created } : {}), warnings }));
    } else {
      const tr = cliT(io);
      // The import's warnings (src/shared/import) are English until they carry message ids.
      for (const w of warnings) io.err(`neurite: ${tr('cli.warning', { message: w })}`);
      for (const folder of created) io.out(tr('cli.createdFolder', { folder }));
      io.out(tr(weights === 'trained' ? 'cli.import.importedTrained' : 'cli.import.importedUntrained', { file, out, name: project.name, layers }));
      io.out(
        training === 'from-file'
          ? tr('cli.import.trainingFromFile', { loss: project.training.loss, optimizer: project.training.optimizer.type, lr: Number(project.training.optimizer.learningRate.toPrecision(7)) })
          : tr('cli.import.trainingDefaults'),
      );
      const t = project.training;
      if (fit === 'from-file') {
        io.out(tr('cli.import.fitFromFile', { epochs: t.epochs, batchSize: t.batchSize, validationSplit: t.validationSplit, splitMode: t.splitMode, testSplit: t.testSplit, shuffle: String(t.shuffle), seed: t.seed ?? tr('cli.import.seedRandom') }));
      }
      if (warnings.length) io.out(tr('cli.import.warningCount', { count: warnings.length }));
    }
    return EXIT.ok;
  } catch (error) {
    return fail(error, json, io);
  }
}

/** The project's model with its trained weights, or untrained (initial weights) when it has none; refuses weights that no longer fit. */
function modelOf(project: Project): { model: tf.LayersModel; trained: boolean } {
  if (project.trained) {
    try {
      return { model: loadTrainedModel(project).model, trained: true };
    } catch (error) {
      throw new ModelFileError(EXIT.badProject, (error as { code?: string }).code ?? 'load-failed', `${(error as Error).message} (neurite train PROJECT --save PROJECT trains it.)`);
    }
  }
  return { model: buildModel(project.graph, { seed: project.training.seed }), trained: false };
}

interface Exported {
  files: string[];
  trained: boolean;
  notes: string[];
  preprocessing?: ExportPreprocessing;
  training?: { kind: 'written' } | { kind: 'omitted'; reason: string };
}

async function exportTfjs(project: Project, out: string, created: string[]): Promise<Exported> {
  await initBackend();
  const { model, trained } = modelOf(project);
  try {
    const { modelJson, weightData, preprocessing, training } = await exportLayersModel(model, WEIGHTS_BIN, { pipeline: preprocessingFor(project.dataset), plan: planGraph(project.graph) }, project.training);
    const files = [join(out, MODEL_JSON), join(out, WEIGHTS_BIN)];
    await writeOut(files[0], JSON.stringify(modelJson), created);
    await writeOut(files[1], new Uint8Array(weightData), created);
    if (preprocessing.kind === 'file') {
      files.push(join(out, PREPROCESSING_JSON));
      await writeOut(files[2], JSON.stringify(preprocessing.json, null, 1), created);
    }
    const notes = [
      ...(trained ? [] : ['untrained: the project has no trained weights; weights.bin holds the initial (untrained) weights.']),
      ...(training.kind === 'omitted' ? [`Training settings: ${training.reason}`] : []),
    ];
    return { files, trained, notes, preprocessing, training };
  } finally {
    disposeModel(model);
  }
}

async function exportOnnxFile(project: Project, out: string, created: string[]): Promise<Exported> {
  const status = trainedStatus(project);
  if (!project.trained) {
    throw new ModelFileError(EXIT.badProject, 'no-weights', 'There is no trained model to export as ONNX: the project has no trained weights. Train it first (neurite train PROJECT --save PROJECT), or export the architecture with --format tfjs, keras or ts.');
  }
  if (!savedWeightsUsable(status)) {
    throw new ModelFileError(EXIT.badProject, 'weights-stale', 'The saved weights were trained on an earlier version of this graph (a layer or a connection changed since): train the model again (neurite train PROJECT --save PROJECT).');
  }
  let onnx;
  try {
    onnx = exportOnnx(project, project.trained.weights, { producerVersion: project.appVersion });
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'export-failed';
    throw new ModelFileError(code === 'invalid-graph' ? EXIT.invalidGraph : EXIT.badProject, code, (error as Error).message);
  }
  const files = [out];
  await writeOut(out, onnx.bytes, created);
  if (onnx.notes.preprocessing.kind === 'file') {
    files.push(onnxPreprocessingPath(out));
    await writeOut(files[1], JSON.stringify(onnx.notes.preprocessing.json, null, 1), created);
  }
  const notes = status.state === 'stale' ? [`note: the saved weights were trained before the ${status.changed.join(' and ')} changed.`] : [];
  return { files, trained: true, notes, preprocessing: onnx.notes.preprocessing };
}

async function exportScript(project: Project, format: 'keras' | 'ts', out: string, projectFile: string, created: string[]): Promise<Exported> {
  // As the app's "Export Python/TypeScript": code carries no weights; the script trains the model, and --predict reads them from the project.
  const { trained: _weights, ...architecture } = project;
  let text: string;
  // Image data (issue 14): the script reads the raw images and labels from .npy files named after it, written beside it.
  const stem = basename(out, extname(out));
  try {
    text = format === 'keras' ? toKerasPython(architecture, { dataStem: stem }) : toTfjsTypeScript(architecture, { dataStem: stem });
  } catch (error) {
    if (error instanceof CodegenError) throw new ModelFileError(EXIT.invalidGraph, 'codegen-failed', error.message);
    throw error;
  }
  const files = [out];
  if (project.dataset.kind === 'images') {
    let data: { name: string; bytes: Uint8Array }[];
    try {
      data = imageDataFiles(project.dataset, loadRawImages(project.dataset), stem);
    } catch (error) {
      throw new ModelFileError(EXIT.badProject, 'images-unavailable', `The script needs the project's images beside it: ${(error as Error).message}`);
    }
    for (const f of data) {
      const path = join(dirname(out), f.name);
      await writeOut(path, f.bytes, created);
      files.push(path);
    }
  }
  await writeOut(out, text, created);
  const run = format === 'keras' ? `python ${basename(out)}` : `npx tsx ${basename(out)}`;
  const notes = project.trained
    ? [`The script carries no weights: ${run} trains the model; ${run} --predict ${projectFile} --input … predicts with the project's trained weights.`]
    : [`untrained: the project has no trained weights; ${run} trains the model.`];
  if (files.length > 1) notes.push(`The images and labels it trains on: ${files.slice(1).map((f) => basename(f)).join(' and ')} (NumPy .npy, raw pixels), beside the script.`);
  return { files, trained: !!project.trained, notes };
}

/** Issue 18: the training package (train.py, README.md and the data) into the folder `out`. */
async function exportTrainingPackage(project: Project, out: string, projectFile: string, created: string[]): Promise<Exported> {
  const { trained: _weights, ...architecture } = project;
  let files: PackageFile[];
  try {
    files = trainingPackageFiles(architecture, await appVersion());
  } catch (error) {
    if (error instanceof CodegenError) throw new ModelFileError(EXIT.invalidGraph, 'codegen-failed', error.message);
    if (error instanceof TrainingPackageError) throw new ModelFileError(EXIT.badProject, error.code, error.message);
    throw error;
  }
  const paths: string[] = [];
  for (const f of files) {
    const path = join(out, f.name);
    await writeOut(path, f.data, created);
    paths.push(path);
  }
  const notes = [
    `Train it: cd ${out} && python train.py [--strategy mirrored|multi-worker] (README.md: TF_CONFIG for a cluster); it writes result/model.json, result/weights.bin and result/training-log.jsonl.`,
    `Bring the run back: neurite import-run ${projectFile} ${join(out, 'result')} --save ${projectFile}`,
  ];
  return { files: paths, trained: false, notes };
}

const EXTENSION: Record<FileFormat, string> = { onnx: '.onnx', keras: '.py', ts: '.ts' };

/**
 * Where a file format writes: the default name inside `out` when it is a folder (exists as one,
 * or ends with a slash); else `out`, with the format's extension appended when it has none
 * (`exp-onnx` → `exp-onnx.onnx`; `appended` says so).
 */
async function fileTarget(out: string, format: FileFormat): Promise<{ path: string; appended: boolean }> {
  const path = resolve(out);
  const isFolder = out.endsWith('/') || out.endsWith(sep) || (await stat(path).then((s) => s.isDirectory()).catch(() => false));
  if (isFolder) return { path: join(path, DEFAULT_FILE[format]), appended: false };
  return extname(path) === '' ? { path: `${path}${EXTENSION[format]}`, appended: true } : { path, appended: false };
}

/** An ONNX export's preprocessing file: named after the model file (`house.onnx` → `house.preprocessing.json`), so two exports in one folder keep theirs. */
export function onnxPreprocessingPath(onnxPath: string): string {
  return join(dirname(onnxPath), `${basename(onnxPath, extname(onnxPath))}.${PREPROCESSING_JSON}`);
}

/** `neurite export`: the project's model as a TF.js layers model, ONNX, or a Keras / TF.js script. */
export async function runExport(file: string, flags: { format: ExportFormat; out: string; json?: boolean }, io: CliIo): Promise<number> {
  const json = flags.json ?? false;
  try {
    const loaded = loadProject(file, cliT(io));
    if (!loaded.ok) throw new ModelFileError(EXIT.badProject, 'bad-project', json ? loaded.message : loaded.text);
    const project = loaded.project;
    const errors = validateGraph(project.graph).filter((p) => p.severity === 'error');
    if (errors.length) {
      throw new ModelFileError(EXIT.invalidGraph, 'invalid-graph', `The model cannot be exported: its graph is invalid:\n${errors.slice(0, 5).map((p) => `  ${p.nodeId ? `node ${p.nodeId}: ` : ''}${p.message}`).join('\n')}`);
    }
    let exported: Exported;
    const created: string[] = [];
    const target = flags.format === 'tfjs' || flags.format === 'keras-distributed' ? null : await fileTarget(flags.out, flags.format);
    if (flags.format === 'tfjs') exported = await exportTfjs(project, resolve(flags.out), created);
    else if (flags.format === 'keras-distributed') exported = await exportTrainingPackage(project, resolve(flags.out), file, created);
    else if (flags.format === 'onnx') exported = await exportOnnxFile(project, target!.path, created);
    else exported = await exportScript(project, flags.format as 'keras' | 'ts', target!.path, file, created);
    const pathNotes = [
      ...created.map((folder) => `Created the folder ${folder}.`),
      ...(target?.appended ? [`--out ${flags.out} has no extension: wrote ${basename(target.path)}.`] : []),
    ];
    const preprocessingNote = exported.preprocessing ? describePreprocessing(exported.preprocessing, basename(exported.files[exported.files.length - 1])) : null;
    if (json) {
      const preprocessing = exported.preprocessing?.kind === 'file' ? { kind: 'file', reason: exported.preprocessing.reason } : exported.preprocessing;
      io.out(
        JSON.stringify({
          ok: true,
          format: flags.format,
          files: exported.files,
          weights: exported.trained ? 'trained' : 'untrained',
          ...(preprocessing ? { preprocessing } : {}),
          ...(exported.training ? { training: exported.training } : {}),
          ...(created.length ? { createdFolders: created } : {}),
          notes: [...pathNotes, ...exported.notes],
        }),
      );
    } else {
      const tr = cliT(io);
      const what = tr(flags.format === 'keras' || flags.format === 'ts' ? 'cli.export.script' : flags.format === 'keras-distributed' ? 'cli.export.package' : exported.trained ? 'cli.export.trained' : 'cli.export.untrained');
      io.out(tr('cli.export.exported', { file, format: flags.format, what, files: exported.files.join(', ') }));
      for (const note of [...pathNotes, preprocessingNote, ...exported.notes]) if (note) io.out(note);
    }
    return EXIT.ok;
  } catch (error) {
    return fail(error, json, io);
  }
}

function parseFormat(value: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  // commander reports this as "option '--format <format>' argument 'x' is invalid. …" with the usage exit code.
  throw new InvalidArgumentError(`expected one of ${EXPORT_FORMATS.join(', ')}; got "${value}".`);
}

/** Adds `import` and `export` to the program; each action hands its run's exit code to `done`. */
export function addModelCommands(program: Command, io: CliIo, done: (code: Promise<number>) => void, exitCodes: string): void {
  program
    .command('import')
    .description(cliT(io)('cli.cmd.import'))
    .argument('<model>', cliT(io)('cli.arg.model'))
    .requiredOption('--out <file>', cliT(io)('cli.opt.import.out'))
    .option('--json', cliT(io)('cli.opt.json'))
    .addHelpText('after', '\n' + cliT(io)('cli.notes.import') + '\n' + exitCodes)
    .action(async (file: string, flags: { out: string; json?: boolean }) => {
      done(runImport(file, flags, io));
    });

  program
    .command('export')
    .description(cliT(io)('cli.cmd.export'))
    .argument('<project>', cliT(io)('cli.arg.project'))
    .requiredOption('--format <format>', cliT(io)('cli.opt.export.format', { formats: EXPORT_FORMATS.join(', ') }), parseFormat)
    .requiredOption('--out <path>', cliT(io)('cli.opt.export.out'))
    .option('--json', cliT(io)('cli.opt.json'))
    .addHelpText('after', '\n' + cliT(io)('cli.notes.export') + '\n' + exitCodes)
    .action(async (file: string, flags: { format: ExportFormat; out: string; json?: boolean }) => {
      done(runExport(file, flags, io));
    });
}
