import { join } from 'node:path';
import { parseProject } from '../../shared/project/load';
import { FORMAT, FORMAT_VERSION, type Project } from '../../shared/project/schema';
import { writeFileAtomic } from '../files/atomic-write';
import { readAppVersion } from '../services/index';

/**
 * Writes a project file from the command line (`train --save`, `sweep --save`, `import-run
 * --save`): stamped with the format, this Neurite's version and the time, 2-space JSON, replaced
 * atomically — and only once the text reads back as a valid project, so the command line never
 * writes a file it (or the app) would refuse to open (trial 8, finding 11).
 * @throws Error naming the field when the project would not read back; the file is then untouched.
 */
export async function writeProjectFile(path: string, project: Project): Promise<void> {
  // __dirname is out/main (or out/main/chunks) in the built command line.
  const appVersion = await readAppVersion([join(__dirname, '..', '..', 'package.json'), join(__dirname, '..', '..', '..', 'package.json')]);
  const text = `${JSON.stringify({ ...project, format: FORMAT, formatVersion: FORMAT_VERSION, appVersion, savedAt: new Date().toISOString() }, null, 2)}\n`;
  const check = parseProject(text, path);
  if (!check.ok) throw new Error(`Not saved: the project would not open again (${check.error.message}) This is a bug in Neurite; ${path} is unchanged.`);
  await writeFileAtomic(path, text);
}
