import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from './harness';
import { loadTemplate, selectNode } from './editor-helpers';

// A fresh user's trial of the Predict panel (P1, after issues 12 and 13):
// 1. a Titanic-like CSV with Age filled by its mean: Predict with Age left blank was refused
//    ("Feature Age: expected a number, got “”") although the fill is stored;
// 2. the panel's fields were encoded features ("Sex=female", "Embarked=" …) where README promises
//    the raw values you type: now one field per input column, categories chosen from a list;
// 3. a Keras model imported with File ▸ Import model… offered the placeholder data's field and
//    failed ("the model expects 4 features"): now one field per model input, taken as they are.

let app: App;
const dir = mkdtempSync(join(tmpdir(), 'neurite-e2e-predict-trial-'));

/** 200 passengers: survival follows sex and class; 40 ages missing, 2 ports of embarkation missing. */
function titanicLike(): { text: string; ages: number[] } {
  let seed = 11;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['PassengerId,Survived,Pclass,Name,Sex,Age,Fare,Embarked'];
  const ages: number[] = [];
  for (let id = 1; id <= 200; id++) {
    const pclass = 1 + Math.floor(random() * 3);
    const sex = random() < 0.45 ? 'female' : 'male';
    const survived = (sex === 'female' ? 0.75 : 0.2) + (pclass === 1 ? 0.15 : pclass === 3 ? -0.15 : 0) > random() ? 1 : 0;
    const age = id % 5 === 3 ? '' : String(Math.round(2 + random() * 60));
    if (age !== '') ages.push(Number(age));
    const fare = (pclass === 1 ? 60 : pclass === 2 ? 20 : 8) + Math.round(random() * 1000) / 100;
    const embarked = id === 62 || id === 130 ? '' : ['S', 'C', 'Q', 'S'][Math.floor(random() * 4)];
    lines.push([id, survived, pclass, `"Passenger ${id}, Mr. Test"`, sex, age, fare.toFixed(2), embarked].join(','));
  }
  return { text: `${lines.join('\n')}\n`, ages };
}

/** The trial's start: the circles template, then Import data… the CSV with the health fix "Fill Age with the mean". */
async function importTitanic(page: Page): Promise<{ ages: number[] }> {
  const file = join(dir, 'titanic.csv');
  const { text, ages } = titanicLike();
  writeFileSync(file, text);
  await page.getByTestId('palette-Input').waitFor();
  await loadTemplate(page, 'playground-circles');
  await page.getByTestId('dataset-import-csv').click();
  await page.getByTestId('csv-file-input').setInputFiles(file);
  await page.getByTestId('csv-preview').waitFor();
  await page.getByTestId('data-health').getByTestId('health-fix-set-missing:Age:mean').click();
  await page.getByTestId('csv-import').click();
  await page.getByTestId('csv-dialog').waitFor({ state: 'detached' });
  return { ages };
}

