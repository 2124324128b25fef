/** Initializers offered for weights, as tfjs identifiers; each maps to a serializable tfjs class. */
export const KERNEL_INITIALIZERS = [
  'glorotUniform',
  'glorotNormal',
  'heUniform',
  'heNormal',
  'leCunUniform',
  'leCunNormal',
  'randomUniform',
  'randomNormal',
  'truncatedNormal',
  'zeros',
  'ones',
] as const;

export const BIAS_INITIALIZERS = ['zeros', 'ones', 'randomUniform', 'randomNormal', 'truncatedNormal'] as const;

/** Initializer classes that draw random numbers and so take a `seed`. */
export const SEEDABLE_INITIALIZER_CLASSES: ReadonlySet<string> = new Set([
  'GlorotUniform',
  'GlorotNormal',
  'HeUniform',
  'HeNormal',
  'LeCunUniform',
  'LeCunNormal',
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'VarianceScaling',
  'Orthogonal',
]);

export function initializerConfig(identifier: string): { className: string; config: Record<string, unknown> } {
  return { className: identifier[0].toUpperCase() + identifier.slice(1), config: {} };
}
