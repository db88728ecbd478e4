/**
 * The UI's handle on the engine (a Web Worker that owns every tensor). Components call
 * `engine().call(op, args, { onProgress, signal })` and get plain data back. No React, no store here:
 * src/app/boot.ts wires engine events to the store.
 */
import type { BackendInfo, EngineErrorInfo, FromEngine, OpArgs, OpName, OpResult, ProgressInfo, ToEngine } from '../engine/protocol.ts';

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

export interface BackendEvent {
  info: BackendInfo;
  notice?: string;
}

/** Minimal Worker surface (lets tests pass a fake). */
export interface WorkerLike {
  postMessage(msg: ToEngine): void;
  terminate(): void;
  addEventListener(type: 'message', l: (e: MessageEvent<FromEngine>) => void): void;
  addEventListener(type: 'error' | 'messageerror', l: (e: Event) => void): void;
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: EngineCallError): void;
  onProgress?: (p: ProgressInfo) => void;
  cleanup(): void;
}

const CANCELLED: EngineErrorInfo = { code: 'cancelled', message: 'Cancelled.', fix: 'Run it again when you are ready.' };

export function workerStartError(detail: string): EngineErrorInfo {
  return {
    code: 'no-worker',
    message: `The engine could not start in this browser${detail ? ` (${detail})` : ''}.`,
    fix: 'Use a current browser with module Web Workers (Chrome or Edge 80+, Firefox 114+, Safari 15+) and reload.',
  };
}

/** One engine worker and the calls in flight to it. */
export class EngineClient implements EngineApi {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private heard = false;
  /** Set once the worker is unusable: every call rejects with it. */
  private dead: EngineErrorInfo | null = null;

  constructor(
    createWorker: () => WorkerLike,
    private readonly onBackend: (e: BackendEvent) => void = () => {},
  ) {
    try {
      this.worker = createWorker();
    } catch (e) {
      this.dead = workerStartError(e instanceof Error ? e.message : String(e));
      return;
    }
    this.worker.addEventListener('message', (e: MessageEvent<FromEngine>) => this.receive(e.data));
    this.worker.addEventListener('error', (e: Event) => {
      const message = (e as ErrorEvent).message;
      if (!this.heard || !message) {
        // The worker script did not load or evaluate: nothing will ever answer.
        e.preventDefault?.();
        this.fail(workerStartError(message || 'its script failed to load'));
      } else {
        // An uncaught error inside a running worker: the calls in flight will not finish.
        e.preventDefault?.();
        this.rejectAll({ code: 'internal', message: `The engine failed: ${message}.`, fix: 'Press Retry or reload the page.' });
      }
    });
    this.worker.addEventListener('messageerror', () => {
      this.rejectAll({ code: 'internal', message: 'The engine sent a message that could not be read.', fix: 'Reload the page.' });
    });
  }

  get error(): EngineErrorInfo | null {
    return this.dead;
  }

  call<K extends OpName>(op: K, args: OpArgs<K>, opts: CallOptions = {}): Promise<OpResult<K>> {
    if (this.dead) return Promise.reject(new EngineCallError(this.dead));
    const { signal, onProgress } = opts;
    if (signal?.aborted) return Promise.reject(new EngineCallError(CANCELLED));
    const id = this.nextId++;
    return new Promise<OpResult<K>>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.pending.get(id)!.cleanup();
        this.pending.delete(id);
        this.worker?.postMessage({ kind: 'cancel', id });
        reject(new EngineCallError(CANCELLED));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        onProgress,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      try {
        this.worker!.postMessage({ kind: 'call', id, op, args });
      } catch (e) {
        // Arguments that cannot be cloned (a function, a DOM node): a bug in the caller.
        this.pending.delete(id);
        signal?.removeEventListener('abort', onAbort);
        reject(new EngineCallError({ code: 'bad-input', message: `Could not send "${op}" to the engine: ${(e as Error).message}.`, fix: 'This is a bug in the app; reload the page.' }));
      }
    });
  }

  /** Stop the worker; calls in flight reject with 'cancelled'. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectAll({ ...CANCELLED, message: 'The engine restarted.' });
    this.dead = { code: 'cancelled', message: 'The engine restarted.', fix: 'Run it again.' };
  }

  private receive(msg: FromEngine): void {
    this.heard = true;
    if (msg.kind === 'backend') {
      this.onBackend({ info: msg.info, notice: msg.notice });
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return; // cancelled or restarted: nobody is waiting
    if (msg.kind === 'progress') {
      p.onProgress?.(msg.progress);
      return;
    }
    this.pending.delete(msg.id);
    p.cleanup();
    if (msg.kind === 'result') p.resolve(msg.result);
    else p.reject(new EngineCallError(msg.error));
  }

  private rejectAll(info: EngineErrorInfo): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) {
      p.cleanup();
      p.reject(new EngineCallError(info));
    }
  }

  private fail(info: EngineErrorInfo): void {
    this.dead = info;
    this.worker?.terminate();
    this.worker = null;
    this.rejectAll(info);
  }
}

function createEngineWorker(): WorkerLike {
  return new Worker(new URL('../engine/worker.ts', import.meta.url), { type: 'module', name: 'calm-engine' }) as unknown as WorkerLike;
}

const backendListeners = new Set<(e: BackendEvent) => void>();
let current: EngineClient | null = null;

function emitBackend(e: BackendEvent): void {
  for (const l of backendListeners) l(e);
}

/** The running engine (started on first use). */
export function engine(): EngineApi {
  current ??= new EngineClient(createEngineWorker, emitBackend);
  return current;
}

/** Stop the engine (if any) and start a fresh worker; calls in flight reject with 'cancelled'. */
export function restartEngine(): EngineClient {
  current?.terminate();
  current = new EngineClient(createEngineWorker, emitBackend);
  return current;
}

/** Hear `backend` messages (the backend chosen at start-up, or a change after a lost GPU). */
export function onEngineBackend(listener: (e: BackendEvent) => void): () => void {
  backendListeners.add(listener);
  return () => backendListeners.delete(listener);
}
