import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateInfoSchema } from '../../shared/api/contract';
import { parseProject, projectWords } from '../../shared/project/load';
import type { TrainerHost } from '../engine/trainer-host';
import { DataService } from '../data/service';
import type { Handlers } from './dispatch';
import { ServiceError } from './errors';
import { createProjectService, type ProjectService } from './projects';
import { TrainedStore } from './trained-store';
import type { UiLanguage } from '../ui-language';
import { tensorboardRunDir } from '../engine/tensorboard/run-dir';
import { trainedRef } from '../../shared/project/wire';
import { PackageResultError, packageResultRecord, readPackageLog, type ResultSource } from '../engine/package-result';

export interface ServiceOptions {
  host: 'desktop' | 'web';
  appVersion: string;
  /** Folder holding `templates/`. */
  resourcesDir: string;
  trainer: TrainerHost;
  /** CSV import; a default one (no file dialog, no progress events) when absent. */
  data?: DataService;
  /** Project files, recent list, crash backup, model import; a dialog-less one (browser host) when absent. */
  projects?: ProjectService;
  /** Trained weights kept by reference; shared with `projects` (pass the same one to both). */
  trained?: TrainedStore;
  /** Issue 15: the folder runs write TensorBoard logs under when `train.start` asks (one sub-folder per run); absent = refused. */
  tensorboardDir?: string;
  /** Issue 18, desktop only: main's native dialog for a training package's result folder (null when cancelled); absent = `runs.importPackage` takes uploads only. */
  pickResultFolder?: () => Promise<string | null>;
  /** Issue 16: main's copy of the UI language, set by `app.setLanguage` (the desktop shell rebuilds its menu on change); absent = the call is accepted and changes nothing (browser host). */
  language?: UiLanguage;
}

