/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { fill, loadTemplate } from './editor-helpers';

/**
 * Issue 17: the window sizes, languages and themes the editor must lay out in, and a check that
 * reads the live page for the faults a small window used to cause. Shared by the layout test and
 * the accessibility check, which walk the same 12 combinations in one browser.
 */

export interface LayoutCase {
  width: number;
  height: number;
  language: 'en' | 'zh-CN';
  theme: 'light' | 'dark';
}

/** The smallest supported window (a 13-inch laptop with its taskbar), a common laptop, a desktop. */
export const LAYOUT_SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;
export const LAYOUT_LANGUAGES = ['en', 'zh-CN'] as const;
export const LAYOUT_THEMES = ['light', 'dark'] as const;

/** Every size × language × theme, sizes outermost (12 cases). */
export function layoutCases(): LayoutCase[] {
  return LAYOUT_SIZES.flatMap((size) => LAYOUT_LANGUAGES.flatMap((language) => LAYOUT_THEMES.map((theme) => ({ ...size, language, theme }))));
}

export function caseName(c: LayoutCase): string {
  return `${c.width}x${c.height}-${c.language}-${c.theme}`;
}

/** Resizes the page and picks the language and theme with the status bar's pickers, as a user would. */
export async function applyLayoutCase(page: Page, c: LayoutCase): Promise<void> {
  await page.setViewportSize({ width: c.width, height: c.height });
  await page.getByTestId('language-picker').selectOption(c.language);
  await page.getByTestId('theme-picker').selectOption(c.theme);
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(c.theme);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(c.language);
  // Let React Flow and uPlot follow the resize (they measure on ResizeObserver callbacks).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(250);
}

/**
 * Runs `check` once per case in one page, resizing between them. Failures of every case are
 * collected and reported together, so one run names all of them.
 */
export async function forEachLayoutCase(page: Page, check: (c: LayoutCase) => Promise<string[]>): Promise<string[]> {
  const problems: string[] = [];
  for (const c of layoutCases()) {
    await applyLayoutCase(page, c);
    for (const p of await check(c)) problems.push(`${caseName(c)}: ${p}`);
  }
  return problems;
}

/** The toolbar's controls, each of which must stay in the window and clickable. */
export const TOOLBAR_CONTROLS = [
  'project-name',
  'open-button',
  'save-button',
  'import-model',
  'export-python',
  'export-typescript',
  'export-model-json',
  'export-onnx',
  'export-training-package',
  'template-picker',
  'undo-button',
  'redo-button',
  'auto-layout',
  'fit-view',
  'train-button',
  'stop-button',
];
/** The run panel's chart controls beside the run's status. */
export const RUN_HEAD_CONTROLS = ['log-scale', 'log-toggle', 'export-png', 'export-csv'];

/**
 * Loads the Keras linear-regression template and trains it for 5 epochs (a few seconds), so the run
 * panel, its charts and the trained-weights status show; the weights match the document (fresh).
 */
export async function trainQuickRun(page: Page): Promise<void> {
  await page.getByTestId('palette-Input').waitFor();
  await expect.poll(() => page.getByTestId('status-backend').textContent()).toMatch(/wasm|cpu|tensorflow/);
  await loadTemplate(page, 'keras-tutorial-regression');
  await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3);
  await fill(page, 'setting-epochs', '5');
  await page.getByTestId('train-button').click();
  await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 120_000, interval: 300 }).toMatch(/^Done/);
  await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state')).toBe('fresh');
}

/** Changing the epochs makes the weights stale but continuable (Keep training and Retrain show); changing them back makes them fresh. */
export async function setStaleWeights(page: Page, stale: boolean): Promise<void> {
  await fill(page, 'setting-epochs', stale ? '6' : '5');
  await expect.poll(() => page.getByTestId('trained-status').getAttribute('data-state')).toBe(stale ? 'stale' : 'fresh');
}

export interface LayoutCheckOptions {
  /** data-testid of controls that must be inside the window and clickable (after scrolling their panel to them). */
  controls: string[];
  /** CSS selectors whose LAST match has the same requirement, e.g. `.palette-item` for the palette's last entry. */
  selectors?: string[];
  /** Smallest height of a visible chart's plot area, px. */
  chartMinHeight?: number;
}

