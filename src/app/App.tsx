/**
 * The app's frame: header (title, lessons menu, copy link, presenter mode, shortcuts), engine status,
 * panel tabs, the active lesson's banner, the active panel, and a link to the Models page.
 *
 * REGIONS — what `?hide=` and presenter mode act on. Mark an element with `data-region="<name>"` and the
 * CSS in src/app/styles.css hides it when the link says so (`.app[data-hide~="<name>"]`):
 *   data-region="header"   hide=header    the title bar (title, tagline, lessons menu, toolbar); the engine
 *                                         status line goes too, but progress, errors and notices stay.
 *   data-region="tabs"     hide=tabs      the panel tabs (the digit keys still switch panels).
 *   data-region="controls" hide=controls  a panel's settings controls (sliders, sampler choice…). Panels: wrap
 *                                         optional controls in it; keep the main action buttons outside it.
 *   data-region="caption"  hide=captions  a panel's explanatory paragraph(s). Panels may also read
 *                                         `settings.hide.includes('captions')` and not render them.
 *   data-region="lesson"   (not hideable) the active lesson's one-line banner; × ends the lesson.
 * Presenter mode (`presenter=1`, key p) sets `data-presenter` on <html> and on .app: src/app/presenter.css
 * scales the type, thickens lines and borders, makes the header one row and collapses every caption to one
 * line until the header's "Full captions" button (`data-captions="open"` on .app) opens them. Panels that draw (SVG, canvas) can read
 * `--line-width` / `--chart-font` from CSS, or `settings.presenter` from the store.
 */
import { PanelBoundary } from './PanelBoundary.tsx';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useApp } from './state/store.ts';
import { PANELS } from './state/schema.ts';
import { PANEL_INFO } from './panels/index.ts';
import { ModelsLink } from './ModelsLink.tsx';
import { EngineStatus } from './EngineStatus.tsx';
import { CopyLink } from './CopyLink.tsx';
import { LessonBanner, LessonMenu } from './Lessons.tsx';
import { ShortcutsOverlay } from './shortcuts/ShortcutsOverlay.tsx';
import { useShortcuts } from './shortcuts/useShortcuts.ts';
import { registerOffline, useOfflineState } from './offline.ts';
import './presenter.css';

function usePresenterRoot(on: boolean): void {
  useEffect(() => {
    const root = document.documentElement;
    if (on) root.dataset.presenter = 'on';
    else delete root.dataset.presenter;
  }, [on]);
}

/** WAI-ARIA tabs: ←/→ move to the previous/next panel (wrapping), Home/End to the first/last. */
function onTabsKey(e: KeyboardEvent<HTMLElement>, panel: (typeof PANELS)[number], go: (p: (typeof PANELS)[number]) => void): void {
  const i = PANELS.indexOf(panel);
  const n = PANELS.length;
  const to = { ArrowRight: (i + 1) % n, ArrowLeft: (i + n - 1) % n, Home: 0, End: n - 1 }[e.key];
  if (to === undefined) return;
  e.preventDefault();
  go(PANELS[to]);
  e.currentTarget.querySelector<HTMLElement>(`[data-panel="${PANELS[to]}"]`)?.focus();
}

export function App() {
  const panel = useApp((s) => s.settings.panel);
  const presenter = useApp((s) => s.settings.presenter);
  const hide = useApp((s) => s.settings.hide);
  const update = useApp((s) => s.update);
  const engineState = useApp((s) => s.engine.state);
  const offline = useOfflineState();
  const { helpOpen, setHelpOpen } = useShortcuts();
  // Presenter mode shows each caption on one line until this is on (src/app/presenter.css).
  const [captionsOpen, setCaptionsOpen] = useState(false);
  const Panel = PANEL_INFO[panel].component;
  usePresenterRoot(presenter);
  useEffect(() => {
    if (engineState === 'ready') void registerOffline();
  }, [engineState]);

  return (
    <div className="app" data-state={engineState} data-presenter={presenter ? 'on' : undefined} data-hide={hide.join(' ') || undefined}
      data-captions={captionsOpen ? 'open' : undefined}>
      <header className="app-header" data-region="header">
        <div className="app-title">
          <h1>CALM Playground</h1>
          <p className="tagline">
            Continuous Autoregressive Language Models: every K = 4 tokens become one continuous vector, and a
            Transformer predicts the next <em>vector</em> — K× fewer generation steps, no softmax.
          </p>
        </div>
        <div className="app-toolbar">
          <LessonMenu />
          <CopyLink />
          <button type="button" aria-pressed={presenter} aria-keyshortcuts="p" onClick={() => update({ presenter: !presenter })}>
            Presenter mode
          </button>
          <button type="button" className="captions-toggle" aria-pressed={captionsOpen} onClick={() => setCaptionsOpen(!captionsOpen)}
            title="Presenter mode shows each panel's explanation on one line; this opens them in full">
            Full captions
          </button>
          <button type="button" aria-keyshortcuts="?" onClick={() => setHelpOpen(true)}>
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
      </header>
      <EngineStatus />
      <nav className="tabs" role="tablist" aria-label="Panels" data-region="tabs" onKeyDown={(e) => onTabsKey(e, panel, (p) => update({ panel: p }))}>
        {PANELS.map((p) => (
          <button
            key={p}
            role="tab"
            aria-selected={p === panel}
            tabIndex={p === panel ? 0 : -1}
            aria-controls="panel"
            aria-keyshortcuts={PANEL_INFO[p].key}
            data-panel={p}
            title={`${PANEL_INFO[p].title} (key ${PANEL_INFO[p].key})`}
            onClick={() => update({ panel: p })}
          >
            {PANEL_INFO[p].title}
          </button>
        ))}
      </nav>
      <LessonBanner />
      <main>
        <section id="panel" className="card panel" role="tabpanel" aria-label={PANEL_INFO[panel].title} data-panel-active={panel}>
          <PanelBoundary key={panel} name={PANEL_INFO[panel].title}>
            <Panel />
          </PanelBoundary>
        </section>
        <ModelsLink />
      </main>
      <footer className="app-footer">
        <p>
          Runs entirely in this browser; nothing you type leaves it.{' '}
          {offline === 'ready' && <span data-offline-note>Saved for offline use: this page opens without a network next time.</span>}
        </p>
      </footer>
      <ShortcutsOverlay open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
