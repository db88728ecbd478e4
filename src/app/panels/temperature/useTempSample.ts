/**
 * The Temperature panel's draws for the current context: a button draws (again), and once there is a
 * draw, changing T, N, the sampler or the seed redraws at once (head + decoder only; the context's hidden
 * state stays cached in the engine). A new prompt or model set clears the draw until asked again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import { snapTemperature } from '../../../model/sweep.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import type { TempSampleArgs, TempSampleResult } from '../../../engine/ops/temperature.types.ts';
import { errorInfo } from '../generate/engine-calls.tsx';

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
  const sampler: TempSampleArgs['sampler'] = s.sampler === 'exact' ? 'exact' : 'batch';
  const args: TempSampleArgs = { set: s.set, prompt: s.prompt, sampler, T: snapTemperature(s.T), N: s.N, seed: s.seed };
  const contextKey = `${s.set}|${s.prompt}`;
  const [result, setResult] = useState<TempSampleResult | null>(kept?.key === contextKey ? kept.result : null);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [ms, setMs] = useState<number | null>(null);
  const draws = useRef(kept?.key === contextKey ? kept.draws : 0);
  const argsRef = useRef(args);
  argsRef.current = args;
  const seq = useRef(0);
  /** The settings of the result shown (no redraw when they have not changed, e.g. on a tab switch). */
  const shown = useRef(kept?.key === contextKey ? kept.settings : '');

  const run = useCallback(async () => {
    const id = ++seq.current;
    const a = { ...argsRef.current, draw: draws.current };
    shown.current = settingsKey(a);
    setBusy(true);
    try {
      await engine().call('loadSet', { set: a.set });
      const t0 = performance.now();
      const r = await engine().call('tempSample', a);
      if (id !== seq.current) return;
      setMs(performance.now() - t0);
      setResult(r);
      setError(null);
      kept = { key: `${a.set}|${a.prompt}`, result: r, draws: draws.current, settings: settingsKey(a) };
    } catch (e) {
      if (id === seq.current) setError(errorInfo(e));
    } finally {
      if (id === seq.current) setBusy(false);
    }
  }, []);

  const draw = useCallback(() => {
    draws.current += 1;
    void run();
  }, [run]);

  // A new context: forget the draw.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    setResult(null);
    kept = null;
  }, [contextKey]);

  // New settings for a context that has a draw: redraw (debounced).
  const hasResult = result !== null;
  useEffect(() => {
    if (!hasResult || settingsKey(argsRef.current) === shown.current) return;
    const id = setTimeout(() => void run(), 150);
    return () => clearTimeout(id);
  }, [sampler, args.T, s.N, s.seed, hasResult, run]);

  return { result, error, busy, ms, draw };
}
