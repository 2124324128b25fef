import { getLayer } from '../layers';
import { renderTemplate, wordsFor, type MessageParams } from '../graph/problem-text';
import { base64ToBytes } from './base64';
import { MIGRATIONS, type ProjectDocument } from './migrations';
import { FORMAT, FORMAT_VERSION, ProjectSchema, type Project, type WeightTensor } from './schema';

/**
 * Issue 16: the loader's words, in English, written once. Each error and warning carries its id
 * (`messageId`) and `params` beside the English `message` rendered from them; the UI's dictionary
 * (src/shared/i18n/en.ts spreads this table, zh-CN translates it) renders the id. `{source}` is
 * the file's name, or (nested `sourceId`) "the file"/"the recovered project" in words; `{field}`
 * is the dotted path of the bad value, `{detail}` the JSON parser's or the schema's own words.
 */
export const PROJECT_LOAD_MESSAGES_EN = {
  'project.source.theFile': 'the file',
  'project.source.recovered': 'The recovered project',
  'project.source.template': 'Template {template}',
  'project.notJson': '{source} is not a Neurite project: it is not valid JSON ({detail}).',
  'project.notAProject': '{source} is not a Neurite project: expected "format": "{format}" at the top level.',
  'project.noFormatVersion': '{source} has no valid formatVersion: expected a whole number ≥ 1, got {got}.',
  'project.newerVersion': '{source} was saved by a newer Neurite (format version {version}; this version reads up to {supported}). Update Neurite to open it.',
  'project.noMigration': '{source}: no migration from format version {version}.',
  'project.invalidField': '{source} is not a valid Neurite project: field `{field}`: {detail}.',
  'project.invalidType': '{source} is not a valid Neurite project: field `{field}`: expected {expected}, got {got}.',
  'project.weightNotBase64': '{source} is not a valid Neurite project: field `{field}` (weight {weight}): expected base64 text, got text of length {length} that does not decode.',
  'project.weightSize': '{source} is not a valid Neurite project: field `{field}` (weight {weight}): expected {expected} float32 values for shape [{shape}], got {got}.',
  'project.unknownLayer':
    '{source}: node "{node}" has layer type "{type}", which this version of Neurite does not know. It is kept as it is, but the model cannot be trained until it is replaced.',
  // Reading the file (src/main/services/projects.ts), before parsing.
  'project.tooLarge': '{name} is {size} bytes; Neurite opens project files up to {max} bytes.',
  'project.gone': 'Could not read {name}: the file no longer exists.',
  'project.readFailed': 'Could not read {name}: {detail}.',
  'project.noTemplate': 'There is no template "{id}". Pick one from the template list.',
} as const;

export type ProjectLoadMessageId = keyof typeof PROJECT_LOAD_MESSAGES_EN;

/** Words of a loader message that needs no `{source}` (reading the file): id, params, English. */
export const projectWords = wordsFor(PROJECT_LOAD_MESSAGES_EN);

/** Why a project file could not be opened. `field` is the dotted path of the bad value, when there is one. */
export interface ProjectLoadError {
  code: 'not-json' | 'not-a-project' | 'newer-version' | 'invalid';
  message: string;
  /** Issue 16: `message` as data (PROJECT_LOAD_MESSAGES_EN). */
  messageId?: ProjectLoadMessageId;
  params?: MessageParams;
  field?: string;
}

/** Something in a file that loaded but needs the user's attention; the data is kept as it is. */
export interface ProjectLoadWarning {
  code: 'unknown-layer';
  message: string;
  messageId?: ProjectLoadMessageId;
  params?: MessageParams;
  nodeId: string;
  field: string;
}

/**
 * Where the file came from, as the `{source}` of the messages: a name is kept as it is; the
 * loader's own defaults are words (rendered in the UI's language through `sourceId`).
 */
function sourceParams(source: string): MessageParams {
  if (source === 'the file') return { sourceId: 'project.source.theFile' };
  if (source === 'The recovered project') return { sourceId: 'project.source.recovered' };
  const template = /^Template (.+)$/.exec(source);
  if (template) return { sourceId: 'project.source.template', template: template[1] };
  return { source };
}

function words(id: ProjectLoadMessageId, source: string, params: MessageParams = {}): { messageId: ProjectLoadMessageId; params: MessageParams; message: string } {
  const all = { ...sourceParams(source), ...params };
  return { messageId: id, params: all, message: renderTemplate(PROJECT_LOAD_MESSAGES_EN, id, all) };
}

