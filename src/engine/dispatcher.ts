/**
 * The engine's job queue (no TF.js, no DOM: unit-tested in Node). Calls run one at a time in arrival
 * order; `cancel` drops a queued call at once and stops a running one at its next `ctx.yield()`;
 * progress is throttled; every failure becomes a plain EngineErrorInfo.
 */
import { CalmError } from '../model/errors.ts';
import { CancelledError, type OpContext, type OpHandler } from './context.ts';
import type { EngineModels } from './models.ts';
import type { EngineErrorInfo, FromEngine, ProgressInfo, ToEngine } from './protocol.ts';

/** An engine failure with a code outside CalmError's set ('not-ready', 'unknown-op'…). */
export class EngineError extends Error {
  constructor(readonly code: string, message: string, readonly fix: string, readonly file?: string) {
    super(message);
    this.name = 'EngineError';
  }
}

/** Any thrown value → the plain error the UI shows. */
export function toErrorInfo(e: unknown): EngineErrorInfo {
  if (e instanceof CancelledError) return { code: 'cancelled', message: e.message, fix: e.fix };
  if (e instanceof CalmError || e instanceof EngineError) {
    const info: EngineErrorInfo = { code: e.code, message: e.message, fix: e.fix };
    if (e.file) info.file = e.file;
    return info;
  }
  const detail = e instanceof Error ? e.message : String(e);
  return {
    code: 'internal',
    message: `The engine hit an unexpected error: ${detail || 'no details'}.`,
    fix: 'Try again; if it keeps happening, reload the page (and report the message above).',
  };
}

interface Job {
  id: number;
  op: string;
  args: unknown;
  cancelled: boolean;
}

export interface DispatcherOptions {
  handlers: Record<string, OpHandler<unknown, unknown>>;
  post(msg: FromEngine): void;
  /** The loaded models (throw a clear error when they are not loaded yet). */
  models(): EngineModels;
  /** One turn of the event loop (lets cancel messages in). Default: setTimeout 0. */
  tick?: () => Promise<void>;
  now?: () => number;
  /** Minimum milliseconds between progress messages of one call (default 50). */
  progressIntervalMs?: number;
  /** Turn an error into something more specific (e.g. 'device-lost'); undefined = default mapping. */
  mapError?: (e: unknown) => EngineErrorInfo | undefined;
}

const defaultTick = () => new Promise<void>((r) => setTimeout(r, 0));

export class Dispatcher {
  private queue: Job[] = [];
  private internal: Array<() => Promise<void>> = [];
  private running: Job | null = null;
  private busy = false;
  private readonly tick: () => Promise<void>;
  private readonly now: () => number;
  private readonly interval: number;

  constructor(private readonly opts: DispatcherOptions) {
    this.tick = opts.tick ?? defaultTick;
    this.now = opts.now ?? (() => performance.now());
    this.interval = opts.progressIntervalMs ?? 50;
  }

  /** Calls waiting (not counting the running one). */
  get queued(): number {
    return this.queue.length;
  }

  /** The id of the running call, if any. */
  get runningId(): number | null {
    return this.running?.id ?? null;
  }

  handle(msg: ToEngine): void {
    if (msg.kind === 'call') {
      this.queue.push({ id: msg.id, op: msg.op, args: msg.args, cancelled: false });
      void this.pump();
    } else if (msg.kind === 'cancel') {
      const i = this.queue.findIndex((j) => j.id === msg.id);
      if (i >= 0) {
        const [job] = this.queue.splice(i, 1);
        this.opts.post({ kind: 'error', id: job.id, error: toErrorInfo(new CancelledError()) });
      } else if (this.running?.id === msg.id) {
        this.running.cancelled = true;
      }
    }
  }

  /** Run engine-internal work (e.g. rebuilding after a lost GPU) before the next queued call. */
  runInternal(work: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.internal.push(() => work().then(resolve, reject));
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      for (;;) {
        const work = this.internal.shift();
        if (work) {
          await work().catch(() => {});
          continue;
        }
        const job = this.queue.shift();
        if (!job) break;
        this.running = job;
        try {
          await this.run(job);
        } finally {
          this.running = null;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  private async run(job: Job): Promise<void> {
    const { post } = this.opts;
    const handler = Object.prototype.hasOwnProperty.call(this.opts.handlers, job.op) ? this.opts.handlers[job.op] : undefined;
    const throttle = this.progressThrottle(job);
    try {
      if (!handler) {
        throw new EngineError('unknown-op', `The engine has no operation "${job.op}".`, 'This build of the app is inconsistent: reload the page.');
      }
      const ctx = this.context(job, throttle.report);
      const result = await handler(job.args, ctx);
      throttle.stop();
      if (job.cancelled) throw new CancelledError();
      post({ kind: 'result', id: job.id, result });
    } catch (e) {
      throttle.stop();
      post({ kind: 'error', id: job.id, error: (!(e instanceof CancelledError) && this.opts.mapError?.(e)) || toErrorInfo(e) });
    }
  }

  private context(job: Job, progress: (p: ProgressInfo) => void): OpContext {
    const { models } = this.opts;
    const tick = this.tick;
    return {
      get models() {
        return models();
      },
      get cancelled() {
        return job.cancelled;
      },
      progress,
      async yield() {
        await tick();
        if (job.cancelled) throw new CancelledError();
      },
    };
  }

  /** Progress for one call: the first message and any label change go at once, others at most every interval. */
  private progressThrottle(job: Job) {
    let last = -Infinity;
    let lastLabel: string | undefined;
    let pending: ProgressInfo | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let stopped = false;
    const send = (p: ProgressInfo) => {
      last = this.now();
      lastLabel = p.label;
      pending = null;
      this.opts.post({ kind: 'progress', id: job.id, progress: { ...p } });
    };
    const report = (p: ProgressInfo) => {
      if (stopped || job.cancelled) return;
      if (p.label !== lastLabel || p.done >= p.total || this.now() - last >= this.interval) {
        if (timer) clearTimeout(timer);
        timer = null;
        send(p);
        return;
      }
      pending = p;
      if (!timer) {
        timer = setTimeout(() => {
          timer = null;
          if (pending && !stopped) send(pending);
        }, Math.max(0, this.interval - (this.now() - last)));
      }
    };
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    };
    return { report, stop };
  }
}
