import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProject } from '../../shared/project/load';
import { FORMAT_VERSION, type Project } from '../../shared/project/schema';
import { dispatch } from './dispatch';
import { ServiceError } from './errors';
import { createProjectService, type ProjectDialogs } from './projects';
import { importModelFile } from '../../shared/import/layers-model';

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

  it('tells a backup left by a normal close or reload from one left by a crash (issue 17)', async () => {
    const s = service();
    const work = { ...sample(), name: 'unsaved work' };
    await s.handlers['project.backup']({ project: work });
    expect((await service().handlers['project.recovery']({}))?.cleanExit).toBe(false);
    // The page unloads normally (reload, close): its last state is kept, marked as a clean exit.
    await s.handlers['project.backup']({ project: { ...work, name: 'last state' }, closed: true });
    const afterClose = await service().handlers['project.recovery']({});
    expect(afterClose?.project.name).toBe('last state');
    expect(afterClose?.cleanExit).toBe(true);
    // The next session edits again and then crashes: no longer a clean exit.
    await s.handlers['project.backup']({ project: work });
    expect((await service().handlers['project.recovery']({}))?.cleanExit).toBe(false);
    // A page that cannot send its state (an invalid setting) marks the kept backup as a clean exit.
    expect(await s.handlers['project.backup']({ project: null, closed: true })).toEqual({ backedUp: true });
    const marked = await service().handlers['project.recovery']({});
    expect(marked?.project.name).toBe('unsaved work');
    expect(marked?.cleanExit).toBe(true);
    // The app waits for the closing page's backup before it quits.
    void s.handlers['project.backup']({ project: { ...work, name: 'closing' }, closed: true });
    await s.backupWritten();
    expect((await service().handlers['project.recovery']({}))?.project.name).toBe('closing');
    // Nothing unsaved at unload: nothing to offer.
    await s.handlers['project.backup']({ project: null });
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
    // The weights stay in main; the renderer gets a reference that resolves to them.
    const ref = result.model.project?.trained;
    expect(ref && 'ref' in ref).toBe(true);
    expect(s.trained.resolve(ref!).weights.map((w) => w.name)).toContain('dense_dense/kernel');
  });

  it('lists unsupported layers when importing', async () => {
    answers.push(join(root, 'test/fixtures/keras/unsupported/model.json'));
    const error = await rejection(service().handlers['project.importModel']({}));
    expect(error.code).toBe('unsupported-layers');
    expect(error.message).toContain('Conv3D (layer "conv3d")');
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

describe('project service hardening (issue 11)', () => {
  it('does not follow a symlinked weight file out of the model folder', async () => {
    const fixture = join(root, 'test/fixtures/keras/keras-converter-sequential');
    const model = join(dir, 'model');
    mkdirSync(model);
    copyFileSync(join(fixture, 'model.json'), join(model, 'model.json'));
    // The "weights" are a link to a file elsewhere (a secret of the same size would do).
    const outside = join(dir, 'secret.bin');
    copyFileSync(join(fixture, 'group1-shard1of1.bin'), outside);
    symlinkSync(outside, join(model, 'group1-shard1of1.bin'));
    answers.push(join(model, 'model.json'));
    const result = await service().handlers['project.importModel']({});
    expect(result.imported).toBe(true);
    if (!result.imported) return;
    expect(result.model.project).toBeUndefined();
    expect(result.model.warnings.join('\n')).toContain('outside the model');
  });

  it('reads preprocessing.json beside model.json and says what inputs the model expects, as neurite import does (one implementation)', async () => {
    const fixture = join(root, 'test/fixtures/keras/keras-converter-sequential');
    const model = join(dir, 'exported');
    mkdirSync(model);
    const json = JSON.parse(readFileSync(join(fixture, 'model.json'), 'utf8')) as Record<string, unknown>;
    json.userDefinedMetadata = { neurite: { preprocessing: 'file', preprocessingFile: 'preprocessing.json' } };
    writeFileSync(join(model, 'model.json'), JSON.stringify(json));
    copyFileSync(join(fixture, 'group1-shard1of1.bin'), join(model, 'group1-shard1of1.bin'));
    const steps = { format: 'neurite-preprocessing', version: 1, description: '', inputColumns: ['Sex', 'Age'], featureNames: ['Sex=female', 'Sex=male', 'Age'], steps: [{ kind: 'encode', columns: [] }, { kind: 'zscore', means: [], stds: [] }] };
    writeFileSync(join(model, 'preprocessing.json'), JSON.stringify(steps));
    answers.push(join(model, 'model.json'));
    const result = await service().handlers['project.importModel']({});
    if (!result.imported) throw new Error('not imported');
    const said = result.model.warnings.find((w) => w.includes('preprocessing.json'));
    expect(said).toMatch(/^The model expects preprocessed inputs: preprocessing\.json turns the raw columns \(Sex, Age\) into the 3 features it takes \(Sex=female, Sex=male, Age\) with the steps encode, zscore\./);
    const cli = importModelFile(json, null, { appVersion: 'test', preprocessing: { name: 'preprocessing.json', json: steps } });
    expect(cli.ok && cli.warnings.find((w) => w.includes('preprocessing.json'))).toBe(said);
    // Without the file, the app still says the model expects it.
    rmSync(join(model, 'preprocessing.json'));
    answers.push(join(model, 'model.json'));
    const alone = await service().handlers['project.importModel']({});
    expect(alone.imported && alone.model.warnings.join('\n')).toMatch(/expects inputs preprocessed by preprocessing\.json, which was not found/);
  });

  it('still reads a symlinked weight file that stays inside the model folder', async () => {
    const fixture = join(root, 'test/fixtures/keras/keras-converter-sequential');
    const model = join(dir, 'model');
    mkdirSync(join(model, 'store'), { recursive: true });
    copyFileSync(join(fixture, 'model.json'), join(model, 'model.json'));
    copyFileSync(join(fixture, 'group1-shard1of1.bin'), join(model, 'store', 'w.bin'));
    symlinkSync(join(model, 'store', 'w.bin'), join(model, 'group1-shard1of1.bin'));
    answers.push(join(model, 'model.json'));
    const result = await service().handlers['project.importModel']({});
    expect(result.imported && result.model.project?.trained).toBeTruthy();
  });

  it('removes temp files a crash left in the recovery folder when it starts', async () => {
    const recovery = join(dir, 'userData', 'recovery');
    mkdirSync(recovery, { recursive: true });
    writeFileSync(join(recovery, 'backup.json'), 'null');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    for (let i = 0; i < 3; i++) writeFileSync(join(recovery, `.backup.json.neurite-save-${dead}-x${i}.tmp`), '{"project": "half');
    writeFileSync(join(dir, 'userData', `.recent.json.neurite-save-${dead}-y.tmp`), '[');
    const s = service();
    expect(await s.cleaned).toBe(4);
    expect(readdirSync(recovery)).toEqual(['backup.json']);
    expect(existsSync(join(dir, 'userData', `.recent.json.neurite-save-${dead}-y.tmp`))).toBe(false);
  });

  it('saving to a symlinked project file writes its target and keeps the link', async () => {
    const real = join(dir, 'real.neurite');
    const link = join(dir, 'link.neurite');
    writeFileSync(real, JSON.stringify(sample()));
    symlinkSync(real, link);
    const s = service();
    const fileId = s.registerPath(link);
    await s.handlers['project.save']({ project: { ...sample(), name: 'through the link' }, fileId });
    expect(readFileSync(real, 'utf8')).toContain('through the link');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['link.neurite', 'real.neurite', 'userData'].sort());
  });

  it('opening a project whose field holds 50 MB answers a short error through the API', async () => {
    const file = join(dir, 'huge.neurite');
    writeFileSync(file, JSON.stringify({ ...sample(), formatVersion: 'v'.repeat(50 * 1024 * 1024) }));
    const s = service();
    const result = await dispatch({ ...s.handlers } as never, 'project.open', { fileId: s.registerPath(file) });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('formatVersion');
      expect(result.error.message.length).toBeLessThan(2100);
    }
  });
});
