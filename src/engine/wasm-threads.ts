/**
 * How many threads the WASM backend computes with, and why (pure: unit-tested in Node).
 *
 * TF.js 4.22's threaded WASM build (tfjs-backend-wasm-threaded-simd) needs SharedArrayBuffer, so the page
 * must be cross-origin isolated (COOP + COEP on every response, the engine worker's script included).
 * Its XNNPACK thread pool then has `navigator.hardwareConcurrency / 2` threads (integer division),
 * clamped to 1..8 (tfjs-backend-wasm src/cc/backend.cc). When that is 1 the threaded build gains nothing
 * and still starts 8 pthread workers, so the engine keeps the single-thread SIMD build then.
 */

/** TF.js's most threads (backend.cc clamps the pool to 8). */
export const TFJS_MAX_THREADS = 8;

/** The thread count TF.js picks by default for `hardwareConcurrency` logical cores. */
export function tfjsDefaultThreads(hardwareConcurrency: number | undefined): number {
  const hc = Number.isFinite(hardwareConcurrency) && (hardwareConcurrency as number) > 0 ? Math.floor(hardwareConcurrency as number) : 1;
  return Math.min(TFJS_MAX_THREADS, Math.max(1, Math.floor(hc / 2)));
}

/** Whether to let TF.js load its threaded build: only when it can (isolated) and would use more than one thread. */
export function wantWasmThreads(crossOriginIsolated: boolean, hardwareConcurrency: number | undefined): boolean {
  return crossOriginIsolated && tfjsDefaultThreads(hardwareConcurrency) > 1;
}

/** What the engine reports about the WASM backend's threads (plain data, crosses to the UI). */
export interface WasmThreads {
  /** Threads computing: TF.js's getThreadsCount() with the threaded build, else 1. */
  count: number;
  /** Why it is that many, a clause ("TF.js uses half of this machine's 8 logical cores"). */
  reason: string;
}

export interface WasmThreadFacts {
  crossOriginIsolated: boolean;
  hardwareConcurrency: number | undefined;
  /** TF.js loaded the threaded build (its WASM_HAS_MULTITHREAD_SUPPORT flag was true at init). */
  threaded: boolean;
  /** TF.js's getThreadsCount() (meaningful with the threaded build only). */
  threadsCount: number | null;
}

const cores = (hc: number | undefined) =>
  hc && hc > 0 ? `this machine's ${hc} logical core${hc === 1 ? '' : 's'}` : 'the logical cores (this browser does not say how many)';

/** The thread count and its reason, in words. */
export function describeWasmThreads(f: WasmThreadFacts): WasmThreads {
  if (f.threaded) {
    const count = f.threadsCount && f.threadsCount > 0 ? f.threadsCount : 1;
    const capped = tfjsDefaultThreads(f.hardwareConcurrency) === TFJS_MAX_THREADS && (f.hardwareConcurrency ?? 0) > 2 * TFJS_MAX_THREADS;
    return { count, reason: `TF.js uses half of ${cores(f.hardwareConcurrency)}${capped ? `, at most ${TFJS_MAX_THREADS}` : ''}` };
  }
  if (!f.crossOriginIsolated) {
    return { count: 1, reason: 'this page is not cross-origin isolated (the host must send COOP/COEP headers)' };
  }
  if (tfjsDefaultThreads(f.hardwareConcurrency) <= 1) {
    return { count: 1, reason: `TF.js uses half of ${cores(f.hardwareConcurrency)} (navigator.hardwareConcurrency / 2)` };
  }
  return { count: 1, reason: 'this browser cannot run threaded WebAssembly here' };
}

/** "4 threads: TF.js uses half of …" / "1 thread: this page is not cross-origin isolated (…)". */
export function wasmThreadsText(t: WasmThreads): string {
  return `${t.count} thread${t.count === 1 ? '' : 's'}: ${t.reason}`;
}
