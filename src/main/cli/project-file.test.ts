import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/project/load';
import type { Project } from '../../shared/project/schema';
import { writeProjectFile } from './project-file';

const TEMPLATE = join(__dirname, '../../../resources/templates/playground-circles.neurite');

describe('the command line writes only projects that open again (trial 8, finding 11)', () => {
  const loaded = parseProject(readFileSync(TEMPLATE, 'utf8'));
  if (!loaded.ok) throw new Error(loaded.error.message);
  const project = loaded.project;

  it('writes a valid project stamped with the current format', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'neurite-pf-')), 'p.neurite');
    await writeProjectFile(path, { ...project, name: 'written' });
    const back = parseProject(readFileSync(path, 'utf8'));
    expect(back.ok && back.project.name).toBe('written');
  });

  it('refuses one that would not read back, naming the field, and leaves the file as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'neurite-pf-')), 'p.neurite');
    writeFileSync(path, 'before');
    const broken = { ...project, training: { ...project.training, epochs: -3 } } as Project;
    await expect(writeProjectFile(path, broken)).rejects.toThrow(/^Not saved: the project would not open again \(.*field `training\.epochs`/);
    expect(readFileSync(path, 'utf8')).toBe('before');
  });
});
