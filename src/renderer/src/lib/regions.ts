/**
 * Issue 17: the window's regions in the order F6 visits them (as F6 moves between a desktop
 * app's panes in VS Code, Office and the browsers): toolbar, layer palette, canvas, the bottom
 * panels, the inspector and settings, the status bar.
 */
export const REGIONS = ['.toolbar', '.palette', '.canvas', '.bottom-area', '.sidebar', '.status-bar'] as const;

const TABBABLE = 'a[href], button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

/** Where focus lands in a region: on the canvas the selected layer (else the first), elsewhere the first control that Tab would reach. */
function target(region: HTMLElement): HTMLElement | null {
  if (region.matches('.canvas')) {
    const node = region.querySelector<HTMLElement>('.react-flow__node.selected') ?? region.querySelector<HTMLElement>('.react-flow__node');
    if (node) return node;
  }
  return [...region.querySelectorAll<HTMLElement>(TABBABLE)].find(visible) ?? null;
}

/**
 * Moves focus to the next region (or the previous one) that has something to focus, from the
 * region that holds focus now; answers whether focus moved.
 */
export function focusRegion(step: 1 | -1, doc: Document = document): boolean {
  const regions = REGIONS.map((selector) => doc.querySelector<HTMLElement>(selector));
  const current = regions.findIndex((r) => r?.contains(doc.activeElement));
  for (let i = 1; i <= regions.length; i++) {
    const index = (((current < 0 ? (step === 1 ? -1 : 0) : current) + step * i) % regions.length + regions.length) % regions.length;
    const region = regions[index];
    const el = region && target(region);
    if (el) {
      el.focus();
      return true;
    }
  }
  return false;
}
