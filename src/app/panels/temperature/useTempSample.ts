/**
 * The Temperature panel's draws for the current context: a button draws (again), and once there is a
 * draw, changing T, N, the sampler or the seed redraws at once (head + decoder only; the context's hidden
 * state stays cached in the engine). A new prompt or model set clears the draw until asked again; a blank
 * prompt is refused with a message and the last draw stays.
 *
 * At most one draw is in flight and at most one waits behind it (the latest): twenty fast clicks on Draw
 * run two engine calls, and the draw shown is the last one asked for (its press counter, so reproducible).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import { snapTemperature } from '../../../model/sweep.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import type { TempSampleArgs, TempSampleResult } from '../../../engine/ops/temperature.types.ts';
import { errorInfo } from '../generate/engine-calls.tsx';
import { BLANK_PROMPT, isBlankPrompt } from '../generate/prompt-check.ts';
import { tempSampler } from '../../traces/trace-args.ts';

export interface TempSample {
  result: TempSampleResult | null;
  error: EngineErrorInfo | null;
  busy: boolean;
  /** Wall time of the last call as the page saw it (ms). */
  ms: number | null;
  draw(): void;
}

/** Keep the last result across tab switches (plain data). */
let kept: { key: string; result: TempSampleResult; draws: number; settings: string } | null = null;

const settingsKey = (a: TempSampleArgs) => `${a.sampler}|${a.T}|${a.N}|${a.seed}`;

export function useTempSample(): TempSample {
  const s = useApp((st) => st.settings);
  const sampler = tempSampler(s.sampler);
  const args: TempSampleArgs = { set: s.set, prompt: s.prompt, sampler, T: snapTemperature(s.T), N: s.N, seed: s.seed };
  const blank = isBlankPrompt(s.prompt);
  // A blank prompt does not count as a new context: the last draw stays until a real prompt replaces it.
  const lastKey = useRef(`${s.set}|${s.prompt}`);
  if (!blank) lastKey.current = `${s.set}|${s.prompt}`;
  const contextKey = lastKey.current;
  const [result, setResult] = useState<TempSampleResult | null>(kept?.key === contextKey ? kept.result : null);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [ms, setMs] = useState<number | null>(null);
  const draws = useRef(kept?.key === contextKey ? kept.draws : 0);
  const argsRef = useRef(args);
  argsRef.current = args;
  const inFlight = useRef(false);
  const pending = useRef(false);
  const alive = useRef(true);
  /** The settings of the result shown (no redraw when they have not changed, e.g. on a tab switch). */
  const shown = useRef(kept?.key === contextKey ? kept.settings : '');

  const run = useCallback(async () => {
    if (inFlight.current) {
      pending.current = true;
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      do {
        pending.current = false;
        const a = { ...argsRef.current, draw: draws.current };
        if (isBlankPrompt(a.prompt)) {
          setError(BLANK_PROMPT);
          break;
        }
        shown.current = settingsKey(a);
        try {
          await engine().call('loadSet', { set: a.set });
          const t0 = performance.now();
          const r = await engine().call('tempSample', a);
          if (!alive.current) return;
          setMs(performance.now() - t0);
          setResult(r);
          setError(null);
          kept = { key: `${a.set}|${a.prompt}`, result: r, draws: a.draw, settings: settingsKey(a) };
        } catch (e) {
          if (alive.current && !pending.current) setError(errorInfo(e));
        }
      } while (pending.current && alive.current);
    } finally {
      inFlight.current = false;
      if (alive.current) setBusy(false);
    }
  }, []);

  const draw = useCallback(() => {
    if (isBlankPrompt(argsRef.current.prompt)) {
      setError(BLANK_PROMPT);
      return;
    }
    draws.current += 1;
    void run();
  }, [run]);

  useEffect(() => {
    alive.current = true;
    return () => void (alive.current = false);
  }, []);

  // A new context: forget the draw.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setResult(null);
    setError(null);
    kept = null;
    draws.current = 0;
  }, [contextKey]);

  // New settings for a context that has a draw: redraw (debounced; not while the prompt is blank).
  const hasResult = result !== null;
  useEffect(() => {
    if (!hasResult || blank || settingsKey(argsRef.current) === shown.current) return;
    const id = setTimeout(() => void run(), 150);
    return () => clearTimeout(id);
  }, [sampler, args.T, s.N, s.seed, hasResult, blank, run]);

  return { result, error: error === BLANK_PROMPT && !blank ? null : error, busy, ms, draw };
}
