/**
 * The Generate panel's comparison (lesson `why-temperature`): CALM continues one prompt twice, at T = 1
 * (one head sample per step) and at T = ½ (the batch sampler, N = 200), through the engine's raceRun op with
 * CALM alone — the same sampling code as the Race, apart from the panel's own generation state. Plain data only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine } from '../../engine.ts';
import type { EngineErrorInfo, ModelSetName } from '../../../engine/protocol.ts';
import type { RaceLaneResult, RaceTemperature } from '../../../engine/ops/race.types.ts';
import { errorInfo } from './engine-calls.tsx';

/** Tokens each continuation gets (8 vector steps). */
export const COMPARE_TOKENS = 32;
export const COMPARE_TEMPERATURES: readonly RaceTemperature[] = [1, 0.5];

export interface CompareKey {
  set: ModelSetName;
  prompt: string;
  seed: number;
}

export interface CompareRun {
  key: CompareKey;
  /** CALM's lane at T = 1 and at T = ½, in COMPARE_TEMPERATURES order. */
  lanes: RaceLaneResult[];
}

export interface TempCompare {
  run: CompareRun | null;
  busy: boolean;
  error: EngineErrorInfo | null;
  start(key: CompareKey): Promise<void>;
}

export const sameKey = (a: CompareKey, b: CompareKey) => a.set === b.set && a.prompt === b.prompt && a.seed === b.seed;

/** Keep the last comparison across tab switches (plain data). */
let kept: CompareRun | null = null;

export function useTempCompare(): TempCompare {
  const [run, setRun] = useState<CompareRun | null>(kept);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async (key: CompareKey) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setBusy(true);
    setError(null);
    try {
      await engine().call('loadSet', { set: key.set }, { signal: ac.signal });
      const lanes: RaceLaneResult[] = [];
      for (const T of COMPARE_TEMPERATURES) {
        const r = await engine().call('raceRun', { ...key, tokens: COMPARE_TOKENS, models: ['calm'], T }, { signal: ac.signal });
        lanes.push(r.calm!);
      }
      if (abort.current !== ac) return;
      kept = { key, lanes };
      setRun(kept);
    } catch (e) {
      const info = errorInfo(e);
      if (abort.current === ac && info.code !== 'cancelled') setError(info);
    } finally {
      if (abort.current === ac) {
        abort.current = null;
        setBusy(false);
      }
    }
  }, []);

  return { run, busy, error, start };
}
