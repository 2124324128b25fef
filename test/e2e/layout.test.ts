import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { caseName, forEachLayoutCase, layoutProblems, RUN_HEAD_CONTROLS, setStaleWeights, TOOLBAR_CONTROLS, trainQuickRun } from './layout-check';

// Issue 17: from 1024×640 upwards nothing is crushed, cut, covered or hidden — the project name
// and template picker keep their width, charts keep their height, the minimap stays off the graph,
// the palette scrolls to its last entry and the stale-weights buttons stay clickable — in both
// languages and both themes.

let app: App;

beforeAll(async () => {
  app = await startApp({ width: 1280, height: 720 });
});

afterAll(async () => {
  await app?.close();
});

describe('layout from 1024×640 to 1920×1080, English and Chinese, light and dark (issue 17)', () => {
  it('has no overlapping controls, cut text, covered buttons, crushed charts or hidden palette entries', async () => {
    const { page } = app;
    await trainQuickRun(page);
    const problems = await forEachLayoutCase(page, async (c) => {
      await page.getByTestId('fit-view').click();
      await page.waitForTimeout(400);
      const found: string[] = [];
      // Fresh weights: "✓ Trained" beside the run's status and the chart controls.
      await setStaleWeights(page, false);
      found.push(
        ...(await layoutProblems(page, {
          controls: [...TOOLBAR_CONTROLS, ...RUN_HEAD_CONTROLS, 'bottom-resizer', 'language-picker', 'theme-picker'],
          selectors: ['.palette-item'],
        })).map((p) => `fresh weights: ${p}`),
      );
      await app.screenshot(`layout-${caseName(c)}-fresh`);
      // Stale weights: the advice and Keep training / Retrain.
      await setStaleWeights(page, true);
      found.push(
        ...(await layoutProblems(page, {
          controls: [...TOOLBAR_CONTROLS, ...RUN_HEAD_CONTROLS, 'keep-training-button', 'retrain-button', 'bottom-resizer', 'language-picker', 'theme-picker'],
          selectors: ['.palette-item'],
        })).map((p) => `stale weights: ${p}`),
      );
      await app.screenshot(`layout-${caseName(c)}-stale`);
      return found;
    });
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('the canvas/bottom split moves with the arrow keys, says its size, and keeps it after a reload', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 720 });
    const resizer = page.getByTestId('bottom-resizer');
    const height = async () => Number(await resizer.getAttribute('aria-valuenow'));
    const areaHeight = () => page.locator('.bottom-area').evaluate((el) => Math.round(el.getBoundingClientRect().height));
    const before = await height();
    expect(before).toBe(await areaHeight());
    await resizer.focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect.poll(height).toBeGreaterThan(before);
    const raised = await height();
    expect(await areaHeight()).toBe(raised);
    await page.keyboard.press('ArrowDown');
    await expect.poll(height).toBeLessThan(raised);
    const chosen = await height();
    // Home/End go to the limits the separator announces.
    await page.keyboard.press('End');
    await expect.poll(height).toBe(Number(await resizer.getAttribute('aria-valuemax')));
    await page.keyboard.press('Home');
    await expect.poll(height).toBe(Number(await resizer.getAttribute('aria-valuemin')));
    for (let i = 0; i < 20 && (await height()) < chosen; i++) await page.keyboard.press('ArrowUp');
    const kept = await height();
    await page.reload();
    await page.getByTestId('palette-Input').waitFor();
    await expect.poll(height).toBe(kept);
    expect(await areaHeight()).toBe(kept);
  });
});
