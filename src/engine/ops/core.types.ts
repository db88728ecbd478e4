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
  /**
   * Of numTensors, those that only a backend with the fused WebGPU kernels makes (the energy head's packed
   * weights, one per loaded CALM): a move from WebGPU to WASM drops them, and back adds them.
   */
  backendOnlyTensors?: number;
}

/** One matMulArgMax self-check case: x [rows, k] · w [k, n] (+ bias [n]) from a seeded generator. */
export interface KernelCheckCase {
  name: string;
  rows: number;
  k: number;
  n: number;
  bias: boolean;
  /** 'random': uniform floats; 'ties': integers in {-1, 0, 1} (exact sums, many equal maxima). */
  data: 'random' | 'ties';
}
export interface KernelCheckCaseResult extends KernelCheckCase {
  seed: number;
  /** Rows where matMulArgMax equals the plain tf.argMax(tf.matMul(..)) path. */
  sameAsPlain: number;
  /** Rows where they differ and matMulArgMax is right by the float64 reference (a near tie; on 'ties' data, plain not the lowest index). */
  differRight: number;
  /** Rows where matMulArgMax is not a maximum by the float64 reference (on 'ties' data: not the lowest maximal column). */
  wrong: number;
  /** The first few wrong rows. */
  wrongRows: number[];
  /** The same test for the plain path (informational: TF.js's own argMax need not pick the lowest index on WebGPU). */
  plainWrong: number;
  /** Rows compared with the reference: every differing row, every 'ties' row, a spread sample of the rest. */
  refChecked: number;
  /** Wall time of each path, call to `await data()` (the first call on WebGPU includes compiling). */
  fusedMs: number;
  plainMs: number;
}
export interface KernelCheckResult {
  backend: string;
  /** Whether matMulArgMax ran a registered fused kernel (WebGPU) rather than the plain ops. */
  fused: boolean;
  cases: KernelCheckCaseResult[];
  /** tf.memory().numTensors after minus before (0 = no leak). */
  leakedTensors: number;
  /** No wrong rows, every row the same as plain or differing-but-right, no leak. */
  ok: boolean;
}

/** Arguments of the energy-head self-check (all optional). */
export interface HeadCheckArgs {
  /** The language-model set whose CALM head is checked (default 'stories'; loaded if needed). */
  set?: ModelSetName;
  /** Sample counts (noise rows) per call (default [1, 8, 200]). */
  ns?: number[];
  seed?: number;
  /** Calls of each path timed with n = 1 (default 20; 0 = no timing). */
  timingCalls?: number;
  /** Also check a random odd-sized head (w 200, d 96, 2 blocks, latent 256; default true). */
  synthetic?: boolean;
}
export interface HeadCheckCaseResult {
  /** Which head: the set's CALM or the random one. */
  head: string;
  n: number;
  /** max |Δz| between sample() (fused where registered) and sample(.., 'tfjs'). */
  maxAbsDiff: number;
  /** max |Δz| of each path against the float64 host model of the kernel (informational). */
  fusedVsHost: number;
  tfjsVsHost: number;
  /** Wall time of each path, call to `await data()` (the first call on WebGPU includes compiling). */
  fusedMs: number;
  tfjsMs: number;
}
export interface HeadCheckResult {
  backend: string;
  /** Whether the prepared head ran a registered fused kernel (WebGPU) rather than the TF.js kernels. */
  fused: boolean;
  cases: HeadCheckCaseResult[];
  /** Mean ms per head call (n = 1, each read back), fused path vs TF.js path; null without timing. */
  timing: { calls: number; n: number; fused: boolean; fusedMsPerCall: number; tfjsMsPerCall: number } | null;
  /** tf.memory().numTensors after minus before (0 = no leak). */
  leakedTensors: number;
  /** Every case within 1e-4 of the TF.js path, no leak. */
  ok: boolean;
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
  /**
   * Test hook: run matMulArgMax (the fused WebGPU kernel where registered) against the plain TF.js ops and
   * a float64 reference on seeded data (default: the decoder's shapes, odd sizes, ties). Needs no models.
   */
  kernelCheck: { args: { seed?: number; cases?: KernelCheckCase[] }; result: KernelCheckResult };
  /**
   * Test hook: the prepared energy head's sample() (the fused WebGPU kernel where registered) against its
   * TF.js path and a float64 host model, on the set's CALM head and a random odd-sized head; then timings.
   */
  headCheck: { args: HeadCheckArgs; result: HeadCheckResult };
}

/** Progress labels of the engine's start-up phases (the UI tells loading from warming by them). */
export const WEIGHTS_LABEL = 'Loading weights';
export const WARMUP_LABEL = 'Warming up';

export function isWarmupProgress(p: ProgressInfo | undefined): boolean {
  return !!p?.label?.startsWith(WARMUP_LABEL);
}