/**
 * Reads the page and returns every layout fault found, one line each naming the elements:
 * - two visible interactive elements (buttons, inputs, selects, tabs, separators, palette items) overlap;
 * - a visible text is cut: it ends with an ellipsis, is line-clamped, or runs past an ancestor that
 *   hides overflow, without a `title` tooltip holding its full text (or with one, when its box is
 *   crushed below 64 px); or it runs under a control it is not part of;
 * - a named control is outside the window or covered (`elementFromPoint` at its centre is another element);
 * - the minimap covers a node of the graph;
 * - a chart's plot area is lower than `chartMinHeight`.
 * Elements scrolled out of view inside a scrolling panel count as reachable, not as faults.
 */
export async function layoutProblems(page: Page, options: LayoutCheckOptions): Promise<string[]> {
  return page.evaluate(inPageLayoutProblems, { controls: options.controls, selectors: options.selectors ?? [], chartMinHeight: options.chartMinHeight ?? 140 });
}

function inPageLayoutProblems(options: { controls: string[]; selectors: string[]; chartMinHeight: number }): string[] {
  const problems: string[] = [];
  const TOLERANCE = 1;
  interface Box {
    left: number;
    top: number;
    right: number;
    bottom: number;
  }
  const boxOf = (r: DOMRect): Box => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const intersect = (a: Box, b: Box): Box => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const isEmpty = (b: Box) => b.right - b.left <= TOLERANCE || b.bottom - b.top <= TOLERANCE;
  const viewport: Box = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };

  const describe = (el: Element): string => {
    const testId = el.getAttribute('data-testid');
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const value = el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? ` value="${el.value.slice(0, 30)}"` : '';
    return `<${el.tagName.toLowerCase()}${testId ? ` data-testid="${testId}"` : cls}${value}>${text ? ` "${text}"` : ''}`;
  };

  const clips = (style: CSSStyleDeclaration) => style.overflowX !== 'visible' || style.overflowY !== 'visible';
  const hides = (overflow: string) => overflow === 'hidden' || overflow === 'clip';
  const scrollsOn = (overflow: string) => overflow === 'auto' || overflow === 'scroll';

  /** The part of `el` the user can see: its box cut by every ancestor that clips, and by the window. */
  const visibleBox = (el: Element): Box => {
    let box = intersect(boxOf(el.getBoundingClientRect()), viewport);
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      if (clips(getComputedStyle(a))) box = intersect(box, boxOf(a.getBoundingClientRect()));
    }
    return box;
  };
  /** What the element's own overflow and its clipping ancestors let through (its content may spill past its box). */
  const clipOf = (el: Element): Box => {
    let box = viewport;
    for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
      if (clips(getComputedStyle(a))) box = intersect(box, boxOf(a.getBoundingClientRect()));
    }
    return box;
  };
  const shown = (el: Element) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });

  /** Scrolls the element's scrolling panels (only those a user can scroll) until it is in view. */
  const revealByScrolling = (el: Element) => {
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const style = getComputedStyle(a);
      const r = el.getBoundingClientRect();
      const box = a.getBoundingClientRect();
      if (scrollsOn(style.overflowY)) {
        if (r.bottom > box.bottom) a.scrollTop += r.bottom - box.bottom;
        if (r.top < box.top) a.scrollTop -= box.top - r.top;
      }
      if (scrollsOn(style.overflowX)) {
        if (r.right > box.right) a.scrollLeft += r.right - box.right;
        if (r.left < box.left) a.scrollLeft -= box.left - r.left;
      }
    }
  };

  // 1. Overlapping interactive elements.
  const interactive = [...document.querySelectorAll('button, input, select, textarea, [role="tab"], [role="separator"], [role="option"], [draggable="true"], a[href]')].filter(
    (el) => shown(el) && !(el instanceof HTMLInputElement && el.type === 'hidden') && !el.closest('.react-flow__node, .react-flow__minimap, .react-flow__controls'),
  );
  const visible = interactive.map((el) => ({ el, box: visibleBox(el) })).filter((v) => !isEmpty(v.box));
  for (let i = 0; i < visible.length; i++) {
    for (let j = i + 1; j < visible.length; j++) {
      const a = visible[i];
      const b = visible[j];
      if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
      // A label wrapping a control, or a control drawn on another on purpose (a search field's clear button) would be nested; siblings must not overlap.
      const overlap = intersect(a.box, b.box);
      if (overlap.right - overlap.left > 2 && overlap.bottom - overlap.top > 2) {
        problems.push(`${describe(a.el)} and ${describe(b.el)} overlap by ${Math.round(overlap.right - overlap.left)}×${Math.round(overlap.bottom - overlap.top)} px`);
      }
    }
  }
  // A control squeezed below a usable width (the project name and template picker once shrank to a few px).
  for (const { el } of visible) {
    if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) continue;
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement)) continue;
    const width = el.getBoundingClientRect().width;
    if (width < 48) problems.push(`${describe(el)} is squeezed to ${Math.round(width)} px wide`);
  }

  // 2. Clipped text.
  const titled = (el: Element, text: string) => {
    for (let a: Element | null = el; a; a = a.parentElement) {
      const title = a.getAttribute('title');
      if (title && title.replace(/\s+/g, ' ').includes(text)) return true;
    }
    return false;
  };
  const textElements = new Set<Element>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent?.trim() || !node.parentElement) continue;
    const parent = node.parentElement;
    if (parent.closest('option, script, style, .sr-only, .react-flow__node, [aria-hidden="true"]')) continue;
    textElements.add(parent);
  }
  for (const el of textElements) {
    if (!shown(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue;
    // Text that is scrolled away, not cut: the user can scroll to it.
    if (isEmpty(visibleBox(el))) continue;
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ');
    const style = getComputedStyle(el);
    let cut = '';
    if (hides(style.overflowX) && el.scrollWidth > el.clientWidth + TOLERANCE) cut = `cut at ${el.clientWidth} of ${el.scrollWidth} px wide`;
    else if (hides(style.overflowY) && el.scrollHeight > el.clientHeight + TOLERANCE + 2) cut = `cut at ${el.clientHeight} of ${el.scrollHeight} px high`;
    if (cut && el.clientWidth < 64) {
      // A tooltip does not excuse a box crushed to a few letters ("Weigh…").
      problems.push(`text ${describe(el)} is crushed: ${cut}`);
      continue;
    }
    if (titled(el, text)) continue;
    if (!cut) {
      // The text's own line boxes against every ancestor that hides its overflow; an ancestor
      // that scrolls on an axis makes the text reachable on that axis.
      const range = document.createRange();
      range.selectNodeContents(el);
      const textBox = boxOf(range.getBoundingClientRect());
      let checkX = true;
      let checkY = true;
      for (let a = el.parentElement; a && a !== document.body && (checkX || checkY); a = a.parentElement) {
        const aStyle = getComputedStyle(a);
        const box = boxOf(a.getBoundingClientRect());
        const slack = TOLERANCE + 1;
        if (checkX && hides(aStyle.overflowX) && Math.max(box.left - textBox.left, textBox.right - box.right) > slack) {
          cut = `runs ${Math.round(Math.max(box.left - textBox.left, textBox.right - box.right))} px past ${describe(a)} sideways, which hides it`;
          break;
        }
        if (checkY && hides(aStyle.overflowY) && Math.max(box.top - textBox.top, textBox.bottom - box.bottom) > slack) {
          cut = `runs ${Math.round(Math.max(box.top - textBox.top, textBox.bottom - box.bottom))} px past ${describe(a)} vertically, which hides it`;
          break;
        }
        if (scrollsOn(aStyle.overflowX)) checkX = false;
        if (scrollsOn(aStyle.overflowY)) checkY = false;
      }
    }
    if (cut) problems.push(`text ${describe(el)} is ${cut} (no tooltip with the full text)`);
  }
  // Text drawn under a control it does not belong to (a status squeezed to nothing spilling under a checkbox).
  for (const el of textElements) {
    if (!shown(el)) continue;
    const clip = clipOf(el);
    if (isEmpty(clip)) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = [...range.getClientRects()].map((r) => intersect(boxOf(r), clip)).filter((b) => !isEmpty(b));
    for (const { el: control, box } of visible) {
      if (control.contains(el) || el.contains(control) || control.closest('label')?.contains(el)) continue;
      const hit = lines.find((line) => {
        const o = intersect(line, box);
        return o.right - o.left > 2 && o.bottom - o.top > 2;
      });
      if (hit) problems.push(`text ${describe(el)} runs under ${describe(control)}`);
    }
  }

  // 3. Named controls: inside the window and not covered.
  const named: { label: string; el: Element | null }[] = [
    ...options.controls.map((id) => ({ label: `data-testid="${id}"`, el: document.querySelector(`[data-testid="${id}"]`) })),
    ...options.selectors.map((sel) => ({ label: `the last ${sel}`, el: [...document.querySelectorAll(sel)].at(-1) ?? null })),
  ];
  for (const { label, el } of named) {
    if (!el) {
      problems.push(`${label} is missing`);
      continue;
    }
    revealByScrolling(el);
    const r = el.getBoundingClientRect();
    if (r.width < 4 || r.height < 4) {
      problems.push(`${describe(el)} is ${Math.round(r.width)}×${Math.round(r.height)} px`);
      continue;
    }
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight || r.right > window.innerWidth + TOLERANCE || r.bottom > window.innerHeight + TOLERANCE) {
      problems.push(`${describe(el)} is outside the ${window.innerWidth}×${window.innerHeight} window (at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)})`);
      continue;
    }
    const hit = document.elementFromPoint(x, y);
    if (!hit || !(hit === el || el.contains(hit))) problems.push(`${describe(el)} is covered at its centre by ${hit ? describe(hit) : 'nothing'}`);
  }

  // 4. The minimap never covers the graph: it stays off the nodes, and small enough (a quarter of
  // the canvas' width, 40% of its height) that a fitted graph has room beside it.
  const minimap = document.querySelector('.react-flow__minimap');
  const canvas = document.querySelector('.react-flow');
  if (minimap && canvas && shown(minimap)) {
    const mapBox = visibleBox(minimap);
    const c = canvas.getBoundingClientRect();
    if (!isEmpty(mapBox)) {
      const w = mapBox.right - mapBox.left;
      const h = mapBox.bottom - mapBox.top;
      if (w > c.width * 0.25 || h > c.height * 0.4) problems.push(`the minimap (${Math.round(w)}×${Math.round(h)} px) takes too much of the ${Math.round(c.width)}×${Math.round(c.height)} px canvas`);
      for (const node of document.querySelectorAll('.react-flow__node')) {
        const overlap = intersect(mapBox, visibleBox(node));
        if (!isEmpty(overlap)) problems.push(`the minimap covers node ${describe(node)}`);
      }
    }
  }

  // 4b. Trial 10 (8, 21): the lesson panel covers no node of the graph and none of the canvas' own controls.
  const lesson = document.querySelector('[data-testid="lesson-panel"]');
  if (lesson && shown(lesson)) {
    const lessonBox = boxOf(lesson.getBoundingClientRect());
    for (const node of document.querySelectorAll('.react-flow__node')) {
      const nodeBox = visibleBox(node);
      if (!isEmpty(nodeBox) && !isEmpty(intersect(lessonBox, nodeBox))) problems.push(`the lesson panel covers node ${describe(node)}`);
    }
    const toolbar = document.querySelector('.toolbar');
    if (toolbar && !isEmpty(intersect(lessonBox, boxOf(toolbar.getBoundingClientRect())))) problems.push('the lesson panel overlaps the toolbar');
  }

  // 5. Charts keep a readable height.
  for (const plot of document.querySelectorAll('.charts .chart-plot')) {
    if (!shown(plot)) continue;
    const height = plot.getBoundingClientRect().height;
    if (height < options.chartMinHeight) problems.push(`chart ${describe(plot.closest('.chart') ?? plot)} is ${Math.round(height)} px high (less than ${options.chartMinHeight})`);
  }
  return problems;
}
