import type { MessageKey, Translate } from '../i18n';
import type { EditorDoc } from '../store/document';
import type { LastPrediction } from '../store/lastPrediction';
import type { RunState } from '../store/run';

/**
 * Issue 16, guided lessons: a lesson is data (one file per lesson, like the layer and optimizer
 * registries). Its texts are dictionary keys, so every lesson reads in English and Chinese; its
 * steps are checked against the app's state (the editor document, the run, the last prediction),
 * never against clicks, so a step done by drag, double-click, undo or the command palette counts
 * the same.
 */

/** What a step's check reads: the app's state of the moment. */
export interface LessonState {
  doc: EditorDoc;
  run: RunState;
  lastPrediction: LastPrediction | null;
}

/** A short explanation the tutorial gives (tensors and axes, epochs…), linked from the steps it belongs to. */
export interface ConceptCard {
  id: string;
  title: MessageKey;
  body: MessageKey;
  /** A live example under the text: 'axes' shows the project's data with its sums over axis 0 and axis 1. */
  example?: 'axes';
}

export interface LessonStep {
  /** Stable within its lesson: saved progress refers to steps by index, tests by id. */
  id: string;
  text: MessageKey;
  /** The `data-testid` of the UI element to highlight while the step is shown (the palette item, a field, the Train button…). */
  highlight?: string;
  /** Whether the step is done, read from the app's state. Absent: a step to read, done when seen. */
  check?: (state: LessonState) => boolean;
  /** Concept cards linked from this step (ids in src/renderer/src/lessons/concepts.ts). */
  concepts?: readonly string[];
  /** A line under the text that quotes the learner's own results (their prediction…); null when there is nothing to quote. */
  detail?: (state: LessonState, t: Translate) => string | null;
}

export interface Lesson {
  id: string;
  title: MessageKey;
  summary: MessageKey;
  steps: readonly LessonStep[];
}
