import { fitALine } from './fit-a-line';
import { tenClasses } from './ten-classes';
import type { Lesson } from './types';

export type { Lesson, LessonStep, LessonState, ConceptCard } from './types';

/** The lessons, in the order the tutorial teaches them (one file each). */
export const LESSONS: readonly Lesson[] = [fitALine, tenClasses];

/** The lesson of this id, or undefined (a saved progress entry of a lesson that no longer exists). */
export function getLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