/** The main-process implementation of the API contract, shared by the desktop and browser hosts. */
export function createServices(options: ServiceOptions): Handlers {
  const templatesDir = join(options.resourcesDir, 'templates');
  const trained = options.trained ?? options.projects?.trained ?? new TrainedStore();
  const projects = options.projects ?? createProjectService({ appVersion: options.appVersion, trained, language: options.language });
  const data = options.data ?? new DataService();

  return {
    ...projects.handlers,
    'app.info': async () => ({ version: options.appVersion, host: options.host, platform: process.platform }),
    'app.setLanguage': async ({ language }) => {
      options.language?.set(language);
      return {};
    },

    'engine.backend': () => options.trainer.backend(),

    'templates.list': async () => {
      const index = JSON.parse(await readFile(join(templatesDir, 'index.json'), 'utf8')) as unknown;
      return TemplateInfoSchema.array().parse(index);
    },

    'templates.get': async ({ id }) => {
      let text: string;
      try {
        text = await readFile(join(templatesDir, `${id}.neurite`), 'utf8');
      } catch {
        const words = projectWords('project.noTemplate', { id });
        throw new ServiceError('not-found', words.message, undefined, words);
      }
      const result = parseProject(text, `Template ${id}`);
      if (!result.ok) throw new ServiceError(result.error.code, result.error.message, undefined, result.error.messageId ? { messageId: result.error.messageId, params: result.error.params } : undefined);
      return result.project;
    },

    // A fresh run needs no weights: only resuming resolves the reference (and fails if it is gone).
    'train.start': ({ project, resume, tensorboard }) => {
      // The trainer needs the model, settings and data: never the run history (issue 15), which may be large.
      const { trained: saved, runs: _runs, sweeps: _sweeps, ...rest } = project;
      let logs: { runDir: string; logDir: string } | undefined;
      if (tensorboard) {
        if (!options.tensorboardDir) throw new ServiceError('no-tensorboard-dir', 'This host has no folder for TensorBoard logs. Train without them, or use `neurite train --tensorboard DIR`.');
        logs = { runDir: tensorboardRunDir(options.tensorboardDir, project.name), logDir: options.tensorboardDir };
      }
      return options.trainer.start(resume && saved ? { ...rest, trained: trained.resolve(saved) } : rest, { resume, ...(logs ? { tensorboard: logs } : {}) });
    },
    'train.stop': ({ runId }) => options.trainer.stop(runId),
    // issue 15: learning-rate finder. A fresh model, so the saved weights stay behind, as for a fresh run.
    'train.findLearningRate': ({ project, startLr, endLr, steps }) => {
      const { trained: _saved, ...rest } = project;
      return options.trainer.findLearningRate(rest, { startLr, endLr, steps });
    },
    'train.stopLearningRateFinder': async () => options.trainer.stopLearningRateFinder(),
    'model.predict': ({ runId, inputs }) => options.trainer.predict(runId, inputs),
    'model.export': async ({ runId }) => {
      const { modelJson, weightData, preprocessing } = await options.trainer.exportModel(runId);
      return { modelJson, weightData, preprocessing };
    },
    'model.exportOnnx': ({ runId }) => options.trainer.exportOnnx(runId),
    // issue 14: interop/feature maps
    'model.activations': ({ runId, input }) => options.trainer.activations(runId, input),
    'code.imageData': ({ dataset, stem }) => options.trainer.codeImageData(dataset, stem),
    // issue 16: inside the model
    'model.weights': ({ runId, nodeId }) => options.trainer.weights(runId, nodeId),
    // Issue 15: every run the app keeps becomes a run record's weights too, so they are held (not evicted by count).
    'model.keep': async ({ runId }) => trained.put((await options.trainer.exportModel(runId)).trained, { held: true }),
    'model.release': async ({ refs }) => ({ released: trained.release(refs) }),
    // issue 18: train at scale
    'code.packageData': ({ dataset, stem }) => options.trainer.codePackageData(dataset, stem),
    'model.load': async ({ project: withRuns }) => {
      // Only the `trained` section's weights are loaded: the runs' kept weights stay where they are.
      const { runs: _runs, sweeps: _sweeps, ...project } = withRuns;
      const full = trained.resolveProject(project);
      const { runId } = await options.trainer.loadTrained(full);
      // A reference comes back with its counts (a restored run's reference arrives without them).
      return { runId, trained: project.trained && 'ref' in project.trained ? trainedRef(full.trained!, project.trained.ref) : trained.put(full.trained!) };
    },
    // issue 18: import training run
    'runs.importPackage': async ({ project: withRuns, source: from }) => {
      let source: ResultSource = { files: {} };
      if (from.kind === 'folder') {
        if (!options.pickResultFolder) throw new ServiceError('unsupported', 'This host has no folder dialog; upload the three files train.py wrote (training-log.jsonl, model.json, weights.bin).');
        const dir = await options.pickResultFolder();
        if (!dir) return { imported: null };
        source = { dir };
      }
      try {
        if (from.kind === 'uploads') source = { files: data.uploadedFiles(from.uploadIds) };
        // The project as main checks it: the trained section and run weights are not needed (hashes and the graph are).
        const { trained: _trained, runs, sweeps: _sweeps, ...project } = withRuns;
        // The light half here (the log's JSON, the hashes: a clear refusal before the trainer is asked), the heavy half in the trainer.
        const log = await readPackageLog(project, source);
        const weights = await options.trainer.packageResult(project, source);
        const { record } = packageResultRecord(project, log, weights.outcomeKind, runs ?? []);
        const ref = trained.put(weights.trained, { held: true });
        return { imported: { record: { ...record, weightsRef: ref.ref }, trained: ref } };
      } catch (error) {
        if (error instanceof PackageResultError) throw new ServiceError(error.code, error.message, error.details);
        throw error;
      } finally {
        if (from.kind === 'uploads') await data.discardUploads(from.uploadIds);
      }
    },
    ...data.handlers(),
  };
}

/** Reads the app version from package.json, found relative to the built bundle (out/main) or the source tree. */
export async function readAppVersion(candidates: string[]): Promise<string> {
  for (const path of candidates) {
    try {
      const pkg = JSON.parse(await readFile(path, 'utf8')) as { version?: string };
      if (pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
