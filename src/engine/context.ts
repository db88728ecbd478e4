/**
 * What every engine operation receives: the loaded models, a progress callback and cancellation.
 * Operations are async and must `await ctx.yield()` between slices of work so that a cancel message
 * (and the UI's other requests) can get in; long loops also call `ctx.progress`.
 */
import { CalmError } from '../model/errors.ts';
import type { ProgressInfo } from './protocol.ts';
import type { EngineModels } from './models.ts';

export class CancelledError extends CalmError {
  constructor() {
    super('bad-input', 'Cancelled.', 'Run it again when you are ready.');
    this.name = 'CancelledError';
  }
}

export interface OpContext {
  models: EngineModels;
  /** Report progress (throttled by the worker). */
  progress(p: ProgressInfo): void;
  /** True once the caller cancelled this operation. */
  readonly cancelled: boolean;
  /** Give the event loop a turn (lets cancel messages in) and throw CancelledError if cancelled. */
  yield(): Promise<void>;
}

export type OpHandler<A, R> = (args: A, ctx: OpContext) => Promise<R>;

/** A context for Node tests and scripts: no progress, never cancelled unless `cancelAfterYields`. */
export function plainContext(models: EngineModels, opts: { cancelAfterYields?: number; onProgress?: (p: ProgressInfo) => void } = {}): OpContext {
  let yields = 0;
  const ctx = {
    models,
    cancelled: false,
    progress: (p: ProgressInfo) => opts.onProgress?.(p),
    async yield() {
      yields++;
      if (opts.cancelAfterYields !== undefined && yields > opts.cancelAfterYields) ctx.cancelled = true;
      await new Promise<void>((r) => setTimeout(r, 0));
      if (ctx.cancelled) throw new CancelledError();
    },
  };
  return ctx;
}

/** The handlers a feature module exports: one per op in its `…Ops` interface. */
export type Handlers<O> = { [K in keyof O]: O[K] extends { args: infer A; result: infer R } ? OpHandler<A, R> : never };