beforeAll(async () => {
  app = await startApp();
  // Replacing a project with unsaved changes (a template, an imported model) asks first: yes.
  app.page.on('dialog', (dialog) => void dialog.accept());
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Predict panel (trial fixes)', () => {
  it('offers the raw columns (categories to choose, the empty one named) and fills a blank Age with its stored mean', async () => {
    const { page } = app;
    const { ages } = await importTitanic(page);
    // The one-click fix the trial took: "Set the Input shape to [9]" (the trial's file had one column more), in the Input's inspector.
    await selectNode(page, 'input');
    await page.getByTestId('fix-set-input-shape:input:9').click();
    await expect.poll(() => page.getByTestId('status-problems').textContent()).toMatch(/0 errors/);
    await page.getByTestId('train-button').click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 200 }).toMatch(/Done/);

    await page.getByTestId('tab-predict').click();
    const panel = page.getByTestId('predict-panel');
    // One field per input column, not per encoded feature.
    expect(await page.getByTestId('predict-feature-count').textContent()).toBe('Input columns: 5 (→ 9 features)');
    expect(await page.getByTestId('predict-inputs').locator('label > span').allTextContents()).toEqual(['Pclass', 'Sex', 'Age', 'Fare', 'Embarked']);
    expect(await panel.textContent()).not.toMatch(/Sex=female|Embarked=/);
    expect(await page.getByTestId('predict-input-1').locator('option').allTextContents()).toEqual(['female', 'male']);
    expect(await page.getByTestId('predict-input-4').locator('option').allTextContents()).toEqual(['(empty)', 'C', 'Q', 'S']);
    // The stored fill is named beside Age.
    const mean = ages.reduce((a, b) => a + b, 0) / ages.length;
    const hint = (await page.getByTestId('predict-fill-2').textContent()) ?? '';
    expect(hint).toMatch(/^blank = filled with \d+(\.\d+)?$/);
    expect(Math.abs(Number(hint.replace('blank = filled with ', '')) - mean)).toBeLessThan(1e-4);

    // The trial's row: third class, female, fare 10, Age left blank.
    await page.getByTestId('predict-input-0').fill('3');
    await page.getByTestId('predict-input-1').selectOption('female');
    await page.getByTestId('predict-input-2').fill('');
    await page.getByTestId('predict-input-3').fill('10');
    await page.getByTestId('predict-input-4').selectOption('S');
    await page.getByTestId('predict-button').click();
    await expect.poll(() => page.getByTestId('predict-output').locator('.class-bar').count()).toBe(2);
    expect(await page.getByTestId('predict-output').locator('.field-error').count()).toBe(0);
    await app.screenshot('predict-trial-blank-age');
    // The same row with Age typed as the fill gives the same answer (to the fill's 6 shown digits).
    const blankBest = Number(await page.getByTestId('predict-output').locator('.class-bar').last().getAttribute('data-value'));
    await page.getByTestId('predict-input-2').fill(String(mean));
    await page.getByTestId('predict-button').click();
    await expect.poll(async () => Math.abs(Number(await page.getByTestId('predict-output').locator('.class-bar').last().getAttribute('data-value')) - blankBest)).toBeLessThan(1e-4);

    // Dataset rows still predict by index; "Use a data row" fills the raw columns and predicts as its row does.
    await page.getByTestId('predict-rows-input').fill('0-4');
    await page.getByTestId('predict-rows-button').click();
    const table = page.getByTestId('predict-rows-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(5);
    await page.getByTestId('predict-sample').click();
    const row = await page.getByTestId('predict-rows-input').inputValue();
    expect(['female', 'male']).toContain(await page.getByTestId('predict-input-1').inputValue());
    await page.getByTestId('predict-button').click();
    await page.getByTestId('predict-truth').waitFor();
    const best = page.getByTestId('predict-output').locator('.class-bar.best');
    const bestText = `${await best.locator('.class-name').textContent()} (${await best.locator('.pct').textContent()})`;
    await page.getByTestId('predict-rows-button').click();
    await expect.poll(() => table.locator('tbody tr').first().getAttribute('data-row')).toBe(row);
    expect((await table.getByTestId('predict-row-prediction').allTextContents())[0]).toBe(bestText);
  });

  it('predicts with an imported Keras model whose Input the data does not fit: one field per model input, as they are', async () => {
    const { page } = app;
    const fixture = join(__dirname, '..', 'fixtures', 'keras3', 'sequential');
    const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as { inputs: number[][]; outputs: number[][] };
    // The trial imported the model into the project holding the Titanic data (classes 0 and 1).
    await importTitanic(page);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('import-model').click()]);
    await chooser.setFiles([join(fixture, 'model.json'), join(fixture, 'group1-shard1of1.bin')]);
    await page.getByTestId('tab-predict').click();
    await expect.poll(() => page.getByTestId('predict-button').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('predict-as-is').waitFor();
    expect(await page.getByTestId('predict-as-is').textContent()).toMatch(/as they are, with no preprocessing/);
    expect(await page.getByTestId('predict-feature-count').textContent()).toBe('Model inputs: 4');
    expect(await page.getByTestId('predict-inputs').locator('input').count()).toBe(4);
    const input = expected.inputs[1];
    for (let i = 0; i < input.length; i++) await page.getByTestId(`predict-input-${i}`).fill(String(input[i]));
    await page.getByTestId('predict-button').click();
    const values = page.getByTestId('predict-output').locator('[data-value]');
    await expect.poll(() => values.count()).toBe(3);
    expect(await page.getByTestId('predict-output').locator('.field-error').count()).toBe(0);
    const got = await values.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))));
    got.forEach((v, i) => expect(Math.abs(v - expected.outputs[1][i])).toBeLessThan(1e-5));
    // The project's class names (0, 1 of the Titanic data) are not the model's: its 3 classes are numbered.
    expect(await page.getByTestId('predict-output').locator('.class-name').allTextContents()).toEqual(['class 0', 'class 1', 'class 2']);
    // No run took place: the run panel shows no elapsed time rather than a wrong "0 s elapsed".
    expect(await page.getByTestId('run-times').textContent()).not.toMatch(/elapsed/);
    await app.screenshot('predict-trial-imported-model');
  });
});
