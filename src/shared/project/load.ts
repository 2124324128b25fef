import { getLayer } from '../layers';
import { base64ToBytes } from './base64';
import { MIGRATIONS, type ProjectDocument } from './migrations';
import { FORMAT, FORMAT_VERSION, ProjectSchema, type Project, type WeightTensor } from './schema';

/** Why a project file could not be opened. `field` is the dotted path of the bad value, when there is one. */
export interface ProjectLoadError {
  code: 'not-json' | 'not-a-project' | 'newer-version' | 'invalid';
  message: string;
  field?: string;
}

/** Something in a file that loaded but needs the user's attention; the data is kept as it is. */
export interface ProjectLoadWarning {
  code: 'unknown-layer';
  message: string;
  nodeId: string;
  field: string;
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
    return fail('not-json', `${source} is not a Neurite project: it is not valid JSON (${detail}).`);
  }
  return parseProjectData(data, source);
}

/** The same as `parseProject` for an already parsed JSON value. */
export function parseProjectData(data: unknown, source = 'the file'): ProjectLoadResult {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || (data as { format?: unknown }).format !== FORMAT) {
    return fail('not-a-project', `${source} is not a Neurite project: expected "format": "${FORMAT}" at the top level.`, 'format');
  }
  let doc = data as ProjectDocument;
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
    if (!bytes) return { code: 'invalid', field, message: `${source} is not a valid Neurite project: field \`${field}\` (weight ${w.name}): expected base64 text, got text of length ${w.data.length} that does not decode.` };
    if (bytes.length !== expected * 4) {
      return {
        code: 'invalid',
        field,
        message: `${source} is not a valid Neurite project: field \`${field}\` (weight ${w.name}): expected ${expected} float32 values for shape [${w.shape.join(', ')}], got ${bytes.length / 4}.`,
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
      message: `${source}: node "${node.id}" has layer type "${node.type}", which this version of Neurite does not know. It is kept as it is, but the model cannot be trained until it is replaced.`,
    });
  });
  return warnings;
}

function fail(code: ProjectLoadError['code'], message: string, field?: string): ProjectLoadResult {
  return { ok: false, error: { code, message, ...(field ? { field } : {}) } };
}
