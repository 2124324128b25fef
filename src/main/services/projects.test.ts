import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/project/load';
import { FORMAT_VERSION, type Project } from '../../shared/project/schema';
import { ServiceError } from './errors';
import { createProjectService, type ProjectDialogs } from './projects';

const root = join(__dirname, '../../..');
let dir: string;
let answers: (string | null)[];
let asked: string[];

/** Stands in for the user at the native dialog: answers the next scripted path (or cancels). */
const dialogs: ProjectDialogs = {
  showOpen: async ({ title }) => (asked.push(title), answers.shift() ?? null),
  showSave: async ({ title, defaultName }) => (asked.push(`${title}: ${defaultName}`), answers.shift() ?? null),
  showFolder: async ({ title }) => (asked.push(title), answers.shift() ?? null),
};

function sample(): Project {
  const result = parseProject(readFileSync(join(root, 'test/fixtures/projects/v1-partial-params.neurite'), 'utf8'));
  if (!result.ok) throw new Error(result.error.message);
  return result.project;
}

function service() {
  return createProjectService({ appVersion: '9.9.9', dataDir: join(dir, 'userData'), dialogs, now: () => new Date('2026-02-03T04:05:06.000Z') });
}

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected a failure');
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-projects-'));
  answers = [];
  asked = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('project service (desktop)', () => {
  it('saves through the dialog, then to the same file without asking, and reopens the same project', async () => {
    const s = service();
    const path = join(dir, 'mine.neurite');
    answers.push(path);
    const first = await s.handlers['project.save']({ project: sample() });
    expect(first.saved).toBe(true);
    if (!first.saved) return;
    expect(asked).toEqual(['Save project: v1-with-partial-params.neurite']);
    expect(first.file.name).toBe('mine.neurite');
    expect(first.file.id).not.toContain(dir);
    const again = await s.handlers['project.save']({ project: { ...sample(), name: 'renamed' }, fileId: first.file.id });
    expect(again.saved).toBe(true);
    expect(asked).toHaveLength(1);
    const onDisk = JSON.parse(readFileSync(path, 'utf8')) as Project;
    expect(onDisk).toMatchObject({ name: 'renamed', appVersion: '9.9.9', savedAt: '2026-02-03T04:05:06.000Z', formatVersion: FORMAT_VERSION });
    const opened = await s.handlers['project.open']({ fileId: first.file.id });
    expect(opened.opened).toBe(true);
    if (opened.opened) expect(opened.project).toEqual(onDisk);
  });

  it('returns {saved:false} / {opened:false} when the user cancels', async () => {
    const s = service();
    expect(await s.handlers['project.save']({ project: sample() })).toEqual({ saved: false });
    expect(await s.handlers['project.open']({})).toEqual({ opened: false });
  });

  it('refuses a corrupt file with the loader error and changes nothing', async () => {
    const s = service();
    const path = join(dir, 'broken.neurite');
    copyFileSync(join(root, 'test/fixtures/bad/truncated.neurite'), path);
    const before = readFileSync(path);
    answers.push(path);
    const error = await rejection(s.handlers['project.open']({}));
    expect(error.code).toBe('not-json');
    expect(error.message).toContain('broken.neurite');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(await s.handlers['project.recent']({})).toEqual([]);
  });

  it('migrates a v1 file on open and says so', async () => {
    const s = service();
    const path = join(dir, 'old.neurite');
    copyFileSync(join(root, 'test/fixtures/projects/v1-partial-params.neurite'), path);
    answers.push(path);
    const opened = await s.handlers['project.open']({});
    expect(opened.opened && opened.migratedFrom).toBe(1);
  });

  it('never overwrites a file written by a newer Neurite', async () => {
    const s = service();
    const path = join(dir, 'future.neurite');
    const future = JSON.stringify({ format: 'neurite', formatVersion: 99, name: 'from the future' });
    writeFileSync(path, future);
    answers.push(path);
    const error = await rejection(s.handlers['project.save']({ project: sample(), saveAs: true }));
    expect(error.code).toBe('newer-version');
    expect(readFileSync(path, 'utf8')).toBe(future);
  });

  it('refuses unknown file handles (the renderer cannot name paths)', async () => {
    const s = service();
    const error = await rejection(s.handlers['project.open']({ fileId: 'f0123456789abcdef' }));
    expect(error.code).toBe('unknown-file');
  });

  it('keeps a recent list, newest first, without files that are gone', async () => {
    const s = service();
    for (const name of ['a', 'b', 'c']) {
      answers.push(join(dir, `${name}.neurite`));
      await s.handlers['project.save']({ project: sample(), saveAs: true });
    }
    rmSync(join(dir, 'b.neurite'));
    const recent = await service().handlers['project.recent']({});
    expect(recent.map((r) => r.name)).toEqual(['c.neurite', 'a.neurite']);
  });

  it('backs up unsaved work, offers it at the next start, and forgets it after a save', async () => {
    const s = service();
    const work = { ...sample(), name: 'unsaved work' };
    expect(await s.handlers['project.backup']({ project: work })).toEqual({ backedUp: true });
    const next = service();
    const recovered = await next.handlers['project.recovery']({});
    expect(recovered?.project.name).toBe('unsaved work');
    expect(recovered?.backedUpAt).toBe('2026-02-03T04:05:06.000Z');
    answers.push(join(dir, 'saved.neurite'));
    await next.handlers['project.save']({ project: work });
    expect(await service().handlers['project.recovery']({})).toBeNull();
  });

  it('ignores a corrupt backup instead of failing the start', async () => {
    mkdirSync(join(dir, 'userData', 'recovery'), { recursive: true });
    writeFileSync(join(dir, 'userData', 'recovery', 'backup.json'), '{"project": {"format": "neur');
    expect(await service().handlers['project.recovery']({})).toBeNull();
  });

  it('imports the Keras-converted model.json with its weights and training_config', async () => {
    const s = service();
    answers.push(join(root, 'test/fixtures/keras/keras-converter-sequential/model.json'));
    const result = await s.handlers['project.importModel']({});
    expect(result.imported).toBe(true);
    if (!result.imported) return;
    expect(result.model.training?.loss).toBe('categoricalCrossentropy');
    expect(result.model.project?.trained?.weights.map((w) => w.name)).toContain('dense_dense/kernel');
  });

  it('lists unsupported layers when importing', async () => {
    answers.push(join(root, 'test/fixtures/keras/unsupported/model.json'));
    const error = await rejection(service().handlers['project.importModel']({}));
    expect(error.code).toBe('unsupported-layers');
    expect(error.message).toContain('Conv2D (layer "conv2d")');
  });

  it('writes export files into the chosen folder', async () => {
    const out = join(dir, 'export');
    mkdirSync(out);
    answers.push(out);
    const result = await service().handlers['project.exportFiles']({
      title: 'Export model',
      files: [
        { name: 'model.json', data: '{"a":1}', encoding: 'utf8' },
        { name: 'weights.bin', data: Buffer.from([1, 2, 3]).toString('base64'), encoding: 'base64' },
      ],
    });
    expect(result).toEqual({ saved: true, folder: 'export' });
    expect(readFileSync(join(out, 'model.json'), 'utf8')).toBe('{"a":1}');
    expect([...readFileSync(join(out, 'weights.bin'))]).toEqual([1, 2, 3]);
  });
});

describe('project service (browser host: no dialogs)', () => {
  it('answers unsupported for calls that need a native dialog', async () => {
    const s = createProjectService({ appVersion: '1' });
    expect((await rejection(s.handlers['project.open']({}))).code).toBe('unsupported');
    expect((await rejection(s.handlers['project.save']({ project: sample() }))).code).toBe('unsupported');
    expect(await s.handlers['project.recovery']({})).toBeNull();
  });
});
