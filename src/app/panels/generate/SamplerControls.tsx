/** Sampler, T, N and seed (settings), shared by the Generate and Temperature panels. */
import { useApp } from '../../state/store.ts';
import { LIMITS, type SamplerName } from '../../state/schema.ts';
import { formatTemperature, snapTemperature } from '../../../model/sweep.ts';

const LABELS: Record<SamplerName, string> = {
  plain: 'plain head sample (T = 1)',
  batch: 'batch approximation (T, N)',
  exact: 'exact sampler (T)',
};

/** "T = 0.33 ≈ 1/3 · 1/T = 3" or "T = 0.40 · 1/T = 2.5 (fractional: extension)". */
export function describeT(T: number): string {
  const t = snapTemperature(T);
  const inv = 1 / t;
  const whole = Math.abs(inv - Math.round(inv)) < 1e-9;
  const shown = whole && t !== T ? `${T.toFixed(2)} ≈ ${formatTemperature(t)}` : T.toFixed(2);
  return `T = ${shown} · 1/T = ${whole ? Math.round(inv) : inv.toFixed(2)}${whole ? '' : ' (fractional)'}`;
}

export function SamplerControls({ samplers, testIds = {} }: { samplers: readonly SamplerName[]; testIds?: { T?: string; N?: string; sampler?: string } }) {
  const s = useApp((st) => st.settings);
  const update = useApp((st) => st.update);
  const sampler = samplers.includes(s.sampler) ? s.sampler : samplers[0];
  const usesT = sampler !== 'plain';
  // hide=controls hides these settings, except the ones with test ids (a panel's main controls).
  const region = (testId?: string) => (testId ? undefined : 'controls');
  const whole = !testIds.T && !testIds.N && !testIds.sampler;
  return (
    <fieldset className="gn-sampler" data-region={whole ? 'controls' : undefined}>
      <legend>Sampler</legend>
      <label className="gn-inline" data-region={region(testIds.sampler)}>
        <span className="visually-hidden">Sampler</span>
        <select value={sampler} data-testid={testIds.sampler} onChange={(e) => update({ sampler: e.target.value as SamplerName })}>
          {samplers.map((x) => <option key={x} value={x}>{LABELS[x]}</option>)}
        </select>
      </label>
      <label className="gn-inline" data-region={region(testIds.T)}>
        Temperature
        <input type="range" data-testid={testIds.T} min={LIMITS.T.min} max={LIMITS.T.max} step={LIMITS.T.step} value={s.T}
          disabled={!usesT} onChange={(e) => update({ T: Number(e.target.value) })} aria-valuetext={describeT(s.T)} />
        <output className="num">{describeT(s.T)}</output>
      </label>
      <label className="gn-inline" data-region={region(testIds.N)}>
        Batch N
        <input type="number" data-testid={testIds.N} min={LIMITS.N.min} max={LIMITS.N.max} step={1} value={s.N}
          disabled={sampler !== 'batch'} onChange={(e) => e.target.value !== '' && update({ N: Number(e.target.value) })} className="gn-num" />
      </label>
      <label className="gn-inline" data-region="controls">
        Seed
        <input type="number" min={LIMITS.seed.min} max={LIMITS.seed.max} step={1} value={s.seed}
          onChange={(e) => e.target.value !== '' && update({ seed: Number(e.target.value) })} className="gn-num" />
      </label>
    </fieldset>
  );
}
