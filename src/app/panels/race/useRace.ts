/** Runs the engine's raceRun op for the Race panel: live counters (from progress), stop, result or error. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine, EngineCallError } from '../../engine.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import { parseRaceLabel, type RaceArgs, type RaceLive, type RaceResult } from '../../../engine/ops/race.types.ts';

export interface Race {
  running: boolean;
  live: RaceLive | null;
  result: RaceResult | null;
  error: EngineErrorInfo | null;
  stopped: boolean;
  start(args: RaceArgs): Promise<void>;
  stop(): void;
}

export function useRace(): Race {
  const [running, setRunning] = useState(false);
  const [live, setLive] = useState<RaceLive | null>(null);
  const [result, setResult] = useState<RaceResult | null>(null);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [stopped, setStopped] = useState(false);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback(async (args: RaceArgs) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setRunning(true);
    setError(null);
    setStopped(false);
    setResult(null);
    setLive(null);
    try {
      await engine().call('loadSet', { set: args.set }, { signal: ac.signal });
      const r = await engine().call('raceRun', args, {
        signal: ac.signal,
        onProgress: (p) => {
          const l = parseRaceLabel(p.label);
          if (l && abort.current === ac) setLive(l);
        },
      });
      if (abort.current === ac) setResult(r);
    } catch (e) {
      if (abort.current !== ac) return;
      const info = e instanceof EngineCallError ? e.info : { code: 'internal', message: String(e), fix: 'Try again or reload the page.' };
      if (info.code === 'cancelled') setStopped(true);
      else setError(info);
    } finally {
      if (abort.current === ac) {
        abort.current = null;
        setRunning(false);
      }
    }
  }, []);

  const stop = useCallback(() => abort.current?.abort(), []);
  return { running, live, result, error, stopped, start, stop };
}
