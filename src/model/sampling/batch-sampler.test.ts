/**
 * Batch approximation (CALM §5, the reference code's algorithm) and its labelled fractional extension.
 * Fixed seeds; tolerances are stated at each check (chi-square critical values at p = 0.001, or 5 standard
 * errors of a binomial proportion).
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import {
  batchWeights,
  binomialWeight,
  categoricalDrawer,
  empiricalDistribution,
  sampleBatch,
  temperedDistribution,
  totalVariation,
  type BatchResult,
  type DrawBatch,
  type Outcome,
} from './index.ts';
import { CHI2_CRIT_P001, chiSquare } from './test-stats.ts';

// The paper's example, letters as one-token chunks.
const A = [0];
const B = [1];
const C = [2];
const D = [3];
const E = [4];
const F = [5];
const G = [6];
const PAPER_BATCH: Outcome[] = [A, C, A, D, B, E, A, F, B, G];
const fixedBatch = (batch: Outcome[]): DrawBatch => async (n) => {
  if (n !== batch.length) throw new Error(`fixed batch has ${batch.length} outcomes, asked for ${n}`);
  return batch;
};

async function pickMany(draw: DrawBatch, T: number, N: number, count: number, seed: number) {
  const rng = makeRng(seed);
  const keys: string[] = [];
  let last: BatchResult | null = null;
  for (let i = 0; i < count; i++) {
    last = await sampleBatch(draw, T, N, rng, { maxDraws: Math.max(10_000, N) });
    if (last.status !== 'ok') throw new Error(last.message);
    keys.push(last.key);
  }
  return { keys, last: last! };
}

/**
 * Exact output distribution of the paper's rule for a 3-outcome P and batch size N, by enumerating all
 * count vectors (c0, c1, c2) with their multinomial probabilities. An independent re-implementation of the
 * rule on counts (level m = min(n, max c), weights C(c, m)), used as ground truth.
 */
function exactBatchDistribution(p: number[], n: number, N: number): number[] {
  const lf: number[] = [0];
  for (let i = 1; i <= N; i++) lf[i] = lf[i - 1] + Math.log(i);
  const binom = (c: number, m: number) => {
    if (m > c) return 0;
    let r = 1;
    for (let j = 1; j <= m; j++) r = (r * (c - m + j)) / j;
    return r;
  };
  const out = [0, 0, 0];
  for (let c0 = 0; c0 <= N; c0++) {
    for (let c1 = 0; c0 + c1 <= N; c1++) {
      const c = [c0, c1, N - c0 - c1];
      let lp = lf[N];
      for (let i = 0; i < 3; i++) lp += -lf[c[i]] + (c[i] > 0 ? c[i] * Math.log(p[i]) : 0);
      const pr = Math.exp(lp);
      if (pr < 1e-300) continue;
      const m = Math.min(n, Math.max(...c));
      const w = c.map((x) => binom(x, m));
      const z = w[0] + w[1] + w[2];
      for (let i = 0; i < 3; i++) out[i] += (pr * w[i]) / z;
    }
  }
  return out;
}

