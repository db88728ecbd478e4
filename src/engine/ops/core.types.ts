/** Core engine operations: start-up, backend, memory (owned by the engine infrastructure). */
import type { BackendInfo, BackendName, ModelSetName, ProgressInfo } from '../protocol.ts';

export interface InitArgs {
  /** URL of the weights folder, e.g. '/weights/'. */
  weightsBase: string;
  /** Force a backend (URL `backend=`); null = choose automatically. */
  backend: BackendName | null;
  /** The language-model set to load now (the other loads on demand). */
  set: ModelSetName;
}
export interface InitResult {
  backend: BackendInfo;
  manifestVersion: string;
  /** Bytes of weights fetched (or read from the browser cache). */
  weightBytes: number;
  fromCache: boolean;
  /** Milliseconds spent: loading files, building tensors, warming up. */
  timings: { loadMs: number; buildMs: number; warmupMs: number };
}
export interface MemoryResult {
  numTensors: number;
  numBytes: number;
}

export interface CoreOps {
  init: { args: InitArgs; result: InitResult };
  /** Make sure a language-model set is loaded (progress reports bytes). */
  loadSet: { args: { set: ModelSetName }; result: { set: ModelSetName; weightBytes: number } };
  /** tf.memory() of the engine (leak tests compare against a baseline). */
  memory: { args: Record<string, never>; result: MemoryResult };
  /** Drop every cache that holds tensors (compress/noise caches, generation state). */
  resetCaches: { args: Record<string, never>; result: MemoryResult };
  /**
   * Test hook for the recovery path: destroy the WebGPU device as a driver crash would, so the engine
   * moves to the next backend (a `backend` message follows). `lost` is false on other backends.
   */
  loseDevice: { args: Record<string, never>; result: { lost: boolean } };
}

/** Progress labels of the engine's start-up phases (the UI tells loading from warming by them). */
export const WEIGHTS_LABEL = 'Loading weights';
export const WARMUP_LABEL = 'Warming up';

export function isWarmupProgress(p: ProgressInfo | undefined): boolean {
  return !!p?.label?.startsWith(WARMUP_LABEL);
}
