import type { Graph } from './types';

/**
 * Keras' `to_snake_case` (keras/src/utils/naming.py), which its automatic layer names use: a
 * capitalised word after any character gets an underscore, then a capital after a lower-case
 * letter; digits stay with the word before them (`Conv2D` → `conv2d`, `UpSampling2D` →
 * `up_sampling2d`, `BatchNormalization` → `batch_normalization`).
 */
export function snakeCase(type: string): string {
  return type
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * The tfjs/Keras layer name of every node: `<snake_type>_<sanitized id>`, e.g. `dense_n1`.
 * Derived only from the node's type and id (plus a suffix on a sanitizing clash), so the summary,
 * the compiled model and exports agree, and names don't shift when other nodes change.
 */
export function layerNames(graph: Graph): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  for (const node of graph.nodes) {
    const id = node.id.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 80);
    const base = `${snakeCase(node.type).replace(/[^a-z0-9_]/g, '_')}_${id}`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    names.set(node.id, name);
  }
  return names;
}
