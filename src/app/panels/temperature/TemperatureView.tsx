/** The result of one draw for the current context: the batch's distinct chunks or the exact sampler's run. */
import type { TempSample } from './useTempSample.ts';
import { CandidateTable } from './CandidateTable.tsx';
import { ExactView } from './ExactView.tsx';

export function TemperatureView({ sample }: { sample: TempSample }) {
  const r = sample.result;
  if (!r) return null;
  return (
    <div className="tp-result" aria-busy={sample.busy}>
      <p className="tp-context">
        Next chunk after: <span className="tp-chunk">…{r.context.text.slice(-160)}</span>{' '}
        <span className="gn-muted">({r.context.chunks} chunk positions; backbone positions computed so far: {r.backbonePositions}; head and decoder {Math.round(r.ms)} ms in the engine{sample.ms !== null ? `, ${Math.round(sample.ms)} ms for the page` : ''})</span>
      </p>
      {r.sampler.kind === 'batch' ? <CandidateTable t={r.sampler} /> : <ExactView t={r.sampler} chosen={r.chosen?.text ?? null} />}
    </div>
  );
}
