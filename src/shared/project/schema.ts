import { z } from 'zod';

/**
 * The project file format (`.neurite`), version 1. Every field is validated on load; a project
 * file is data and never runs code. Changing the shape means: bump FORMAT_VERSION, add a
 * migration step in migrations.ts and keep a fixture of the old version.
 */
export const FORMAT = 'neurite';
export const FORMAT_VERSION = 1;

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const GraphNodeSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  params: z.record(z.string(), z.unknown()),
  position: PositionSchema,
});

export const GraphEdgeSchema = z.object({
  id: z.string().min(1).max(400),
  source: z.string().min(1),
  target: z.string().min(1),
});

export const GraphSchema = z.object({
  nodes: z.array(GraphNodeSchema).max(5000),
  edges: z.array(GraphEdgeSchema).max(20000),
});

export const OPTIMIZERS = ['sgd', 'momentum', 'rmsprop', 'adam', 'adagrad', 'adadelta', 'adamax'] as const;
export const LOSSES = [
  'meanSquaredError',
  'meanAbsoluteError',
  'huberLoss',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
] as const;
export const METRICS = ['accuracy', 'mae', 'mse'] as const;

export const OptimizerSchema = z.object({
  type: z.enum(OPTIMIZERS),
  learningRate: z.number().positive().max(10),
  /** momentum optimizer, rmsprop */
  momentum: z.number().min(0).max(1).optional(),
  /** adam, adamax */
  beta1: z.number().min(0).lt(1).optional(),
  beta2: z.number().min(0).lt(1).optional(),
  epsilon: z.number().positive().optional(),
  /** rmsprop, adadelta decay */
  rho: z.number().min(0).lt(1).optional(),
  /** momentum optimizer */
  nesterov: z.boolean().optional(),
});

export const TrainingSettingsSchema = z.object({
  optimizer: OptimizerSchema,
  loss: z.enum(LOSSES),
  metrics: z.array(z.enum(METRICS)).max(3),
  epochs: z.number().int().min(1).max(100000),
  batchSize: z.number().int().min(1).max(1_000_000),
  validationSplit: z.number().min(0).lt(1),
  shuffle: z.boolean(),
  /** Same seed, same graph, same data => same weights and same history. null = random. */
  seed: z.number().int().nullable(),
});

export const GENERATORS = ['linear', 'classification', 'xor', 'circles', 'gaussians', 'spirals'] as const;

export const GeneratorDatasetSchema = z.object({
  kind: z.literal('generator'),
  generator: z.enum(GENERATORS),
  seed: z.number().int(),
  /** Number of rows; each generator has its own default (linear 100, classification 1000, 2-D sets 400). */
  samples: z.number().int().min(1).max(10_000_000).optional(),
  /** Noise level; meaning depends on the generator (std of y for linear, spread for 2-D sets). */
  noise: z.number().min(0).max(10).optional(),
});

export const DatasetSpecSchema = z.discriminatedUnion('kind', [GeneratorDatasetSchema]);

export const ProjectSchema = z.object({
  format: z.literal(FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  appVersion: z.string(),
  savedAt: z.string(),
  name: z.string().max(200),
  graph: GraphSchema,
  training: TrainingSettingsSchema,
  dataset: DatasetSpecSchema,
});

export type Project = z.infer<typeof ProjectSchema>;
export type TrainingSettings = z.infer<typeof TrainingSettingsSchema>;
export type OptimizerSettings = z.infer<typeof OptimizerSchema>;
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;
export type GeneratorDataset = z.infer<typeof GeneratorDatasetSchema>;
export type LossName = (typeof LOSSES)[number];
export type MetricName = (typeof METRICS)[number];
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type GeneratorName = (typeof GENERATORS)[number];
