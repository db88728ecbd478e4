/** The sweep's settings, Run / Cancel, progress, and the chart once it has run. */
import { useState } from 'react';
import { useApp } from '../../state/store.ts';
import { formatTemperature } from '../../../model/sweep.ts';
import { ErrorNote } from '../generate/engine-calls.tsx';
import { SweepChart } from './SweepChart.tsx';
import { useSweep } from './sweep-store.ts';
import type { AccuracyMetric } from './sweep-view.ts';

/** T = 1, ½, ⅓, ¼ (the paper's batch rule) and 0.4 (1/T = 2.5: the fractional extension). */
export const SWEEP_TS = [1, 1 / 2, 1 / 3, 1 / 4, 0.4] as const;
export const SWEEP_NS = [1, 10, 50, 100, 200, 500, 1000] as const;
export const DEFAULT_NS = [50, 200];
export const CONTEXT_CHOICES = [8, 16, 32, 64, 128, 256] as const;
export const DEFAULT_CONTEXTS = 64;

export function SweepSection({ ready, captions }: { ready: boolean; captions: boolean }) {
  const set = useApp((s) => s.settings.set);
  const seed = useApp((s) => s.settings.seed);
  const sweep = useSweep();
  const [Ts, setTs] = useState<number[]>([...SWEEP_TS]);
  const [Ns, setNs] = useState<number[]>(DEFAULT_NS);
  const [contexts, setContexts] = useState(DEFAULT_CONTEXTS);
  const [metric, setMetric] = useState<AccuracyMetric>('firstToken');
  const toggle = (list: number[], x: number, on: boolean) => (on ? [...list, x] : list.filter((y) => y !== x));
  const r = sweep.result;
  return (
    <section className="tp-sweep" aria-labelledby="tp-sweep-h">
      <h3 id="tp-sweep-h">Sweep: diversity against accuracy, CALM and the token baseline</h3>
      {captions && (
        <p className="gn-caption">
          Over many held-out contexts, draw two independent continuations per setting and compare them with each other
          (do they collide?) and with the real text. CALM uses the batch sampler at each T and N; the baseline samples {4} tokens
          with softmax temperature T. The default run takes about a minute on a laptop CPU; more contexts give smaller error bars.
        </p>
      )}
      <div className="tp-sweep-controls">
        <fieldset>
          <legend>Temperatures</legend>
          {SWEEP_TS.map((T) => (
            <label key={T} className="gn-inline">
              <input type="checkbox" checked={Ts.includes(T)} onChange={(e) => setTs(toggle(Ts, T, e.target.checked))} />
              {formatTemperature(T)}{T === 0.4 ? ' (extension)' : ''}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>CALM batch sizes N</legend>
          {SWEEP_NS.map((N) => (
            <label key={N} className="gn-inline">
              <input type="checkbox" checked={Ns.includes(N)} onChange={(e) => setNs(toggle(Ns, N, e.target.checked))} />
              {N}
            </label>
          ))}
        </fieldset>
        <label className="gn-inline">
          Held-out contexts
          <select value={contexts} onChange={(e) => setContexts(Number(e.target.value))}>
            {CONTEXT_CHOICES.map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <button type="button" className="primary" data-testid="temp-sweep" disabled={!ready || sweep.running || Ts.length === 0 || Ns.length === 0}
          onClick={() => void sweep.run({ set, Ts: [...Ts], Ns: [...Ns], contexts, pairs: 2, seed })}>
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
      {r && (
        <>
          <fieldset className="tp-metric">
            <legend>Accuracy on the vertical axis</legend>
            <label className="gn-inline"><input type="radio" name="tp-metric" checked={metric === 'firstToken'} onChange={() => setMetric('firstToken')} /> first token</label>
            <label className="gn-inline"><input type="radio" name="tp-metric" checked={metric === 'chunk'} onChange={() => setMetric('chunk')} /> whole chunk ({r.K} tokens)</label>
          </fieldset>
          <SweepChart r={r} metric={metric} captions={captions} />
          {sweep.ms !== null && <p className="gn-muted">This sweep: {(sweep.ms / 1000).toFixed(1)} s{r.fromCache ? ' (cached)' : ''}.</p>}
        </>
      )}
    </section>
  );
}
