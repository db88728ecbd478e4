/**
 * The lessons menu (header) and the caption banner shown while a lesson is active (src/app/lessons.ts).
 * The banner is region "lesson": `hide=captions` hides the panels' explanations, not the lesson's one line.
 */
import { useId } from 'react';
import { useApp } from './state/store.ts';
import { LESSONS, lessonById } from './lessons.ts';

export function LessonMenu() {
  const lesson = useApp((s) => s.settings.lesson);
  const choose = useApp((s) => s.chooseLesson);
  const id = useId();
  return (
    <span className="lesson-menu">
      <label htmlFor={id}>Lesson</label>{' '}
      <select id={id} value={lesson ?? ''} onChange={(e) => choose(e.target.value || null)}>
        <option value="">none (explore freely)</option>
        {LESSONS.map((l) => (
          <option key={l.id} value={l.id}>
            {l.title}
          </option>
        ))}
      </select>
    </span>
  );
}

export function LessonBanner() {
  const id = useApp((s) => s.settings.lesson);
  const panel = useApp((s) => s.settings.panel);
  const choose = useApp((s) => s.chooseLesson);
  const lesson = lessonById(id);
  if (!lesson || lesson.panel !== panel) return null;
  return (
    <aside className="lesson-banner" data-region="lesson" data-lesson={lesson.id} aria-label="Current lesson">
      <p>
        <strong className="lesson-title">{lesson.title}.</strong> <span className="lesson-caption">{lesson.caption}</span>
      </p>
      <button type="button" className="lesson-end" onClick={() => choose(null)} aria-label="End the lesson">
        ×
      </button>
    </aside>
  );
}
