import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PreprocessingCompanion } from '../../shared/import/neurite-metadata';

/**
 * The preprocessing file beside a model.json (`name`: the one model.json names, default
 * preprocessing.json; only its base name is used, so a model.json cannot point anywhere else).
 * Null when there is none; a file that cannot be read or parsed comes back with the reason. Read
 * by both the app's Import model and `neurite import` (one implementation).
 */
export async function readPreprocessingCompanion(modelPath: string, name = 'preprocessing.json'): Promise<PreprocessingCompanion | null> {
  const file = basename(name);
  let text: string;
  try {
    text = await readFile(join(dirname(modelPath), file), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { name: file, error: (error as Error).message };
  }
  try {
    return { name: file, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { name: file, error: `not JSON: ${(error as Error).message}` };
  }
}
