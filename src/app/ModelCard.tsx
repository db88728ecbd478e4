import type { ManifestModel } from '../engine/manifest.ts';

const pct = (x: number | undefined, digits = 2) => (x === undefined ? '–' : `${(x * 100).toFixed(digits)} %`);

export function ModelCard({ name, model }: { name: string; model: ManifestModel }) {
  const m = model.metrics;
  const t = model.training;
  return (
    <article className="model-card" data-model={name}>
      <h3>{name}</h3>
      {model.description && <p>{model.description}</p>}
      <dl>
        {t?.parameters !== undefined && (
          <>
            <dt>Parameters</dt>
            <dd>{(t.parameters / 1e6).toFixed(2)} M</dd>
          </>
        )}
        {t?.wallSeconds !== undefined && (
          <>
            <dt>Training</dt>
            <dd>
              {t.steps} steps, {(t.wallSeconds / 60).toFixed(1)} min on one CPU core
            </dd>
          </>
        )}
        {m?.tokenAccuracy !== undefined && (
          <>
            <dt>Held-out token accuracy</dt>
            <dd>{pct(m.tokenAccuracy)}</dd>
            <dt>At σ = 0.3 noise</dt>
            <dd>{pct(m.noise?.['0.3'])}</dd>
            <dt>At σ = 1.0 noise</dt>
            <dd>{pct(m.noise?.['1.0'])}</dd>
            <dt>Mean learned σ / latent RMS</dt>
            <dd>
              {m.meanSigma?.toFixed(3)} / {m.latentRms?.toFixed(3)}
            </dd>
          </>
        )}
        {Array.isArray(m?.brier) && (
          <>
            <dt>Held-out Brier-1…4</dt>
            <dd>{(m.brier as number[]).map((b) => b.toExponential(1)).join(' / ')}</dd>
            <dt>BrierLM</dt>
            <dd>{typeof m.brierLM === 'number' ? m.brierLM.toFixed(3) : '–'}</dd>
          </>
        )}
      </dl>
    </article>
  );
}
