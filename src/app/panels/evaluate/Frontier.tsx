/**
 * The compute frontier (issue 12 item 4): held-out Brier-1 of the chosen set's CALM and baseline at the
 * checkpoints their training recorded, against cumulative training FLOPs or training wall time, ± one
 * standard error, with a sentence saying which is higher at equal compute. Drawn from the weights manifest as
 * soon as the panel opens: no Run, no engine. Weights trained before checkpoints were evaluated have no such
 * record: then a sentence says so (`data-frontier="missing"`) and there is no chart. The test id
 * `eval-frontier` marks the drawn chart only, so its presence always means two real curves. Unlike the other
 * result ids it may appear before the engine is ready: this is the training record, not a precomputed trace.
 */
import { useRef, useState } from 'react';
import { CartesianGrid, ErrorBar, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { lmHistory, trainFlopsPerToken, type WeightsManifest } from '../../../engine/manifest.ts';
import type { ModelSetName } from '../../../engine/protocol.ts';
import { ChartExport } from '../../charts/ChartExport.tsx';
import { fmtBrier } from './format.ts';
import { frontierCaption, frontierTable, FRONTIER_TITLE } from './frontier-export.ts';
import {
  AXIS_LABEL, compareFrontier, fmtFlops, frontierPoints, frontierRows, frontierSentence, frontierYDomain, frontierYTicks, offScale,
  type FrontierAxis, type FrontierPoint,
} from './frontier.ts';
import { useManifest } from '../../manifest/useManifest.ts';
import { useRem } from '../../charts/useRem.ts';
import { useApp } from '../../state/store.ts';

/** Okabe–Ito blue (CALM) and vermillion (baseline, also dashed: not colour alone), as in the other charts. */
const CALM_COLOUR = '#0072b2';
const BASELINE_COLOUR = '#d55e00';

export function Frontier({ set }: { set: ModelSetName }) {
  const load = useManifest(useApp((s) => s.engine.state === 'ready'));
  const [axis, setAxis] = useState<FrontierAxis>('flops');
  return (
    <section className="ev-frontier" aria-labelledby="ev-frontier-h">
      <h3 id="ev-frontier-h">{FRONTIER_TITLE}</h3>
      <p className="ev-small" data-region="caption">
        The paper's performance–compute trade-off in miniature: every few minutes of training, each {set} model's
        Brier-1 (the Brier score of the next token alone) was measured on the same held-out windows and written into the weights
        manifest with the training FLOPs spent so far. Higher is better; a curve further up and to the left gets more
        from the same compute.
      </p>
      {load.state === 'loading' && <p role="status">Reading the training record from the weights manifest…</p>}
      {load.state === 'error' && (
        <p className="ev-small">The training record could not be read, so there are no training curves to draw: {load.message}.</p>
      )}
      {load.state === 'ready' && <FrontierBody manifest={load.manifest} set={set} axis={axis} onAxis={setAxis} />}
    </section>
  );
}

function FrontierBody({ manifest, set, axis, onAxis }: { manifest: WeightsManifest; set: ModelSetName; axis: FrontierAxis; onAxis(a: FrontierAxis): void }) {
  const calmModel = manifest.models[`${set}-calm`];
  const baseModel = manifest.models[`${set}-baseline`];
  const calmHistory = lmHistory(calmModel);
  const baseHistory = lmHistory(baseModel);
  // Any checkpoint with a Brier-1 has a wall time; whether it can also be placed on the FLOPs axis is separate.
  const calmAny = frontierPoints(calmHistory, 'minutes').length > 0;
  const baseAny = frontierPoints(baseHistory, 'minutes').length > 0;
  if (!calmAny || !baseAny) {
    const which = !calmAny && !baseAny ? `These ${set} weights were` : `The ${set} ${calmAny ? 'baseline' : 'CALM'} weights were`;
    return (
      <p className="ev-note" data-frontier="missing">
        {which} trained before checkpoint evaluation was recorded, so there is no frontier to draw; retrain with{' '}
        <code>npm run train</code> to see it.
      </p>
    );
  }
  const calm = frontierPoints(calmHistory, axis, trainFlopsPerToken(calmModel));
  const baseline = frontierPoints(baseHistory, axis, trainFlopsPerToken(baseModel));
  return (
    <>
      <div className="ev-axis" role="radiogroup" aria-label="Frontier x axis" data-region="controls">
        <span>x axis:</span>
        {(['flops', 'minutes'] as const).map((a) => (
          <label key={a}>
            <input type="radio" name="ev-frontier-axis" checked={axis === a} onChange={() => onAxis(a)} />{' '}
            {a === 'flops' ? 'training FLOPs' : 'training time'}
          </label>
        ))}
      </div>
      {calm.length === 0 || baseline.length === 0 ? (
        <p className="ev-note" data-frontier="missing">
          The {set} checkpoints were recorded without their training FLOPs, so they can only be drawn against training time.
        </p>
      ) : (
        <FrontierChart calm={calm} baseline={baseline} axis={axis} set={set} />
      )}
    </>
  );
}

function FrontierChart({ calm, baseline, axis, set }: { calm: FrontierPoint[]; baseline: FrontierPoint[]; axis: FrontierAxis; set: ModelSetName }) {
  const rows = frontierRows(calm, baseline);
  const cmp = compareFrontier(calm, baseline);
  const rem = useRem();
  const sentence = frontierSentence(cmp, axis);
  const yDomain = frontierYDomain([...calm, ...baseline]);
  const below = [...offScale(calm, yDomain).map((p) => ['CALM', p] as const), ...offScale(baseline, yDomain).map((p) => ['the baseline', p] as const)];
  const chart = useRef<HTMLDivElement>(null);
  const tickX = (v: number) => (axis === 'flops' ? fmtFlops(v) : `${Number(v.toFixed(1))}`);
  const seOf = (row: unknown, key: unknown) => {
    const se = (row as Record<string, unknown> | undefined)?.[`${String(key)}Se`];
    return typeof se === 'number' ? ` ± ${fmtBrier(se)}` : '';
  };
  return (
    <figure className="ev-frontier-figure" data-testid="eval-frontier" data-axis={axis} data-verdict={cmp.verdict}
      data-points={`${calm.length},${baseline.length}`}>
      {/* Axis bands sized in rem: tick labels and axis titles keep apart as the type grows. */}
      <div className="ev-frontier-chart" ref={chart}>
        <ResponsiveContainer width="100%" height={Math.max(320, Math.round(rem * 18))}>
          <LineChart data={rows} margin={{ top: Math.round(rem * 0.8), right: Math.round(rem * 1.5), bottom: 4, left: Math.round(rem * 0.8) }}>
            <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
            <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} tickFormatter={tickX} height={Math.round(rem * 2.9)} tickMargin={Math.round(rem * 0.3)}
              label={{ value: AXIS_LABEL[axis], position: 'insideBottom', offset: 0 }} />
            <YAxis padding={{ top: Math.round(rem * 0.8) }} type="number" domain={yDomain} ticks={frontierYTicks(yDomain)} allowDataOverflow tickFormatter={(v: number) => fmtBrier(v)} width={Math.round(rem * 5)} tickMargin={Math.round(rem * 0.4)}
              label={{ value: 'held-out Brier-1', angle: -90, position: 'insideLeft', offset: 0, style: { textAnchor: 'middle' } }} />
            <Tooltip
              formatter={(v, name, item) => [`${fmtBrier(Number(v))}${seOf(item.payload, item.dataKey)}`, name]}
              labelFormatter={(l) => (axis === 'flops' ? `${fmtFlops(Number(l))} training FLOPs` : `${Number(l).toFixed(1)} minutes of training`)} />
            <Legend verticalAlign="top" wrapperStyle={{ paddingBottom: Math.round(rem * 0.4) }} />
            <Line type="linear" dataKey="calm" name="CALM" stroke={CALM_COLOUR} strokeWidth={2.5} dot={{ r: 3 }} connectNulls isAnimationActive={false}>
              <ErrorBar dataKey="calmSe" direction="y" width={4} stroke={CALM_COLOUR} />
            </Line>
            <Line type="linear" dataKey="baseline" name="Discrete baseline" stroke={BASELINE_COLOUR} strokeWidth={2.5} strokeDasharray="7 4"
              dot={{ r: 3, strokeDasharray: '0' }} connectNulls isAnimationActive={false}>
              <ErrorBar dataKey="baselineSe" direction="y" width={4} stroke={BASELINE_COLOUR} />
            </Line>
          </LineChart>
        </ResponsiveContainer>
      </div>
      <ChartExport chart={chart} name="compute-frontier" title={FRONTIER_TITLE} caption={frontierCaption(set, sentence)}
        data={() => frontierTable(calm, baseline)} />
      <figcaption className="ev-frontier-summary">{sentence}</figcaption>
      {below.length > 0 && (
        <p className="ev-frontier-offscale" data-region="caption">
          Below the chart: {below.map(([m, p]) => `${m} before training (Brier-1 ${fmtBrier(p.y)})`).join(', ')}. An untrained
          head's two samples agree with each other and both miss, which Brier scores −1; its line runs off the bottom.
        </p>
      )}
      <details className="ev-frontier-numbers">
        <summary>The numbers (table)</summary>
        <FrontierTable calm={calm} baseline={baseline} set={set} />
      </details>
    </figure>
  );
}

