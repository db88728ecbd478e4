import { describe, expect, it } from 'vitest';
import { BrierAccumulator, brierFromProbabilities, brierLM, brierTwoSample } from './brier.ts';
import { makeRng, type Rng } from './random.ts';

/** A first-order Markov chain over V symbols: initial distribution and transition rows. */
interface Chain {
  init: number[];
  trans: number[][];
}

const V = 3;
// The "data" distribution Q and a different "model" P.
const Q: Chain = { init: [0.5, 0.3, 0.2], trans: [[0.6, 0.3, 0.1], [0.2, 0.5, 0.3], [0.3, 0.3, 0.4]] };
const P: Chain = { init: [0.4, 0.4, 0.2], trans: [[0.5, 0.4, 0.1], [0.3, 0.4, 0.3], [0.2, 0.2, 0.6]] };

function cond(c: Chain, prev: number | null, x: number): number {
  return prev === null ? c.init[x] : c.trans[prev][x];
}

function prob(c: Chain, xs: number[]): number {
  let p = 1;
  xs.forEach((x, i) => (p *= cond(c, i === 0 ? null : xs[i - 1], x)));
  return p;
}

function sample(c: Chain, n: number, rng: Rng): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = i === 0 ? c.init : c.trans[out[i - 1]];
    let u = rng.next();
    let x = 0;
    while (x < V - 1 && u >= row[x]) u -= row[x++];
    out.push(x);
  }
  return out;
}

function allSequences(n: number): number[][] {
  if (n === 0) return [[]];
  return allSequences(n - 1).flatMap((s) => Array.from({ length: V }, (_, x) => [...s, x]));
}

/** Exact expected Brier-n of model P on data Q: E_y~Q[2·P(y₁..ₙ)] − Σ_x P(x₁..ₙ)². */
function exactBrier(n: number): number {
  let e = 0;
  for (const s of allSequences(n)) e += 2 * prob(Q, s) * prob(P, s) - prob(P, s) ** 2;
  return e;
}

describe('Brier estimators', () => {
  it('two-sample indicator on hand examples (cumulative n-gram match)', () => {
    expect(brierTwoSample([1, 2, 3, 4], [1, 2, 0, 0], [1, 2, 3, 5])).toEqual([1, 1, 1, 0]);
    expect(brierTwoSample([7, 7, 7, 7], [7, 7, 7, 7], [1, 2, 3, 4])).toEqual([-1, -1, -1, -1]);
    expect(brierTwoSample([1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4])).toEqual([1, 1, 1, 1]);
    expect(brierTwoSample([1, 9, 3, 4], [5, 2, 3, 4], [1, 2, 3, 4])).toEqual([1, 0, 0, 0]);
  });

  it('probability form on a hand example', () => {
    const got = brierFromProbabilities([0.5, 0.4, 0.5, 0.1], [0.2, 0.5, 1, 0.5]);
    const want = [2 * 0.5 - 0.2, 2 * 0.2 - 0.1, 2 * 0.1 - 0.1, 2 * 0.01 - 0.05];
    got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
  });

  it('both estimators are unbiased on a toy distribution with a known Brier score', () => {
    const S = 100_000;
    const rng = makeRng(2024);
    const two = new BrierAccumulator();
    const low = new BrierAccumulator();
    for (let s = 0; s < S; s++) {
      const y = sample(Q, 4, rng);
      two.add(brierTwoSample(sample(P, 4, rng), sample(P, 4, rng), y));
      const xh = sample(P, 4, rng);
      low.add(brierFromProbabilities(
        y.map((t, i) => cond(P, i === 0 ? null : y[i - 1], t)),
        xh.map((t, i) => cond(P, i === 0 ? null : xh[i - 1], t)),
      ));
    }
    const a = two.summary();
    const b = low.summary();
    for (let n = 1; n <= 4; n++) {
      const exact = exactBrier(n);
      // Fixed seed (2024), 100k positions; tolerance 4 standard errors of each estimate (measured SE:
      // two-sample 0.0026 … 0.0008, probability form 0.0006 … 0.0001 for n = 1 … 4), i.e. a ≈ 6e-5
      // two-sided chance of failing for an unbiased estimator with another seed. Exact values by enumeration.
      expect(Math.abs(a.brier[n - 1] - exact)).toBeLessThan(4 * a.stdErr[n - 1]);
      expect(Math.abs(b.brier[n - 1] - exact)).toBeLessThan(4 * b.stdErr[n - 1]);
      expect(a.stdErr[n - 1]).toBeLessThan(0.006);
      // The probability form has a smaller standard error.
      expect(b.stdErr[n - 1]).toBeLessThan(a.stdErr[n - 1]);
    }
    const exactLM = brierLM([1, 2, 3, 4].map(exactBrier));
    expect(exactLM).toBeGreaterThan(0);
    expect(Math.abs(b.brierLM - exactLM)).toBeLessThan(4 * b.brierLMStdErr);
  });
});

describe('BrierLM', () => {
  it('is 100 × the geometric mean of the four terms', () => {
    expect(brierLM([0.1, 0.01, 0.001, 0.0001])).toBeCloseTo(100 * 10 ** -2.5, 10);
    expect(brierLM([0.5, 0.5, 0.5, 0.5])).toBeCloseTo(50, 10);
  });

  it('is 0 when any term is ≤ 0, and two negative terms do not cancel', () => {
    expect(brierLM([0.1, 0.01, 0.001, 0])).toBe(0);
    expect(brierLM([0.1, 0.01, -0.001, 0.0001])).toBe(0);
    expect(brierLM([-0.1, -0.01, 0.5, 0.5])).toBe(0);
    expect(brierLM([0.1, Number.NaN, 0.1, 0.1])).toBe(0);
  });
});

describe('BrierAccumulator', () => {
  it('gives means and standard errors; merging equals adding sequentially', () => {
    const rows = [[1, 0, 0, 0], [2, 1, 0, -1], [0, 0, 1, 1], [1, 1, 1, 1], [-1, -1, 0, 0]];
    const acc = new BrierAccumulator();
    rows.forEach((r) => acc.add(r));
    const s = acc.summary();
    for (let i = 0; i < 4; i++) {
      const col = rows.map((r) => r[i]);
      const m = col.reduce((a, b) => a + b, 0) / col.length;
      const v = col.reduce((a, b) => a + (b - m) ** 2, 0) / (col.length - 1);
      expect(s.brier[i]).toBeCloseTo(m, 12);
      expect(s.stdErr[i]).toBeCloseTo(Math.sqrt(v / col.length), 12);
    }
    const left = new BrierAccumulator();
    const right = new BrierAccumulator();
    rows.slice(0, 2).forEach((r) => left.add(r));
    rows.slice(2).forEach((r) => right.add(r));
    left.merge(right);
    const m = left.summary();
    expect(m.count).toBe(5);
    m.brier.forEach((x, i) => expect(x).toBeCloseTo(s.brier[i], 12));
    m.stdErr.forEach((x, i) => expect(x).toBeCloseTo(s.stdErr[i], 12));
    // Means 0.6, 0.2, 0.4, 0.2: all positive, so BrierLM = 100·(0.6·0.2·0.4·0.2)^¼.
    expect(s.brierLM).toBeCloseTo(100 * (0.6 * 0.2 * 0.4 * 0.2) ** 0.25, 10);
  });
});
