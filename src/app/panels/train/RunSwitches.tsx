/** One run's switches (β, KL clip, DropToken, DropLatent, latent size), locked while its run exists. */
import type { LiveRunSettings } from '../../../model/live-training.ts';
import { LIVE_LATENTS, PAPER_RECIPE, RECONSTRUCTION_ONLY } from '../../../model/live-training.ts';

const BETAS = [0, 0.0001, 0.001, 0.01, 0.1];
const CLIPS = [0, 0.1, 0.25, 0.5, 1, 2];

/** The choices, with the current value added where a link set one off the list. */
function withValue(list: readonly number[], v: number): number[] {
  return list.includes(v) ? [...list] : [...list, v].sort((x, y) => x - y);
}

export function recipeName(s: LiveRunSettings): string {
  const same = (r: LiveRunSettings) => (Object.keys(r) as (keyof LiveRunSettings)[]).every((k) => r[k] === s[k]);
  if (same(PAPER_RECIPE)) return "the paper's recipe";
  if (same(RECONSTRUCTION_ONLY)) return 'reconstruction only';
  return 'custom settings';
}

export function RunSwitches({ run, s, locked, onChange }: {
  run: 'a' | 'b'; s: LiveRunSettings; locked: boolean; onChange: (next: LiveRunSettings) => void;
}) {
  const R = run.toUpperCase();
  const set = <K extends keyof LiveRunSettings>(k: K, v: number) => onChange({ ...s, [k]: v });
  return (
    <fieldset className={`tr-run tr-run-${run}`} disabled={locked}>
      <legend>Run {R}: {recipeName(s)}</legend>
      <label>
        <span>KL weight β</span>
        <select value={s.beta} onChange={(e) => set('beta', Number(e.target.value))} aria-label={`Run ${R} KL weight beta`}>
          {withValue(BETAS, s.beta).map((b) => <option key={b} value={b}>{b === 0 ? '0 (no KL, no σ)' : b}</option>)}
        </select>
      </label>
      <label>
        <span>KL clip (free bits per number)</span>
        <select value={s.klClip} onChange={(e) => set('klClip', Number(e.target.value))} aria-label={`Run ${R} KL clip`}>
          {withValue(CLIPS, s.klClip).map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </label>
      <label>
        <span>DropToken {Math.round(s.dropToken * 100)} %</span>
        <input type="range" min={0} max={0.5} step={0.05} value={s.dropToken} onChange={(e) => set('dropToken', Number(e.target.value))} aria-label={`Run ${R} DropToken rate`} />
      </label>
      <label>
        <span>DropLatent {Math.round(s.dropLatent * 100)} %</span>
        <input type="range" min={0} max={0.5} step={0.05} value={s.dropLatent} onChange={(e) => set('dropLatent', Number(e.target.value))} aria-label={`Run ${R} DropLatent rate`} />
      </label>
      <label>
        <span>Latent size l</span>
        <select value={s.latent} onChange={(e) => set('latent', Number(e.target.value))} aria-label={`Run ${R} latent size`}>
          {LIVE_LATENTS.map((l) => <option key={l} value={l}>{l}</option>)}
        </select>
      </label>
      <div className="tr-presets">
        <button type="button" onClick={() => onChange({ ...PAPER_RECIPE })}>Paper&rsquo;s recipe</button>
        <button type="button" onClick={() => onChange({ ...RECONSTRUCTION_ONLY })}>Reconstruction only</button>
      </div>
    </fieldset>
  );
}
