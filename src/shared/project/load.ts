import { FORMAT, FORMAT_VERSION, ProjectSchema, type Project } from './schema';

/** Why a project file could not be opened. `field` is the dotted path of the bad value, when there is one. */
export interface ProjectLoadError {
  code: 'not-json' | 'not-a-project' | 'newer-version' | 'invalid';
  message: string;
  field?: string;
}

export type ProjectLoadResult = { ok: true; project: Project; migratedFrom?: number } | { ok: false; error: ProjectLoadError };

/**
 * One function per format step: MIGRATIONS[n] turns a version-n file into version n+1.
 * Empty while the format is at version 1; every bump adds a step and a fixture of the old version.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/** Parses and validates a project file's text. Never throws; never runs anything in the file. */
export function parseProject(text: string, source = 'the file'): ProjectLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('not-json', `${source} is not a Neurite project: it is not valid JSON (${detail}).`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== FORMAT) {
    return fail('not-a-project', `${source} is not a Neurite project: expected "format": "${FORMAT}" at the top level.`, 'format');
  }
  let doc = data as Record<string, unknown>;
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('invalid', `${source} has no valid formatVersion: expected a whole number ≥ 1, got ${JSON.stringify(version)}.`, 'formatVersion');
  }
  if (version > FORMAT_VERSION) {
    return fail(
      'newer-version',
      `${source} was saved by a newer Neurite (format version ${version}; this version reads up to ${FORMAT_VERSION}). Update Neurite to open it.`,
      'formatVersion',
    );
  }
  for (let v = version; v < FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail('invalid', `${source}: no migration from format version ${v}.`, 'formatVersion');
    doc = { ...step(doc), formatVersion: v + 1 };
  }
  const parsed = ProjectSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    return fail('invalid', `${source} is not a valid Neurite project: field \`${field}\`: ${issue.message}.`, field);
  }
  return { ok: true, project: parsed.data, ...(version < FORMAT_VERSION ? { migratedFrom: version } : {}) };
}

function fail(code: ProjectLoadError['code'], message: string, field?: string): ProjectLoadResult {
  return { ok: false, error: { code, message, ...(field ? { field } : {}) } };
}
