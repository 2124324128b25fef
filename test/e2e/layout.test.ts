import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { loadTemplate, runFromPalette } from './editor-helpers';
import { applyLayoutCase, caseName, forEachLayoutCase, layoutProblems, RUN_HEAD_CONTROLS, setStaleWeights, TOOLBAR_CONTROLS, trainQuickRun } from './layout-check';

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

  it('trial 10 (8, 21): the open lesson panel sits below the toolbar beside the graph at 1024×640, folds to a bar and back by keyboard', async () => {
    const { page } = app;
    const panel = page.getByTestId('lesson-panel');
    const problems: string[] = [];
    // Run alone (-t), the project is still empty: the lesson must meet a graph to stay clear of.
    await page.getByTestId('palette-Input').waitFor();
    if ((await page.locator('.react-flow__node').count()) === 0) {
      await loadTemplate(page, 'keras-tutorial-regression');
      await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    }
    for (const language of ['en', 'zh-CN'] as const) {
      const c = { width: 1024, height: 640, language, theme: 'light' } as const;
      await applyLayoutCase(page, c);
      await runFromPalette(page, language === 'en' ? 'Lessons' : '课程', 'lessons');
      await page.getByTestId('lesson-open-fit-a-line').click();
      await panel.waitFor();
      // Over the trained template (not empty): the lesson says to start from a new project.
      await expect.poll(() => page.getByTestId('lesson-new-project').count()).toBe(1);
      // Step 2 with the tensors card open: the panel at its tallest.
      if ((await panel.getAttribute('data-step')) === 'intro') await page.getByTestId('lesson-next').click();
      await expect.poll(() => panel.getAttribute('data-step')).toBe('input');
      await page.getByTestId('lesson-concept-tensors').click();
      await page.getByTestId('lesson-axes').waitFor();
      await page.waitForTimeout(400);
      const found = await layoutProblems(page, { controls: [...TOOLBAR_CONTROLS, 'lesson-next', 'lesson-leave', 'lesson-collapse', 'bottom-resizer'], selectors: ['.palette-item'] });
      // The axis-1 sum of the first row is inside the panel, not cut at its edge.
      const sumCut = await page.getByTestId('lesson-axes-sum1-0').evaluate((cell) => {
        const box = cell.getBoundingClientRect();
        const panelBox = cell.closest('[data-testid="lesson-panel"]')!.getBoundingClientRect();
        return box.right > panelBox.right + 1 || box.left < panelBox.left - 1;
      });
      if (sumCut) found.push('the axis-1 sum is cut at the lesson panel edge');
      // Trial 11: Next and Leave are in view without scrolling the panel (its footer stays at the bottom edge).
      const hidden = await panel.evaluate((el) => {
        el.scrollTop = 0;
        const box = el.getBoundingClientRect();
        return ['lesson-next', 'lesson-leave'].filter((id) => {
          const b = el.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect();
          return b.bottom > box.bottom + 1 || b.top < box.top - 1;
        });
      });
      for (const id of hidden) found.push(`${id} is below the lesson panel's visible area until it is scrolled`);
      await app.screenshot(`layout-lesson-${caseName(c)}`);
      // Fold by keyboard: the bar keeps the step and gives the canvas back; Enter opens it again.
      await page.getByTestId('lesson-collapse').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.getAttribute('data-collapsed')).toBe('true');
      const bar = await panel.evaluate((el) => el.getBoundingClientRect().width);
      if (bar > 48) found.push(`the folded lesson bar is ${Math.round(bar)} px wide`);
      found.push(...(await layoutProblems(page, { controls: [...TOOLBAR_CONTROLS, 'lesson-expand'], selectors: ['.palette-item'] })).map((p) => `folded: ${p}`));
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lesson-expand');
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.getAttribute('data-collapsed')).toBe('false');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lesson-collapse');
      if (language === 'zh-CN') {
        // The notice's button starts a new project (after the unsaved-changes question), named in the UI language (trial 10, 12).
        page.once('dialog', (dialog) => void dialog.accept());
        await page.getByTestId('lesson-new-project-button').click();
        await expect.poll(() => page.locator('.react-flow__node').count()).toBe(0);
        await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('未命名');
        await expect.poll(() => page.getByTestId('lesson-new-project').count()).toBe(0);
        expect(await panel.getAttribute('data-lesson')).toBe('fit-a-line');
      }
      await page.getByTestId('lesson-leave').click();
      await expect.poll(() => panel.count()).toBe(0);
      problems.push(...found.map((p) => `${caseName(c)}: ${p}`));
    }
    // The empty new project follows a switch of the UI language: 未命名 → Untitled.
    await page.getByTestId('language-picker').selectOption('en');
    await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Untitled');
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
