/** Token accuracy against σ relative to each K's latent RMS, one line per K, on the panel's text (recharts). */
import { useRef, memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BandwidthSweepResult } from '../../../engine/ops/bandwidth.types.ts';
import { formatPercent, formatSigma } from '../../draw/format.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import { sweepRows, sweepTable } from './bandwidth-data.ts';

/** Okabe–Ito colours and dashes per K (not colour alone). */
export const K_STYLE: Record<string, { colour: string; dash?: string }> = {
  '1': { colour: '#e69f00', dash: '2 3' },
  '2': { colour: '#009e73', dash: '8 4' },
  '4': { colour: '#0072b2' },
  '8': { colour: '#cc79a7', dash: '4 2 1 2' },
};
const TITLE = 'Token accuracy as the noise grows, per K (σ relative to each latent\u2019s RMS)';

function SigmaByKInner({ r, captions }: { r: BandwidthSweepResult; captions: boolean }) {
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const rows = sweepRows(r);
  const ks = Object.keys(r.byK);
  const at1 = ks.map((K) => {
    const i = r.relSigmas.findIndex((x) => Math.abs(x - 1) < 1e-6);
    return i >= 0 ? `K = ${K} ${formatPercent(r.byK[K][i])}` : null;
  }).filter(Boolean);
  const caption = 'Every chunk of this text is encoded by the autoencoder of each K, moved by z = μ + σ·ε (one fixed ε per chunk) with σ ' +
    'a multiple of that autoencoder\u2019s own latent RMS, and decoded. A vector that carries more tokens has more to lose to the same relative noise.' +
    (at1.length ? ` At σ = 1 × RMS: ${at1.join(', ')}.` : '');
  return (
    <figure className="bw-figure">
      <h3>{TITLE}</h3>
      <div ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(280, Math.round(rem * 16))}>
          <LineChart data={rows} margin={{ top: Math.round(rem * 0.8), right: Math.round(rem), bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="rel" type="number" domain={[0, 'dataMax']} height={Math.round(rem * 2.9)} tickMargin={Math.round(rem * 0.3)}
              label={{ value: 'σ ÷ latent RMS', position: 'insideBottom', offset: 0 }} />
            <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={Math.round(rem * 4)} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(l) => `σ = ${formatSigma(Number(l))} × RMS`} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.6) }} />
            {ks.map((K) => (
              <Line key={K} type="linear" dataKey={`k${K}`} name={`K = ${K}`} stroke={K_STYLE[K]?.colour ?? '#000'} strokeDasharray={K_STYLE[K]?.dash}
                strokeWidth={2.5} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="bandwidth-noise" title={TITLE} caption={caption} data={() => sweepTable(r)} testIds={false} />
      {captions && <figcaption className="cz-caption" data-region="caption">{caption}</figcaption>}
    </figure>
  );
}

/** Memoised: a K change re-renders the panel, not this (its props do not depend on K). */
export const SigmaByK = memo(SigmaByKInner);
