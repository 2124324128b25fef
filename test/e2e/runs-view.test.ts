import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/shared/project/schema';
import { runsProject, runSetup } from '../tools/runs-project';
import { fill } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 15's Runs view through the real browser host: a project with six remembered runs (real
// records from makeRunRecord) is opened; the table sorts and filters; two runs are overlaid on one
// chart whose legend names what differs; a note, a pin, a delete and a branch are saved in the file.

let app: App;
const work = mkdtempSync(join(tmpdir(), 'neurite-runs-view-'));
const project = runsProject(6);
const file = join(work, 'six-runs.neurite');

beforeAll(async () => {
  writeFileSync(file, JSON.stringify(project));
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The run numbers of the table's rows, top to bottom (the rows in the DOM are in the table's order). */
const rowNumbers = (page: Page) => page.locator('.runs-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-testid')!.replace('run-row-', ''))));

describe('runs view', () => {
  it('opens a project with runs and shows one row per run, the best one marked', async () => {
    const { page } = app;
    await page.getByTestId('open-button').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('open-button').click()]);
    await chooser.setFiles(file);
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.getByTestId('tab-runs').textContent()).toMatch(/Runs \(6\)/);
    // Through the command palette (every menu item is there; View → Show Runs in the desktop app).
    await page.keyboard.press('Control+Shift+P');
    await page.getByTestId('command-input').fill('runs');
    await expect.poll(() => page.getByTestId('command-show-runs').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => rowNumbers(page)).toEqual([1, 2, 3, 4, 5, 6]);
    // Columns for what varies (the hidden layer's units, the learning rate) and the final metrics.
    await page.getByTestId('runs-sort-param:hidden.units').waitFor();
    await page.getByTestId('runs-sort-setting:optimizer.learningRate').waitFor();
    await page.getByTestId('runs-sort-metric:val_accuracy').waitFor();
    const valLoss = (n: number) => project.runs![n - 1].finalLogs.val_loss;
    const best = [1, 2, 3, 4, 5, 6].reduce((a, b) => (valLoss(b) < valLoss(a) ? b : a));
    await expect.poll(() => page.getByTestId(`run-row-${best}`).getAttribute('data-best')).toBe('true');
    expect(await page.locator('[data-best="true"]').count()).toBe(1);
    const unitsCell = page.getByTestId('run-row-2').locator('[data-col="param:hidden.units"]');
    expect(await unitsCell.textContent()).toBe(String(runSetup(1).units));
  });

  it('sorts by a final metric both ways and filters by a layer param, naming a bad term', async () => {
    const { page } = app;
    const byValLoss = [...project.runs!].sort((a, b) => a.finalLogs.val_loss - b.finalLogs.val_loss).map((r) => r.number);
    await page.getByTestId('runs-sort-metric:val_loss').click();
    await expect.poll(() => rowNumbers(page)).toEqual(byValLoss);
    await page.getByTestId('runs-sort-metric:val_loss').click();
    await expect.poll(() => rowNumbers(page)).toEqual([...byValLoss].reverse());
    await page.getByTestId('runs-sort-metric:val_loss').click();
    await expect.poll(() => rowNumbers(page)).toEqual([1, 2, 3, 4, 5, 6]);

    await page.getByTestId('runs-filter').fill('units=64');
    await expect.poll(() => rowNumbers(page)).toEqual([2, 5]);
    expect(await page.getByTestId('runs-count').textContent()).toBe('2 of 6 runs');
    await page.getByTestId('runs-filter').fill('units=64 lr<0.005');
    await expect.poll(() => rowNumbers(page)).toEqual([5]);
    await page.getByTestId('runs-filter').fill('depth>2 lr<0.005');
    await expect.poll(() => page.getByTestId('runs-filter-problems').textContent()).toMatch(/^Filter “depth>2”: no column is called “depth” \(this term is ignored\)/);
    await expect.poll(() => rowNumbers(page)).toEqual([4, 5, 6]);
    await page.getByTestId('runs-filter').fill('');
    await expect.poll(() => rowNumbers(page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await page.getByTestId('runs-filter-problems').count()).toBe(0);

    // Any setting can be shown: the seed never changed, so it is not a column until chosen.
    expect(await page.getByTestId('runs-sort-setting:seed').count()).toBe(0);
    await page.getByTestId('runs-columns').click();
    await page.getByTestId('runs-columns-find').fill('seed');
    await page.getByTestId('runs-column-setting:seed').check();
    await page.getByTestId('runs-filter').click();
    await expect.poll(() => page.locator('.runs-columns-menu').isVisible()).toBe(false);
    expect(await page.getByTestId('runs-sort-setting:seed').textContent()).toBe('Seed');
    expect(await page.getByTestId('run-row-1').locator('[data-col="setting:seed"]').textContent()).toBe('42');
    await page.getByTestId('runs-columns').click();
    await page.getByTestId('runs-columns-reset').click();
    await expect.poll(() => page.getByTestId('runs-sort-setting:seed').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.runs-columns-menu').isVisible()).toBe(false);
  });

  it('overlays two runs on one chart, one line each, the legend naming what differs', async () => {
    const { page } = app;
    await page.getByTestId('run-select-1').check();
    await page.getByTestId('run-select-2').check();
    const overlay = page.getByTestId('runs-overlay');
    await expect.poll(() => overlay.getAttribute('data-series')).toBe('2');
    expect(await overlay.getAttribute('data-metric')).toBe('val_loss');
    expect(await overlay.getAttribute('data-points')).toBe(String(project.runs![0].history.length + project.runs![1].history.length));
    // uPlot drew two coloured lines (the x series is the first).
    expect(await overlay.locator('.u-legend .u-series').count()).toBe(3);
    expect(await page.getByTestId('runs-legend-1').textContent()).toMatch(/Run 1.*compared with this run/);
    expect((await page.getByTestId('runs-legend-2').textContent())?.trim()).toBe('Run 2 Dense dense_hidden: units 32 → 64');
    await page.getByTestId('runs-metric').selectOption('accuracy');
    await expect.poll(() => overlay.getAttribute('data-metric')).toBe('accuracy');
    expect(await overlay.getAttribute('data-series')).toBe('2');
    await page.getByTestId('runs-axis').selectOption('seconds');
    await expect.poll(() => overlay.getAttribute('data-axis')).toBe('seconds');
    expect(await overlay.getAttribute('data-series')).toBe('2');
    await app.screenshot('runs-view-overlay');
    // A third run joins with its own line, compared with run 1 (learning rate and units).
    await page.getByTestId('run-select-4').check();
    await expect.poll(() => overlay.getAttribute('data-series')).toBe('3');
    expect((await page.getByTestId('runs-legend-4').textContent())?.trim()).toBe('Run 4 Learning rate 0.01 → 0.001');

    // The header's checkbox selects the runs a filter shows.
    await page.getByTestId('runs-clear-selection').click();
    await expect.poll(() => overlay.count()).toBe(0);
    await page.getByTestId('runs-filter').fill('lr<0.005');
    await expect.poll(() => rowNumbers(page)).toEqual([4, 5, 6]);
    await page.getByTestId('runs-select-shown').check();
    await expect.poll(() => overlay.getAttribute('data-series')).toBe('3');
    for (const n of [4, 5, 6]) expect(await page.getByTestId(`run-select-${n}`).isChecked()).toBe(true);
    await page.getByTestId('runs-filter').fill('');
    await expect.poll(() => rowNumbers(page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await page.getByTestId('run-select-1').isChecked()).toBe(false);
  });

  it('edits a note, pins, deletes (after confirming) and branches; the saved file has all of it', async () => {
    const { page } = app;
    const note = page.getByTestId('run-row-2').getByTestId('run-note');
    await note.fill('wider hidden layer');
    await note.press('Enter');
    await page.getByTestId('run-row-3').getByTestId('run-pin').click();
    await expect.poll(() => page.getByTestId('run-row-3').getByTestId('run-pin').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('run-row-6').getByTestId('run-delete').click();
    // Nothing is deleted before the confirmation.
    expect(await page.getByTestId('run-row-6').count()).toBe(1);
    await page.getByTestId('run-row-6').getByTestId('run-delete-confirm').click();
    await expect.poll(() => rowNumbers(page)).toEqual([1, 2, 3, 4, 5]);
    await page.getByTestId('run-row-2').getByTestId('run-branch').click();
    expect(await page.title()).toMatch(/^• /);
    // Branched, run 2's setup is the current model: the Run tab shows it, with Predict beside it.
    await expect.poll(() => page.getByTestId('tab-run').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('tab-predict').isVisible()).toBe(true);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    const saved = await savedProject(download);
    expect(saved.runs?.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(saved.runs?.[1].note).toBe('wider hidden layer');
    expect(saved.runs?.[2].pinned).toBe(true);
    // Branching brought back run 2's graph: its hidden layer has 64 units (the project had 100).
    expect(project.graph.nodes.find((n) => n.id === 'hidden')?.params.units).toBe(100);
    expect(saved.graph.nodes.find((n) => n.id === 'hidden')?.params.units).toBe(64);
  });

  it('a run trained from the branch lands in the table, with a column for the setting it changed', async () => {
    const { page } = app;
    await fill(page, 'setting-epochs', '2');
    expect(await page.getByTestId('runs-sort-setting:epochs').count()).toBe(0);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('tab-runs').getAttribute('data-count'), { timeout: 120_000, interval: 300 }).toBe('6');
    await page.getByTestId('tab-runs').click();
    const numbers = await rowNumbers(page);
    expect(numbers.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    const row = page.getByTestId(`run-row-${numbers[5]}`);
    expect(await row.locator('[data-col="run:status"]').textContent()).toBe('Completed');
    // Only this run trained 2 epochs: the epochs column appears, and the run reads 2 there.
    await page.getByTestId('runs-sort-setting:epochs').waitFor();
    expect(await row.locator('[data-col="setting:epochs"]').textContent()).toBe('2');
    expect(await row.locator('[data-col="param:hidden.units"]').textContent()).toBe('64');
    expect(Number(await row.locator('[data-col="metric:loss"]').textContent())).toBeGreaterThan(0);
  });
});

async function savedProject(download: Download): Promise<Project> {
  const path = join(work, `saved-${Date.now()}.neurite`);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8')) as Project;
}
