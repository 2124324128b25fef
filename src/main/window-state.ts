/**
 * The main window's size and position, remembered between sessions. Pure: main reads and writes
 * the JSON and passes in the displays, so the rules (ignore a corrupt file, never restore a
 * window onto a monitor that is gone, never larger than the screen) are unit-tested.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 };
export const MIN_SIZE = { width: 960, height: 600 };

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The saved state, or null when the text is missing or not a valid state (then the defaults apply). */
export function parseWindowState(text: string | null): WindowState | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const d = data as { bounds?: Partial<Rect>; maximized?: unknown } | null;
  const b = d?.bounds;
  if (!b || ![b.x, b.y, b.width, b.height].every(isFiniteNumber) || (b.width as number) <= 0 || (b.height as number) <= 0) return null;
  return { bounds: { x: b.x!, y: b.y!, width: b.width!, height: b.height! }, maximized: d?.maximized === true };
}

export function serializeWindowState(state: WindowState): string {
  return JSON.stringify(state);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: the saved bounds when enough of the title bar area is on a display
 * that still exists, shrunk to that display's work area; otherwise the default size centred on
 * the primary display (the first in `workAreas`).
 */
export function restoreBounds(saved: WindowState | null, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (width: number, height: number): Rect => {
    const w = Math.min(width, primary.width);
    const h = Math.min(height, primary.height);
    return { x: Math.round(primary.x + (primary.width - w) / 2), y: Math.round(primary.y + (primary.height - h) / 2), width: w, height: h };
  };
  if (!saved) return { bounds: centred(DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const b = saved.bounds;
  // The top strip is what a user grabs to move the window; it must be reachable.
  const titleBar: Rect = { x: b.x, y: b.y, width: b.width, height: Math.min(40, b.height) };
  const best = workAreas.map((area) => ({ area, shared: overlap(titleBar, area) })).sort((a, c) => c.shared - a.shared)[0];
  if (!best || best.shared < Math.min(titleBar.width, 100) * titleBar.height * 0.5) {
    return { bounds: centred(Math.max(b.width, MIN_SIZE.width), Math.max(b.height, MIN_SIZE.height)), maximized: saved.maximized };
  }
  const area = best.area;
  const width = Math.min(Math.max(b.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(b.height, MIN_SIZE.height), area.height);
  const x = Math.min(Math.max(b.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(b.y, area.y), area.y + area.height - height);
  return { bounds: { x, y, width, height }, maximized: saved.maximized };
}

/** The project file a command line names (first launch or a second instance's argv), if any. */
export function projectFileFromArgv(argv: readonly string[]): string | null {
  // argv[0] is the executable; in development argv[1] is the app folder. Flags and the app path are skipped.
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (/\.neurite$/i.test(arg)) return arg;
  }
  return null;
}
