/**
 * Pure helpers for the temperature sweep (CALM.md §5): which temperatures a slider value means, which
 * held-out contexts to score, and the diversity / accuracy tallies. No TensorFlow.js, no DOM.
 *
 * Diversity and accuracy are measured the same way for CALM and for the discrete baseline: at each
 * context draw two independent K-token continuations x₁, x₂ and compare them with each other
 * (collision: x₁ = x₂ as token tuples) and with the held-out continuation y (first-token match
 * x[0] = y[0]; whole-chunk match x = y). Diversity = 1 − collision rate.
 */
import type { Rng } from './random.ts';

/**
 * The temperature a slider value stands for. A slider moves in steps of `step` (0.01), so T = ⅓ can only
 * be written 0.33; values within half a step of some 1/n mean exactly 1/n (the paper's batch rule is
 * defined for T = 1/n). Anything else is returned unchanged (fractional 1/T: the labelled extension).
 */
export function snapTemperature(T: number, step = 0.01): number {
  if (!(T > 0) || !(T <= 1)) return T;
  const n = Math.round(1 / T);
  if (n >= 1 && Math.abs(T - 1 / n) < step / 2 - 1e-12) return 1 / n;
  return T;
}

/** "1/3" for reciprocals, else the number with up to 3 decimals. */
export function formatTemperature(T: number): string {
  const inv = 1 / T;
  const n = Math.round(inv);
  if (Math.abs(inv - n) < 1e-9) return n === 1 ? '1' : `1/${n}`;
  return String(Number(T.toFixed(3)));
}

/** One held-out context: chunk-aligned tokens (starting with the eos chunk) and the true next chunk. */
export interface SweepContext {
  /** Index of the passage it came from. */
  passage: number;
  /** Chunks in the context, the eos chunk included. */
  chunks: number;
  /** chunks·K token ids: the framed document stream up to the predicted chunk. */
  tokens: Int32Array;
  /** The held-out continuation: the next K token ids. */
  target: number[];
}

/**
 * Pick `count` contexts from framed document streams (documentStream: eos chunk first), cycling through the
 * passages, each at a random chunk position between `minChunks` and `maxChunks` (inclusive, counted with
 * the eos chunk) whose next chunk lies inside the passage's text (no end-of-text padding as target).
 */
export function chooseContexts(
  streams: ReadonlyArray<{ stream: Int32Array; textTokens: number }>,
  count: number,
  K: number,
  rng: Rng,
  opts: { minChunks: number; maxChunks: number },
): SweepContext[] {
  const out: SweepContext[] = [];
  if (streams.length === 0 || count <= 0) return out;
  let tries = 0;
  for (let i = 0; out.length < count && tries < count * 20; i++, tries++) {
    const p = i % streams.length;
    const { stream, textTokens } = streams[p];
    // The target chunk c covers tokens c·K … c·K+K−1 of the stream; text ends at K + textTokens.
    const last = Math.min(opts.maxChunks, Math.floor((K + textTokens) / K) - 1);
    if (last < opts.minChunks) continue;
    const c = opts.minChunks + Math.floor(rng.next() * (last - opts.minChunks + 1));
    out.push({ passage: p, chunks: c, tokens: stream.slice(0, c * K), target: Array.from(stream.subarray(c * K, c * K + K)) });
  }
  return out;
}

export function sameChunk(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Running counts for one sweep setting. A sample the sampler could not produce (a capped run gave up) is
 * left out of the rates and counted in `failed`; its pair is left out of the collision rate.
 */
export interface Tally {
  /** Pairs with both samples produced (the collision rate's denominator). */
  pairs: number;
  collisions: number;
  /** Samples produced (the accuracy denominators). */
  samples: number;
  firstHits: number;
  chunkHits: number;
  /** Samples the sampler gave up on. */
  failed: number;
}

export function newTally(): Tally {
  return { pairs: 0, collisions: 0, samples: 0, firstHits: 0, chunkHits: 0, failed: 0 };
}

/** Score one pair of samples (null = the sampler gave up) against the true continuation. */
export function scorePair(t: Tally, a: readonly number[] | null, b: readonly number[] | null, target: readonly number[]): void {
  if (a && b) {
    t.pairs += 1;
    if (sameChunk(a, b)) t.collisions += 1;
  }
  for (const x of [a, b]) {
    if (!x) {
      t.failed += 1;
      continue;
    }
    t.samples += 1;
    if (x[0] === target[0]) t.firstHits += 1;
    if (sameChunk(x, target)) t.chunkHits += 1;
  }
}

/** A rate and its binomial standard error. */
export interface Rate {
  value: number;
  stderr: number;
}

function rate(hits: number, n: number): Rate {
  if (n === 0) return { value: 0, stderr: 0 };
  const p = hits / n;
  return { value: p, stderr: Math.sqrt((p * (1 - p)) / n) };
}

export interface TallySummary {
  collision: Rate;
  /** 1 − collision rate. */
  diversity: Rate;
  firstToken: Rate;
  chunk: Rate;
  pairs: number;
  failed: number;
}

export function summarize(t: Tally): TallySummary {
  const collision = rate(t.collisions, t.pairs);
  return {
    collision,
    diversity: { value: t.pairs ? 1 - collision.value : 0, stderr: collision.stderr },
    firstToken: rate(t.firstHits, t.samples),
    chunk: rate(t.chunkHits, t.samples),
    pairs: t.pairs,
    failed: t.failed,
  };
}

/** Sample an index from probabilities (a Float32Array row of a softmax) with one uniform number. */
export function sampleIndex(probs: ArrayLike<number>, u: number, from = 0, to = probs.length): number {
  let acc = 0;
  for (let i = from; i < to; i++) {
    acc += probs[i];
    if (u < acc) return i - from;
  }
  // Rounding: the row summed to slightly less than u; return the last index with positive mass.
  for (let i = to - 1; i >= from; i--) if (probs[i] > 0) return i - from;
  return to - from - 1;
}
