/**
 * Exact temperature sampling at T = 1/n ("n identical draws"), CALM §5, over a toy black box with known P.
 * Statistical checks use Pearson's chi-square against P^(1/T)/Z with the critical value at p = 0.001 (a
 * correct sampler would fail with probability 0.001 for a random seed; the seeds here are fixed, so the
 * tests are deterministic), with every expected cell count ≥ 5.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import {
  categoricalDrawer,
  sampleExact,
  sampleExactReciprocal,
  splitTemperature,
  temperedDistribution,
  type DrawBatch,
  type ExactResult,
} from './index.ts';
import { CHI2_CRIT_P001, chiSquare } from './test-stats.ts';

/** A toy distribution over K = 2 token chunks; outcomes are token tuples, keyed "a,b". */
const P4 = { '5,1': 0.5, '5,2': 0.3, '7,7': 0.15, '2,9': 0.05 } as const;

async function sampleKeys(T: number, count: number, seed: number): Promise<{ keys: string[]; results: ExactResult[] }> {
  const draw = categoricalDrawer(P4, makeRng(seed));
  const rng = makeRng(seed + 1000);
  const keys: string[] = [];
  const results: ExactResult[] = [];
  for (let i = 0; i < count; i++) {
    const r = await sampleExact(draw, T, rng, { maxDraws: 100_000, maxLog: 0 });
    if (r.status !== 'ok') throw new Error(r.message);
    keys.push(r.key);
    results.push(r);
  }
  return { keys, results };
}

describe('splitTemperature', () => {
  it('splits 1/T into n and a, snapping 1/T to an integer within 1e-9', () => {
    for (let k = 1; k <= 60; k++) {
      const s = splitTemperature(1 / k);
      expect(s.n).toBe(k);
      expect(s.a).toBe(0);
      expect(s.inverse).toBe(k);
    }
    expect(splitTemperature(1 / 3)).toMatchObject({ n: 3, a: 0 });
    expect(splitTemperature(0.1)).toMatchObject({ n: 10, a: 0 });
    expect(splitTemperature(0.4).n).toBe(2);
    expect(splitTemperature(0.4).a).toBeCloseTo(0.5, 12);
    expect(splitTemperature(0.75).n).toBe(1);
    expect(splitTemperature(0.75).a).toBeCloseTo(1 / 3, 12);
    expect(splitTemperature(1)).toMatchObject({ n: 1, a: 0 });
  });

  it('throws a RangeError for T ≤ 0, T > 1, NaN, ±Infinity', () => {
    for (const T of [0, -0.5, 1.0001, 2, NaN, Infinity, -Infinity, Number.MIN_VALUE]) {
      expect(() => splitTemperature(T)).toThrow(RangeError);
    }
  });
});

describe('exact sampler, T = 1/n', () => {
  it('T = 1 is exactly one draw and one call, and follows P (chi-square, p = 0.001)', async () => {
    const { keys, results } = await sampleKeys(1, 20_000, 11);
    for (const r of results) {
      expect(r.draws).toBe(1);
      expect(r.batchCalls).toBe(1);
      expect(r.stage1Attempts).toBe(1);
    }
    const { stat, df } = chiSquare(keys, temperedDistribution(P4, 1));
    expect(df).toBe(3);
    expect(stat).toBeLessThan(CHI2_CRIT_P001[3]);
  });

  it('T = 1/2 matches P²/Z (chi-square, 20,000 samples, p = 0.001)', async () => {
    // P²/Z = (0.685, 0.247, 0.062, 0.0068): the smallest expected count is 137.
    const { keys } = await sampleKeys(1 / 2, 20_000, 12);
    const { stat } = chiSquare(keys, temperedDistribution(P4, 1 / 2));
    expect(stat).toBeLessThan(CHI2_CRIT_P001[3]);
    // Power: the same counts are far from P itself (T = 1), so the test can tell temperatures apart.
    expect(chiSquare(keys, temperedDistribution(P4, 1)).stat).toBeGreaterThan(100 * CHI2_CRIT_P001[3]);
  });

  it('T = 1/3 matches P³/Z (chi-square, 20,000 samples, p = 0.001)', async () => {
    // P³/Z = (0.804, 0.174, 0.0217, 0.0008): the smallest expected count is 16 (≥ 5).
    const { keys, results } = await sampleKeys(1 / 3, 20_000, 13);
    const { stat } = chiSquare(keys, temperedDistribution(P4, 1 / 3));
    expect(stat).toBeLessThan(CHI2_CRIT_P001[3]);
    for (const r of results) {
      expect(r.n).toBe(3);
      expect(r.a).toBe(0);
      expect(r.draws % 3).toBe(0); // only whole stage-1 attempts of 3 draws
      expect(r.draws).toBe(3 * r.stage1Attempts);
      expect(r.stage1Rejections).toBe(r.stage1Attempts - 1);
      expect(r.stage2Steps).toBe(0);
    }
  });

  it('sampleExactReciprocal(n) is sampleExact(1/n)', async () => {
    const a = await sampleExactReciprocal(categoricalDrawer(P4, makeRng(5)), 3, makeRng(6));
    const b = await sampleExact(categoricalDrawer(P4, makeRng(5)), 1 / 3, makeRng(6));
    expect(a).toEqual(b);
    await expect(sampleExactReciprocal(categoricalDrawer(P4, makeRng(5)), 0, makeRng(6))).rejects.toThrow(RangeError);
  });

  it('reports attempts for a teaching UI and caps the log', async () => {
    const r = await sampleExact(categoricalDrawer(P4, makeRng(21)), 1 / 4, makeRng(22), { maxLog: 5 });
    expect(r.status).toBe('ok');
    expect(r.log.length).toBe(Math.min(5, r.stage1Attempts));
    expect(r.log.length + r.logOmitted).toBe(r.stage1Attempts);
    const last = r.stage1Attempts <= 5 ? r.log[r.log.length - 1] : null;
    if (last) expect(last).toMatchObject({ stage: 1, result: 'accepted', distinct: 1 });
    for (const e of r.log) {
      expect(e.stage).toBe(1);
      if (e.stage === 1) {
        expect(e.drawn).toBe(4);
        expect(e.outcomes.length).toBe(4);
        expect(e.result === 'accepted').toBe(e.distinct === 1);
      }
    }
  });
});

