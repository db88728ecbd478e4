/**
 * The Generate panel's link to the engine's generation state: Step / Back / Reset / Play, and a redraw
 * of the last chunk (head + decoder only) whenever the sampler, T, N or the seed change. The state itself
 * lives in the engine; this keeps the last view (plain data) and survives tab switches via genState.
 * A blank prompt is refused before the engine is asked, and the last generation stays on screen meanwhile.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine, EngineCallError } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import { snapTemperature } from '../../../model/sweep.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import type { GenSamplerArgs, GenStateView } from '../../../engine/ops/generate.types.ts';
import { haltReason } from './halt.ts';
import { withStep } from './step-merge.ts';
import { errorInfo, useReady } from './engine-calls.tsx';
import { BLANK_PROMPT, isBlankPrompt } from './prompt-check.ts';

export interface Generation {
  /** The engine's state for the current set and prompt (null: not started, or started for another prompt). */
  view: GenStateView | null;
  /** True when `view` is the last generation of an earlier prompt, kept on screen while the prompt box is blank. */
  kept: boolean;
  busy: boolean;
  playing: boolean;
  error: EngineErrorInfo | null;
  /** Wall time of the last Step or redraw as seen by the page (ms), with what it was. */
  timing: { what: string; ms: number } | null;
  step(): Promise<boolean>;
  back(): Promise<void>;
  reset(): Promise<void>;
  setPlaying(on: boolean): void;
}

export function useGeneration(): Generation {
  const ready = useReady();
  const s = useApp((st) => st.settings);
  const args: GenSamplerArgs = { sampler: s.sampler, T: snapTemperature(s.T), N: s.N };
  const argsRef = useRef(args);
  argsRef.current = args;
  const keyRef = useRef({ set: s.set, prompt: s.prompt, seed: s.seed, stopAtEnd: s.stopAtEnd });
  keyRef.current = { set: s.set, prompt: s.prompt, seed: s.seed, stopAtEnd: s.stopAtEnd };

  const [raw, setRaw] = useState<GenStateView | null>(null);
  const [busy, setBusy] = useState(false);
  const [playing, setPlayingState] = useState(false);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [timing, setTiming] = useState<Generation['timing']>(null);
  const viewRef = useRef<GenStateView | null>(null);
  const busyRef = useRef(false);
  const playingRef = useRef(false);

  const setView = (v: GenStateView | null) => {
    viewRef.current = v;
    setRaw(v);
  };
  const live = (v: GenStateView | null) => (v && v.started && v.set === keyRef.current.set && v.prompt === keyRef.current.prompt ? v : null);

  /** Run one engine action at a time; a request while one runs is dropped (Play and keys repeat it). */
  const exclusive = useCallback(async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(true);
    try {
      const out = await f();
      setError(null);
      return out;
    } catch (e) {
      const info = errorInfo(e);
      if (info.code !== 'cancelled') setError(info);
      // The engine may have lost its state (restarted backend): show what it has now.
      engine().call('genState', {}).then(setView, () => undefined);
      return undefined;
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  // A remounted panel picks up the engine's state.
  useEffect(() => {
    if (!ready) return;
    engine().call('genState', {}).then(setView, (e: unknown) => setError(errorInfo(e)));
  }, [ready]);

  const step = useCallback(async (): Promise<boolean> => {
    if (isBlankPrompt(keyRef.current.prompt)) {
      setError(BLANK_PROMPT);
      return false;
    }
    const r = await exclusive(async () => {
      let v = live(viewRef.current);
      if (!v) {
        const { set, prompt, seed } = keyRef.current;
        await engine().call('loadSet', { set });
        v = await engine().call('genStart', { set, prompt, seed });
        setView(v);
      }
      const halt = haltReason(v, keyRef.current.stopAtEnd);
      if (halt) throw new EngineCallError({ code: 'bad-input', message: halt, fix: '' });
      const t0 = performance.now();
      const res = await engine().call('genStep', { ...argsRef.current, stopAtEnd: keyRef.current.stopAtEnd });
      setTiming({ what: `step (${argsRef.current.sampler}${argsRef.current.sampler === 'batch' ? `, N = ${argsRef.current.N}` : ''})`, ms: performance.now() - t0 });
      const next = withStep(v, res, false) ?? (await engine().call('genState', {}));
      setView(next);
      return !haltReason(next, keyRef.current.stopAtEnd);
    });
    return r === true;
  }, [exclusive]);

  const back = useCallback(async () => {
    await exclusive(async () => {
      if (!live(viewRef.current)) return;
      setView(await engine().call('genBack', {}));
    });
  }, [exclusive]);

  const reset = useCallback(async () => {
    playingRef.current = false;
    setPlayingState(false);
    await exclusive(async () => setView(await engine().call('genReset', {})));
  }, [exclusive]);

  // Redraw the last chunk when the sampler settings or the seed change (debounced; head + decoder only).
  useEffect(() => {
    const v = live(viewRef.current);
    const last = v?.steps[v.steps.length - 1];
    if (!v || !last || busy) return;
    const a = argsRef.current;
    const same = last.seed === s.seed && last.settings.sampler === a.sampler &&
      (a.sampler === 'plain' || (last.settings.T === a.T && (a.sampler !== 'batch' || last.settings.N === a.N)));
    if (same) return;
    const id = setTimeout(() => {
      void exclusive(async () => {
        const cur = live(viewRef.current);
        if (!cur || cur.steps.length === 0) return;
        const t0 = performance.now();
        const res = await engine().call('genResample', { ...argsRef.current, seed: keyRef.current.seed });
        setTiming({ what: `redraw (${argsRef.current.sampler}${argsRef.current.sampler === 'batch' ? `, N = ${argsRef.current.N}` : ''})`, ms: performance.now() - t0 });
        setView(withStep(cur, res, true) ?? (await engine().call('genState', {})));
      });
    }, 150);
    return () => clearTimeout(id);
  }, [s.sampler, s.T, s.N, s.seed, busy, raw, exclusive]);

  const setPlaying = useCallback((on: boolean) => {
    playingRef.current = on;
    setPlayingState(on);
    if (!on) return;
    void (async () => {
      while (playingRef.current) {
        const more = await step();
        if (!more) break;
        await new Promise((r) => setTimeout(r, 300));
      }
      playingRef.current = false;
      setPlayingState(false);
    })();
  }, [step]);

  useEffect(() => () => void (playingRef.current = false), []);

  const blank = isBlankPrompt(s.prompt);
  const current = live(raw);
  const kept = !current && blank && !!raw?.started && raw.steps.length > 0;
  return {
    view: current ?? (kept ? raw : null),
    kept,
    busy,
    playing,
    error: error === BLANK_PROMPT && !blank ? null : error,
    timing, step, back, reset, setPlaying,
  };
}
