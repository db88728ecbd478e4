/** The noise curve's caption (shown under the chart, and in the saved figure) and its data as CSV (pure). */
import type { NoiseScaleArg } from '../../../engine/ops/compress.types.ts';
import type { CsvTable } from '../../charts/export.ts';
import { formatPercent } from '../../draw/format.ts';
import type { SweepState } from './noise-hooks.ts';

type Sweep = NonNullable<SweepState['result']>;

export function curveCaption(r: Sweep, scale: NoiseScaleArg, meanX: number | null, at1: { robust: number; plain: number } | null): string {
  const mean = r.meanSigma !== null ? ` (${r.meanSigma.toFixed(2)}${scale === 'rel' ? ` absolute, ${meanX!.toFixed(2)} relative` : ''})` : '';
  const why = scale === 'abs'
    ? `With absolute σ the plain model can look as robust: its vectors are larger (latent RMS ${r.latentRms.plain.toFixed(2)} vs ${r.latentRms.robust.toFixed(2)}), so the same σ is relatively smaller for it. Switch to relative σ for a fair comparison.`
    : `Relative σ scales the noise to each model's own latent size (σ × RMS: ${r.latentRms.robust.toFixed(2)} robust, ${r.latentRms.plain.toFixed(2)} plain), so neither can dodge it by making its vectors bigger.`;
  return 'Each point decodes every chunk of this text from z = μ + σ·ε (one fixed ε per chunk, the same for both models) ' +
    "and counts the tokens that come back right. Dotted line: σ = 0.3, the noise level the paper's robust " +
    `autoencoder learns; green dashes: our robust model's learned mean σ${mean}. ${why}` +
    (at1 ? ` Here, at σ = 1: robust ${formatPercent(at1.robust)}, plain ${formatPercent(at1.plain)}.` : '');
}

/** σ on the chosen scale, then each model's token accuracy (a fraction, full precision). */
export function curveTable(r: Sweep, scale: NoiseScaleArg): CsvTable {
  return {
    columns: [scale === 'rel' ? 'sigma_relative' : 'sigma_absolute', 'robust_vae_accuracy', 'plain_accuracy'],
    rows: r.sigmas.map((s, i) => [s, r.robust[i], r.plain[i]]),
  };
}