describe('exact sampler: the cap', () => {
  it('gives up (does not hang) on a near-uniform distribution over many outcomes at small T', async () => {
    // 1000 outcomes, near uniform; T = 0.1 → n = 10: an attempt succeeds with probability Σ P^10 ≈ 1e-27.
    const spec = Array.from({ length: 1000 }, (_, i) => ({ outcome: [i, i + 1], p: 1 + (i % 3) * 0.01 }));
    const r = await sampleExact(categoricalDrawer(spec, makeRng(1)), 0.1, makeRng(2));
    expect(r.status).toBe('gave-up');
    expect(r.outcome).toBeNull();
    expect(r.draws).toBe(10_000); // default cap, spent in whole attempts of 10
    expect(r.draws).toBeLessThanOrEqual(r.maxDraws);
    expect(r.message).toMatch(/^gave up after 10000 draws/);
    expect(r.log.length).toBe(64); // default log cap: memory stays bounded
    expect(r.logOmitted).toBe(1000 - 64);

    const small = await sampleExact(categoricalDrawer(spec, makeRng(1)), 0.1, makeRng(2), { maxDraws: 55 });
    expect(small).toMatchObject({ status: 'gave-up', draws: 50, stage1Attempts: 5 });
    expect(small.message).toMatch(/^gave up after 50 draws/);

    // n alone above the cap: gives up before drawing anything.
    const tiny = await sampleExact(categoricalDrawer(spec, makeRng(1)), 1e-6, makeRng(2));
    expect(tiny).toMatchObject({ status: 'gave-up', draws: 0, batchCalls: 0 });
  });
});

describe('exact sampler: determinism and errors', () => {
  it('same seeds → identical result objects; different seeds → different runs', async () => {
    const run = async (seed: number) => {
      const draw = categoricalDrawer(P4, makeRng(seed));
      const rng = makeRng(seed + 1);
      const out: ExactResult[] = [];
      for (let i = 0; i < 30; i++) out.push(await sampleExact(draw, 0.4, rng));
      return out;
    };
    const a = await run(7);
    const b = await run(7);
    expect(a).toEqual(b);
    const c = await run(8);
    expect(c.map((r) => r.draws)).not.toEqual(a.map((r) => r.draws));
  });

  it('invalid T and options throw RangeError', async () => {
    const draw = categoricalDrawer(P4, makeRng(1));
    for (const T of [0, -1, 1.5, NaN]) {
      await expect(sampleExact(draw, T, makeRng(1))).rejects.toThrow(RangeError);
    }
    await expect(sampleExact(draw, 0.5, makeRng(1), { maxDraws: 0 })).rejects.toThrow(RangeError);
    await expect(sampleExact(draw, 0.5, makeRng(1), { maxLog: -1 })).rejects.toThrow(RangeError);
  });

  it('a drawer that returns the wrong number of outcomes is a clear error', async () => {
    const short: DrawBatch = async (n) => Array.from({ length: Math.max(0, n - 1) }, () => [1, 2]);
    await expect(sampleExact(short, 1 / 3, makeRng(1))).rejects.toThrow(/returned 2 outcomes; expected exactly 3/);
    const notTuples = (async (n: number) => Array.from({ length: n }, () => 7)) as unknown as DrawBatch;
    await expect(sampleExact(notTuples, 1, makeRng(1))).rejects.toThrow(/not an array of token ids/);
  });

  it('compares outcomes as token tuples', async () => {
    // Same tuple in different array objects is "identical"; [1, 23] and [12, 3] are not.
    let flip = false;
    const draw: DrawBatch = async (n) =>
      Array.from({ length: n }, () => {
        flip = !flip;
        return flip ? [1, 23] : [1, 23].slice();
      });
    const r = await sampleExact(draw, 1 / 5, makeRng(1));
    expect(r).toMatchObject({ status: 'ok', key: '1,23', draws: 5 });
    let alt = false;
    const never: DrawBatch = async (n) =>
      Array.from({ length: n }, () => {
        alt = !alt;
        return alt ? [1, 23] : [12, 3];
      });
    const g = await sampleExact(never, 1 / 2, makeRng(1), { maxDraws: 20 });
    expect(g.status).toBe('gave-up');
  });
});
