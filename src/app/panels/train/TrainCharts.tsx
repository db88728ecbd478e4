/**
 * The live curves (recharts): held-out token accuracy of both runs by step (with the replay's curves, dotted,
 * for comparison when it is loaded), and the training loss by step. `train-chart` holds both.
 */
import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../../draw/format.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import type { AccPoint, LossPoint } from './train-store.ts';
import { accuracyTable, lossRows, type AccRow } from './train-data.ts';

/** Okabe–Ito: A blue solid, B vermilion dashed (not colour alone). */
export const RUN_STYLE = { a: { colour: '#0072b2' }, b: { colour: '#d55e00', dash: '6 4' } } as const;
const TITLE = 'Held-out token accuracy (z = μ) and training loss, by step';

export function TrainCharts({ acc, loss, total, testIds, replayNote }: {
  acc: AccRow[]; loss: LossPoint[]; total: number; testIds: boolean; replayNote?: string; points?: AccPoint[];
}) {
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const h = Math.max(200, Math.round(rem * 12));
  const caption = 'Both runs learn from the same batches. Accuracy is measured on one fixed held-out sample of stories, decoding z = μ: ' +
    'it shows how well each autoencoder reconstructs, not how robust it is (that is the chart beside it).' + (replayNote ? ` ${replayNote}` : '');
  return (
    <figure className="tr-figure">
      <h3>{TITLE}</h3>
      <div ref={chart} {...(testIds ? { 'data-testid': 'train-chart' } : {})}>
        <ResponsiveContainer width="100%" height={h}>
          <LineChart data={acc} margin={{ top: 8, right: Math.round(rem), bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="step" type="number" domain={[0, total]} height={Math.round(rem * 2.4)} label={{ value: 'step', position: 'insideBottomRight', offset: 0 }} />
            <YAxis domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 0.95, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={Math.round(rem * 4)} />
            <Tooltip formatter={(v) => formatPercent(Number(v))} labelFormatter={(l) => `step ${l}`} />
            <Legend verticalAlign="top" />
            <Line dataKey="a" name="A accuracy" stroke={RUN_STYLE.a.colour} strokeWidth={2.5} dot={false} isAnimationActive={false} />
            <Line dataKey="b" name="B accuracy" stroke={RUN_STYLE.b.colour} strokeDasharray={RUN_STYLE.b.dash} strokeWidth={2.5} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
        <ResponsiveContainer width="100%" height={Math.round(h * 0.7)}>
          <LineChart data={lossRows(loss)} margin={{ top: 8, right: Math.round(rem), bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="step" type="number" domain={[0, total]} height={Math.round(rem * 2.4)} label={{ value: 'step', position: 'insideBottomRight', offset: 0 }} />
            <YAxis scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={(v: number) => v.toPrecision(2)} width={Math.round(rem * 4)}
              label={{ value: 'loss', angle: -90, position: 'insideLeft' }} />
            <Tooltip formatter={(v) => Number(v).toFixed(3)} labelFormatter={(l) => `step ${l}`} />
            <Line dataKey="a" name="A loss" stroke={RUN_STYLE.a.colour} strokeWidth={2} dot={false} isAnimationActive={false} />
            <Line dataKey="b" name="B loss" stroke={RUN_STYLE.b.colour} strokeDasharray={RUN_STYLE.b.dash} strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="train-curves" title={TITLE} caption={caption}
        data={() => accuracyTable(acc.map((r) => ({ step: r.step, seconds: NaN, a: r.a, b: r.b })))} testIds={false} />
      <figcaption className="cz-caption">{caption}</figcaption>
    </figure>
  );
}
