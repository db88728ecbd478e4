/**
 * The Noise panel's engine calls: a coalesced `noiseDecode` that follows the σ slider (never more
 * than one pending), and the σ sweep run as short slices (cancelled when text, seed or scale change).
 */
import { useEffect, useRef, useState } from 'react';
import { engine } from '../../engine.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import type { NoiseDecodeArgs, NoiseDecodeResult, NoiseScaleArg, NoiseSweepResult } from '../../../engine/ops/compress.types.ts';
import { errorInfo, useEngineReady } from '../compress/engine-hooks.ts';
import { Coalescer } from './coalesce.ts';
import { nextSliceSize, SWEEP_MAX_SIGMA, SWEEP_POINTS } from './sweep-slices.ts';

export interface DecodeState {
  result: NoiseDecodeResult | null;
  error: EngineErrorInfo | null;
}

/** `custom` / `customId`: decode with the custom autoencoder (the Train panel's), redoing the work when it changes. */
export function useNoiseDecode(args: Required<Pick<NoiseDecodeArgs, 'text'>> & Omit<NoiseDecodeArgs, 'text'> & { customId?: number | null }): DecodeState {
  const ready = useEngineReady();
  const [state, setState] = useState<DecodeState>({ result: null, error: null });
  const coalescer = useRef<Coalescer<NoiseDecodeArgs, NoiseDecodeResult> | null>(null);
  useEffect(() => {
    const c = new Coalescer<NoiseDecodeArgs, NoiseDecodeResult>(
      (a) => engine().call('noiseDecode', a),
      (result) => setState({ result, error: null }),
      (e) => {
        const error = errorInfo(e);
        if (error.code !== 'cancelled') setState((s) => ({ ...s, error }));
      },
    );
    coalescer.current = c;
    return () => c.close();
  }, []);
  const { text, sigma, seed, scale, custom } = args;
  const customId = args.customId ?? null;
  useEffect(() => {
    if (ready) coalescer.current?.request(custom ? { text, sigma, seed, scale, custom } : { text, sigma, seed, scale });
  }, [ready, text, sigma, seed, scale, custom, customId]);
  return state;
}

export interface SweepState {
  /** Points computed so far (all of them once `complete`). */
  result: NoiseSweepResult | null;
  complete: boolean;
  done: number;
  running: boolean;
  error: EngineErrorInfo | null;
}

export function useNoiseSweep(text: string, seed: number, scale: NoiseScaleArg, customId: number | null = null): SweepState {
  const ready = useEngineReady();
  const [state, setState] = useState<SweepState>({ result: null, complete: false, done: 0, running: false, error: null });
  useEffect(() => {
    if (!ready) return;
    const ctl = new AbortController();
    let live = true;
    setState((s) => ({ ...s, running: true, done: 0, error: null }));
    (async () => {
      let acc: NoiseSweepResult | null = null;
      let first = 0;
      let count = 1;
      while (first < SWEEP_POINTS) {
        const t0 = performance.now();
        const r = await engine().call(
          'noiseSweep',
          { points: SWEEP_POINTS, maxSigma: SWEEP_MAX_SIGMA, seed, scale, text, first, count, ...(customId !== null ? { custom: true } : {}) },
          { signal: ctl.signal },
        );
        if (!live) return;
        const msPerPoint = (performance.now() - t0) / count;
        acc = acc
          ? { ...r, first: 0, sigmas: [...acc.sigmas, ...r.sigmas], robust: [...acc.robust, ...r.robust], plain: [...acc.plain, ...r.plain] }
          : r;
        first += count;
        const partial = acc;
        const done = first;
        setState((s) => ({ ...s, result: partial, complete: done >= SWEEP_POINTS, done, running: done < SWEEP_POINTS }));
        count = nextSliceSize(msPerPoint, SWEEP_POINTS - first);
      }
    })().catch((e: unknown) => {
      const error = errorInfo(e);
      if (live && error.code !== 'cancelled') setState((s) => ({ ...s, running: false, error }));
    });
    return () => {
      live = false;
      ctl.abort();
    };
  }, [ready, text, seed, scale, customId]);
  return state;
}
