/**
 * The Compress and Noise panels' link to the engine: readiness, typed errors as plain data, and
 * the `compress` call for the current text (the previous result stays while a new one is computed,
 * and when the new text is rejected).
 */
import { useEffect, useState } from 'react';
import { engine, EngineCallError } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import type { CompressResult } from '../../../engine/ops/compress.types.ts';

export function errorInfo(e: unknown): EngineErrorInfo {
  if (e instanceof EngineCallError) return e.info;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), fix: 'Try again or reload the page.' };
}

/** True once the models are loaded and warm. */
export function useEngineReady(): boolean {
  return useApp((s) => s.engine.state === 'ready');
}

export interface CompressState {
  result: CompressResult | null;
  error: EngineErrorInfo | null;
  busy: boolean;
}

/** Compress `text` whenever it (or the engine) changes; keeps the last good result on error. */
export function useCompress(text: string, customId: number | null = null): CompressState {
  const ready = useEngineReady();
  const [state, setState] = useState<CompressState>({ result: null, error: null, busy: false });
  useEffect(() => {
    if (!ready) return;
    let live = true;
    setState((s) => ({ ...s, busy: true }));
    engine()
      .call('compress', customId !== null ? { text, custom: true } : { text })
      .then((result) => live && setState({ result, error: null, busy: false }))
      .catch((e: unknown) => {
        const error = errorInfo(e);
        if (live && error.code !== 'cancelled') setState((s) => ({ ...s, error, busy: false }));
      });
    return () => {
      live = false;
    };
  }, [text, ready, customId]);
  return state;
}
