/**
 * The paper's quality–compute figure in miniature (`bw-chart`): held-out Brier-1 (± 1 standard error) or
 * BrierLM against inference FLOPs per token, one point per K plus the baseline, from the manifest (eval:lm
 * --K). Beside it the paper's own numbers, labelled as the paper's.
 */
import { useRef, useState, memo } from 'react';
import { CartesianGrid, ErrorBar, LabelList, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { PAPER_K4_BRIERLM, PAPER_K_ABLATION, type BandwidthInfoResult } from '../../../engine/ops/bandwidth.types.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { useRem } from '../../charts/useRem.ts';
import { frontierCaption, frontierPoints, frontierTable, type FrontierMetric } from './bandwidth-data.ts';

const TITLE = 'Quality against compute: CALM at K = 1, 2, 4 and the discrete baseline (stories, held-out)';

function ComputeChartInner({ info, captions }: { info: BandwidthInfoResult; captions: boolean }) {
  const [metric, setMetric] = useState<FrontierMetric>('brier1');
  const chart = useRef<HTMLDivElement>(null);
  const rem = useRem();
  const { points, missing } = frontierPoints(info, metric);
  const calm = points.filter((p) => p.kind === 'calm').map((p) => ({ ...p, tag: p.label.replace('CALM ', '') }));
  const base = points.filter((p) => p.kind === 'baseline').map((p) => ({ ...p, tag: 'baseline' }));
  const caption = frontierCaption(info);
  // Round ticks (0, 1, 2, … M FLOPs) a little past the largest point.
  const xMax = Math.max(1, Math.ceil(Math.max(0, ...points.map((p) => p.mflops)) + 0.3));
  const xTicks = Array.from({ length: xMax + 1 }, (_, i) => i);
  const yName = metric === 'brier1' ? 'held-out Brier-1 (± 1 s.e.)' : 'held-out BrierLM';
  return (
    <figure className="bw-figure" data-testid="bw-chart" data-points={points.length} data-metric={metric}>
      <h3>{TITLE}</h3>
      <div className="bw-metric" role="radiogroup" aria-label="Quality measure" data-region="controls">
        {(['brier1', 'brierLM'] as const).map((m) => (
          <label key={m}>
            <input type="radio" name="bw-metric" value={m} checked={metric === m} onChange={() => setMetric(m)} />
            {m === 'brier1' ? 'Brier-1' : 'BrierLM'}
          </label>
        ))}
      </div>
      <div ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(300, Math.round(rem * 18))}>
          <ScatterChart margin={{ top: Math.round(rem * 1.2), right: Math.round(rem * 1.5), bottom: 4, left: Math.round(rem * 0.8) }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="mflops" type="number" name="FLOPs per token" domain={[0, xMax]} ticks={xTicks} height={Math.round(rem * 2.9)} tickMargin={Math.round(rem * 0.3)}
              tickFormatter={(v: number) => `${v}M`} label={{ value: 'inference FLOPs per generated token', position: 'insideBottom', offset: 0 }} />
            <YAxis dataKey="value" type="number" name={yName} domain={metric === 'brier1' ? [0, 1] : [0, 'auto']} width={Math.round(rem * 4)}
              label={{ value: yName, angle: -90, position: 'insideLeft', offset: Math.round(rem * 0.2), style: { textAnchor: 'middle' } }} />
            <Tooltip formatter={(v, n) => (n === 'FLOPs per token' ? `${Number(v).toFixed(2)}M` : Number(v).toFixed(3))} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.6) }} />
            <Scatter name="CALM (one vector of K tokens a step)" data={calm} fill="#0072b2" shape="circle" isAnimationActive={false}>
              {metric === 'brier1' && <ErrorBar dataKey="err" direction="y" width={6} stroke="#0072b2" />}
              <LabelList dataKey="tag" position="right" offset={Math.round(rem * 0.5)} />
            </Scatter>
            <Scatter name="discrete baseline (one token a step)" data={base} fill="#d55e00" shape="diamond" isAnimationActive={false}>
              {metric === 'brier1' && <ErrorBar dataKey="err" direction="y" width={6} stroke="#d55e00" />}
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {missing.length > 0 && <p className="cz-muted">Not on the chart: {missing.join(', ')} (no trained model or no held-out metrics in this checkout; <code>npm run train:k</code>).</p>}
      <ChartExport chart={chart} name="bandwidth-compute" title={TITLE} caption={caption} data={() => frontierTable(info)} />
      {captions && <figcaption className="cz-caption" data-region="caption">{caption}</figcaption>}
      <table className="bw-paper">
        <caption>The paper&rsquo;s numbers (its scale, not ours): held-out BrierLM at K = 4</caption>
        <thead><tr><th scope="col">model</th><th scope="col">parameters</th><th scope="col">BrierLM</th></tr></thead>
        <tbody>
          {PAPER_K4_BRIERLM.map((p) => <tr key={p.model}><td>{p.model}</td><td>{p.params}</td><td>{p.brierLM.toFixed(2)}</td></tr>)}
        </tbody>
        <tfoot><tr><td colSpan={3}>{PAPER_K_ABLATION}</td></tr></tfoot>
      </table>
    </figure>
  );
}

/** Memoised: a K change re-renders the panel, not this (its props do not depend on K). */
export const ComputeChart = memo(ComputeChartInner);
