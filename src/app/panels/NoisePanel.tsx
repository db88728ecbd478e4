/**
 * Noise: drag σ and watch every chunk re-decoded from z = μ + σ·ε, for the robust (VAE) and the
 * plain autoencoder, with flipped tokens marked, cos(μ, z), and the accuracy-versus-σ curve.
 * μ stays cached in the engine, so a σ move is one batched decode per model.
 */
import { useApp } from '../state/store.ts';
import { TextInput } from './compress/TextInput.tsx';
import { EngineErrorNote, OutsideTrainingNote } from './compress/Notes.tsx';
import { useEngineReady } from './compress/engine-hooks.ts';
import { NoiseControls } from './noise/NoiseControls.tsx';
import { NoisyDecodeView } from './noise/NoisyDecodeView.tsx';
import { NoiseCurve } from './noise/NoiseCurve.tsx';
import { useNoiseDecode, useNoiseSweep } from './noise/noise-hooks.ts';
import './compress/compress.css';
import './noise/noise.css';

export function NoisePanel() {
  const text = useApp((s) => s.settings.text);
  const sigma = useApp((s) => s.settings.sigma);
  const seed = useApp((s) => s.settings.seed);
  const scale = useApp((s) => s.settings.noise);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useEngineReady();
  const decode = useNoiseDecode({ text, sigma, seed, scale });
  const sweep = useNoiseSweep(text, seed, scale);
  const r = decode.result;
  return (
    <div className="cz-panel">
      <h2>Noise: how much can the vectors take?</h2>
      {captions && (
        <p className="cz-caption">
          CALM's language model never predicts a vector exactly, so the decoder must cope with vectors that are a
          little off. Here every chunk's vector gets Gaussian noise, z = μ + σ·ε, and is decoded again. The robust
          autoencoder was trained with noise (a VAE with KL clipping, DropToken and DropLatent); the plain one only
          learned to reconstruct.
        </p>
      )}
      <TextInput testId="noise-input" label="Text" />
      <NoiseControls />
      <div className="cz-status" role="status" aria-live="polite">
        {!ready ? 'Waiting for the models to load…' : !r && !decode.error ? 'Decoding…' : ''}
      </div>
      {decode.error && <EngineErrorNote error={decode.error} keeping={!!r} />}
      {r && (
        <>
          <OutsideTrainingNote chars={r.unusualChars} />
          <div className="nz-decodes">
            <NoisyDecodeView title="Robust autoencoder (VAE)" d={r.robust} tokens={r.tokens} scale={r.scale}
              accuracyTestId="noise-accuracy" decodeTestId="noisy-decode" />
            <NoisyDecodeView title="Plain autoencoder" d={r.plain} tokens={r.tokens} scale={r.scale}
              accuracyTestId="noise-accuracy-plain" decodeTestId="noisy-decode-plain" />
          </div>
          <p className="cz-muted">
            Marked tokens: ↯ flipped by the noise (right at σ = 0, wrong now); ✗ wrong even without noise. Decoded at σ ={' '}
            {r.sigma.toFixed(2)}{r.scale === 'rel' ? ' (relative)' : ''}, noise seed {r.seed}.
          </p>
        </>
      )}
      <NoiseCurve sweep={sweep} sigma={r?.sigma ?? sigma} scale={scale} captions={captions} />
    </div>
  );
}
