import type { Graph } from '../../../shared/graph/types';
import { FORMAT, FORMAT_VERSION, type DatasetSpec, type Project, type Trained, type TrainingSettings } from '../../../shared/project/schema';

/** Everything that is saved in a project file. Undo/redo rewinds all of it but `trained`. */
export interface EditorDoc {
  name: string;
  graph: Graph;
  training: TrainingSettings;
  dataset: DatasetSpec;
  /**
   * The weights and history of the last run: a result, not an edit. It is set without an undo
   * step and undo/redo keep it, so undoing an edit never throws trained weights away (whether
   * they still fit is `trainedStatus`'s question).
   */
  trained?: Trained;
}

/**
 * The settings of the classic Keras linear-regression tutorial (y = x + noise, one Dense unit,
 * SGD, mean squared error), so Input → Dense(1) → Activation(linear) visibly fits on first Train.
 */
export const DEFAULT_TRAINING: TrainingSettings = {
  optimizer: { type: 'sgd', learningRate: 0.1 },
  loss: 'meanSquaredError',
  metrics: ['mae'],
  epochs: 50,
  batchSize: 32,
  validationSplit: 0.2,
  // Held-out rows are drawn at random (seeded), not Keras' last rows: a file sorted by class
  // would otherwise validate on a class never trained on.
  splitMode: 'shuffle',
  testSplit: 0,
  shuffle: true,
  seed: 1,
};

export const DEFAULT_DATASET: DatasetSpec = { kind: 'generator', generator: 'linear', seed: 1 };

export function emptyDoc(): EditorDoc {
  return { name: 'Untitled', graph: { nodes: [], edges: [] }, training: structuredClone(DEFAULT_TRAINING), dataset: { ...DEFAULT_DATASET } };
}

export function docFromProject(project: Project): EditorDoc {
  return {
    name: project.name,
    graph: { nodes: project.graph.nodes.map((n) => ({ ...n, params: { ...n.params } })), edges: project.graph.edges.map((e) => ({ ...e })) },
    training: structuredClone(project.training),
    dataset: { ...project.dataset },
    ...(project.trained ? { trained: project.trained } : {}),
  };
}

export function projectFromDoc(doc: EditorDoc, appVersion: string): Project {
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
  };
}
