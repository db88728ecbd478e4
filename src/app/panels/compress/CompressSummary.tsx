/** Accuracy and compression figures of the current text (the live model's, or a precomputed trace's). */
import type { CompressResult } from '../../../engine/ops/compress.types.ts';
import { formatPercent } from '../../draw/format.ts';

/** `live`: a live-model result (test ids on); false for a precomputed trace. */
export function CompressSummary({ r, live }: { r: CompressResult; live: boolean }) {
  const c = r.compression;
  const rb = r.robust;
  return (
    <dl className="cz-summary">
      <div>
        <dt>Token accuracy</dt>
        <dd>
          <span className="cz-big" data-testid={live ? 'recon-accuracy' : undefined}>{formatPercent(rb.tokenAccuracy)}</span>
          <span className="cz-muted"> {rb.correctTokens} of {c.tokens} tokens</span>
        </dd>
      </div>
      <div>
        <dt>Chunk accuracy</dt>
        <dd>
          <span className="cz-big" data-testid={live ? 'chunk-accuracy' : undefined}>{formatPercent(rb.chunkAccuracy)}</span>
          <span className="cz-muted"> {rb.correctChunks} of {c.vectors} chunks all right</span>
        </dd>
      </div>
      <div>
        <dt>Tokens per vector</dt>
        <dd>
          <span className="cz-big">{c.tokensPerVector}</span>
          <span className="cz-muted"> {c.tokens} tokens → {c.vectors} vectors of {c.numbersPerVector} numbers</span>
        </dd>
      </div>
      <div>
        <dt>Generation steps</dt>
        <dd>
          <span className="cz-big">{c.stepsCalm}</span>
          <span className="cz-muted">
            {' '}instead of {c.stepsDiscrete}: {c.stepsSaved} saved ({(c.stepsDiscrete / c.stepsCalm).toFixed(1)}× fewer)
          </span>
        </dd>
      </div>
      <div>
        <dt>Plain autoencoder</dt>
        <dd>
          <span className="cz-big">{formatPercent(r.plain.tokenAccuracy)}</span>
          <span className="cz-muted"> token accuracy (no KL, no dropout)</span>
        </dd>
      </div>
    </dl>
  );
}
