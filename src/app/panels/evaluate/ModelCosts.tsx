/** Parameter counts and analytic FLOPs per token of our two models (from their configs, src/model/flops.ts). */
import type { EvaluateResult } from '../../../engine/ops/evaluate.types.ts';
import { fmtCount } from './format.ts';

export function ModelCosts({ r, live = true }: { r: EvaluateResult; live?: boolean }) {
  const tid = (id: string) => (live ? id : undefined);
  const c = r.calm;
  const b = r.baseline;
  return (
    <table className="ev-table ev-costs">
      <caption>
        Our two {r.set} models: trainable parameters and forward FLOPs per generated token at a {r.contextTokens}-token context
        (matrix products only). CALM runs its backbone once per chunk of K tokens, then its energy head and the autoencoder's decoder.
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Parameters</th>
          <th scope="col">FLOPs per token</th>
          <th scope="col">Where the FLOPs go</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">CALM</th>
          <td data-testid={tid('eval-calm-params')}>{fmtCount(c.params)}</td>
          <td data-testid={tid('eval-calm-flops')}>{fmtCount(c.flopsPerToken)}</td>
          <td className="ev-small">
            {Object.entries(c.flopParts).map(([k, v]) => `${k} ${fmtCount(v)}`).join(' · ')} (+ a frozen {fmtCount(c.autoencoderParams)}-parameter autoencoder)
          </td>
        </tr>
        <tr>
          <th scope="row">Discrete baseline</th>
          <td data-testid={tid('eval-baseline-params')}>{fmtCount(b.params)}</td>
          <td data-testid={tid('eval-baseline-flops')}>{fmtCount(b.flopsPerToken)}</td>
          <td className="ev-small">{Object.entries(b.flopParts).map(([k, v]) => `${k} ${fmtCount(v)}`).join(' · ')}</td>
        </tr>
      </tbody>
    </table>
  );
}
