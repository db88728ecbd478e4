/** One model on the Models page: what it is, its configuration, training budget, held-out metrics and curve. */
import type { ManifestModel } from '../../../engine/manifest.ts';
import { curveData } from './curve-data.ts';
import { modelFacts, paperScale } from './model-facts.ts';
import { TrainingCurve } from './TrainingCurve.tsx';

export function ModelDetails({ name, model }: { name: string; model: ManifestModel }) {
  const curve = curveData(model);
  const scale = paperScale(model);
  return (
    <article className="model-card md-card" data-model={name} aria-labelledby={`md-${name}`}>
      <h3 id={`md-${name}`}>{name}</h3>
      {model.description && <p className="md-what">{model.description}</p>}
      {scale && <p className="md-scale">{scale}.</p>}
      {modelFacts(model).map((sec) => (
        <section key={sec.title} className="md-section">
          <h4>{sec.title}</h4>
          <dl>
            {sec.rows.map((r, i) => (
              <div key={`${r.label}-${i}`} className="md-row">
                <dt>{r.label}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      {curve && (
        <section className="md-section">
          <h4>Training curve</h4>
          <TrainingCurve data={curve} name={name} />
        </section>
      )}
    </article>
  );
}