describe('batch approximation, the paper’s worked example', () => {
  it('T = ½, batch A,C,A,D,B,E,A,F,B,G: weights A = C(3,2) = 3, B = C(2,2) = 1, others 0', () => {
    const w = batchWeights(PAPER_BATCH, 2);
    expect(w.level).toBe(2);
    expect(w.fellBack).toBe(false);
    const byKey = Object.fromEntries(w.candidates.map((c) => [c.key, c]));
    expect(byKey['0']).toMatchObject({ count: 3, weight: 3, probability: 0.75 });
    expect(byKey['1']).toMatchObject({ count: 2, weight: 1, probability: 0.25 });
    for (const k of ['2', '3', '4', '5', '6']) expect(byKey[k]).toMatchObject({ count: 1, weight: 0, probability: 0 });
    expect(w.candidates.map((c) => c.key)).toEqual(['0', '1', '2', '3', '4', '5', '6']); // most frequent first
  });

  it('picks A with ¾ and B with ¼ (20,000 picks, |freq − ¾| < 5 SE = 0.0153)', async () => {
    // SE of a binomial proportion at p = ¾, 20,000 picks: sqrt(0.75·0.25/20000) = 0.00306.
    const { keys, last } = await pickMany(fixedBatch(PAPER_BATCH), 1 / 2, 10, 20_000, 71);
    const freq = empiricalDistribution(keys);
    expect(Object.keys(freq).sort()).toEqual(['0', '1']);
    expect(Math.abs(freq['0'] - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / 20_000));
    expect(last).toMatchObject({ method: 'batch', batchSize: 10, draws: 10, batchCalls: 1, distinct: 7, level: 2 });
    expect(last.extension).toBe(false);
    expect(last.extensionLabel).toBeNull();
    expect(last.stage2).toBeNull();
  });

  it('falls back to lower levels m when no chunk occurs n times', () => {
    // T = ⅓ on the paper's batch: A occurs 3 times → level 3, A alone (C(3,3) = 1).
    expect(batchWeights(PAPER_BATCH, 3)).toMatchObject({ level: 3, fellBack: false });
    // T = ¼: nobody occurs 4 times → fall back to m = 3: A alone.
    const w4 = batchWeights(PAPER_BATCH, 4);
    expect(w4).toMatchObject({ level: 3, fellBack: true });
    expect(w4.candidates.filter((c) => c.weight > 0).map((c) => c.key)).toEqual(['0']);
    // All distinct: m = 1, uniform over the batch.
    const w = batchWeights([A, B, C, D], 2);
    expect(w).toMatchObject({ level: 1, fellBack: true });
    expect(w.candidates.map((c) => c.probability)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('binomial weights are exact integers while they fit, and stay usable beyond', () => {
    expect(binomialWeight(3, 2).weight).toBe(3);
    expect(binomialWeight(10, 5).weight).toBe(252);
    expect(binomialWeight(50, 25).weight).toBe(126410606437752); // exact: below 2^53
    expect(binomialWeight(60, 30).weight / 118264581564861424).toBeCloseTo(1, 9); // above 2^53: via logs
    expect(binomialWeight(1, 2)).toEqual({ weight: 0, logWeight: -Infinity });
    const huge = binomialWeight(3000, 1500);
    expect(huge.weight).toBe(Infinity);
    expect(huge.logWeight).toBeGreaterThan(2000);
    // A batch with huge weights still gives finite probabilities (computed from the logs).
    const batch: Outcome[] = [...Array(1600).fill(A), ...Array(1400).fill(B)];
    const w = batchWeights(batch, 1400);
    expect(w.level).toBe(1400);
    const pa = w.candidates[0].probability;
    expect(pa).toBeGreaterThan(0.999);
    expect(pa + w.candidates[1].probability).toBeCloseTo(1, 12);
  });
});

describe('batch approximation, statistics', () => {
  const P3 = { '0': 0.5, '1': 0.3, '2': 0.2 } as const;

  it('N = 1 behaves as T = 1: the output follows P (chi-square, 20,000 samples, p = 0.001)', async () => {
    const { keys } = await pickMany(categoricalDrawer(P3, makeRng(81)), 1 / 2, 1, 20_000, 82);
    expect(chiSquare(keys, temperedDistribution(P3, 1)).stat).toBeLessThan(CHI2_CRIT_P001[2]);
  });

  it('distance to P^(1/T)/Z shrinks as N grows (N = 10, 100, 1000 at T = ⅓)', async () => {
    const T = 1 / 3;
    const target = temperedDistribution(P3, T); // (0.781, 0.169, 0.050)
    const p = [0.5, 0.3, 0.2];
    const tvs: number[] = [];
    const exactTvs: number[] = [];
    for (const [N, M] of [
      [10, 20_000],
      [100, 20_000],
      [1000, 10_000],
    ] as const) {
      const exact = exactBatchDistribution(p, 3, N);
      const exactRec = { '0': exact[0], '1': exact[1], '2': exact[2] };
      exactTvs.push(totalVariation(exactRec, target));
      const { keys } = await pickMany(categoricalDrawer(P3, makeRng(90 + N)), T, N, M, 91 + N);
      // The implementation matches the rule's exact output distribution for this N (chi-square, p = 0.001).
      expect(chiSquare(keys, exactRec).stat).toBeLessThan(CHI2_CRIT_P001[2]);
      const tv = totalVariation(empiricalDistribution(keys), target);
      // |TV(emp, target) − TV(exact, target)| ≤ TV(emp, exact) ≤ ½ Σ_i |emp_i − exact_i|; each term is
      // below 5 binomial SEs, sqrt(q(1−q)/M), except with negligible probability.
      const band = 0.5 * exact.reduce((s, q) => s + 5 * Math.sqrt((q * (1 - q)) / M), 0);
      expect(Math.abs(tv - exactTvs[exactTvs.length - 1])).toBeLessThan(band);
      tvs.push(tv);
    }
    // Exact bias (enumeration): ≈ 0.104, 0.0156, 0.0016, roughly 1/N.
    expect(exactTvs[0]).toBeGreaterThan(0.09);
    expect(exactTvs[1]).toBeLessThan(exactTvs[0] / 5);
    expect(exactTvs[2]).toBeLessThan(exactTvs[1] / 5);
    // Simulated distances shrink too (with these seeds: 0.106, 0.015, 0.007). The empirical TV carries
    // sampling noise of ≈ 0.004 (M = 20,000) and ≈ 0.005 (M = 10,000), so 10 → 100 is a wide margin but
    // 100 → 1000 is only ~2–3 noise SDs: the per-N chi-square against the enumerated distribution above is
    // the rigorous check, this ordering is the picture a teaching UI would show.
    expect(tvs[1]).toBeLessThan(tvs[0]);
    expect(tvs[2]).toBeLessThan(tvs[1]);
  });
});

describe('batch approximation, fractional extension (not in the paper)', () => {
  const P3 = { '0': 0.5, '1': 0.3, '2': 0.2 } as const;

  it('is labelled in the result', async () => {
    const r = await sampleBatch(categoricalDrawer(P3, makeRng(101)), 0.4, 50, makeRng(102));
    expect(r.extension).toBe(true);
    expect(r.extensionLabel).toMatch(/^Extension \(not in the CALM paper\)/);
    expect(r.n).toBe(2);
    expect(r.a).toBeCloseTo(0.5, 12);
    expect(r.status).toBe('ok');
    expect(r.stage2).not.toBeNull();
    expect(r.draws).toBe(50 + r.stage2!.steps);
    expect(r.batchCalls).toBe(1 + r.stage2!.steps);
    for (const e of r.stage2!.log) expect(e.rejectProbability).toBeCloseTo(0.5 / e.step, 12);
  });

  it('with a large batch it approaches P^(1/T)/Z at T = 0.4 (chi-square vs target, 10,000 samples, N = 400)', async () => {
    // Batch bias at n = 2, N = 400 is ≈ 0.001 in TV (exact enumeration above scales as ~1/N), far below what
    // 10,000 samples can resolve, so the chi-square test against P^2.5/Z at p = 0.001 applies.
    const { keys } = await pickMany(categoricalDrawer(P3, makeRng(111)), 0.4, 400, 10_000, 112);
    expect(chiSquare(keys, temperedDistribution(P3, 0.4)).stat).toBeLessThan(CHI2_CRIT_P001[2]);
    // ...and it is not the n = 2 batch rule alone (P²/Z).
    expect(chiSquare(keys, temperedDistribution(P3, 0.5)).stat).toBeGreaterThan(5 * CHI2_CRIT_P001[2]);
  });

  it('is capped: gives up instead of hanging', async () => {
    // Uniform over 1000 outcomes, T = 0.9 (n = 1, a = 1/9): the coin waits ~1000 draws for a match.
    const spec = Array.from({ length: 1000 }, (_, i) => ({ outcome: [i], p: 1 }));
    const r = await sampleBatch(categoricalDrawer(spec, makeRng(121)), 0.9, 20, makeRng(122), { maxDraws: 100 });
    expect(r.status).toBe('gave-up');
    expect(r.outcome).toBeNull();
    expect(r.draws).toBe(100);
    expect(r.message).toMatch(/^gave up after 100 draws/);
    expect(r.extension).toBe(true);
  });
});

describe('batch approximation, determinism and errors', () => {
  it('same seeds → identical result objects', async () => {
    const run = async () => {
      const draw = categoricalDrawer({ '0': 0.4, '1': 0.35, '2': 0.25 }, makeRng(131));
      const rng = makeRng(132);
      const out: BatchResult[] = [];
      for (let i = 0; i < 20; i++) out.push(await sampleBatch(draw, i % 2 ? 0.5 : 0.4, 30, rng));
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('invalid T, N < 1, N > maxDraws throw RangeError', async () => {
    const draw = categoricalDrawer({ '0': 1 }, makeRng(1));
    for (const T of [0, -0.1, 1.2, NaN]) await expect(sampleBatch(draw, T, 10, makeRng(1))).rejects.toThrow(RangeError);
    for (const N of [0, -3, 2.5, NaN]) await expect(sampleBatch(draw, 0.5, N, makeRng(1))).rejects.toThrow(RangeError);
    await expect(sampleBatch(draw, 0.5, 200, makeRng(1), { maxDraws: 100 })).rejects.toThrow(RangeError);
  });

  it('a drawer that returns the wrong number of outcomes is a clear error', async () => {
    const long: DrawBatch = async (n) => Array.from({ length: n + 1 }, () => [1]);
    await expect(sampleBatch(long, 0.5, 10, makeRng(1))).rejects.toThrow(/returned 11 outcomes; expected exactly 10/);
  });
});
