/**
 * Noise: drag σ and watch every chunk re-decoded from z = μ + σ·ε, for the robust (VAE) and the
 * plain autoencoder, with flipped tokens marked, cos(μ, z), and the accuracy-versus-σ curve.
 * μ stays cached in the engine, so a σ move is one batched decode per model. Until the live model is
 * ready, precomputed traces of the default decode and curve (marked as such, without test ids).
 */
import { useApp } from '../state/store.ts';
import type { NoiseDecodeResult, NoiseSweepResult } from '../../engine/ops/compress.types.ts';
import { TraceBanner } from '../traces/TraceBanner.tsx';
import { usePanelTrace } from '../traces/usePanelTrace.ts';
import { TRACE_ARGS } from '../traces/trace-args.ts';
import { TextInput } from './compress/TextInput.tsx';
import { EngineErrorNote } from './compress/Notes.tsx';
import { useEngineReady } from './compress/engine-hooks.ts';
import { NoiseControls } from './noise/NoiseControls.tsx';
import { NoiseDecodes } from './noise/NoiseDecodes.tsx';
import { NoiseCurve } from './noise/NoiseCurve.tsx';
import { useNoiseDecode, useNoiseSweep, type SweepState } from './noise/noise-hooks.ts';
import { SWEEP_POINTS } from './noise/sweep-slices.ts';
import { CustomBanner } from './train/CustomBanner.tsx';
import { useTrain } from './train/train-store.ts';
import './compress/compress.css';
import './noise/noise.css';

const traceSweep = (result: NoiseSweepResult): SweepState => ({ result, complete: true, done: SWEEP_POINTS, running: false, error: null });

export function NoisePanel() {
  const text = useApp((s) => s.settings.text);
  const sigma = useApp((s) => s.settings.sigma);
  const seed = useApp((s) => s.settings.seed);
  const scale = useApp((s) => s.settings.noise);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const ready = useEngineReady();
  const custom = useTrain((s) => s.custom);
  const decode = useNoiseDecode({ text, sigma, seed, scale, custom: custom ? true : undefined, customId: custom?.id ?? null });
  const sweep = useNoiseSweep(text, seed, scale, custom?.id ?? null);
  const decodeTrace = usePanelTrace<NoiseDecodeResult>('noise');
  const sweepTrace = usePanelTrace<NoiseSweepResult>('noise-sweep');
  const r = decode.result;
  const tracedDecode = !r && decodeTrace;
  const tracedCurve = !sweep.result && sweepTrace;
  const differs = [...new Set([...(tracedDecode ? tracedDecode.differs : []), ...(tracedCurve ? tracedCurve.differs : [])])];
  return (
    <div className="cz-panel">
      <h2>Noise: how much can the vectors take?</h2>
      {captions && (
        <p className="cz-caption" data-region="caption">
          CALM's language model never predicts a vector exactly, so the decoder must cope with vectors that are a
          little off. Here every chunk's vector gets Gaussian noise, z = μ + σ·ε, and is decoded again. The robust
          autoencoder was trained with noise (a VAE with KL clipping, DropToken and DropLatent); the plain one only
          learned to reconstruct.
        </p>
      )}
      <div className="split">
      <div className="split-main">
      <TextInput testId="noise-input" label="Text" />
      <NoiseControls />
      <div className="cz-status" role="status" aria-live="polite">
        {!ready ? 'Waiting for the models to load…' : !r && !decode.error ? 'Decoding…' : ''}
      </div>
      <CustomBanner shown={r ? r.custom : null} />
      {decode.error && <EngineErrorNote error={decode.error} keeping={!!r} />}
      {(tracedDecode || tracedCurve) && (
        <TraceBanner what={`the default sentence decoded at σ = ${TRACE_ARGS.noise.sigma} and its accuracy curve`} differs={differs} />
      )}
      {r ? <NoiseDecodes r={r} live /> : tracedDecode && <NoiseDecodes r={tracedDecode.trace.result} live={false} />}
      </div>
      <div className="split-side">
      {tracedCurve ? (
        <NoiseCurve sweep={traceSweep(tracedCurve.trace.result)} sigma={TRACE_ARGS.noise.sigma} scale={TRACE_ARGS['noise-sweep'].scale} captions={captions} live={false} />
      ) : (
        <NoiseCurve sweep={sweep} sigma={r?.sigma ?? sigma} scale={scale} captions={captions} />
      )}
      </div>
      </div>
    </div>
  );
}
