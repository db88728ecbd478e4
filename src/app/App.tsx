import { useApp } from './state/store.ts';
import { PANELS } from './state/schema.ts';
import { PANEL_INFO } from './panels/index.ts';
import { ModelsSection } from './ModelsSection.tsx';
import { EngineStatus } from './EngineStatus.tsx';

export function App() {
  const panel = useApp((s) => s.settings.panel);
  const update = useApp((s) => s.update);
  const engineState = useApp((s) => s.engine.state);
  const Panel = PANEL_INFO[panel].component;
  return (
    <div className="app" data-state={engineState}>
      <header className="app-header">
        <h1>CALM Playground</h1>
        <p className="tagline">
          Continuous Autoregressive Language Models: every K = 4 tokens become one continuous vector, and a
          Transformer predicts the next <em>vector</em> — K× fewer generation steps, no softmax.
        </p>
        <EngineStatus />
      </header>
      <nav className="tabs" role="tablist" aria-label="Panels">
        {PANELS.map((p) => (
          <button key={p} role="tab" aria-selected={p === panel} data-panel={p} onClick={() => update({ panel: p })}>
            {PANEL_INFO[p].title}
          </button>
        ))}
      </nav>
      <main>
        <section className="card panel" role="tabpanel" aria-label={PANEL_INFO[panel].title}>
          <Panel />
        </section>
        <ModelsSection />
      </main>
    </div>
  );
}
