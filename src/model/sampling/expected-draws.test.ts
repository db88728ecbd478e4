/**
 * expectedDraws (CALM Theorem 2): closed forms, and the measured mean cost of the exact sampler.
 * Tolerance for the simulation: 5 standard errors of the mean, SE = sample SD / sqrt(samples).
 */
import { describe, expect, it } from 'vitest';
import { makeRng } from '../random.ts';
import { categoricalDrawer, expectedDraws, sampleExact, temperedDistribution } from './index.ts';
import { meanSd } from './test-stats.ts';

const P4 = { '5,1': 0.5, '5,2': 0.3, '7,7': 0.15, '2,9': 0.05 } as const;
const uniform = (m: number) => Array.from({ length: m }, (_, i) => ({ outcome: [i], p: 1 }));

describe('expectedDraws: closed forms', () => {
  it('T = 1 costs exactly one draw', () => {
    expect(expectedDraws(P4, 1)).toBeCloseTo(1, 12);
    expect(expectedDraws(uniform(1000), 1)).toBeCloseTo(1, 9);
  });

  it('T = 1/n: n / Σ P^n', () => {
    const s2 = 0.5 ** 2 + 0.3 ** 2 + 0.15 ** 2 + 0.05 ** 2;
    expect(expectedDraws(P4, 1 / 2)).toBeCloseTo(2 / s2, 10);
    // Uniform over M: n · M^(n−1).
    expect(expectedDraws(uniform(10), 1 / 3)).toBeCloseTo(300, 8);
  });

  it('fractional: (n + Σ P^(1/T−1)) / Σ P^(1/T); uniform over M with n = 1 gives M + M^a', () => {
    const p = [0.5, 0.3, 0.15, 0.05];
    const z = p.reduce((s, x) => s + x ** 2.5, 0);
    const s = p.reduce((acc, x) => acc + x ** 1.5, 0);
    expect(expectedDraws(P4, 0.4)).toBeCloseTo((2 + s) / z, 10);
    // Uniform M = 1000, T = 0.9 (1/T = 1 + 1/9): M + M^(1/9) = 1000 + 2.154.
    expect(expectedDraws(uniform(1000), 0.9)).toBeCloseTo(1000 + 1000 ** (1 / 9), 6);
  });

  it('does not underflow at small T, and grows without bound as T → 0', () => {
    const e = expectedDraws(P4, 0.01); // n = 100: ≈ 100 / 0.5^100 ≈ 1.3e32
    expect(e / (100 * 2 ** 100)).toBeCloseTo(1, 6);
    expect(expectedDraws(P4, 1e-4)).toBe(Infinity);
  });

  it('ignores zero-probability outcomes and throws RangeError for invalid T', () => {
    expect(expectedDraws({ ...P4, '9,9': 0 }, 0.4)).toBeCloseTo(expectedDraws(P4, 0.4), 12);
    expect(temperedDistribution({ ...P4, '9,9': 0 }, 0.4)['9,9']).toBe(0);
    for (const T of [0, 1.01, NaN]) expect(() => expectedDraws(P4, T)).toThrow(RangeError);
  });
});

describe('expectedDraws matches the measured mean cost of sampleExact', () => {
  // Means over 10,000 runs (cap 1e6, never reached here); |mean − expected| < 5 SE.
  for (const T of [1 / 2, 1 / 3, 0.4, 0.75]) {
    it(`T = ${T.toFixed(3)}`, async () => {
      const draw = categoricalDrawer(P4, makeRng(200 + Math.round(T * 1000)));
      const rng = makeRng(300 + Math.round(T * 1000));
      const draws: number[] = [];
      for (let i = 0; i < 10_000; i++) {
        const r = await sampleExact(draw, T, rng, { maxDraws: 1_000_000, maxLog: 0 });
        expect(r.status).toBe('ok');
        draws.push(r.draws);
      }
      const { mean, sd } = meanSd(draws);
      const expected = expectedDraws(P4, T);
      expect(Math.abs(mean - expected)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
    });
  }
});