/** The chart's text alternative: every checkpoint of both models, with its training and held-out loss. */
function FrontierTable({ calm, baseline, set }: { calm: FrontierPoint[]; baseline: FrontierPoint[]; set: ModelSetName }) {
  const loss = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const rows = [...calm.map((p) => ['CALM', p] as const), ...baseline.map((p) => ['Discrete baseline', p] as const)];
  return (
    <table className="ev-table">
      <caption>
        Checkpoints of the {set} models: held-out Brier-1 ± one standard error, and the training loss (running average)
        and held-out loss at the same step (CALM's is its energy loss, the baseline's its cross-entropy: not comparable with each other).
      </caption>
      <thead>
        <tr>
          <th scope="col">Model</th><th scope="col">Step</th><th scope="col">Minutes</th><th scope="col">Training FLOPs</th>
          <th scope="col">Brier-1</th><th scope="col">Training loss</th><th scope="col">Held-out loss</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, p]) => (
          <tr key={`${name}-${p.step}`}>
            <th scope="row">{name}</th>
            <td>{p.step}</td>
            <td>{p.minutes.toFixed(1)}</td>
            <td>{p.flops === null ? '—' : fmtFlops(p.flops)}</td>
            <td>{fmtBrier(p.y)}{p.se !== null && <span className="ev-se"> ± {fmtBrier(p.se)}</span>}</td>
            <td>{loss(p.loss)}</td>
            <td>{loss(p.heldoutLoss)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
