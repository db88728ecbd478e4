/**
 * Exact sampling at fractional 1/T (Bernoulli factory, CALM §5): n = ⌊1/T⌋ identical draws, then the a/i coin
 * that accepts x* with probability P(x*)^a. Chi-square against P^(1/T)/Z at p = 0.001, fixed seeds,
 * expected cell counts ≥ 5.
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import { categoricalDrawer, sampleExact, temperedDistribution, type DrawBatch } from './index.ts';
import { CHI2_CRIT_P001, chiSquare } from './test-stats.ts';

const P4 = { '5,1': 0.5, '5,2': 0.3, '7,7': 0.15, '2,9': 0.05 } as const;

async function sampleKeys(T: number, count: number, seed: number) {
  const draw = categoricalDrawer(P4, makeRng(seed));
  const rng = makeRng(seed + 1000);
  const keys: string[] = [];
  let stage2Steps = 0;
  let stage2Rejections = 0;
  for (let i = 0; i < count; i++) {
    const r = await sampleExact(draw, T, rng, { maxDraws: 100_000, maxLog: 0 });
    if (r.status !== 'ok') throw new Error(r.message);
    keys.push(r.key);
    stage2Steps += r.stage2Steps;
    stage2Rejections += r.stage2Rejections;
  }
  return { keys, stage2Steps, stage2Rejections };
}

describe('Bernoulli-factory exact sampler, fractional 1/T', () => {
  it('T = 0.4 (n = 2, a = 0.5) matches P^2.5/Z, not P²/Z or P³/Z (chi-square, 20,000 samples)', async () => {
    // P^2.5/Z = (0.751, 0.209, 0.037, 0.0024): the smallest expected count is 48.
    const { keys, stage2Steps, stage2Rejections } = await sampleKeys(0.4, 20_000, 31);
    expect(chiSquare(keys, temperedDistribution(P4, 0.4)).stat).toBeLessThan(CHI2_CRIT_P001[3]);
    // Power: the neighbouring integer temperatures are rejected by a wide margin.
    expect(chiSquare(keys, temperedDistribution(P4, 1 / 2)).stat).toBeGreaterThan(10 * CHI2_CRIT_P001[3]);
    expect(chiSquare(keys, temperedDistribution(P4, 1 / 3)).stat).toBeGreaterThan(10 * CHI2_CRIT_P001[3]);
    expect(stage2Steps).toBeGreaterThan(0);
    expect(stage2Rejections).toBeGreaterThan(0);
  });

  it('T = 0.75 (n = 1, a = 1/3) matches P^(4/3)/Z (chi-square, 20,000 samples)', async () => {
    const { keys } = await sampleKeys(0.75, 20_000, 32);
    expect(chiSquare(keys, temperedDistribution(P4, 0.75)).stat).toBeLessThan(CHI2_CRIT_P001[3]);
    expect(chiSquare(keys, temperedDistribution(P4, 1)).stat).toBeGreaterThan(CHI2_CRIT_P001[3]);
  });

  it('the stage-2 coin accepts x* with probability P(x*)^a', async () => {
    // Two outcomes, P(A) = 0.2; T = 1/1.5 → n = 1, a = 0.5. Given x* = A (stage 1 with n = 1 is a single draw),
    // the coin accepts with 0.2^0.5 = 0.447. Count, over runs whose first stage-1 draw is A, how often the
    // first coin accepts: binomial with SE = sqrt(0.447·0.553/k); tolerance 5 SE.
    const spec = [
      { outcome: [1], p: 0.2 },
      { outcome: [2], p: 0.8 },
    ];
    const draw = categoricalDrawer(spec, makeRng(41));
    const rng = makeRng(42);
    let k = 0;
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = await sampleExact(draw, 1 / 1.5, rng, { maxLog: 1_000 });
      const firstIsA = r.log[0].stage === 1 && r.log[0].outcomes[0][0] === 1;
      if (!firstIsA) continue;
      k += 1;
      // The first coin accepted iff no stage-2 step of attempt 1 was a rejection.
      const rejectedInAttempt1 = r.log.some((e) => e.stage === 2 && e.attempt === 1 && e.result === 'rejected');
      if (!rejectedInAttempt1) accepted += 1;
    }
    const p = Math.sqrt(0.2);
    const se = Math.sqrt((p * (1 - p)) / k);
    expect(k).toBeGreaterThan(3_000);
    expect(Math.abs(accepted / k - p)).toBeLessThan(5 * se);
  });

  it('stage-2 log entries follow the a/i rule', async () => {
    const r = await sampleExact(categoricalDrawer(P4, makeRng(51)), 0.4, makeRng(52), { maxLog: 200 });
    expect(r.status).toBe('ok');
    for (const e of r.log) {
      if (e.stage !== 2) continue;
      expect(e.rejectProbability).toBeCloseTo(0.5 / e.step, 12);
      expect(e.result === 'accepted').toBe(e.matched);
    }
    expect(r.draws).toBe(2 * r.stage1Attempts + r.stage2Steps);
    expect(r.batchCalls).toBe(r.stage1Attempts + r.stage2Steps);
  });

  it('gives up in stage 2 near T = 1 on a large support instead of hanging', async () => {
    // Uniform over 1000 outcomes, T = 0.9: expected cost M + M^a ≈ 1001 draws (Theorem 2), mostly in stage 2.
    const spec = Array.from({ length: 1000 }, (_, i) => ({ outcome: [i], p: 1 }));
    const r = await sampleExact(categoricalDrawer(spec, makeRng(61)), 0.9, makeRng(62), { maxDraws: 50 });
    expect(r.status).toBe('gave-up');
    expect(r.draws).toBe(50);
    expect(r.message).toMatch(/^gave up after 50 draws/);
  });

  it('T = 1 is exactly one draw even with a black box that would never repeat', async () => {
    let i = 0;
    const fresh: DrawBatch = async (n) => Array.from({ length: n }, () => [i++]);
    const r = await sampleExact(fresh, 1, makeRng(1));
    expect(r).toMatchObject({ status: 'ok', draws: 1, key: '0', n: 1, a: 0 });
  });
});
