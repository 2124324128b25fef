import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from './editor-helpers';
import { startApp, type App } from './harness';

// Issue 17: "a saved project does not appear in Recent until reopened and Recent entries are cut off".

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.close();
});

const NAME = 'Circles classifier v2';
const LONG = 'Circles classifier with two hidden layers and a much lower learning rate, third try';

const entry = (page: Page) => page.getByTestId('recent-list').locator('li').filter({ hasText: NAME });

/** Loads the circles template (once its name is in the field it has loaded) and renames it. */
async function nameProject(page: Page, name: string): Promise<void> {
  await loadTemplate(page, 'playground-circles');
  await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe('Playground: circles');
  await page.getByTestId('project-name').fill(name);
  await expect.poll(() => page.getByTestId('project-name').inputValue()).toBe(name);
}

describe('Recent on the start page', () => {
  it('lists a project once it is saved, under its full name, with the full name and file as its tooltip', async () => {
    const { page } = app;
    await nameProject(page, NAME);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    const fileName = download.suggestedFilename();
    // The page has finished saving when its title drops the unsaved marker.
    await expect.poll(() => page.title()).not.toMatch(/^• /);

    // Saved, not reopened: back on the start page (a new page load, nothing unsaved) it is listed.
    await page.reload();
    await entry(page).waitFor({ timeout: 20_000 });
    const link = entry(page).locator('.link');
    expect(await link.textContent()).toBe(NAME);
    const title = (await link.getAttribute('title')) ?? '';
    expect(title).toContain(NAME);
    expect(title).toContain(fileName);

    // The name uses the column's width (it was cut at about 95 px): whole at 1440 px; a longer one ends with an ellipsis.
    const fits = await link.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    expect(await link.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');

    // A name longer than the column ends with an ellipsis; the tooltip has it whole.
    await nameProject(page, LONG);
    await Promise.all([page.waitForEvent('download'), page.getByTestId('save-button').click()]);
    await expect.poll(() => page.title()).not.toMatch(/^• /);
    await page.reload();
    const long = page.getByTestId('recent-list').locator('li').filter({ hasText: LONG }).locator('.link');
    await long.waitFor({ timeout: 20_000 });
    expect(await long.getAttribute('title')).toContain(LONG);
    expect(await long.evaluate((el) => el.scrollWidth > el.clientWidth && el.getBoundingClientRect().right <= el.parentElement!.getBoundingClientRect().right)).toBe(true);
    await app.screenshot('recent-after-save');
  });
});
