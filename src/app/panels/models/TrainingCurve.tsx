/** A model's training curve (from the weights manifest): losses on the left axis, accuracy or Brier-1 on the right. */
import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import { curveTicks, type CurveData } from './curve-data.ts';

/** Okabe–Ito: blue, vermillion, bluish green; dashes so that colour is not the only cue. */
const STYLE = [
  { stroke: '#0072b2', dash: undefined },
  { stroke: '#d55e00', dash: '7 4' },
  { stroke: '#009e73', dash: '2 3' },
];

const fmt = (v: number) => (Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toFixed(3));

export function TrainingCurve({ data, name }: { data: CurveData; name: string }) {
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const right = data.series.some((s) => s.axis === 'right');
  const maxX = Math.max(...data.rows.map((r) => r[data.x.key] ?? 0));
  return (
    <div className="md-curve" data-model-curve={name}>
      <div ref={chart} aria-label={`Training curve of ${name}`}>
      <ResponsiveContainer width="100%" height={Math.max(220, Math.round(rem * 13))}>
        <LineChart data={data.rows} margin={{ top: Math.round(rem * 0.8), right: right ? 8 : Math.round(rem), bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis dataKey={data.x.key} type="number" domain={[0, 'dataMax']} ticks={curveTicks(maxX)} height={Math.round(rem * 2.9)} tickMargin={Math.round(rem * 0.3)}
            label={{ value: data.x.label, position: 'insideBottom', offset: 0 }} />
          <YAxis padding={{ top: Math.round(rem * 0.8) }} yAxisId="left" tickFormatter={fmt} width={Math.round(rem * 3.4)} tickMargin={Math.round(rem * 0.4)} domain={['auto', 'auto']} tickCount={5} />
          {right && <YAxis padding={{ top: Math.round(rem * 0.8) }} yAxisId="right" orientation="right" tickFormatter={fmt} width={Math.round(rem * 3.4)} tickMargin={Math.round(rem * 0.4)} domain={['auto', 'auto']} tickCount={5} />}
          <Tooltip formatter={(v) => fmt(Number(v))} labelFormatter={(l) => `${data.x.label}: ${l}`} />
          <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.3) }} />
          {data.series.map((s, i) => (
            <Line key={s.key} yAxisId={s.axis} type="linear" dataKey={s.key} name={s.label} stroke={STYLE[i % 3].stroke}
              strokeDasharray={STYLE[i % 3].dash} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name={`training-curve-${name}`} title={`Training curve of ${name}`}
        caption={`${data.series.map((s) => s.label).join(', ')} against ${data.x.label}, as recorded by the training script (from public/weights/manifest.json).`}
        data={() => ({ columns: [data.x.key, ...data.series.map((s) => s.key)], rows: data.rows.map((r) => [r[data.x.key], ...data.series.map((s) => r[s.key])]) })} />
    </div>
  );
}
