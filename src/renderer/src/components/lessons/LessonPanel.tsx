import { useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n';
import { getLesson, LESSONS, type Lesson, type LessonState } from '../../lessons';
import { concept } from '../../lessons/concepts';
import { needsNewProject, stepToShow } from '../../lessons/checks';
import { useLessons } from '../../lessons/progress';
import { useEditor } from '../../store/editor';
import { useLastPrediction } from '../../store/lastPrediction';
import { useRun } from '../../store/training';
import { AxisTable } from './AxisTable';
import { newProject } from '../../lib/files';
import { fitAfterLayout } from '../../lib/viewport';

const HIGHLIGHT = 'lesson-highlight';

/** The app's state as lesson checks read it (re-renders when any part changes). */
function useLessonState(): LessonState {
  const doc = useEditor((s) => s.doc);
  const run = useRun((s) => s.run);
  const lastPrediction = useLastPrediction((s) => s.last);
  return { doc, run, lastPrediction };
}

/**
 * Marks the element with this `data-testid` while the step is shown. The element may appear
 * later (the units field once a Dense layer is selected, Predict's input once a model exists), so
 * the mark is re-applied whenever the page changes.
 */
function useHighlight(testId: string | undefined): void {
  useEffect(() => {
    if (!testId) return;
    let marked: Element | null = null;
    const apply = () => {
      const element = document.querySelector(`[data-testid="${testId}"]`);
      if (element === marked) return;
      marked?.classList.remove(HIGHLIGHT);
      element?.classList.add(HIGHLIGHT);
      marked = element;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      observer.disconnect();
      marked?.classList.remove(HIGHLIGHT);
    };
  }, [testId]);
}

/**
 * The open lesson: the step's text, its concept cards, and Back / Next / Leave. The step's check
 * is read from the app's state: when it turns true while the step is shown, the panel moves on by
 * itself; a step already done when reached says so and waits for Next (so Back stays possible).
 * Every state change also re-runs the earlier steps' checks: when one no longer holds (the learner
 * undid it), the panel moves back to the first such step (`stepToShow`).
 */
export function LessonPanel() {
  const open = useLessons((s) => s.open);
  const lesson = open ? getLesson(open) : undefined;
  const [collapsed, setCollapsed] = useState(false);
  // Which of the two buttons had the focus when the panel changed form: the other one takes it (keyboard users stay in place).
  const toggled = useRef(false);
  const toggle = (fold: boolean) => {
    toggled.current = true;
    setCollapsed(fold);
  };
  useEffect(() => setCollapsed(false), [open]);
  // Trial 10 (8, 21): the panel is docked beside the canvas, so opening, collapsing or closing it
  // changes the canvas' width: fit the graph into what is left (nothing to fit on an empty canvas).
  useEffect(() => {
    if (useEditor.getState().doc.graph.nodes.length > 0) fitAfterLayout();
  }, [open, collapsed]);
  if (!lesson) return null;
  return collapsed ? <CollapsedLesson lesson={lesson} expand={() => toggle(false)} /> : <OpenLesson lesson={lesson} collapse={() => toggle(true)} focusCollapse={toggled.current} />;
}

/** The lesson folded to a narrow bar at the canvas' right edge: its step, and a button (Enter/Space) that opens it again. */
function CollapsedLesson({ lesson, expand }: { lesson: Lesson; expand: () => void }) {
  const t = useT();
  const saved = useLessons((s) => s.steps[lesson.id] ?? 0);
  const label = t('lesson.expand', { title: t(lesson.title), step: saved + 1, steps: lesson.steps.length });
  return (
    <section className="lesson-panel collapsed" role="complementary" aria-label={t(lesson.title)} data-testid="lesson-panel" data-lesson={lesson.id} data-collapsed="true">
      <button onClick={expand} aria-expanded={false} aria-label={label} title={label} data-testid="lesson-expand" autoFocus>
        {t('lesson.expandShort', { step: saved + 1, steps: lesson.steps.length })}
      </button>
    </section>
  );
}

function OpenLesson({ lesson, collapse, focusCollapse }: { lesson: Lesson; collapse: () => void; focusCollapse: boolean }) {
  const t = useT();
  const saved = useLessons((s) => s.steps[lesson.id] ?? 0);
  const { goTo, finish, leave } = useLessons.getState();
  const state = useLessonState();
  const index = stepToShow(lesson, state, saved);
  const step = lesson.steps[index];
  const held = step.check ? step.check(state) : true;
  const detail = step.detail?.(state, t) ?? null;
  const [card, setCard] = useState<string | null>(null);
  const seen = useRef<{ key: string; held: boolean } | null>(null);
  const key = `${lesson.id}:${index}`;

  useEffect(() => {
    const before = seen.current;
    seen.current = { key, held };
    if (before?.key === key && !before.held && held && step.check) goTo(lesson.id, index + 1);
  }, [key, held, step, lesson.id, index, goTo]);
  useEffect(() => {
    if (index !== saved) goTo(lesson.id, index);
  }, [index, saved, lesson.id, goTo]);
  useEffect(() => setCard(null), [key]);
  useHighlight(step.highlight);

  const last = index === lesson.steps.length - 1;
  const shown = card ? concept(card) : null;
  return (
    <section className="lesson-panel" role="complementary" aria-label={t(lesson.title)} data-testid="lesson-panel" data-lesson={lesson.id} data-step={step.id} data-collapsed="false">
      <header>
        <b>{t(lesson.title)}</b>
        <span className="muted small" data-testid="lesson-step-count">
          {t('lesson.stepOf', { step: index + 1, steps: lesson.steps.length })}
        </span>
        <button className="link lesson-collapse" onClick={collapse} aria-expanded={true} title={t('lesson.collapseTitle')} data-testid="lesson-collapse" autoFocus={focusCollapse}>
          {t('lesson.collapse')}
        </button>
      </header>
      {/* The step scrolls in a short window; the header and the Back/Next/Leave buttons stay in view. */}
      <div className="lesson-body" tabIndex={0}>
        {needsNewProject(lesson, state, index) && (
          <p className="lesson-notice small" data-testid="lesson-new-project">
            {t('lesson.newProjectNotice')}{' '}
            <button onClick={newProject} data-testid="lesson-new-project-button">
              {t('lesson.newProject')}
            </button>
          </p>
        )}
        <p data-testid="lesson-step-text">{t(step.text)}</p>
        {detail && (
          <p className="lesson-detail" data-testid="lesson-step-detail">
            {detail}
          </p>
        )}
        {step.check && (
          <p className={`small ${held ? 'lesson-done' : 'muted'}`} data-testid="lesson-step-status">
            {held ? t('lesson.stepDone') : t('lesson.stepWaiting')}
          </p>
        )}
        {step.concepts && step.concepts.length > 0 && (
          <div className="lesson-concepts">
            {step.concepts.map((id) => (
              <button key={id} className={`link${card === id ? ' active' : ''}`} onClick={() => setCard(card === id ? null : id)} aria-expanded={card === id} data-testid={`lesson-concept-${id}`}>
                {t(concept(id).title)}
              </button>
            ))}
          </div>
        )}
        {shown && (
          <div className="lesson-card" data-testid="lesson-card">
            <b>{t(shown.title)}</b>
            <p>{t(shown.body)}</p>
            {shown.example === 'axes' && <AxisTable />}
          </div>
        )}
      </div>
      <footer>
        <button onClick={() => goTo(lesson.id, index - 1)} disabled={index === 0} data-testid="lesson-back">
          {t('lesson.back')}
        </button>
        {last ? (
          <button className="primary" onClick={() => finish(lesson.id)} data-testid="lesson-finish">
            {t('lesson.finish')}
          </button>
        ) : (
          <button className="primary" onClick={() => goTo(lesson.id, index + 1)} disabled={!held} title={held ? undefined : t('lesson.nextDisabled')} data-testid="lesson-next">
            {t('lesson.next')}
          </button>
        )}
        <button onClick={leave} title={t('lesson.leaveTitle')} data-testid="lesson-leave">
          {t('lesson.leave')}
        </button>
      </footer>
    </section>
  );
}

/** What a lesson's card or list entry offers: start, resume at step N, or do it again. */
export function lessonStatus(t: ReturnType<typeof useT>, lesson: Lesson, steps: Record<string, number>, finished: Record<string, boolean>): string {
  const at = steps[lesson.id];
  if (at !== undefined && at > 0) return t('lesson.resumeAt', { step: at + 1, steps: lesson.steps.length });
  return finished[lesson.id] ? t('lesson.finishedOnce') : t('lesson.notStarted', { steps: lesson.steps.length });
}

/** Help › Lessons (and the command palette): every lesson with where the learner is in it. */
export function LessonList() {
  const t = useT();
  const listOpen = useLessons((s) => s.listOpen);
  const steps = useLessons((s) => s.steps);
  const finished = useLessons((s) => s.finished);
  if (!listOpen) return null;
  const { setListOpen, openLesson, restart } = useLessons.getState();
  const close = () => setListOpen(false);
  return (
    <div className="overlay" role="presentation" onMouseDown={close} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <div className="about-box lesson-list" role="dialog" aria-modal="true" aria-labelledby="lesson-list-title" onMouseDown={(e) => e.stopPropagation()} data-testid="lesson-list">
        <h2 id="lesson-list-title">{t('lesson.listTitle')}</h2>
        <ul>
          {LESSONS.map((lesson) => (
            <li key={lesson.id}>
              <b>{t(lesson.title)}</b>
              <span className="muted small">{t(lesson.summary)}</span>
              <span className="small" data-testid={`lesson-status-${lesson.id}`}>
                {lessonStatus(t, lesson, steps, finished)}
              </span>
              <span className="lesson-list-buttons">
                <button className="primary" onClick={() => openLesson(lesson.id)} data-testid={`lesson-open-${lesson.id}`}>
                  {(steps[lesson.id] ?? 0) > 0 ? t('lesson.resume') : t('lesson.start')}
                </button>
                {(steps[lesson.id] ?? 0) > 0 && (
                  <button onClick={() => restart(lesson.id)} data-testid={`lesson-restart-${lesson.id}`}>
                    {t('lesson.restart')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
        <button autoFocus onClick={close} data-testid="lesson-list-close">
          {t('about.close')}
        </button>
      </div>
    </div>
  );
}
