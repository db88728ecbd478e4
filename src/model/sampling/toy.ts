/**
 * Toy categorical distributions as black boxes (for tests and teaching demos), and the analytic quantities
 * the samplers should reproduce: the tempered distribution P^(1/T)/Z and the exact sampler's expected cost.
 */

import type { Rng } from '../random.ts';
import { splitTemperature } from './temperature.ts';
import { outcomeKey, type DrawBatch, type Outcome } from './types.ts';

/**
 * A toy distribution over outcomes: either a record from outcome key ("3,1" = tokens [3, 1]) to
 * probability, or a list of { outcome, p }. Weights need not sum to 1: they are normalised.
 */
export type CategoricalSpec =
  | Readonly<Record<string, number>>
  | ReadonlyArray<{ readonly outcome: Outcome; readonly p: number }>;

/** A normalised categorical distribution (outcomes with p = 0 are kept, they are never drawn). */
export interface Categorical {
  outcomes: Outcome[];
  keys: string[];
  probs: number[];
}

/** Parse "3,1" into [3, 1]; throws on anything but comma-separated integers. */
export function parseOutcomeKey(key: string): Outcome {
  const parts = key.split(',');
  if (!parts.every((s) => /^\s*-?\d+\s*$/.test(s))) {
    throw new Error(`outcome key "${key}" must be comma-separated integer token ids, e.g. "3,1"`);
  }
  return Object.freeze(parts.map((s) => Number(s)));
}

/** Validate and normalise a spec. Throws on negative/non-finite weights, duplicates, or zero total. */
export function toCategorical(spec: CategoricalSpec): Categorical {
  const pairs: { outcome: Outcome; p: number }[] = Array.isArray(spec)
    ? (spec as ReadonlyArray<{ outcome: Outcome; p: number }>).map(({ outcome, p }) => ({
        outcome: Object.freeze([...outcome]),
        p,
      }))
    : Object.entries(spec as Readonly<Record<string, number>>).map(([k, p]) => ({ outcome: parseOutcomeKey(k), p }));
  if (pairs.length === 0) throw new Error('a categorical distribution needs at least one outcome');
  const keys = pairs.map((x) => outcomeKey(x.outcome));
  if (new Set(keys).size !== keys.length) throw new Error('a categorical distribution lists an outcome twice');
  for (const { outcome, p } of pairs) {
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
      throw new RangeError(`probability of [${outcomeKey(outcome)}] must be finite and ≥ 0, got ${String(p)}`);
    }
  }
  const total = pairs.reduce((s, x) => s + x.p, 0);
  if (!(total > 0)) throw new RangeError('a categorical distribution needs positive total probability');
  return { outcomes: pairs.map((x) => x.outcome), keys, probs: pairs.map((x) => x.p / total) };
}

/**
 * A DrawBatch over a toy categorical distribution, driven by `rng` (one rng.next() per outcome drawn).
 * Returned outcomes are shared frozen tuples.
 */
export function categoricalDrawer(spec: CategoricalSpec, rng: Rng): DrawBatch {
  const { outcomes, probs } = toCategorical(spec);
  const cum: number[] = [];
  let s = 0;
  for (const p of probs) cum.push((s += p));
  const lastPositive = probs.reduce((last, p, i) => (p > 0 ? i : last), -1);
  const drawOne = (): Outcome => {
    const u = rng.next();
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cum[mid]) hi = mid;
      else lo = mid + 1;
    }
    // u < cum[lo] unless rounding left the total below 1: fall back to the last possible outcome.
    return u < cum[lo] ? outcomes[lo] : outcomes[lastPositive];
  };
  return async (n: number) => {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`drawBatch: n must be an integer ≥ 0, got ${n}`);
    const out: Outcome[] = new Array(n);
    for (let i = 0; i < n; i++) out[i] = drawOne();
    return out;
  };
}

/**
 * P_T(x) = P(x)^(1/T) / Σ_y P(y)^(1/T), keyed by outcome key. Computed relative to max P, so it does not
 * underflow for small T.
 */
export function temperedDistribution(spec: CategoricalSpec, temperature: number): Record<string, number> {
  const { inverse } = splitTemperature(temperature);
  const { keys, probs } = toCategorical(spec);
  const pMax = Math.max(...probs);
  const w = probs.map((p) => (p > 0 ? Math.exp(inverse * Math.log(p / pMax)) : 0));
  const z = w.reduce((s, v) => s + v, 0);
  const out: Record<string, number> = {};
  keys.forEach((k, i) => (out[k] = w[i] / z));
  return out;
}

/**
 * Expected number of draws of the exact sampler (`sampleExact`, no cap), CALM Theorem 2:
 *
 *   E[draws] = (n + 1{a > 0} · Σ_x P(x)^(1/T − 1)) / Z_T,   Z_T = Σ_x P(x)^(1/T),   n = ⌊1/T⌋, a = 1/T − n.
 *
 * Derivation (it agrees with the formula as written). Call a "round" stage 1 followed by stage 2.
 * - Stage 1: each attempt costs n draws and succeeds with probability S = Σ_x P(x)^n, so it costs n/S draws
 *   on average and returns x* = x with probability P(x)^n / S.
 * - Stage 2 on x* with p = P(x*): step i is reached with probability Π_{j<i} (1−p)(1 − a/j), and
 *   Σ_{i≥1} of that is p^(a−1) (binomial series of (1 − (1−p))^(a−1)): the expected stage-2 draws.
 *   It accepts with probability p · p^(a−1) = p^a.
 * - A round costs n/S + Σ_x (P(x)^n / S) · P(x)^(a−1) draws on average, and succeeds with probability
 *   Σ_x (P(x)^n / S) · P(x)^a = Z_T / S. Rounds are i.i.d., so (Wald) E[draws] = E[round cost] / P(success)
 *   = (n + Σ_x P(x)^(n+a−1)) / Z_T = (n + Σ_x P(x)^(1/T−1)) / Z_T. With a = 0 there is no stage 2: n / Z_T.
 * Sums run over the support (P(x) > 0). T = 1 gives exactly 1. Computed relative to max P so that it
 * neither underflows nor loses precision for small T (it may legitimately be Infinity).
 */
export function expectedDraws(spec: CategoricalSpec, temperature: number): number {
  const { inverse, n, a } = splitTemperature(temperature);
  const probs = toCategorical(spec).probs.filter((p) => p > 0);
  const pMax = Math.max(...probs);
  // Z_T = pMax^(1/T) · S1, Σ P^(1/T−1) = pMax^(1/T−1) · S2.
  const s1 = probs.reduce((s, p) => s + Math.exp(inverse * Math.log(p / pMax)), 0);
  const stage1 = n * Math.exp(-inverse * Math.log(pMax)) / s1;
  if (a === 0) return stage1;
  const s2 = probs.reduce((s, p) => s + Math.exp((inverse - 1) * Math.log(p / pMax)), 0);
  return stage1 + s2 / (pMax * s1);
}

/** Total-variation distance ½ Σ |p − q| between two distributions keyed by outcome key. */
export function totalVariation(p: Readonly<Record<string, number>>, q: Readonly<Record<string, number>>): number {
  const keys = new Set([...Object.keys(p), ...Object.keys(q)]);
  let s = 0;
  for (const k of keys) s += Math.abs((p[k] ?? 0) - (q[k] ?? 0));
  return s / 2;
}

/** Empirical distribution of a list of outcome keys. */
export function empiricalDistribution(keys: ReadonlyArray<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  for (const k of Object.keys(out)) out[k] /= keys.length;
  return out;
}
