import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './harness';
import { layoutProblems } from './layout-check';

// The layout check itself, on small pages with one known fault each (and the same page without
// it), so a layout test that passes means the faults are absent, not that the check is blind.

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});

afterAll(async () => {
  await browser?.close();
});

async function problemsOf(body: string, controls: string[] = [], selectors: string[] = []): Promise<string[]> {
  await page.setContent(`<!doctype html><html><body style="margin:0;font:14px sans-serif">${body}</body></html>`);
  return layoutProblems(page, { controls, selectors });
}

describe('layoutProblems', () => {
  it('finds nothing on a page without faults', async () => {
    expect(await problemsOf('<button data-testid="a">One</button> <button data-testid="b">Two</button><p>Some text.</p>', ['a', 'b'])).toEqual([]);
  });

  it('names two buttons drawn over each other, and a button another covers', async () => {
    const problems = await problemsOf(
      '<div style="position:relative;height:40px"><button data-testid="log" style="position:absolute;left:0;width:120px">Log</button><button data-testid="retrain" style="position:absolute;left:40px;width:120px">Retrain</button></div>',
      ['log'],
    );
    expect(problems.some((p) => /data-testid="log".*and.*data-testid="retrain".*overlap/.test(p))).toBe(true);
    expect(problems.some((p) => /data-testid="log".*is covered at its centre by <button data-testid="retrain"/.test(p))).toBe(true);
  });

  it('names a field squeezed to a few pixels', async () => {
    expect(await problemsOf('<div style="display:flex;width:60px"><input data-testid="name" style="min-width:0;flex:1"><button style="flex:none">A long button</button></div>')).toContainEqual(
      expect.stringMatching(/data-testid="name".*squeezed to \d+ px wide/),
    );
  });

  it('names cut text without a tooltip, accepts it with one, and refuses a tooltip on a crushed box', async () => {
    const ellipsis = 'white-space:nowrap;overflow:hidden;text-overflow:ellipsis';
    expect(await problemsOf(`<div style="width:80px;${ellipsis}">Done ✓ Trained weights match</div>`)).toContainEqual(expect.stringMatching(/text <div> "Done ✓ Trained weights match" is cut at 80 of \d+ px wide/));
    expect(await problemsOf(`<div style="width:80px;${ellipsis}" title="Done ✓ Trained weights match">Done ✓ Trained weights match</div>`)).toEqual([]);
    expect(await problemsOf(`<div style="width:30px;${ellipsis}" title="Weights are stale">Weights are stale</div>`)).toContainEqual(expect.stringMatching(/"Weights are stale" is crushed/));
  });

  it('names text running past an ancestor that hides it, but not past one that scrolls', async () => {
    expect(await problemsOf('<div style="width:100px;overflow:hidden"><span style="white-space:nowrap">5/5 epochs · 2 s elapsed</span></div>')).toContainEqual(expect.stringMatching(/"5\/5 epochs · 2 s elapsed" is runs \d+ px past <div>.*sideways/));
    expect(await problemsOf('<div style="width:100px;overflow-x:auto"><span style="white-space:nowrap">5/5 epochs · 2 s elapsed</span></div>')).toEqual([]);
  });

  it('names text spilling under a control', async () => {
    expect(
      await problemsOf('<div style="display:flex;width:110px"><span style="flex:1 1 0;min-width:0;white-space:nowrap">✓ Trained</span><label><input type="checkbox" data-testid="tb"> TensorBoard</label></div>'),
    ).toContainEqual(expect.stringMatching(/"✓ Trained" runs under <input data-testid="tb"/));
  });

  it('reaches the last entry of a list that scrolls, and names it in a list that hides it', async () => {
    const items = Array.from({ length: 40 }, (_, i) => `<div class="item" draggable="true">Layer ${i}</div>`).join('');
    expect(await problemsOf(`<div style="height:200px;overflow:auto">${items}</div>`, [], ['.item'])).toEqual([]);
    expect(await problemsOf(`<div style="height:200px;overflow:hidden">${items}</div>`, [], ['.item'])).toContainEqual(expect.stringMatching(/"Layer 39" is (outside|covered)/));
  });

  it('names a control pushed out of the window', async () => {
    expect(await problemsOf('<div style="display:flex;width:1200px"><span style="flex:1"></span><button data-testid="train">Train</button></div>', ['train'])).toContainEqual(
      expect.stringMatching(/data-testid="train".*is outside the 800×600 window/),
    );
  });

  it('names a chart lower than the minimum height', async () => {
    expect(await problemsOf('<div class="charts"><div class="chart" data-testid="chart-loss"><div class="chart-plot" style="height:100px"></div></div></div>')).toContainEqual(
      expect.stringMatching(/chart <div data-testid="chart-loss">.* is 100 px high/),
    );
  });
});
