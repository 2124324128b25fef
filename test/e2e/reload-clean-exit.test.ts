import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadTemplate } from './editor-helpers';
import { readBackup, webHostAndBrowser } from './harness';

// Issue 17: "a normal page reload is greeted as 'did not close cleanly'". A reload is a clean
// exit: the unsaved work is still offered at the next start, but not as a crash.

const host = webHostAndBrowser();

const backup = () => readBackup<{ project?: { name?: string }; cleanExit?: boolean }>(host.server.userDir);

describe('reload with unsaved work', () => {
  it('offers the unsaved project without saying Neurite did not close cleanly', async () => {
    const page: Page = await host.browser.newPage();
    const prompts: string[] = [];
    page.on('dialog', (dialog) => {
      // The reload's "leave the page?" is confirmed; the restore offer is recorded and declined.
      if (dialog.type() === 'beforeunload') void dialog.accept();
      else {
        prompts.push(dialog.message());
        void dialog.dismiss();
      }
    });
    await page.goto(host.server.url);
    await loadTemplate(page, 'playground-circles');
    // The debounced crash backup of the unsaved work is written (a crash now would leave it unmarked).
    await expect.poll(() => backup()?.project != null, { timeout: 20_000 }).toBe(true);
    expect(backup()?.cleanExit).toBeUndefined();

    await page.reload();
    await expect.poll(() => prompts.length, { timeout: 20_000 }).toBe(1);
    expect(prompts[0]).not.toMatch(/did not close cleanly/);
    expect(prompts[0]).toMatch(/closed or reloaded/);
    await page.close();
  });
});
