/**
 * Token accuracy against σ for the robust and the plain autoencoder on the same text (recharts),
 * with σ = 0.3, the learned mean σ and the current σ marked, a progress bar while the sweep runs,
 * a caption that says what the student sees, and the numbers as a visually hidden table.
 */
import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NoiseScaleArg } from '../../../engine/ops/compress.types.ts';
import { formatPercent, formatSigma } from '../../draw/format.ts';
import type { SweepState } from './noise-hooks.ts';
import { accuracyAt, meanSigmaOnAxis, SWEEP_MAX_SIGMA, SWEEP_POINTS } from './sweep-slices.ts';

/** Okabe–Ito blue and vermillion; the plain line is also dashed (not colour alone). */
const ROBUST_COLOUR = '#0072b2';
const PLAIN_COLOUR = '#d55e00';
const TICKS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];

/**
 * `sigma`: the σ whose decode is shown (marked "now"); memoised so that slider moves alone do not redraw the
 * chart. `live`: the sweep is the live model's (test id on); false for a precomputed trace.
 */
export const NoiseCurve = memo(function NoiseCurve({ sweep, sigma, scale, captions, live = true }: {
  sweep: SweepState; sigma: number; scale: NoiseScaleArg; captions: boolean; live?: boolean;
}) {
  const r = sweep.result;
  const axis = scale === 'rel' ? 'σ relative to the latent RMS' : 'σ (absolute)';
  return (
    <section className="nz-curve" aria-labelledby="nz-curve-h">
      <h3 id="nz-curve-h">Token accuracy as the noise grows (same text, same ε)</h3>
      {sweep.running && (
        <label className="nz-progress">
          Sweeping σ: {sweep.done} of {SWEEP_POINTS}
          <progress max={SWEEP_POINTS} value={sweep.done} />
        </label>
      )}
      {sweep.error && <p className="cz-error" role="alert">{sweep.error.message} {sweep.error.fix}</p>}
      {r && <Chart r={r} complete={sweep.complete} sigma={sigma} scale={scale} axis={axis} captions={captions} live={live} />}
    </section>
  );
});

function Chart({ r, complete, sigma, scale, axis, captions, live }: {
  r: NonNullable<SweepState['result']>; complete: boolean; sigma: number; scale: NoiseScaleArg; axis: string; captions: boolean; live: boolean;
}) {
  const rows = r.sigmas.map((s, i) => ({ sigma: s, robust: r.robust[i], plain: r.plain[i] }));
  const meanX = meanSigmaOnAxis(r.meanSigma, scale, r.latentRms.robust);
  const at1R = accuracyAt(r.sigmas, r.robust, 1);
  const at1P = accuracyAt(r.sigmas, r.plain, 1);
  return (
    <figure className={`nz-figure${live ? '' : ' trace-view'}`} data-testid={live ? 'noise-curve' : undefined} data-complete={complete ? 'true' : 'false'} data-points={rows.length}>
      <div className="nz-chart">
        <ResponsiveContainer width="100%" height={300}>
          <LineChart data={rows} margin={{ top: 24, right: 16, bottom: 24, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="sigma" type="number" domain={[0, SWEEP_MAX_SIGMA]} ticks={TICKS} label={{ value: axis, position: 'insideBottom', offset: -12 }} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={52} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(l) => `σ = ${formatSigma(Number(l))}`} />
            <Legend verticalAlign="top" height={24} />
            <ReferenceLine x={0.3} stroke="#777" strokeDasharray="2 4" label={{ value: 'σ = 0.3', position: 'insideTopLeft', fontSize: 12 }} />
            {meanX !== null && meanX <= SWEEP_MAX_SIGMA && (
              <ReferenceLine x={meanX} stroke="#009e73" strokeDasharray="6 3" label={{ value: 'learned mean σ', position: 'insideBottomLeft', fontSize: 12 }} />
            )}
            <ReferenceLine x={sigma} stroke="currentColor" strokeWidth={1.5} label={{ value: 'now', position: 'top', fontSize: 12 }} />
            <Line type="linear" dataKey="robust" name="robust (VAE)" stroke={ROBUST_COLOUR} strokeWidth={2.5} dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="plain" name="plain (reconstruction only)" stroke={PLAIN_COLOUR} strokeWidth={2.5} strokeDasharray="7 4" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {captions && (
        <figcaption className="cz-caption" data-region="caption">
          Each point decodes every chunk of this text from z = μ + σ·ε (one fixed ε per chunk, the same for both models)
          and counts the tokens that come back right. Dotted line: σ = 0.3, the noise level the paper's robust
          autoencoder learns; green dashes: our robust model's learned mean σ
          {r.meanSigma !== null ? ` (${r.meanSigma.toFixed(2)}${scale === 'rel' ? ` absolute, ${meanX!.toFixed(2)} relative` : ''})` : ''}.{' '}
          {scale === 'abs'
            ? `With absolute σ the plain model can look as robust: its vectors are larger (latent RMS ${r.latentRms.plain.toFixed(2)} vs ${r.latentRms.robust.toFixed(2)}), so the same σ is relatively smaller for it. Switch to relative σ for a fair comparison.`
            : `Relative σ scales the noise to each model's own latent size (σ × RMS: ${r.latentRms.robust.toFixed(2)} robust, ${r.latentRms.plain.toFixed(2)} plain), so neither can dodge it by making its vectors bigger.`}
          {complete && at1R !== null && at1P !== null && ` Here, at σ = 1: robust ${formatPercent(at1R)}, plain ${formatPercent(at1P)}.`}
        </figcaption>
      )}
      <table className="cz-hidden">
        <caption>Token accuracy by σ ({axis})</caption>
        <thead>
          <tr><th scope="col">σ</th><th scope="col">robust</th><th scope="col">plain</th></tr>
        </thead>
        <tbody>
          {rows.map((x) => (
            <tr key={x.sigma}><td>{formatSigma(x.sigma)}</td><td>{formatPercent(x.robust)}</td><td>{formatPercent(x.plain)}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
