/**
 * Both autoencoders' decodes of one noisy z = μ + σ·ε side by side, with the legend of the marks.
 * `live`: the live model's result (test ids on); false for a precomputed trace (same view, no test ids).
 */
import type { NoiseDecodeResult } from '../../../engine/ops/compress.types.ts';
import { OutsideTrainingNote } from '../compress/Notes.tsx';
import { NoisyDecodeView } from './NoisyDecodeView.tsx';

export function NoiseDecodes({ r, live }: { r: NoiseDecodeResult; live: boolean }) {
  return (
    <div className={live ? undefined : 'trace-view'}>
      <OutsideTrainingNote chars={r.unusualChars} />
      <div className="nz-decodes">
        <NoisyDecodeView title="Robust autoencoder (VAE)" d={r.robust} tokens={r.tokens} scale={r.scale}
          accuracyTestId={live ? 'noise-accuracy' : undefined} decodeTestId={live ? 'noisy-decode' : undefined} />
        <NoisyDecodeView title="Plain autoencoder" d={r.plain} tokens={r.tokens} scale={r.scale}
          accuracyTestId={live ? 'noise-accuracy-plain' : undefined} decodeTestId={live ? 'noisy-decode-plain' : undefined} />
      </div>
      <p className="cz-muted">
        Marked tokens: ↯ flipped by the noise (right at σ = 0, wrong now); ✗ wrong even without noise. Decoded at σ ={' '}
        {r.sigma.toFixed(2)}{r.scale === 'rel' ? ' (relative)' : ''}, noise seed {r.seed}.
      </p>
    </div>
  );
}
