/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startApp, type App } from './harness';
import { fill, loadTemplate } from './editor-helpers';

// Issue 16 ("What was seen"): in 简体中文 a diverging run said "已停止：The loss became Infinity…",
// and the CSV import's errors were English. A learner in Chinese trains the Keras tutorial
// regression at a huge learning rate, then imports a CSV with a missing value.

let app: App;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'neurite-messages-zh-'));
  app = await startApp();
});
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The first run of three English words left in `text` once the allowed names are taken out (Keras names, values), or null. */
function englishSentence(text: string, allowed: readonly string[]): string | null {
  let rest = text;
  for (const name of allowed) rest = rest.split(name).join(' ');
  return /[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}[ ,;:]+[A-Za-z]{2,}/.exec(rest)?.[0] ?? null;
}

async function chinese(page: Page): Promise<void> {
  await page.getByTestId('palette-Input').waitFor();
  await page.getByTestId('language-picker').selectOption('zh-CN');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
}

describe('messages from the trainer and the CSV import in Chinese (issue 16)', () => {
  it('a diverging run says why in Chinese, in the run panel and the runs view, with no English sentence', async () => {
    const { page } = app;
    await chinese(page);
    await loadTemplate(page, 'keras-tutorial-regression');
    // The template is in (its three layers and SGD) before the learning rate is typed over its own.
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
    await expect.poll(() => page.getByTestId('setting-optimizer').inputValue()).toBe('sgd');
    await fill(page, 'setting-learningRate', '10');
    expect(await page.getByTestId('setting-learningRate').inputValue()).toBe('10');
    await page.getByTestId('train-button').click();
    const status = page.getByTestId('run-status');
    await expect.poll(() => status.getAttribute('class'), { timeout: 170_000, interval: 500 }).toMatch(/status-diverged/);
    const text = (await status.textContent()) ?? '';
    expect(text).toMatch(/^已停止：(损失在第 \d+ 轮第 \d+ 批变成了 (Infinity|-Infinity|NaN)|\S+ 在第 \d+ 轮结束时变成了 (Infinity|-Infinity|NaN))，训练已停止。可能的原因：学习率太高/);
    expect(englishSentence(text, ['Infinity', 'NaN', 'val_loss', 'loss'])).toBeNull();
    expect(englishSentence((await status.getAttribute('title')) ?? '', ['Infinity', 'NaN', 'val_loss', 'loss'])).toBeNull();
    // The outcome banner (kind, message, causes, remedies) is Chinese too.
    const outcome = page.getByTestId('run-outcome');
    expect(await outcome.getAttribute('data-kind')).toBe('diverged');
    expect(englishSentence((await outcome.textContent()) ?? '', ['NaN', 'SGD', 'Keras'])).toBeNull();
    await page.evaluate(() => document.fonts.ready);
    await app.screenshot('messages-zh-diverged');

    // The runs view's status cell explains the same in Chinese.
    await page.getByTestId('tab-runs').click();
    const row = page.getByTestId('run-row-1');
    await row.waitFor();
    const cell = row.locator('[data-col="run:status"]');
    const title = (await cell.getAttribute('title')) ?? '';
    expect(title).toMatch(/训练已停止。可能的原因：学习率太高/);
    expect(englishSentence(title, ['Infinity', 'NaN', 'val_loss', 'loss'])).toBeNull();
    await page.getByTestId('tab-run').click();
  });

  it('a CSV with a missing value is refused in Chinese, naming the line and the column', async () => {
    const { page } = app;
    await chinese(page);
    const file = join(dir, 'holes.csv');
    writeFileSync(file, 'petal length,species\n1.4,setosa\n4.7,versicolor\n,virginica\n5.1,setosa\n');
    await page.getByTestId('dataset-import-csv').click();
    await page.getByTestId('csv-file-input').setInputFiles(file);
    await page.getByTestId('csv-preview').waitFor();
    await page.getByTestId('csv-import').click();
    const error = page.getByTestId('csv-error');
    await expect.poll(() => error.textContent(), { timeout: 60_000 }).toMatch(/^第 4 行，列“petal length”：缺少值。请选择如何处理该列的缺失值/);
    expect(await error.getAttribute('data-line')).toBe('4');
    expect(englishSentence((await error.textContent()) ?? '', ['petal length'])).toBeNull();
    await app.screenshot('messages-zh-csv-missing');
    await page.getByTestId('csv-cancel').click();
  });
});
