/**
 * One step under the hood: the backbone's hidden state h, several head samples for the same h (the head
 * is a distribution, not a point), the vector the sampler chose and its K decoded tokens.
 */
import type { GenStepView } from '../../../engine/ops/generate.types.ts';
import { chipLabel } from '../../draw/format.ts';
import { SamplerSummary } from './SamplerSummary.tsx';
import { VectorHeatmap } from './VectorHeatmap.tsx';

function Chips({ tokens }: { tokens: string[] }) {
  return (
    <span className="gn-chips">
      {tokens.map((t, i) => <span key={i} className="gn-chip">{chipLabel(t)}</span>)}
    </span>
  );
}

export function StepDetails({ step, count, onSelect }: { step: GenStepView; count: number; onSelect: (i: number) => void }) {
  const i = step.index;
  const latentMax = Math.max(...step.samples.flatMap((s) => Array.from(s.latent, Math.abs)), ...Array.from(step.chosen, Math.abs), 1e-6);
  return (
    <section className="gn-details" aria-labelledby="gn-details-h">
      <div className="gn-details-head">
        <h3 id="gn-details-h">Step {i + 1} of {count}, under the hood</h3>
        <button type="button" onClick={() => onSelect(i - 1)} disabled={i === 0} aria-label="Previous step">‹</button>
        <button type="button" onClick={() => onSelect(i + 1)} disabled={i + 1 >= count} aria-label="Next step">›</button>
      </div>
      <div className="gn-flow">
        <figure>
          <figcaption>1 · Hidden state h ({step.hidden.length} numbers): the backbone's summary of everything before this chunk</figcaption>
          <VectorHeatmap values={step.hidden} name={`hidden state of step ${i + 1}`} />
        </figure>
        <figure>
          <figcaption>2 · The energy head turns h plus fresh noise into a vector: {step.samples.length} independent samples for the same h</figcaption>
          <ol className="gn-samples">
            {step.samples.map((s, k) => (
              <li key={k}>
                <VectorHeatmap values={s.latent} name={`head sample ${k + 1}`} max={latentMax} cell={4} />
                <Chips tokens={s.tokens} />
              </li>
            ))}
          </ol>
        </figure>
        <figure>
          <figcaption>3 · The chosen vector ({step.chosen.length} numbers), decoded by the autoencoder to {step.ids.length} tokens</figcaption>
          <VectorHeatmap values={step.chosen} name={`chosen vector of step ${i + 1}`} max={latentMax} />
          <div><Chips tokens={step.tokens} /></div>
        </figure>
      </div>
      <SamplerSummary t={step.sampler} />
    </section>
  );
}
