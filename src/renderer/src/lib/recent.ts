import type { WireProject as Project } from '../../../shared/project/wire';

/**
 * Recently opened projects, kept in localStorage with their content (projects are small), so the
 * start page can reopen them in both hosts without file paths. Newest first. Saving a project
 * lists it too (issue 17), with the file it was saved as.
 */
export interface RecentEntry {
  name: string;
  openedAt: string;
  layers: number;
  project: Project;
  /** The file's name (desktop: the file opened or saved; browser: the downloaded file), when there is one. */
  fileName?: string;
}

const KEY = 'neurite.recent';
const LIMIT = 8;
const MAX_CHARS = 300_000;

export function listRecent(): RecentEntry[] {
  try {
    const parsed = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as RecentEntry[]).filter((e) => e && typeof e.name === 'string' && e.project?.graph) : [];
  } catch {
    return [];
  }
}

function write(entries: RecentEntry[]): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(entries));
  } catch {
    // Storage full or disabled: the list simply stays as it was.
  }
}

/** Puts the project first in the list (replacing an entry of the same name); `fileName` is the file it was opened from or saved as. */
export function rememberRecent(project: Project, fileName?: string | null): void {
  if (project.graph.nodes.length === 0 || JSON.stringify(project).length > MAX_CHARS) return;
  const entry: RecentEntry = { name: project.name, openedAt: new Date().toISOString(), layers: project.graph.nodes.length, project, ...(fileName ? { fileName } : {}) };
  write([entry, ...listRecent().filter((e) => e.name !== project.name)].slice(0, LIMIT));
}

export function forgetRecent(name: string): void {
  write(listRecent().filter((e) => e.name !== name));
}
