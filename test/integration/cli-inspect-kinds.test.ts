import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Trial 5 F14: `neurite inspect` read a .neurite project as a CSV (exit 0, "Columns (1): {"),
 * called a zip of class folders "not a readable Excel workbook", and a folder "a folder, not a
 * file". Now a project is refused naming `neurite summary`, and a folder or .zip of class folders
 * gets the image-folder inspection the import dialog shows (classes, counts, sizes, health).
 */
const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/neurite.js');
const work = mkdtempSync(path.join(tmpdir(), 'neurite-cli-inspect-kinds-'));

function neurite(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: work, timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const folder = path.join(work, 'tones');
const zip = path.join(work, 'tones.zip');

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('out/main/cli.js is missing: run npm run build first.');
  const files: Record<string, Uint8Array> = {};
  for (const [name, v, n] of [['dark', 25, 16], ['light', 225, 4]] as const) {
    mkdirSync(path.join(folder, name), { recursive: true });
    for (let k = 0; k < n; k++) {
      const bytes = await sharp(Buffer.alloc(6 * 5, v), { raw: { width: 5, height: 6, channels: 1 } }).toColourspace('b-w').png().toBuffer();
      writeFileSync(path.join(folder, name, `${k}.png`), bytes);
      files[`tones/${name}/${k}.png`] = bytes;
    }
  }
  writeFileSync(path.join(folder, 'light', 'broken.png'), 'not a png');
  files['tones/light/broken.png'] = new TextEncoder().encode('not a png');
  writeFileSync(zip, zipSync(files));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('neurite inspect on what is not a data file (trial 5 F14)', () => {
  it('refuses a .neurite project, naming neurite summary', () => {
    const project = path.join(work, 'digits.neurite');
    copyFileSync(path.join(ROOT, 'test/fixtures/projects/digits-cnn-trained.neurite'), project);
    const run = neurite('inspect', project);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/digits\.neurite is a Neurite project, not a data file/);
    expect(run.stderr).toMatch(/neurite summary .*digits\.neurite/);
    // The same file under another name is still told by its content.
    const renamed = path.join(work, 'digits.json');
    copyFileSync(project, renamed);
    expect(neurite('inspect', renamed).stderr).toMatch(/is a Neurite project/);
    const json = neurite('inspect', project, '--json');
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: 'project-file' });
  });

  for (const [what, target] of [['a folder', () => folder], ['a .zip', () => zip]] as const) {
    it(`inspects ${what} of class folders as images: classes, counts, sizes and health`, () => {
      const run = neurite('inspect', target());
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/20 images in 2 classes/);
      expect(run.stdout).toMatch(/dark 16, light 4/);
      expect(run.stdout).toMatch(/6 high × 5 wide/);
      expect(run.stdout).toMatch(/File ▸ Import Image Folder…/);
      expect(run.stdout).toMatch(/light\/broken\.png/);
      expect(run.stdout).toMatch(/Class "dark" has 16 images, 4× the 4 of class "light"/);
      const json = JSON.parse(neurite('inspect', target(), '--json').stdout) as { ok: boolean; kind: string; summary: { classNames: string[]; classCounts: number[] }; health: { kind: string }[] };
      expect(json.ok).toBe(true);
      expect(json.kind).toBe('image-folder');
      expect(json.summary.classNames).toEqual(['dark', 'light']);
      expect(json.summary.classCounts).toEqual([16, 4]);
      expect(json.health.map((h) => h.kind)).toEqual(expect.arrayContaining(['class-imbalance', 'few-images', 'unreadable-files']));
    });
  }
});
