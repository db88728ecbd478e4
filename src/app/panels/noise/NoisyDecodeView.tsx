/** One autoencoder's decode of z = μ + σ·ε: accuracy, cos(μ, z), and the decoded text with flipped tokens marked. */
import { memo } from 'react';
import type { NoisyDecode } from '../../../engine/ops/compress.types.ts';
import { formatPercent } from '../../draw/format.ts';
import { TokenText, type TokenMark } from '../compress/TokenText.tsx';

export interface NoisyDecodeViewProps {
  title: string;
  d: NoisyDecode;
  tokens: readonly string[];
  scale: 'abs' | 'rel';
  /** Test ids: only on live-model results (undefined for a precomputed trace). */
  accuracyTestId?: string;
  decodeTestId?: string;
}

export const NoisyDecodeView = memo(function NoisyDecodeView({ title, d, tokens, scale, accuracyTestId, decodeTestId }: NoisyDecodeViewProps) {
  const n = tokens.length;
  const flipped = new Set(d.flipped);
  const wrong = new Set(d.wrong);
  const marks: TokenMark[] = Array.from({ length: n }, (_, i) => (flipped.has(i) ? 'flipped' : wrong.has(i) ? 'wrong' : undefined));
  const cosMean = d.cosine.reduce((a, b) => a + b, 0) / Math.max(1, d.cosine.length);
  const cosMin = Math.min(...d.cosine);
  const flippedText = d.flipped.filter((p) => p < n).length;
  return (
    <section className="nz-decode">
      <h3>{title}</h3>
      <dl className="nz-figures">
        <div>
          <dt>Token accuracy</dt>
          <dd className="cz-big" data-testid={accuracyTestId}>{formatPercent(d.tokenAccuracy)}</dd>
        </div>
        <div>
          <dt>cos(μ, z)</dt>
          <dd>
            <span className="cz-big">{cosMean.toFixed(3)}</span>
            <span className="cz-muted"> mean; lowest {cosMin.toFixed(3)}</span>
          </dd>
        </div>
        <div>
          <dt>Flipped by the noise</dt>
          <dd>
            <span className="cz-big">{flippedText}</span>
            <span className="cz-muted"> of {n} tokens</span>
          </dd>
        </div>
      </dl>
      {scale === 'rel' && (
        <p className="cz-muted">
          Absolute σ added: {d.sigmaEff.toFixed(3)} (= σ × latent RMS {d.latentRms.toFixed(2)}).
        </p>
      )}
      <TokenText testId={decodeTestId} label={`${title}: decoded from noisy vectors`} tokens={d.decodedTokens.slice(0, n)} marks={marks} inputs={tokens} />
    </section>
  );
});
