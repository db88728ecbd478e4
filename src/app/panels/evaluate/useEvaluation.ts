/** Runs the engine's `evaluate` op for the Evaluate panel: progress, cancel, result or error. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { engine, EngineCallError } from '../../engine.ts';
import type { EngineErrorInfo, ProgressInfo } from '../../../engine/protocol.ts';
import type { EvaluateArgs, EvaluateResult } from '../../../engine/ops/evaluate.types.ts';

export interface Evaluation {
  running: boolean;
  progress: ProgressInfo | null;
  result: EvaluateResult | null;
  error: EngineErrorInfo | null;
  /** Set when the last run was cancelled. */
  cancelled: boolean;
  run(args: EvaluateArgs): Promise<void>;
  cancel(): void;
}

export function useEvaluation(): Evaluation {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<ProgressInfo | null>(null);
  const [result, setResult] = useState<EvaluateResult | null>(null);
  const [error, setError] = useState<EngineErrorInfo | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const abort = useRef<AbortController | null>(null);

  // Leaving the panel cancels a running evaluation (the engine frees its tensors).
  useEffect(() => () => abort.current?.abort(), []);

  const run = useCallback(async (args: EvaluateArgs) => {
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setRunning(true);
    setError(null);
    setCancelled(false);
    setProgress(null);
    try {
      // The set may still be loading (it loads on first use): wait for it, then evaluate.
      await engine().call('loadSet', { set: args.set }, { signal: ac.signal });
      const r = await engine().call('evaluate', args, { signal: ac.signal, onProgress: (p) => setProgress(p) });
      if (abort.current === ac) setResult(r);
    } catch (e) {
      if (abort.current !== ac) return;
      const info = e instanceof EngineCallError ? e.info : { code: 'internal', message: String(e), fix: 'Try again or reload the page.' };
      if (info.code === 'cancelled') setCancelled(true);
      else setError(info);
    } finally {
      if (abort.current === ac) {
        abort.current = null;
        setRunning(false);
      }
    }
  }, []);

  const cancel = useCallback(() => abort.current?.abort(), []);
  return { running, progress, result, error, cancelled, run, cancel };
}
