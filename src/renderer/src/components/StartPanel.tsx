import { useEffect, useState } from 'react';
import type { CallResponse } from '../../../shared/api/contract';
import { api } from '../api';
import { useI18n, useT } from '../i18n';
import { localizedTemplate } from '../../../shared/api/templates';
import { forgetRecent, listRecent, type RecentEntry } from '../lib/recent';
import { openProject } from '../store/training';
import { formatDateTime } from '../lib/dateTime';
import { openTemplate } from '../lib/files';
import { fitAfterLayout } from '../lib/viewport';
import { useToast } from './Toast';
// issue 16: lessons
import { LESSONS } from '../lessons';
import { useLessons } from '../lessons/progress';
import { useLearnHelp } from '../lessons/learnHelp';
import { lessonStatus } from './lessons/LessonPanel';

type TemplateInfo = CallResponse<'templates.list'>[number];


/**
 * What an empty project shows where the run panel will be: templates as cards and recent
 * projects. It sits below the canvas, never over it, so the empty canvas stays a drop target.
 */
export function StartPanel() {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [templates, setTemplates] = useState<TemplateInfo[] | null>(null);
  const [recent, setRecent] = useState<RecentEntry[]>(() => listRecent());
  const lessonSteps = useLessons((s) => s.steps);
  const lessonsFinished = useLessons((s) => s.finished);

  useEffect(() => {
    let live = true;
    api['templates.list']({})
      .then((list) => live && setTemplates(list))
      .catch(() => live && setTemplates([]));
    return () => {
      live = false;
    };
  }, []);

  const open = async (id: string) => {
    try {
      await openTemplate(id, templates ?? []);
    } catch (error) {
      useToast.getState().show(t('toolbar.templateFailed', { id, message: error instanceof Error ? error.message : String(error) }));
    }
  };

  return (
    <section className="start-panel" data-testid="start-panel" aria-label={t('start.title')}>
      <div className="start-col">
        {/* issue 16: lessons */}
        <h2>
          {t('lesson.listTitle')}{' '}
          <button className="link concept-link" onClick={(e) => useLearnHelp.getState().openGlossary(e.currentTarget)} title={t('learn.glossaryIntro')} data-testid="start-glossary">
            {t('learn.glossary')}
          </button>
        </h2>
        <div className="template-cards">
          {LESSONS.map((lesson) => (
            <button key={lesson.id} className="template-card lesson-card-start" onClick={() => useLessons.getState().openLesson(lesson.id)} title={t(lesson.summary)} data-testid={`lesson-card-${lesson.id}`}>
              <b>{t(lesson.title)}</b>
              <span className="muted">{lessonStatus(t, lesson, lessonSteps, lessonsFinished)}</span>
            </button>
          ))}
        </div>
        {/* end issue 16: lessons */}
        <h2>{t('start.templates')}</h2>
        <div className="template-cards">
          {(templates ?? []).map((tpl) => {
            const text = localizedTemplate(tpl, language);
            return (
              <button key={tpl.id} className="template-card" onClick={() => void open(tpl.id)} title={text.description} data-testid={`template-card-${tpl.id}`}>
                <b>{text.name}</b>
                <span className="muted">{text.description}</span>
              </button>
            );
          })}
        </div>
        <p className="muted small">{t('start.empty')}</p>
      </div>
      <div className="start-col recent-col">
        <h2>{t('start.recent')}</h2>
        {recent.length === 0 ? (
          <p className="muted small">{t('start.noRecent')}</p>
        ) : (
          <ul className="recent-list" data-testid="recent-list">
            {recent.map((entry) => (
              <li key={entry.name}>
                <button
                  className="link"
                  onClick={() => {
                    openProject(entry.project);
                    fitAfterLayout();
                  }}
                  title={[entry.name, entry.fileName, formatDateTime(entry.openedAt, language)].filter(Boolean).join('\n')}
                >
                  {entry.name}
                </button>
                <span className="muted small"> · {entry.layers}</span>
                <button
                  className="forget"
                  onClick={() => {
                    forgetRecent(entry.name);
                    setRecent(listRecent());
                  }}
                  title={t('start.forget')}
                  aria-label={`${t('start.forget')} ${entry.name}`}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
