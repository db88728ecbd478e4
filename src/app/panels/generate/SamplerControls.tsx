/**
 * Sampler, T, N and seed (settings), shared by the Generate and Temperature panels, with one-click presets:
 * the authors' setting (batch sampler, T = ½, N = 200: the default) and T = 1 (Generate: the plain head sample).
 */
import { useApp } from '../../state/store.ts';
import { DEFAULTS, LIMITS, type SamplerName, type Settings } from '../../state/schema.ts';
import { formatTemperature, snapTemperature } from '../../../model/sweep.ts';

const LABELS: Record<SamplerName, string> = {
  plain: 'plain head sample (T = 1)',
  batch: 'batch approximation (T, N)',
  exact: 'exact sampler (T)',
};

type Control = 'T' | 'N' | 'sampler';

/** "T = 0.33 ≈ 1/3 · 1/T = 3" or "T = 0.40 · 1/T = 2.5 (fractional: extension)". */
export function describeT(T: number): string {
  const t = snapTemperature(T);
  const inv = 1 / t;
  const whole = Math.abs(inv - Math.round(inv)) < 1e-9;
  const shown = whole && t !== T ? `${T.toFixed(2)} ≈ ${formatTemperature(t)}` : T.toFixed(2);
  return `T = ${shown} · 1/T = ${whole ? Math.round(inv) : inv.toFixed(2)}${whole ? '' : ' (fractional)'}`;
}

/** The authors' setting (CALM.md §5), which is also the default: the batch sampler at T = ½, N = 200. */
export const AUTHORS_PRESET = { sampler: DEFAULTS.sampler, T: DEFAULTS.T, N: DEFAULTS.N } as const satisfies Partial<Settings>;

/** The T = 1 preset: the plain head sample where the panel has it, else T = 1 with the panel's sampler. */
export function plainPreset(samplers: readonly SamplerName[]): Partial<Settings> {
  return samplers.includes('plain') ? { sampler: 'plain', T: 1 } : { T: 1 };
}

export function SamplerControls({ samplers, testIds = {}, main }: {
  samplers: readonly SamplerName[];
  /** data-testid of the sampler select, the T slider and the N box. */
  testIds?: { T?: string; N?: string; sampler?: string };
  /** Controls that stay visible under hide=controls (a panel's main controls); default: those with a test id. */
  main?: readonly Control[];
}) {
  const s = useApp((st) => st.settings);
  const update = useApp((st) => st.update);
  const sampler = samplers.includes(s.sampler) ? s.sampler : samplers[0];
  const usesT = sampler !== 'plain';
  const kept = main ?? (Object.keys(testIds) as Control[]).filter((k) => testIds[k]);
  // hide=controls hides these settings, except the panel's main controls.
  const region = (c?: Control) => (c && kept.includes(c) ? undefined : 'controls');
  const whole = kept.length === 0;
  const authors = sampler === AUTHORS_PRESET.sampler && s.T === AUTHORS_PRESET.T && s.N === AUTHORS_PRESET.N;
  const plain = samplers.includes('plain') ? sampler === 'plain' : s.T === 1;
  return (
    <fieldset className="gn-sampler" data-region={whole ? 'controls' : undefined}>
      <legend>Sampler</legend>
      <label className="gn-inline" data-region={region('sampler')}>
        <span className="visually-hidden">Sampler</span>
        <select value={sampler} data-testid={testIds.sampler} onChange={(e) => update({ sampler: e.target.value as SamplerName })}>
          {samplers.map((x) => <option key={x} value={x}>{LABELS[x]}</option>)}
        </select>
      </label>
      <label className="gn-inline" data-region={region('T')}>
        Temperature
        <input type="range" data-testid={testIds.T} min={LIMITS.T.min} max={LIMITS.T.max} step={LIMITS.T.step} value={usesT ? s.T : 1}
          disabled={!usesT} onChange={(e) => update({ T: Number(e.target.value) })} aria-valuetext={usesT ? describeT(s.T) : 'T = 1 (plain)'} />
        <output className="num">{usesT ? describeT(s.T) : 'T = 1 (plain head sample)'}</output>
      </label>
      <label className="gn-inline" data-region={region('N')}>
        Batch N
        <input type="number" data-testid={testIds.N} min={LIMITS.N.min} max={LIMITS.N.max} step={1} value={s.N}
          disabled={sampler !== 'batch'} onChange={(e) => e.target.value !== '' && update({ N: Number(e.target.value) })} className="gn-num" />
      </label>
      <label className="gn-inline" data-region="controls">
        Seed
        <input type="number" min={LIMITS.seed.min} max={LIMITS.seed.max} step={1} value={s.seed}
          onChange={(e) => e.target.value !== '' && update({ seed: Number(e.target.value) })} className="gn-num" />
      </label>
      <span className="gn-inline gn-presets" role="group" aria-label="Temperature presets" data-region="controls">
        <button type="button" aria-pressed={authors} onClick={() => update(AUTHORS_PRESET)}>
          T = ½, batch N = 200 (the authors’)
        </button>
        <button type="button" aria-pressed={plain} onClick={() => update(plainPreset(samplers))}>
          {samplers.includes('plain') ? 'Plain T = 1' : 'T = 1'}
        </button>
      </span>
    </fieldset>
  );
}
