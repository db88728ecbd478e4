/**
 * The sweep's settings, Run / Cancel, progress, and the chart once it has run; until the live model is ready,
 * a small precomputed sweep (marked as such, without test ids). `hide=controls` hides the settings, not the buttons.
 */
import { useState } from 'react';
import { useApp } from '../../state/store.ts';
import { formatTemperature } from '../../../model/sweep.ts';
import { ErrorNote } from '../generate/engine-calls.tsx';
import { SweepChart } from './SweepChart.tsx';
import { useSweep } from './sweep-store.ts';
import type { AccuracyMetric } from './sweep-view.ts';
import { CONTEXT_CHOICES, DEFAULT_CONTEXTS, DEFAULT_NS, SWEEP_NS, SWEEP_PAIRS, SWEEP_TS } from './sweep-defaults.ts';
import type { TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { TraceBanner } from '../../traces/TraceBanner.tsx';
import { usePanelTrace } from '../../traces/usePanelTrace.ts';

export function SweepSection({ ready, captions }: { ready: boolean; captions: boolean }) {
  const set = useApp((s) => s.settings.set);
  const seed = useApp((s) => s.settings.seed);
  const sweep = useSweep();
  const [Ts, setTs] = useState<number[]>([...SWEEP_TS]);
  const [Ns, setNs] = useState<number[]>(DEFAULT_NS);
  const [contexts, setContexts] = useState(DEFAULT_CONTEXTS);
  const [metric, setMetric] = useState<AccuracyMetric>('firstToken');
  const toggle = (list: number[], x: number, on: boolean) => (on ? [...list, x] : list.filter((y) => y !== x));
  const trace = usePanelTrace<TempSweepResult>('temperature-sweep');
  const traced = !sweep.result && trace ? trace.trace.result : null;
  const r = sweep.result ?? traced;
  return (
    <section className="tp-sweep" aria-labelledby="tp-sweep-h">
      <h3 id="tp-sweep-h">Sweep: diversity against accuracy, CALM and the token baseline</h3>
      {captions && (
        <p className="gn-caption" data-region="caption">
          Over many held-out contexts, draw two independent continuations per setting and compare them with each other
          (do they collide?) and with the real text. CALM uses the batch sampler at each T and N; the baseline samples {4} tokens
          with softmax temperature T. The default run takes about half a minute on WASM on our 2-core test machine; more contexts give smaller error bars.
        </p>
      )}
      <div className="tp-sweep-controls">
        <fieldset data-region="controls">
          <legend>Temperatures</legend>
          {SWEEP_TS.map((T) => (
            <label key={T} className="gn-inline">
              <input type="checkbox" checked={Ts.includes(T)} onChange={(e) => setTs(toggle(Ts, T, e.target.checked))} />
              {formatTemperature(T)}{T === 0.4 ? ' (extension)' : ''}
            </label>
          ))}
        </fieldset>
        <fieldset data-region="controls">
          <legend>CALM batch sizes N</legend>
          {SWEEP_NS.map((N) => (
            <label key={N} className="gn-inline">
              <input type="checkbox" checked={Ns.includes(N)} onChange={(e) => setNs(toggle(Ns, N, e.target.checked))} />
              {N}
            </label>
          ))}
        </fieldset>
        <label className="gn-inline" data-region="controls">
          Held-out contexts
          <select value={contexts} onChange={(e) => setContexts(Number(e.target.value))}>
            {CONTEXT_CHOICES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="button" className="primary" data-testid="temp-sweep" disabled={!ready || sweep.running || Ts.length === 0 || Ns.length === 0}
          onClick={() => void sweep.run({ set, Ts: [...Ts], Ns: [...Ns], contexts, pairs: SWEEP_PAIRS, seed })}>
          Sweep
        </button>
        <button type="button" data-testid="temp-sweep-cancel" disabled={!sweep.running} onClick={() => sweep.cancel()}>Cancel</button>
      </div>
      {sweep.running && (
        <label className="tp-progress">
          {sweep.progress?.label ?? 'starting…'}
          <progress data-testid="temp-sweep-progress" max={sweep.progress?.total ?? 1} value={sweep.progress?.done ?? 0} />
        </label>
      )}
      <ErrorNote error={sweep.error} />
      {traced && trace && (
        <TraceBanner what={`a small sweep over ${traced.contexts} held-out contexts (CALM at N = ${traced.Ns.join(' and ')}, and the baseline)`} differs={trace.differs} />
      )}
      {r && (
        <>
          <fieldset className="tp-metric" data-region="controls">
            <legend>Accuracy on the vertical axis</legend>
            <label className="gn-inline"><input type="radio" name="tp-metric" checked={metric === 'firstToken'} onChange={() => setMetric('firstToken')} /> first token</label>
            <label className="gn-inline"><input type="radio" name="tp-metric" checked={metric === 'chunk'} onChange={() => setMetric('chunk')} /> whole chunk ({r.K} tokens)</label>
          </fieldset>
          <SweepChart r={r} metric={metric} captions={captions} live={!traced} />
          {!traced && sweep.ms !== null && <p className="gn-muted">This sweep: {(sweep.ms / 1000).toFixed(1)} s{r.fromCache ? ' (cached)' : ''}.</p>}
        </>
      )}
    </section>
  );
}
