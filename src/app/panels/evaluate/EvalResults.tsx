/** The live results table: BrierLM and Brier-1…4 with standard errors for CALM, the baseline, the unigram floor. */
import type { BrierView, EvaluateResult } from '../../../engine/ops/evaluate.types.ts';
import { fmtBrier, fmtBrierLM, fmtMs } from './format.ts';

/** `live`: results of the live model carry their test ids; a precomputed trace's never do. */
function Row({ name, v, id, note, live }: { name: string; v: BrierView; id: string; note?: string; live: boolean }) {
  const tid = (s: string) => (live ? `eval-${id}-${s}` : undefined);
  return (
    <tr>
      <th scope="row">
        {name}
        {note && <span className="ev-row-note">{note}</span>}
      </th>
      <td className="ev-lm">
        <span data-testid={tid('brierlm')}>{fmtBrierLM(v.brierLM)}</span>
        {v.brierLMStdErr !== null && <span className="ev-se"> ± {fmtBrierLM(v.brierLMStdErr)}</span>}
      </td>
      {v.brier.map((b, n) => (
        <td key={n} className={b <= 0 ? 'ev-nonpos' : undefined}>
          <span data-testid={tid(`brier${n + 1}`)}>{fmtBrier(b)}</span>
          <span className="ev-se"> ± {fmtBrier(v.stdErr[n])}</span>
        </td>
      ))}
    </tr>
  );
}

export function EvalResults({ r, live = true }: { r: EvaluateResult; live?: boolean }) {
  const when = live ? `Computed just now on the ${r.backend} backend` : `Computed in Node (${r.backend} backend) when the trace was made`;
  const what = r.source === 'heldout'
    ? `${r.positions.toLocaleString()} positions, one every ${r.stride} tokens over ${r.tokensCovered.toLocaleString()} held-out ${r.set} tokens`
    : `${r.positions.toLocaleString()} positions: every ${r.stride}-token chunk of your text (${r.tokensCovered.toLocaleString()} tokens)`;
  return (
    <div className="ev-results">
      <table className="ev-table">
        <caption>
          BrierLM (higher is better; 100 would be a perfect model) on {what}, each predicted from the {r.contextTokens} tokens
          before it. ± one standard error. {when}, in {fmtMs(r.ms)}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">BrierLM</th>
            <th scope="col">Brier-1</th>
            <th scope="col">Brier-2</th>
            <th scope="col">Brier-3</th>
            <th scope="col">Brier-4</th>
          </tr>
        </thead>
        <tbody>
          <Row name="CALM" id="calm" live={live} v={r.calm} note={`${r.calm.pairsPerPosition} sample pairs per position`} />
          <Row name="Discrete baseline" id="baseline" live={live} v={r.baseline} note="lower-variance form" />
          <Row name="Unigram floor" id="unigram" live={live} v={r.unigram} note={`training-token frequencies`} />
        </tbody>
      </table>
      <p className="ev-small">
        CALM drew {r.samples} vectors per position from its energy head and decoded them; {r.calm.pairsPerPosition} disjoint pairs
        each give the two-sample estimate 1{'{'}x₁ = y{'}'} + 1{'{'}x₂ = y{'}'} − 1{'{'}x₁ = x₂{'}'} (no probabilities needed). The
        baseline, which has probabilities, uses 2·P(y) − P(x̂) with one sampled x̂. In {(100 * r.calm.repeatRate).toFixed(0)} % of
        positions CALM drew the same chunk twice. Time: CALM {fmtMs(r.calm.ms)}, baseline {fmtMs(r.baseline.ms)}. Seed {r.seed}.
      </p>
    </div>
  );
}
