import { create } from 'zustand';
import { getLesson } from './index';

/**
 * Where the learner is in each lesson, kept in localStorage so "Leave" (or closing the app) keeps
 * the place and the lesson resumes from it. `open` is the lesson whose panel is shown.
 */
export interface LessonProgress {
  /** 0-based index of the step shown, per lesson id. */
  steps: Record<string, number>;
  /** Lessons finished at least once. */
  finished: Record<string, boolean>;
}

const STORAGE_KEY = 'neurite.lessons';

/** Reads saved progress; anything unreadable or naming steps a lesson does not have is dropped. */
export function parseProgress(text: string | null | undefined): LessonProgress {
  const empty: LessonProgress = { steps: {}, finished: {} };
  if (!text) return empty;
  try {
    const raw = JSON.parse(text) as Partial<LessonProgress>;
    const steps: Record<string, number> = {};
    for (const [id, step] of Object.entries(raw.steps ?? {})) {
      const lesson = getLesson(id);
      if (lesson && Number.isInteger(step) && step >= 0 && step < lesson.steps.length) steps[id] = step;
    }
    const finished: Record<string, boolean> = {};
    for (const [id, done] of Object.entries(raw.finished ?? {})) if (getLesson(id) && done === true) finished[id] = true;
    return { steps, finished };
  } catch {
    return empty;
  }
}

function load(): LessonProgress {
  try {
    return parseProgress(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return { steps: {}, finished: {} };
  }
}

function save(progress: LessonProgress): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(progress));
  } catch {
    // Without storage the place is kept for this window only.
  }
}

interface LessonStore extends LessonProgress {
  /** The lesson whose panel is shown, or null. */
  open: string | null;
  /** The "Lessons" list (Help › Lessons, the command palette). */
  listOpen: boolean;
  setListOpen(open: boolean): void;
  /** Shows the lesson's panel at its saved step (the first when it has none). */
  openLesson(id: string): void;
  /** Shows the lesson from its first step. */
  restart(id: string): void;
  goTo(id: string, step: number): void;
  finish(id: string): void;
  /** Hides the panel; the place in the lesson is kept. */
  leave(): void;
}

export const useLessons = create<LessonStore>()((set, get) => {
  const persist = () => save({ steps: get().steps, finished: get().finished });
  return {
    ...load(),
    open: null,
    listOpen: false,
    setListOpen: (listOpen) => set({ listOpen }),
    openLesson: (id) => {
      if (!getLesson(id)) return;
      set({ open: id, listOpen: false });
    },
    restart: (id) => {
      if (!getLesson(id)) return;
      set((s) => ({ open: id, listOpen: false, steps: { ...s.steps, [id]: 0 } }));
      persist();
    },
    goTo: (id, step) => {
      const lesson = getLesson(id);
      if (!lesson) return;
      set((s) => ({ steps: { ...s.steps, [id]: Math.max(0, Math.min(lesson.steps.length - 1, step)) } }));
      persist();
    },
    finish: (id) => {
      set((s) => {
        const steps = { ...s.steps };
        delete steps[id];
        return { open: null, steps, finished: { ...s.finished, [id]: true } };
      });
      persist();
    },
    leave: () => set({ open: null }),
  };
});
