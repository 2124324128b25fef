import type { Graph } from '../../../shared/graph/types';
import { LANGUAGES, translator, type Language } from '../../../shared/i18n/translate';
import { defaultOptimizerSettings } from '../../../shared/optimizers';
import { FORMAT, FORMAT_VERSION, type DatasetSpec, type RunsBestBy, type Sweep, type TrainingSettings } from '../../../shared/project/schema';
import type { WireProject, WireRunRecord, WireTrained } from '../../../shared/project/wire';

/** Everything that is saved in a project file. Undo/redo rewinds all of it but `trained`. */
export interface EditorDoc {
  name: string;
  graph: Graph;
  training: TrainingSettings;
  dataset: DatasetSpec;
  /**
   * The weights and history of the last run: a result, not an edit. It is set without an undo
   * step and undo/redo keep it, so undoing an edit never throws trained weights away (whether
   * they still fit is `trainedStatus`'s question). The weights themselves stay in main: this is
   * their reference (shared/project/wire.ts).
   */
  trained?: WireTrained;
  /**
   * Issue 15: the run history (oldest first), the run-table's "best by" and the sweeps. Results
   * too, like `trained`: they change without an undo step and undo/redo keep them (undoing an
   * edit never forgets a run). Kept weights are references to main's copy (`weightsRef`).
   */
  runs?: WireRunRecord[];
  runsBestBy?: RunsBestBy;
  sweeps?: Sweep[];
}

/** The parts of the document that are results, not edits: undo/redo keep them as they are. */
export type DocResults = Pick<EditorDoc, 'trained' | 'runs' | 'runsBestBy' | 'sweeps'>;
export const RESULT_KEYS = ['trained', 'runs', 'runsBestBy', 'sweeps'] as const satisfies readonly (keyof DocResults)[];

/**
 * A new project's settings: the optimizer is Keras' `compile()` default (RMSprop at its Keras
 * default learning rate 0.001, from the optimizer registry); the data is the classic linear
 * regression (y = x + noise) with mean squared error. 200 epochs, as the regression template:
 * at RMSprop's small steps Input → Dense(1) needs them to fit visibly (loss 1.14 → 0.18 with
 * seed 1; 50 epochs only reach 0.76).
 */
export const DEFAULT_TRAINING: TrainingSettings = {
  optimizer: defaultOptimizerSettings(),
  loss: 'meanSquaredError',
  metrics: ['mae'],
  epochs: 200,
  batchSize: 32,
  // Keras' fit() holds out nothing by default (validation_split=0.0); a learner who adds a split
  // gets rows drawn at random (seeded), not Keras' last rows: a file sorted by class would
  // otherwise validate on a class never trained on.
  validationSplit: 0,
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: true,
  seed: 1,
};

export const DEFAULT_DATASET: DatasetSpec = { kind: 'generator', generator: 'linear', seed: 1 };

/** A new project's document; `name` is the UI language's "Untitled" where the app creates one (lib/files.ts `newProject`, the editor store). */
export function emptyDoc(name = 'Untitled'): EditorDoc {
  return { name, graph: { nodes: [], edges: [] }, training: structuredClone(DEFAULT_TRAINING), dataset: { ...DEFAULT_DATASET } };
}

/**
 * Trial 10 (12): a new project is named in the UI language of its creation; while it is still
 * empty and keeps that generated name, it follows a switch of the UI language ("Untitled" ⇄
 * 未命名). Any other document is returned unchanged (the same object).
 */
export function untitledIn(doc: EditorDoc, language: Language): EditorDoc {
  if (doc.graph.nodes.length > 0) return doc;
  const name = translator(language)('files.untitled');
  if (doc.name === name || !LANGUAGES.some((other) => translator(other)('files.untitled') === doc.name)) return doc;
  return { ...doc, name };
}

export function docFromProject(project: WireProject): EditorDoc {
  return {
    name: project.name,
    graph: { nodes: project.graph.nodes.map((n) => ({ ...n, params: { ...n.params } })), edges: project.graph.edges.map((e) => ({ ...e })) },
    training: structuredClone(project.training),
    dataset: { ...project.dataset },
    ...(project.trained ? { trained: project.trained } : {}),
    ...(project.runs ? { runs: project.runs } : {}),
    ...(project.runsBestBy ? { runsBestBy: project.runsBestBy } : {}),
    ...(project.sweeps ? { sweeps: project.sweeps } : {}),
  };
}

export function projectFromDoc(doc: EditorDoc, appVersion: string): WireProject {
  return {
    format: FORMAT,
    formatVersion: FORMAT_VERSION,
    appVersion,
    savedAt: new Date().toISOString(),
    name: doc.name,
    graph: doc.graph,
    training: doc.training,
    dataset: doc.dataset,
    ...(doc.trained ? { trained: doc.trained } : {}),
    ...(doc.runs ? { runs: doc.runs } : {}),
    ...(doc.runsBestBy ? { runsBestBy: doc.runsBestBy } : {}),
    ...(doc.sweeps ? { sweeps: doc.sweeps } : {}),
  };
}
