/**
 * Race: one prompt, CALM and the discrete baseline generate the same number of tokens side by side.
 * Each model has its own clock in the engine (its own steps only; the prompt's prefill excluded), its
 * backbone-step counter and a bar per step — CALM's K-fold step reduction in plain view — and, when the
 * run finishes, tokens per second and the speed ratio measured on this machine's backend. The race runs at
 * T = 1 by default; `raceT=0.5` races both at ½ — CALM by its batch sampler (N = 200 head samples a step),
 * the baseline by softmax temperature — labelled as the two different things they are. Until the live model
 * is ready: a precomputed default race (public/traces/race.json, timed in Node), marked as such, without test ids.
 */
import { useState } from 'react';
import { useApp } from '../state/store.ts';
import { LIMITS, SETS } from '../state/schema.ts';
import { RACE_DEFAULTS, type RaceResult } from '../../engine/ops/race.types.ts';
import type { ModelSetName } from '../../engine/protocol.ts';
import { TraceBanner } from '../traces/TraceBanner.tsx';
import { useTrace } from '../traces/useTrace.ts';
import { barScaleMs } from './race/bars.ts';
import { RaceLane } from './race/RaceLane.tsx';
import { RaceTemperatureNote, RaceTemperatureSelect } from './race/RaceTemperature.tsx';
import { PromptNote, RaceSummary } from './race/RaceSummary.tsx';
import { RACE_TRACE_NAME, RACE_TRACE_ARGS, raceTraceDifferences } from './race/race-trace.ts';
import { useRace } from './race/useRace.ts';
import './race/race.css';

const TOKEN_CHOICES = [32, 64, 128, 256] as const;

export function RacePanel() {
  const set = useApp((s) => s.settings.set);
  const prompt = useApp((s) => s.settings.prompt);
  const seed = useApp((s) => s.settings.seed);
  const raceT = useApp((s) => s.settings.raceT);
  const update = useApp((s) => s.update);
  const ready = useApp((s) => s.engine.state === 'ready');
  const backend = useApp((s) => s.engine.backend?.name);
  const captions = useApp((s) => !s.settings.hide.includes('captions'));
  const race = useRace();
  const [tokens, setTokens] = useState<number>(RACE_DEFAULTS.tokens);
  const trace = useTrace<RaceResult>(RACE_TRACE_NAME, !ready, RACE_TRACE_ARGS)?.result ?? null;
  // Until the live model is ready, the precomputed race (no live result can exist before).
  const isTrace = !race.result && !race.running && trace !== null;
  const r = race.result ?? (isTrace ? trace : null);
  // The run shown: the finished one's size, else the one being raced, else the chosen one.
  const shownTokens = r?.tokens ?? tokens;
  const K = r?.K ?? 4;
  // The temperature of the race shown: a finished one's own, else the one chosen.
  const shownT = r?.T ?? raceT;
  const maxStepMs = r ? barScaleMs([...(r.calm?.stepMs ?? []), ...(r.baseline?.stepMs ?? [])]) : 0;

  const onRun = () => {
    if (race.running) race.stop();
    else void race.start({ set, prompt, tokens, seed, T: raceT });
  };

  return (
    <div className="rc-panel">
      <h2>Race: same tokens, {K}× fewer steps</h2>
      {captions && (
        <p className="rc-caption" data-region="caption">
          Both models continue the same prompt for the same number of tokens. The baseline runs its Transformer once
          per token; CALM runs its own (the same size) once per chunk of {K} tokens, then its small energy head and
          the autoencoder's decoder. The engine interleaves the two, step by step; each clock counts only its own
          model's work. Speed depends on this machine and its backend ({backend ?? '…'}), so it is measured here, not quoted.
        </p>
      )}
      <div className="rc-controls" data-region="controls">
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
        <RaceTemperatureSelect disabled={race.running} />
      </div>
      {/* What ½ means for each model: for the temperature chosen, and for the race shown (a trace is at T = 1). */}
      <RaceTemperatureNote T={raceT === 0.5 || shownT === 0.5 ? 0.5 : 1} />
      <div className="rc-buttons">
        <button type="button" className={race.running ? undefined : 'primary'} data-testid="race-run" onClick={onRun} disabled={!ready}>
          {race.running ? 'Stop' : race.result ? 'Race again' : 'Start race'}
        </button>
        <span role="status" aria-live="polite">
          {!ready && 'Waiting for the models to load…'}
          {race.running && 'Racing…'}
          {race.stopped && !race.running && 'Stopped.'}
        </span>
      </div>
      {race.error && <p className="rc-error" role="alert">{race.error.message} {race.error.fix}</p>}
      {isTrace && (
        <TraceBanner
          what={`a default race (${RACE_TRACE_ARGS.tokens} tokens each from the default prompt), timed in Node when the trace was made`}
          differs={raceTraceDifferences({ set, prompt, seed, tokens, T: raceT })}
        />
      )}
      {r && <RaceSummary r={r} seed={isTrace ? RACE_TRACE_ARGS.seed : seed} trace={isTrace} />}
      {race.result && <PromptNote prompt={prompt} r={race.result} />}
      <div className={isTrace ? 'rc-lanes trace-view' : 'rc-lanes'}>
        <RaceLane model="calm" title="CALM" tokens={shownTokens} tokensPerStep={K} live={race.live?.calm ?? null} result={r?.calm ?? null} maxStepMs={maxStepMs} T={shownT} trace={isTrace} />
        <RaceLane model="baseline" title="Discrete baseline" tokens={shownTokens} tokensPerStep={1} live={race.live?.baseline ?? null} result={r?.baseline ?? null} maxStepMs={maxStepMs} T={shownT} trace={isTrace} />
      </div>
    </div>
  );
}
