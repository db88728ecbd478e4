/**
 * Race: one prompt, CALM and the discrete baseline generate the same number of tokens side by side.
 * Each model has its own clock in the engine (its own steps only; the prompt's prefill excluded), its
 * backbone-step counter and a bar per step — CALM's K-fold step reduction in plain view — and, when the
 * run finishes, tokens per second and the speed ratio measured on this machine's backend.
 */
import { useState } from 'react';
import { useApp } from '../state/store.ts';
import { LIMITS, SETS } from '../state/schema.ts';
import { RACE_DEFAULTS } from '../../engine/ops/race.types.ts';
import type { ModelSetName } from '../../engine/protocol.ts';
import { fmtRatio } from './evaluate/format.ts';
import { barScaleMs } from './race/bars.ts';
import { RaceLane } from './race/RaceLane.tsx';
import { useRace } from './race/useRace.ts';
import './race/race.css';

const TOKEN_CHOICES = [32, 64, 128, 256] as const;

export function RacePanel() {
  const set = useApp((s) => s.settings.set);
  const prompt = useApp((s) => s.settings.prompt);
  const seed = useApp((s) => s.settings.seed);
  const update = useApp((s) => s.update);
  const ready = useApp((s) => s.engine.state === 'ready');
  const backend = useApp((s) => s.engine.backend?.name);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const race = useRace();
  const [tokens, setTokens] = useState<number>(RACE_DEFAULTS.tokens);
  const r = race.result;
  // The run shown: the finished one's size, else the one being raced, else the chosen one.
  const shownTokens = r?.tokens ?? tokens;
  const K = r?.K ?? 4;
  const maxStepMs = r ? barScaleMs([...(r.calm?.stepMs ?? []), ...(r.baseline?.stepMs ?? [])]) : 0;

  const onRun = () => {
    if (race.running) race.stop();
    else void race.start({ set, prompt, tokens, seed });
  };

  return (
    <div className="rc-panel">
      <h2>Race: same tokens, {K}× fewer steps</h2>
      {captions && (
        <p className="rc-caption">
          Both models continue the same prompt for the same number of tokens. The baseline runs its Transformer once
          per token; CALM runs its own (the same size) once per chunk of {K} tokens, then its small energy head and
          the autoencoder's decoder. The engine interleaves the two, step by step; each clock counts only its own
          model's work. Speed depends on this machine and its backend ({backend ?? '…'}), so it is measured here, not quoted.
        </p>
      )}
      <div className="rc-controls">
        <div className="rc-prompt">
          <label htmlFor="race-prompt">Prompt</label>
          <textarea id="race-prompt" rows={2} maxLength={LIMITS.promptChars} value={prompt} spellCheck={false}
            disabled={race.running} onChange={(e) => update({ prompt: e.target.value })} />
        </div>
        <label>
          Model set{' '}
          <select value={set} disabled={race.running} onChange={(e) => update({ set: e.target.value as ModelSetName })}>
            {SETS.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>
          Tokens each{' '}
          <select value={tokens} disabled={race.running} onChange={(e) => setTokens(Number(e.target.value))}>
            {TOKEN_CHOICES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </label>
      </div>
      <div className="rc-buttons">
        <button type="button" className={race.running ? undefined : 'primary'} data-testid="race-run" onClick={onRun} disabled={!ready}>
          {race.running ? 'Stop' : r ? 'Race again' : 'Start race'}
        </button>
        <span role="status" aria-live="polite">
          {!ready && 'Waiting for the models to load…'}
          {race.running && 'Racing…'}
          {race.stopped && !race.running && 'Stopped.'}
        </span>
      </div>
      {race.error && <p className="rc-error" role="alert">{race.error.message} {race.error.fix}</p>}
      {r && r.speedRatio !== null && r.stepRatio !== null && (
        <p className="rc-summary">
          CALM took <span data-testid="race-step-ratio">{fmtRatio(r.stepRatio)}</span> fewer backbone steps and generated{' '}
          <strong data-testid="race-speed-ratio">{fmtRatio(r.speedRatio)}</strong> the baseline's tokens per second on this
          machine's {r.backend} backend ({r.tokens} tokens each, seed {seed}). The first race after loading runs while the
          browser is still optimising its code: race again for steadier numbers.
        </p>
      )}
      <div className="rc-lanes">
        <RaceLane model="calm" title="CALM" tokens={shownTokens} tokensPerStep={K} live={race.live?.calm ?? null} result={r?.calm ?? null} maxStepMs={maxStepMs} />
        <RaceLane model="baseline" title="Discrete baseline" tokens={shownTokens} tokensPerStep={1} live={race.live?.baseline ?? null} result={r?.baseline ?? null} maxStepMs={maxStepMs} />
      </div>
    </div>
  );
}
