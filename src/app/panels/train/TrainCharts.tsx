/**
 * The live curves (recharts), one chart: held-out token accuracy of both runs by step (left axis) and their
 * training loss (right axis, log scale, thin). `train-chart` on the live run only.
 */
import { useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPercent } from '../../draw/format.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import type { LossPoint } from './train-store.ts';
import { accuracyTable, lossRows, mergeCurves, type AccRow } from './train-data.ts';

/** Okabe–Ito: A blue solid, B vermilion dashed (not colour alone). */
export const RUN_STYLE = { a: { colour: '#0072b2' }, b: { colour: '#d55e00', dash: '6 4' } } as const;
const TITLE = 'Held-out accuracy (z = μ) and training loss by step';

export function TrainCharts({ acc, loss, total, testIds, replayNote, height }: {
  acc: AccRow[]; loss: LossPoint[]; total: number; testIds: boolean; replayNote?: string; height?: number;
}) {
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const rows = mergeCurves(acc, lossRows(loss));
  const caption = 'Both runs learn from the same batches. Accuracy is measured on one fixed held-out sample of stories, decoding z = μ: ' +
    'it shows how well each autoencoder reconstructs, not how robust it is (that is the chart beside it).' + (replayNote ? ` ${replayNote}` : '');
  return (
    <figure className="tr-figure">
      <h3>{TITLE}</h3>
      <div ref={chart} {...(testIds ? { 'data-testid': 'train-chart' } : {})}>
        <ResponsiveContainer width="100%" height={height ?? Math.max(240, Math.round(rem * 15))}>
          <LineChart data={rows} margin={{ top: 8, right: 4, bottom: 4, left: 4 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="step" type="number" domain={[0, total]} height={Math.round(rem * 2.4)} label={{ value: 'step', position: 'insideBottomRight', offset: 0 }} />
            <YAxis yAxisId="acc" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 0.95, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={Math.round(rem * 4)} />
            <YAxis yAxisId="loss" orientation="right" scale="log" domain={['auto', 'auto']} allowDataOverflow tickFormatter={(v: number) => v.toPrecision(2)}
              width={Math.round(rem * 3.2)} label={{ value: 'loss', angle: 90, position: 'insideRight' }} />
            <Tooltip formatter={(v, name) => (String(name).includes('loss') ? Number(v).toFixed(3) : formatPercent(Number(v)))} labelFormatter={(l) => `step ${l}`} />
            <Legend verticalAlign="top" />
            <Line yAxisId="acc" dataKey="a" name="A accuracy" stroke={RUN_STYLE.a.colour} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls />
            <Line yAxisId="acc" dataKey="b" name="B accuracy" stroke={RUN_STYLE.b.colour} strokeDasharray={RUN_STYLE.b.dash} strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls />
            <Line yAxisId="loss" dataKey="lossA" name="A loss" stroke={RUN_STYLE.a.colour} strokeOpacity={0.45} strokeWidth={1.2} dot={false} isAnimationActive={false} connectNulls />
            <Line yAxisId="loss" dataKey="lossB" name="B loss" stroke={RUN_STYLE.b.colour} strokeOpacity={0.45} strokeDasharray="2 3" strokeWidth={1.2} dot={false} isAnimationActive={false} connectNulls />
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="train-curves" title={TITLE} caption={caption} data={() => accuracyTable(rows)} testIds={false} />
      <figcaption className="cz-caption">{caption}</figcaption>
    </figure>
  );
}
