/**
 * The Compress and Noise panels' link to the engine: readiness, typed errors as plain data, and
 * the `compress` call for the current text (the previous result stays while a new one is computed,
 * and when the new text is rejected).
 */
import { useEffect, useState } from 'react';
import { engine, EngineCallError } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import type { EngineErrorInfo, OpArgs, OpName, OpResult } from '../../../engine/protocol.ts';
import type { CompressResult } from '../../../engine/ops/compress.types.ts';

export function errorInfo(e: unknown): EngineErrorInfo {
  if (e instanceof EngineCallError) return e.info;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), fix: 'Try again or reload the page.' };
}

/** True once the models are loaded and warm. */
export function useEngineReady(): boolean {
  return useApp((s) => s.engine.state === 'ready');
}

/** One engine call's state: the last good result stays while a new one is computed and when it fails. */
export interface CallState<R> {
  result: R | null;
  error: EngineErrorInfo | null;
  busy: boolean;
}

export type CompressState = CallState<CompressResult>;

/**
 * Call `op` with `args` whenever they (or `refresh`) change while `enabled`; answers to superseded calls are
 * dropped. `abortable`: a superseded call is also cancelled in the engine (long work, such as sweeps).
 * Args are compared by value (JSON), so callers may build them inline.
 */
export function useEngineCall<K extends OpName>(
  op: K, args: OpArgs<K>, enabled: boolean, opts: { abortable?: boolean; refresh?: unknown } = {},
): CallState<OpResult<K>> {
  const [state, setState] = useState<CallState<OpResult<K>>>({ result: null, error: null, busy: false });
  const key = JSON.stringify(args);
  const { abortable = false, refresh = null } = opts;
  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.busy ? { ...s, busy: false } : s));
      return;
    }
    let live = true;
    const ac = abortable ? new AbortController() : null;
    setState((s) => ({ ...s, busy: true }));
    engine()
      .call(op, JSON.parse(key) as OpArgs<K>, ac ? { signal: ac.signal } : undefined)
      .then((result) => live && setState({ result, error: null, busy: false }))
      .catch((e: unknown) => {
        const error = errorInfo(e);
        if (live && error.code !== 'cancelled') setState((s) => ({ ...s, error, busy: false }));
      });
    return () => {
      live = false;
      ac?.abort();
    };
  }, [op, key, enabled, abortable, refresh]);
  return state;
}

/** Compress `text` whenever it (or the engine, or the custom autoencoder in use) changes. */
export function useCompress(text: string, customId: number | null = null): CompressState {
  const ready = useEngineReady();
  return useEngineCall('compress', customId !== null ? { text, custom: true } : { text }, ready, { refresh: customId });
}
