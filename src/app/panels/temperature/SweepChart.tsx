/**
 * Diversity (1 − collision rate of two independent samples) against accuracy (match with the held-out
 * continuation) for CALM's batch sampler at each T and N and the token baseline at softmax temperature T,
 * with a caption and the numbers as a table (the chart's text alternative).
 */
import { useRef } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { formatTemperature } from '../../../model/sweep.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { PointLabels } from '../../charts/PointLabels.tsx';
import { useRem } from '../../charts/useRem.ts';
import { sweepCaption, sweepTable, SWEEP_TITLE } from './sweep-export.ts';
import { formatRate, sweepSeries, type AccuracyMetric } from './sweep-view.ts';

const pct = (v: number) => `${Math.round(v * 100)} %`;

/** `live`: the live model's sweep (test id on); false for a precomputed trace. */
export function SweepChart({ r, metric, captions, live = true }: { r: TempSweepResult; metric: AccuracyMetric; captions: boolean; live?: boolean }) {
  const series = sweepSeries(r, metric);
  const chart = useRef<HTMLDivElement>(null);
  const caption = sweepCaption(r, metric);
  const rem = useRem();
  return (
    <figure className={`tp-figure${live ? '' : ' trace-view'}`} data-testid={live ? 'temp-sweep-chart' : undefined} data-series={series.map((s) => s.key).join(',')}>
      <div className="tp-chart" ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(360, Math.round(rem * 24))}>
          <ScatterChart margin={{ top: 8, right: Math.round(rem * 2), bottom: 4, left: Math.round(rem * 0.8) }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis type="number" dataKey="x" name="diversity" domain={[0, 1]} tickFormatter={pct} height={Math.round(rem * 3.2)} tickMargin={Math.round(rem * 0.75)}
              label={{ value: 'diversity (1 − collision rate)', position: 'insideBottom', offset: 0 }} />
            <YAxis padding={{ top: Math.round(rem * 0.8) }} type="number" dataKey="y" name="accuracy" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={pct} width={Math.round(rem * 5)} tickMargin={Math.round(rem * 0.4)}
              label={{ value: metric === 'chunk' ? 'whole-chunk accuracy' : 'first-token accuracy', angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' } }} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.4) }} />
            {series.map((s) => (
              <Scatter key={s.key} name={s.name} data={s.points} fill={s.colour} shape={s.shape as 'circle'} isAnimationActive={false}
                line={{ stroke: s.colour, strokeWidth: 2, strokeDasharray: s.dashed ? '6 4' : undefined }} lineJointType="linear" />
            ))}
            {/* T at each point, placed so that no two labels overlap (a crowded one is left to the table). */}
            <PointLabels points={series.flatMap((s) => s.points.map((p) => ({ x: p.x, y: p.y, label: p.label })))} fontSize={Math.max(11, Math.round(rem * 0.7))} padTop={Math.round(rem * 0.8)} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="temperature-sweep" title={SWEEP_TITLE} caption={caption} data={() => sweepTable(r)} testIds={live} />
      {captions && <figcaption className="gn-caption" data-region="caption">{caption}</figcaption>}
      <details className="tp-numbers">
        <summary>The numbers (table)</summary>
        <table className="tp-table">
          <caption>Diversity and accuracy by model, N and T (± one standard error)</caption>
          <thead>
            <tr><th scope="col">Model</th><th scope="col">T</th><th scope="col">Collision</th><th scope="col">Diversity</th><th scope="col">First token</th><th scope="col">Whole chunk</th><th scope="col">Gave up</th></tr>
          </thead>
          <tbody>
            {[...r.calm, ...r.baseline].map((p, i) => (
              <tr key={i}>
                <th scope="row">{p.model === 'calm' ? `CALM, N = ${p.N}` : 'baseline (softmax)'}</th>
                <td className="num">{formatTemperature(p.T)}{p.extension ? '*' : ''}</td>
                <td className="num">{formatRate(p.collision)}</td>
                <td className="num">{formatRate(p.diversity)}</td>
                <td className="num">{formatRate(p.firstToken)}</td>
                <td className="num">{formatRate(p.chunk)}</td>
                <td className="num">{p.failed ? `${p.failed} of ${2 * r.contexts * r.pairs}` : '0'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
