/**
 * The engine's message protocol: the only things that cross between the UI thread and the engine
 * (a Web Worker). Everything here is plain, structured-clone-able data: numbers, strings, arrays,
 * typed arrays. No tensors ever cross.
 *
 * Each feature declares its own operations in `ops/<feature>.types.ts` as an interface mapping an
 * op name to `{ args; result }`; `Ops` merges them, so `EngineClient.call('compress', …)` is typed.
 */
import type { CoreOps } from './ops/core.types.ts';
import type { CompressOps } from './ops/compress.types.ts';
import type { GenerateOps } from './ops/generate.types.ts';
import type { TemperatureOps } from './ops/temperature.types.ts';
import type { EvaluateOps } from './ops/evaluate.types.ts';
import type { RaceOps } from './ops/race.types.ts';
import type { ProbeOps } from './ops/probe.types.ts';
import type { BandwidthOps } from './ops/bandwidth.types.ts';
import type { TrainOps } from './ops/train.types.ts';
import type { WasmThreads } from './wasm-threads.ts';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
export type ModelSetName = 'stories' | 'austen';
export type AEName = 'robust' | 'plain';

/** What the status badge shows. */
export interface BackendInfo {
  name: BackendName;
  /** Why this backend runs, in words ("WebGPU adapter is a software fallback (SwiftShader): using WASM"). */
  reason: string;
  /** The GPU adapter, when one was queried ("google swiftshader", "nvidia ampere"). */
  adapter?: string;
  /** The backend the user or the URL asked for, if any. */
  requested?: BackendName | null;
  /** Set when the requested backend could not start (the message says why). */
  requestFailed?: string;
  /** WASM only: how many threads compute and why (src/engine/wasm-threads.ts). */
  wasmThreads?: WasmThreads;
}

/** A typed engine error as plain data (mirrors src/model/errors.ts CalmError, plus 'cancelled'/'internal'). */
export interface EngineErrorInfo {
  code: string;
  message: string;
  fix: string;
  file?: string;
}

export interface ProgressInfo {
  done: number;
  total: number;
  /** What is happening ("weights: ae-robust/weights.bin", "sweep σ = 0.35"). */
  label?: string;
}

export interface Ops extends CoreOps, CompressOps, GenerateOps, TemperatureOps, EvaluateOps, RaceOps, ProbeOps, BandwidthOps, TrainOps {}
export type OpName = keyof Ops & string;
export type OpArgs<K extends OpName> = Ops[K] extends { args: infer A } ? A : never;
export type OpResult<K extends OpName> = Ops[K] extends { result: infer R } ? R : never;

/** UI → engine. */
export type ToEngine =
  | { kind: 'call'; id: number; op: OpName; args: unknown }
  | { kind: 'cancel'; id: number };

/** Engine → UI. */
export type FromEngine =
  | { kind: 'progress'; id: number; progress: ProgressInfo }
  | { kind: 'result'; id: number; result: unknown }
  | { kind: 'error'; id: number; error: EngineErrorInfo }
  /** Unsolicited: the backend changed (e.g. the GPU device was lost and the engine moved to another). */
  | { kind: 'backend'; info: BackendInfo; notice?: string };