/** The value at `path` in `data`, described as zod names types ("string", "number", "null", "array", "undefined"). */
function typeAt(data: unknown, path: readonly PropertyKey[]): string {
  let value: unknown = data;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export type ProjectLoadResult =
  | { ok: true; project: Project; warnings: ProjectLoadWarning[]; migratedFrom?: number }
  | { ok: false; error: ProjectLoadError };

export { MIGRATIONS };

/**
 * Parses and validates a project file's text, migrating older versions one step at a time.
 * Never throws; never runs anything in the file. Unknown layer types are kept and reported in
 * `warnings` (the canvas shows them as errors; saving keeps them), never dropped.
 */
export function parseProject(text: string, source = 'the file'): ProjectLoadResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail('not-json', words('project.notJson', source, { detail }));
  }
  return parseProjectData(data, source);
}

/** The same as `parseProject` for an already parsed JSON value. */
export function parseProjectData(data: unknown, source = 'the file'): ProjectLoadResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== FORMAT) {
    return fail('not-a-project', words('project.notAProject', source, { format: FORMAT }), 'format');
  }
  let doc = data as ProjectDocument;
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail('invalid', words('project.noFormatVersion', source, { got: String(JSON.stringify(version)) }), 'formatVersion');
  }
  if (version > FORMAT_VERSION) {
    return fail('newer-version', words('project.newerVersion', source, { version, supported: FORMAT_VERSION }), 'formatVersion');
  }
  for (let v = version; v < FORMAT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) return fail('invalid', words('project.noMigration', source, { version: v }), 'formatVersion');
    doc = { ...step(doc), formatVersion: v + 1 };
  }
  const parsed = ProjectSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.');
    // A wrong type names expected and got in words the dictionary can translate; other issues keep the schema's own words.
    const problem =
      issue.code === 'invalid_type'
        ? words('project.invalidType', source, { field, expected: String(issue.expected), got: typeAt(doc, issue.path) })
        : words('project.invalidField', source, { field, detail: issue.message });
    return fail('invalid', problem, field);
  }
  const project = parsed.data;
  const weightProblem = checkWeights(project, source);
  if (weightProblem) return { ok: false, error: weightProblem };
  return { ok: true, project, warnings: unknownLayers(project, source), ...(version < FORMAT_VERSION ? { migratedFrom: version } : {}) };
}

function checkWeights(project: Project, source: string): ProjectLoadError | null {
  const sections: { path: string; weights: WeightTensor[] }[] = [
    { path: 'trained.weights', weights: project.trained?.weights ?? [] },
    // Issue 15: the weights kept with run records are checked alike.
    ...(project.runs ?? []).map((run, r) => ({ path: `runs.${r}.weights`, weights: run.weights ?? [] })),
  ];
  for (const section of sections) {
    const problem = checkWeightList(section.weights, section.path, source);
    if (problem) return problem;
  }
  return null;
}

function checkWeightList(weights: WeightTensor[], path: string, source: string): ProjectLoadError | null {
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
    const field = `${path}.${i}.data`;
    const bytes = base64ToBytes(w.data);
    const expected = w.shape.reduce((a, b) => a * b, 1);
    if (!bytes) return { code: 'invalid', field, ...words('project.weightNotBase64', source, { field, weight: w.name, length: w.data.length }) };
    if (bytes.length !== expected * 4) {
      return {
        code: 'invalid',
        field,
        ...words('project.weightSize', source, { field, weight: w.name, expected, shape: w.shape.join(', '), got: bytes.length / 4 }),
      };
    }
  }
  return null;
}

function unknownLayers(project: Project, source: string): ProjectLoadWarning[] {
  const warnings: ProjectLoadWarning[] = [];
  project.graph.nodes.forEach((node, i) => {
    if (getLayer(node.type)) return;
    warnings.push({
      code: 'unknown-layer',
      nodeId: node.id,
      field: `graph.nodes.${i}.type`,
      ...words('project.unknownLayer', source, { node: node.id, type: node.type }),
    });
  });
  return warnings;
}

function fail(code: ProjectLoadError['code'], problem: ReturnType<typeof words>, field?: string): ProjectLoadResult {
  return { ok: false, error: { code, ...problem, ...(field ? { field } : {}) } };
}
