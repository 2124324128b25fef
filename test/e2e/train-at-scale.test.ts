import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from 'playwright-core';
import { parseProject } from '../../src/shared/project/load';
import { projectHashes } from '../../src/shared/project/hash';
import { toKerasDistributed } from '../../src/shared/codegen/distributed';
import { loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 18: "Train at scale…" in the toolbar (browser host): downloads train.py and README.md of the
// open project, train.py carrying the project's hashes (for neurite import-run) and its model code.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

describe('Train at scale (browser host)', () => {
  it("downloads the training package of the open project: train.py with the project's hashes, and README.md", async () => {
    const { page } = app;
    await page.getByTestId('palette-Input').waitFor();
    await loadTemplate(page, 'playground-circles');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBeGreaterThan(1);
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('export-training-package').click();
    await expect.poll(() => downloads.length, { timeout: 20_000 }).toBe(2);
    expect(downloads.map((d) => d.suggestedFilename())).toEqual(['train.py', 'README.md']);
    const trainPy = readFileSync((await downloads[0].path())!, 'utf8');
    const parsed = parseProject(readFileSync(path.resolve(__dirname, '../../resources/templates/playground-circles.neurite'), 'utf8'), 'template');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const neurite = JSON.parse(JSON.parse(/^NEURITE = json\.loads\((".*")\)$/m.exec(trainPy)![1]) as string) as Record<string, string>;
    expect(neurite).toMatchObject(projectHashes(parsed.project));
    // The same package the command line writes for the template (the app's version aside).
    expect(trainPy).toBe(toKerasDistributed(parsed.project, { appVersion: neurite.appVersion }).trainPy);
    expect(readFileSync((await downloads[1].path())!, 'utf8')).toMatch(/^# Playground: circles — training package/);
  });
});
