/**
 * The result of one draw for the current context: the batch's distinct chunks or the exact sampler's run.
 * `live`: the live model's draw (test ids and timings shown); false for a precomputed trace.
 */
import type { TempSampleResult } from '../../../engine/ops/temperature.types.ts';
import { PaddingNote } from '../generate/PaddingNote.tsx';
import { CandidateTable } from './CandidateTable.tsx';
import { ExactView } from './ExactView.tsx';

export interface TemperatureViewProps {
  result: TempSampleResult | null;
  busy?: boolean;
  /** Wall time of the call as the page saw it (ms). */
  pageMs?: number | null;
  live: boolean;
}

export function TemperatureView({ result: r, busy = false, pageMs = null, live }: TemperatureViewProps) {
  if (!r) return null;
  return (
    <div className={`tp-result${live ? '' : ' trace-view'}`} aria-busy={busy}>
      <p className="tp-context">
        Next chunk after: <span className="tp-chunk">…{r.context.text.slice(-160)}</span>{' '}
        <span className="gn-muted">
          ({r.context.chunks} chunk positions
          {live && `; backbone positions computed so far: ${r.backbonePositions}; head and decoder ${Math.round(r.ms)} ms in the engine${pageMs !== null ? `, ${Math.round(pageMs)} ms for the page` : ''}`})
        </span>
      </p>
      <PaddingNote promptTokens={r.context.promptTokens} padTokens={r.context.padTokens} K={r.context.K} />
      {r.sampler.kind === 'batch' ? <CandidateTable t={r.sampler} live={live} /> : <ExactView t={r.sampler} chosen={r.chosen?.text ?? null} live={live} />}
    </div>
  );
}
