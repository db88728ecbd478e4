/** One K-token chunk: its token chips (padding marked), and its μ and σ as 128-cell heatmaps. */
import { chipLabel } from '../../draw/format.ts';
import { Heatmap } from './Heatmap.tsx';
import { muColour, sigmaColour } from './scales.ts';

export interface ChunkCardProps {
  index: number;
  K: number;
  latent: number;
  tokens: readonly string[];
  /** How many of this chunk's positions (at its end) are padding. */
  padding: number;
  padToken: string;
  /** Robust decode right, per position of this chunk. */
  correct: readonly boolean[];
  decoded: readonly string[];
  mu: Float32Array;
  sigma: Float32Array | null;
  /** A live-model result (test id on); false for a precomputed trace. */
  live: boolean;
}

export function ChunkCard({ live, index, K, latent, tokens, padding, padToken, correct, decoded, mu, sigma }: ChunkCardProps) {
  const allRight = correct.every(Boolean);
  return (
    <li className="cz-chunk" data-testid={live ? 'chunk' : undefined} aria-label={`Chunk ${index + 1}`}>
      <div className="cz-chunk-head">
        <span className="cz-chunk-no">#{index + 1}</span>
        <span className={allRight ? 'cz-ok' : 'cz-bad'}>{allRight ? '✓ decoded' : '✗ decoded with errors'}</span>
      </div>
      <ol className="cz-chips" aria-label={`Tokens of chunk ${index + 1}`}>
        {tokens.map((t, k) => {
          const isPad = k >= K - padding;
          const wrong = !correct[k];
          return (
            <li
              key={k}
              className={`cz-chip${isPad ? ' cz-pad' : ''}${wrong ? ' cz-chip-wrong' : ''}`}
              title={isPad ? `padding (${padToken}): the text ended before the chunk was full` : wrong ? `decoded as “${decoded[k]}”` : undefined}
            >
              {isPad ? 'pad' : chipLabel(t)}
              {isPad && <span className="cz-hidden"> (padding token {padToken})</span>}
              {wrong && <span className="cz-hidden"> (decoded wrongly as “{decoded[k]}”)</span>}
            </li>
          );
        })}
      </ol>
      <div className="cz-maps">
        <div>
          <span className="cz-map-label">μ</span>
          <Heatmap values={mu} offset={index * latent} n={latent} colour={muColour} name={`μ of chunk ${index + 1}`} />
        </div>
        {sigma && (
          <div>
            <span className="cz-map-label">σ</span>
            <Heatmap values={sigma} offset={index * latent} n={latent} colour={sigmaColour} name={`σ of chunk ${index + 1}`} />
          </div>
        )}
      </div>
    </li>
  );
}
