/**
 * Token accuracy against σ for the robust and the plain autoencoder on the same text (recharts),
 * with σ = 0.3, the learned mean σ and the current σ marked, a progress bar while the sweep runs,
 * a caption that says what the student sees, and the numbers as a visually hidden table.
 */
import { memo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { NoiseScaleArg } from '../../../engine/ops/compress.types.ts';
import { formatPercent, formatSigma } from '../../draw/format.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import { curveCaption, curveTable } from './curve-export.ts';
import type { SweepState } from './noise-hooks.ts';
import { accuracyAt, meanSigmaOnAxis, SWEEP_MAX_SIGMA, SWEEP_POINTS } from './sweep-slices.ts';

/** Okabe–Ito blue and vermillion; the plain line is also dashed (not colour alone). */
const ROBUST_COLOUR = '#0072b2';
const PLAIN_COLOUR = '#d55e00';
const TICKS = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
const TITLE = 'Token accuracy as the noise grows (same text, same ε)';

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
      <h3 id="nz-curve-h">{TITLE}</h3>
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
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  // Labels never share a spot: "now" names the σ = 0.3 line when the slider is near it, and sits at the
  // bottom otherwise; axis bands grow with the type (presenter mode, 4K).
  const nearRef = Math.abs(sigma - 0.3) < 0.2;
  const caption = curveCaption(r, scale, meanX, complete && at1R !== null && at1P !== null ? { robust: at1R, plain: at1P } : null);
  return (
    <figure className={`nz-figure${live ? '' : ' trace-view'}`} data-testid={live ? 'noise-curve' : undefined} data-complete={complete ? 'true' : 'false'} data-points={rows.length}>
      <div className="nz-chart" ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(300, Math.round(rem * 18))}>
          <LineChart data={rows} margin={{ top: Math.round(rem * 0.8), right: Math.round(rem), bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="sigma" type="number" domain={[0, SWEEP_MAX_SIGMA]} ticks={TICKS} height={Math.round(rem * 2.9)} tickMargin={Math.round(rem * 0.3)}
              label={{ value: axis, position: 'insideBottom', offset: 0 }} />
            <YAxis padding={{ top: Math.round(rem * 0.8) }} domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={Math.round(rem * 4)} tickMargin={Math.round(rem * 0.4)} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(l) => `σ = ${formatSigma(Number(l))}`} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.6) }} />
            <ReferenceLine x={0.3} stroke="#777" strokeDasharray="2 4" label={nearRef ? undefined : { value: 'σ = 0.3', position: 'insideTopLeft', fontSize: Math.round(rem * 0.75) }} />
            {meanX !== null && meanX <= SWEEP_MAX_SIGMA && (
              <ReferenceLine x={meanX} stroke="#009e73" strokeDasharray="6 3" label={{ value: 'learned mean σ', position: 'insideBottomLeft', fontSize: Math.round(rem * 0.75) }} />
            )}
            <ReferenceLine x={sigma} stroke="currentColor" strokeWidth={1.5}
              label={{ value: nearRef ? `now (σ = 0.3 is ${Math.abs(sigma - 0.3) < 0.005 ? 'here' : 'beside it'})` : 'now', position: nearRef ? 'insideTopLeft' : 'insideTopRight', fontSize: Math.round(rem * 0.75) }} />
            <Line type="linear" dataKey="robust" name="robust (VAE)" stroke={ROBUST_COLOUR} strokeWidth={2.5} dot={false} isAnimationActive={false} />
            <Line type="linear" dataKey="plain" name="plain (reconstruction only)" stroke={PLAIN_COLOUR} strokeWidth={2.5} strokeDasharray="7 4" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="noise-curve" title={TITLE} caption={caption} data={() => curveTable(r, scale)} testIds={live} />
      {captions && <figcaption className="cz-caption" data-region="caption">{caption}</figcaption>}
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
