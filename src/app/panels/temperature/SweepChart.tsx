/**
 * Diversity (1 − collision rate of two independent samples) against accuracy (match with the held-out
 * continuation) for CALM's batch sampler at each T and N and the token baseline at softmax temperature T,
 * with a caption and the numbers as a table (the chart's text alternative).
 */
import { CartesianGrid, LabelList, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { formatTemperature } from '../../../model/sweep.ts';
import { failedShare, formatRate, MAX_FAILED_SHARE, METRIC_LABEL, sweepSeries, type AccuracyMetric } from './sweep-view.ts';

const pct = (v: number) => `${Math.round(v * 100)} %`;

/** `live`: the live model's sweep (test id on); false for a precomputed trace. */
export function SweepChart({ r, metric, captions, live = true }: { r: TempSweepResult; metric: AccuracyMetric; captions: boolean; live?: boolean }) {
  const series = sweepSeries(r, metric);
  const hidden = [...r.calm, ...r.baseline].filter((p) => failedShare(p, r) > MAX_FAILED_SHARE);
  return (
    <figure className={`tp-figure${live ? '' : ' trace-view'}`} data-testid={live ? 'temp-sweep-chart' : undefined} data-series={series.map((s) => s.key).join(',')}>
      <div className="tp-chart">
        <ResponsiveContainer width="100%" height={360}>
          <ScatterChart margin={{ top: 24, right: 36, bottom: 32, left: 28 }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis type="number" dataKey="x" name="diversity" domain={[0, 1]} tickFormatter={pct}
              label={{ value: 'diversity: 1 − P(two samples collide)', position: 'insideBottom', offset: -14 }} />
            <YAxis type="number" dataKey="y" name="accuracy" domain={[0, 1]} tickFormatter={pct} width={56}
              label={{ value: metric === 'chunk' ? 'whole-chunk accuracy' : 'first-token accuracy', angle: -90, position: 'left', offset: 12, style: { textAnchor: 'middle' } }} />
            <Tooltip formatter={(v) => pct(Number(v))} />
            <Legend verticalAlign="top" height={28} />
            {series.map((s) => (
              <Scatter key={s.key} name={s.name} data={s.points} fill={s.colour} shape={s.shape as 'circle'} isAnimationActive={false}
                line={{ stroke: s.colour, strokeWidth: 2, strokeDasharray: s.dashed ? '6 4' : undefined }} lineJointType="linear">
                <LabelList dataKey="label" position="top" fontSize={11} />
              </Scatter>
            ))}
          </ScatterChart>
        </ResponsiveContainer>
      </div>
      {captions && (
        <figcaption className="gn-caption" data-region="caption">
          Each point (labelled with its T): {r.contexts} held-out contexts of the {r.set} set ({Math.round(r.contextTokens.min)}–{Math.round(r.contextTokens.max)} tokens),
          {' '}{r.pairs} pair{r.pairs === 1 ? '' : 's'} of independent samples each. Right = more diverse, up = more often the true
          continuation ({METRIC_LABEL[metric]}). Lowering T should move a model up and to the left. CALM has no logits: its
          temperature comes from the batch rule, and a larger N makes it sharper. The baseline divides its logits by T.
          * marks CALM at a fractional 1/T: the labelled extension, not the paper's algorithm.
          {hidden.length > 0 && ` Left off the chart: ${hidden.map((p) => `${p.model === 'calm' ? `CALM N = ${p.N}` : 'baseline'} at T = ${formatTemperature(p.T)}`).join('; ')}. There the sampler gave up on more than ${MAX_FAILED_SHARE * 100} % of samples: the extension's stage-2 coin needs about 1/P(x) fresh draws, and this small model spreads its probability over so many chunks that ${r.freshDraws} draws per sample are often not enough (the table lists the give-ups; the rates cover only the samples produced).`}
          {r.fromCache ? ' (From the engine’s cache: same settings as an earlier sweep.)' : ''}
        </figcaption>
      )}
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
