/**
 * Seeded pseudo-random numbers, identical in Node and in the browser.
 * Every random choice in the project (corpus generation, training batches, noise,
 * samplers) goes through an explicit `Rng` so that a seed reproduces a run exactly.
 */

/** A seeded source of uniform numbers in [0, 1). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** The 32-bit state, to checkpoint and restore. */
  state(): number;
}

/**
 * Draw an index from a probability vector (a softmax row) with one uniform `u` in [0, 1): walk the row,
 * subtracting each probability from u, and take the first index where u drops below 0 (the last index
 * if rounding leaves u ≥ 0 at the end). Used by the baseline's token sampling in generation and the race.
 */
export function sampleFromProbs(probs: ArrayLike<number>, u: number): number {
  for (let i = 0; i < probs.length; i++) {
    u -= probs[i];
    if (u < 0) return i;
  }
  return probs.length - 1;
}

/** Mulberry32: small, fast, good enough for sampling (not for cryptography). */
export class Mulberry32 implements Rng {
  private s: number;
  constructor(seed: number) {
    this.s = (seed >>> 0) ^ 0x9e3779b9;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  state(): number {
    return this.s;
  }
  static fromState(s: number): Mulberry32 {
    const r = new Mulberry32(0);
    r.s = s >>> 0;
    return r;
  }
}

export function makeRng(seed: number): Rng {
  return new Mulberry32(seed);
}

/** Integer uniform in [0, n). */
export function randInt(rng: Rng, n: number): number {
  return Math.floor(rng.next() * n);
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[randInt(rng, items.length)];
}

/** Standard normal by Box–Muller. */
export function randNormal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** In-place Fisher–Yates shuffle. */
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const t = items[i];
    items[i] = items[j];
    items[j] = t;
  }
  return items;
}

/** Derive an independent seed from a seed and a label (FNV-1a over the label). */
export function deriveSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
