/**
 * The UI's handle on the engine (a Web Worker that owns every tensor). Components call
 * `engine().call(op, args, { onProgress, signal })` and get plain data back.
 * (Stub: the engine infrastructure replaces the body; the interface is the contract.)
 */
import type { EngineErrorInfo, OpArgs, OpName, OpResult, ProgressInfo } from '../engine/protocol.ts';

export interface CallOptions {
  onProgress?: (p: ProgressInfo) => void;
  /** Aborting cancels the operation in the engine; the promise then rejects with code 'cancelled'. */
  signal?: AbortSignal;
}

/** A failed engine call: `info` has the typed error's code, human message and fix. */
export class EngineCallError extends Error {
  readonly info: EngineErrorInfo;
  constructor(info: EngineErrorInfo) {
    super(info.message);
    this.name = 'EngineCallError';
    this.info = info;
  }
}

export interface EngineApi {
  call<K extends OpName>(op: K, args: OpArgs<K>, opts?: CallOptions): Promise<OpResult<K>>;
}

export function engine(): EngineApi {
  throw new Error('engine(): not wired yet');
}
