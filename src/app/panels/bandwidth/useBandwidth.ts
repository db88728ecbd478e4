/**
 * The Bandwidth panel's link to the engine (plain data only): the manifest facts first (sizes, metrics), then
 * the K autoencoders loaded with progress; the round trip of the text at the dialled K; the accuracy-vs-σ
 * sweep of every loaded K; the K race. Every call keeps the last good result on error and ignores answers
 * that arrive after their inputs changed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine } from '../../engine.ts';
import { errorInfo, useEngineCall, useEngineReady, type CallState } from '../compress/engine-hooks.ts';
import type { EngineErrorInfo, ProgressInfo } from '../../../engine/protocol.ts';
import type {
  BandwidthInfoResult, BandwidthK, BandwidthRaceResult, BandwidthRoundTripResult, BandwidthSweepResult,
} from '../../../engine/ops/bandwidth.types.ts';

export interface ModelsState {
  info: BandwidthInfoResult | null;
  /** The K autoencoders are loaded (or failed: see `failed`). */
  loaded: boolean;
  progress: ProgressInfo | null;
  failed: { K: number; message: string }[];
  error: EngineErrorInfo | null;
}

/** Manifest facts at once, then load the K autoencoders (lazily: only when this panel is open). */
export function useBandwidthModels(): ModelsState {
  const ready = useEngineReady();
  const [s, setS] = useState<ModelsState>({ info: null, loaded: false, progress: null, failed: [], error: null });
  useEffect(() => {
    if (!ready) return;
    let live = true;
    const ac = new AbortController();
    (async () => {
      try {
        const info = await engine().call('bandwidthInfo', {});
        if (!live) return;
        setS((x) => ({ ...x, info }));
        const r = await engine().call('bandwidthLoad', {}, { signal: ac.signal, onProgress: (p) => live && setS((x) => ({ ...x, progress: p })) });
        const after = await engine().call('bandwidthInfo', {});
        if (live) setS({ info: after, loaded: true, progress: null, failed: r.failed, error: null });
      } catch (e) {
        const error = errorInfo(e);
        if (live && error.code !== 'cancelled') setS((x) => ({ ...x, error, progress: null }));
      }
    })();
    return () => {
      live = false;
      ac.abort();
    };
  }, [ready]);
  return s;
}

export type { CallState } from '../compress/engine-hooks.ts';

/** Round trip `text` at K whenever either changes (once the models are loaded). */
export function useRoundTrip(text: string, K: BandwidthK, enabled: boolean): CallState<BandwidthRoundTripResult> {
  return useEngineCall('bandwidthRoundTrip', { text, K }, enabled);
}

export const SWEEP = { points: 13, maxRel: 1.5 } as const;

/** Accuracy against relative σ for every loaded K, on the same text (after the round trip, off its path). */
export function useSweep(text: string, seed: number, enabled: boolean): CallState<BandwidthSweepResult> {
  return useEngineCall('bandwidthSweep', { text, seed, ...SWEEP }, enabled, { abortable: true });
}

export interface KRace {
  running: boolean;
  progress: ProgressInfo | null;
  result: BandwidthRaceResult | null;
  error: EngineErrorInfo | null;
  stopped: boolean;
  start(prompt: string, seed: number): void;
  stop(): void;
}

/** The one-click race of the K CALMs and the baseline (loads the K CALMs on the first run). */
export function useKRace(): KRace {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressInfo | null>(null);
  const [result, setResult] = useState<BandwidthRaceResult | null>(null);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [stopped, setStopped] = useState(false);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const start = useCallback((prompt: string, seed: number) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setRunning(true);
    setError(null);
    setStopped(false);
    setResult(null);
    setProgress(null);
    engine()
      .call('bandwidthRace', { prompt, seed }, { signal: ac.signal, onProgress: (p) => abort.current === ac && setProgress(p) })
      .then((r) => abort.current === ac && setResult(r))
      .catch((e: unknown) => {
        if (abort.current !== ac) return;
        const info = errorInfo(e);
        if (info.code === 'cancelled') setStopped(true);
        else setError(info);
      })
      .finally(() => {
        if (abort.current === ac) {
          abort.current = null;
          setRunning(false);
        }
      });
  }, []);
  const stop = useCallback(() => abort.current?.abort(), []);
  return { running, progress, result, error, stopped, start, stop };
}
