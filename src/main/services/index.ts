import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TemplateInfoSchema } from '../../shared/api/contract';
import { summarize } from '../../shared/graph/summary';
import { validateGraph } from '../../shared/graph/validate';
import { parseProject } from '../../shared/project/load';
import type { TrainerHost } from '../engine/trainer-host';
import { DataService } from '../data/service';
import type { Handlers } from './dispatch';
import { ServiceError } from './errors';
import { createProjectService, type ProjectService } from './projects';

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
}

/** The main-process implementation of the API contract, shared by the desktop and browser hosts. */
export function createServices(options: ServiceOptions): Handlers {
  const templatesDir = join(options.resourcesDir, 'templates');
  const projects = options.projects ?? createProjectService({ appVersion: options.appVersion });

  return {
    ...projects.handlers,
    'app.info': async () => ({ version: options.appVersion, host: options.host, platform: process.platform }),

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
        throw new ServiceError('not-found', `There is no template "${id}". Pick one from the template list.`);
      }
      const result = parseProject(text, `Template ${id}`);
      if (!result.ok) throw new ServiceError(result.error.code, result.error.message);
      return result.project;
    },

    'model.summary': async ({ graph }) => {
      const problems = validateGraph(graph);
      const hasErrors = problems.some((p) => p.severity === 'error');
      return { summary: hasErrors ? null : summarize(graph), problems };
    },

    'train.start': ({ project, resume }) => options.trainer.start(project, { resume }),
    'train.stop': ({ runId }) => options.trainer.stop(runId),
    'model.predict': ({ runId, inputs }) => options.trainer.predict(runId, inputs),
    'model.export': ({ runId }) => options.trainer.exportModel(runId),
    'model.load': ({ project }) => options.trainer.loadTrained(project),
    ...(options.data ?? new DataService()).handlers(),
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
