/**
 * σ slider (0…2, step 0.01; its value is σ), "new noise" (a new seed for ε) and the absolute/relative switch.
 * `hide=controls` hides the last two; the slider is the panel's main control and stays.
 */
import { useId } from 'react';
import { useApp } from '../../state/store.ts';
import { LIMITS } from '../../state/schema.ts';
import { formatSigma } from '../../draw/format.ts';

export function NoiseControls() {
  const sigma = useApp((s) => s.settings.sigma);
  const seed = useApp((s) => s.settings.seed);
  const scale = useApp((s) => s.settings.noise);
  const update = useApp((s) => s.update);
  const id = useId();
  const { min, max, step } = LIMITS.sigma;
  return (
    <div className="nz-controls">
      <div className="nz-slider">
        <label htmlFor={`${id}-sigma`}>
          Noise σ {scale === 'rel' ? '(× each model’s latent RMS)' : '(absolute)'}
        </label>
        <input
          id={`${id}-sigma`}
          data-testid="noise-sigma"
          type="range"
          min={min}
          max={max}
          step={step}
          value={sigma}
          onChange={(e) => update({ sigma: Number(e.target.value) })}
        />
        <output htmlFor={`${id}-sigma`} className="nz-sigma-value">
          σ = {formatSigma(sigma)}
        </output>
      </div>
      <button type="button" data-region="controls" onClick={() => update({ seed: (seed + 1) % (LIMITS.seed.max + 1) })}>
        New noise <span className="cz-muted">(seed {seed})</span>
      </button>
      <fieldset className="nz-scale" data-region="controls">
        <legend>σ is</legend>
        <label>
          <input type="radio" name={`${id}-scale`} value="abs" checked={scale === 'abs'} onChange={() => update({ noise: 'abs' })} />
          absolute
        </label>
        <label>
          <input type="radio" name={`${id}-scale`} value="rel" checked={scale === 'rel'} onChange={() => update({ noise: 'rel' })} />
          relative to each model’s latent scale
        </label>
      </fieldset>
    </div>
  );
}
