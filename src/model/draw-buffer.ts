/**
 * DrawBatch adapters (pure, no TensorFlow.js). Draws from the CALM head are independent and identically
 * distributed, so how they are grouped into model calls does not change any sampler's distribution:
 *
 * - `bufferedDrawer` serves requests from a buffer refilled `refill` draws at a time (the exact sampler
 *   asks for n = 2…4 draws per attempt; one head call of 256 is far cheaper than 100 calls of 3);
 * - `prefixedDrawer` answers the first request with a batch drawn earlier (the sweep reuses one pool of
 *   draws for several T and N) and every later request from a fresh source.
 */
import type { DrawBatch, Outcome } from './sampling/types.ts';

export interface BufferedDrawer {
  draw: DrawBatch;
  /** Outcomes drawn from the source (served or still buffered). */
  readonly sourceDraws: number;
  /** Calls made to the source. */
  readonly sourceCalls: number;
}

/**
 * Serve draws from a buffer; refill it with max(refill, still needed) draws per source call.
 * `beforeRefill` runs before each source call (the engine passes ctx.yield, so long runs stay cancellable).
 */
export function bufferedDrawer(source: DrawBatch, refill: number, beforeRefill?: () => Promise<void>): BufferedDrawer {
  if (!Number.isInteger(refill) || refill < 1) throw new RangeError(`refill must be a positive integer, got ${refill}`);
  let buffer: Outcome[] = [];
  let pos = 0;
  let sourceDraws = 0;
  let sourceCalls = 0;
  const draw: DrawBatch = async (n) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`draw count must be a positive integer, got ${n}`);
    const out: Outcome[] = [];
    while (out.length < n) {
      if (pos >= buffer.length) {
        if (beforeRefill) await beforeRefill();
        const size = Math.max(refill, n - out.length);
        buffer = [...(await source(size))];
        if (buffer.length !== size) throw new Error(`source returned ${buffer.length} draws for ${size}`);
        pos = 0;
        sourceDraws += size;
        sourceCalls += 1;
      }
      const take = Math.min(n - out.length, buffer.length - pos);
      for (let i = 0; i < take; i++) out.push(buffer[pos + i]);
      pos += take;
    }
    return out;
  };
  return {
    draw,
    get sourceDraws() {
      return sourceDraws;
    },
    get sourceCalls() {
      return sourceCalls;
    },
  };
}

/** The first request (which must ask for exactly `first.length`) gets `first`; later ones go to `rest`. */
export function prefixedDrawer(first: ReadonlyArray<Outcome>, rest: DrawBatch): DrawBatch {
  let used = false;
  return async (n) => {
    if (!used) {
      used = true;
      if (n !== first.length) throw new Error(`prefixedDrawer: first request for ${n} draws, prepared ${first.length}`);
      return first;
    }
    return rest(n);
  };
}
