/** Token accuracy of both runs against noise relative to each run's own latent RMS (redrawn every few seconds). */
import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent, formatSigma } from '../../draw/format.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import { RUN_STYLE } from './TrainCharts.tsx';
import { sweepTable, type SweepRow } from './train-data.ts';

const TITLE = 'Robustness: token accuracy as noise grows (σ relative to each run\u2019s latent RMS)';

export function RobustnessChart({ rows, step, chunks, note }: { rows: SweepRow[]; step: number; chunks: number; note?: string }) {
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const caption = `Measured at step ${step.toLocaleString('en-US')} on ${chunks} held-out chunks: z = μ + σ·ε with one fixed ε, σ a multiple of the run\u2019s own latent RMS ` +
    '(so a run cannot look robust by simply making its vectors large). The paper\u2019s recipe should keep its accuracy as σ grows; reconstruction alone should not.' +
    (note ? ` ${note}` : '');
  return (
    <figure className="tr-figure">
      <h3>{TITLE}</h3>
      <div ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(220, Math.round(rem * 13))}>
          <LineChart data={rows} margin={{ top: 8, right: Math.round(rem), bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="s" type="number" domain={[0, 'dataMax']} height={Math.round(rem * 2.6)} label={{ value: 'σ ÷ latent RMS', position: 'insideBottom', offset: 0 }} />
            <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={Math.round(rem * 4)} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(l) => `σ = ${formatSigma(Number(l))} × RMS`} />
            <Legend verticalAlign="top" />
            <ReferenceLine x={1} strokeDasharray="2 2" />
            <Line dataKey="a" name="A (paper's recipe by default)" stroke={RUN_STYLE.a.colour} strokeWidth={2.5} isAnimationActive={false} />
            <Line dataKey="b" name="B (reconstruction only by default)" stroke={RUN_STYLE.b.colour} strokeDasharray={RUN_STYLE.b.dash} strokeWidth={2.5} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="train-robustness" title={TITLE} caption={caption} data={() => sweepTable(rows)} testIds={false} />
      <figcaption className="cz-caption">{caption}</figcaption>
    </figure>
  );
}
