/**
 * Latest-wins request coalescing for a fast-moving control (the σ slider): at most one request in
 * flight and at most one pending; a new request replaces the pending one, and when the request in
 * flight finishes the pending (latest) one starts. So the engine never gets a queue of stale
 * decodes, and the last value the user chose is always the one that ends up shown.
 */
export class Coalescer<A, R> {
  private busy = false;
  private pending: { args: A } | null = null;
  private closed = false;

  constructor(
    private readonly run: (args: A) => Promise<R>,
    private readonly onResult: (result: R, args: A) => void,
    private readonly onError: (error: unknown, args: A) => void = () => {},
  ) {}

  /** Ask for `args`; runs now if idle, otherwise replaces whatever was waiting. */
  request(args: A): void {
    if (this.closed) return;
    if (this.busy) {
      this.pending = { args };
      return;
    }
    void this.start(args);
  }

  /** True while a request runs. */
  get running(): boolean {
    return this.busy;
  }

  /** Stop: the pending request is dropped and results still in flight are ignored. */
  close(): void {
    this.closed = true;
    this.pending = null;
  }

  private async start(args: A): Promise<void> {
    this.busy = true;
    try {
      const r = await this.run(args);
      // Shown even when a newer value waits: while dragging, the view follows at the engine's pace.
      if (!this.closed) this.onResult(r, args);
    } catch (e) {
      if (!this.closed && !this.pending) this.onError(e, args);
    } finally {
      this.busy = false;
      const next = this.pending;
      this.pending = null;
      if (next && !this.closed) void this.start(next.args);
    }
  }
}
