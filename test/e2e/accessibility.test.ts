/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, startApp, type App } from './harness';
import { flowerRows, loadTemplate, runFromPalette } from './editor-helpers';
import { applyLayoutCase, caseName, LAYOUT_SIZES, LAYOUT_THEMES, type LayoutCase } from './layout-check';

// Issue 17: an automated accessibility check. axe-core (Deque's rules for WCAG 2.x) runs on the
// live page at the three window sizes, in both themes (contrast differs), on the empty editor,
// on a trained model with its run panel, and in the dialogs a user can open. Any violation of
// impact "serious" or "critical" fails the test, each printed with its rule, element and summary.

const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');


interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}
type AxeWindow = Window & { axe?: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } };

/** axe-core's serious and critical violations on the page as it is now, one line per element. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self') refuses a <script> tag, rightly.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as AxeWindow).axe!;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })) }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${v.help}. ${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}`));
}

/**
 * Runs `check` at every size × theme of the layout check (test/e2e/layout-check.ts, the same cases
 * and the same way of applying them) in `language`, and collects the faults of all of them.
 */
async function everyCase(page: Page, state: string, check: () => Promise<string[]>, language: LayoutCase['language'] = 'en'): Promise<string[]> {
  const problems: string[] = [];
  for (const size of LAYOUT_SIZES) {
    for (const theme of LAYOUT_THEMES) {
      const c = { ...size, language, theme };
      await applyLayoutCase(page, c);
      for (const p of await check()) problems.push(`${state} @ ${caseName(c)}: ${p}`);
    }
  }
  return problems;
}

/**
 * Opens a dialog as a user does (`open`, which waits for what should show), scans the page with it
 * open at every case, and closes it again: Escape, or its close button for a non-modal window,
 * then waits for `dialog` to go.
 */
async function dialogCase(
  page: Page,
  state: string,
  how: { dialog: string; closeButton?: string; language?: LayoutCase['language'] },
  open: () => Promise<void>,
): Promise<string[]> {
  return everyCase(
    page,
    state,
    async () => {
      await open();
      const found = await seriousViolations(page);
      if (how.closeButton) await page.getByTestId(how.closeButton).click();
      else await page.keyboard.press('Escape');
      await page.getByTestId(how.dialog).waitFor({ state: 'detached' });
      return found;
    },
    how.language,
  );
}

function report(problems: string[]): void {
  if (problems.length) console.log(`axe-core: ${problems.length} serious/critical violation(s):\n${problems.join('\n')}`);
  expect(problems).toEqual([]);
}

let app: App;
beforeAll(async () => {
  app = await startApp();
  await app.page.getByTestId('palette-Input').waitFor();
});
afterAll(async () => {
  await app?.close();
});

describe('accessibility (axe-core, issue 17)', () => {
  it('the empty editor and the command palette have no serious or critical violations', async () => {
    const { page } = app;
    await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
    const problems = await everyCase(page, 'empty editor', () => seriousViolations(page));
    problems.push(
      ...(await dialogCase(page, 'command palette', { dialog: 'command-palette' }, async () => {
          await page.keyboard.press('Control+Shift+P');
          await page.getByTestId('command-palette').waitFor();
        })),
    );
    report(problems);
  });

  it('a trained model with its run panel, and the dialogs reachable from it, have none either', async () => {
    const { page } = app;
    await applyLayoutCase(page, { ...LAYOUT_SIZES[1], language: 'en', theme: 'light' });
    await loadTemplate(page, 'keras-tutorial-classifier');
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await page.getByTestId('setting-epochs').fill('5');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);

    const problems = await everyCase(page, 'trained model', () => seriousViolations(page));
    // Stale weights (a setting changed since the run): the status row offers Keep training and Retrain.
    await page.getByTestId('setting-epochs').fill('6');
    await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state')).toBe('stale');
    problems.push(...(await everyCase(page, 'stale weights', () => seriousViolations(page))));
    await page.getByTestId('setting-epochs').fill('5');
    await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state')).toBe('fresh');
    // The other tabs of the bottom panels: Data, Summary, and the Runs view.
    for (const [tab, state] of [['tab-data', 'data tab'], ['tab-summary', 'summary tab'], ['tab-runs', 'runs view']] as const) {
      await page.getByTestId(tab).click();
      problems.push(...(await everyCase(page, state, () => seriousViolations(page))));
    }
    await page.getByTestId('tab-run').click();
    await page.getByTestId('tab-predict').click();
    // The connection picker (a layer selected first: the first node, by Tab + Enter).
    await page.locator('.react-flow__node').first().focus();
    await page.keyboard.press('Enter');
    problems.push(
      ...(await dialogCase(page, 'connect picker', { dialog: 'connect-picker' }, async () => {
          await page.keyboard.press('Control+E');
          await page.getByTestId('connect-picker').waitFor();
        })),
    );
    problems.push(
      ...(await dialogCase(page, 'about box', { dialog: 'about-box' }, async () => {
          await runFromPalette(page, 'About', 'about');
          await page.getByTestId('about-box').waitFor();
        })),
    );
    problems.push(
      ...(await dialogCase(page, 'learning-rate finder', { dialog: 'lr-finder-dialog' }, async () => {
          await page.getByTestId('lr-finder-open').click();
          await page.getByTestId('lr-finder-dialog').waitFor();
        })),
    );
    // The CSV import dialog with a file read, so its preview and column roles show.
    const file = join(mkdtempSync(join(tmpdir(), 'neurite-a11y-')), 'flowers.csv');
    writeFileSync(file, ['id,a,b,c,d,species', ...flowerRows(7).map((r) => [r.id, ...r.values, r.species].join(','))].join('\n'));
    problems.push(
      ...(await dialogCase(page, 'CSV import', { dialog: 'csv-dialog' }, async () => {
          await page.getByTestId('dataset-import-csv').click();
          await page.getByTestId('csv-file-input').setInputFiles(file);
          await page.getByTestId('csv-preview').waitFor();
        })),
    );
    problems.push(
      ...(await dialogCase(page, 'sweep window', { dialog: 'sweep-window', closeButton: 'sweep-close' }, async () => {
          await runFromPalette(page, 'Sweep', 'sweep');
          await page.getByTestId('sweep-window').waitFor();
        })),
    );
    problems.push(
      ...(await dialogCase(page, 'lesson list', { dialog: 'lesson-list' }, async () => {
          await runFromPalette(page, 'Lessons', 'lessons');
          await page.getByTestId('lesson-list').waitFor();
        })),
    );
    report(problems);
  });

  it('in Chinese too (names and labels follow the UI language)', async () => {
    const { page } = app;
    await page.getByTestId('language-picker').selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const problems = await everyCase(page, 'trained model (zh-CN)', () => seriousViolations(page), 'zh-CN');
    problems.push(
      ...(await dialogCase(page, 'command palette (zh-CN)', { dialog: 'command-palette', language: 'zh-CN' }, async () => {
        await page.keyboard.press('Control+Shift+P');
        await page.getByTestId('command-palette').waitFor();
      })),
    );
    await page.getByTestId('language-picker').selectOption('en');
    report(problems);
  });
});
