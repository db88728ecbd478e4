import { describe, expect, it } from 'vitest';
import type { LmHistoryEntry } from '../../../engine/manifest.ts';
import {
  compareFrontier, fmtFlops, fmtX, frontierPoints, frontierRows, frontierSentence, frontierYDomain, frontierYTicks, interpolate, offScale,
  type FrontierPoint,
} from './frontier.ts';

const entry = (step: number, seconds: number, tokens: number, extra: Partial<LmHistoryEntry> = {}): LmHistoryEntry => ({
  step, seconds, tokens, loss: step === 0 ? null : 3, heldoutLoss: 3.1, ...extra,
});
const pts = (xy: [number, number, number?][]): FrontierPoint[] => xy.map(([x, y, se]) => ({
  x, y, se: se ?? null, step: x, tokens: 0, minutes: 0, flops: x, loss: null, heldoutLoss: null,
}));

describe('frontier points from a training history', () => {
  const history = [
    entry(0, 0, 0, { trainFlops: 0, brier1: 0.001, brier1Stderr: 0.0005 }),
    entry(100, 110, 400_000),
    entry(200, 300, 800_000, { trainFlops: 8e12, brier1: 0.21, brier1Stderr: 0.01 }),
    entry(300, 420, 1_200_000),
    entry(400, 600, 1_600_000, { trainFlops: 1.6e13, brier1: 0.25 }),
  ];

  it('picks only checkpoints with a Brier-1 and places them on the FLOPs axis', () => {
    const p = frontierPoints(history, 'flops');
    expect(p.map((q) => [q.x, q.y, q.se])).toEqual([[0, 0.001, 0.0005], [8e12, 0.21, 0.01], [1.6e13, 0.25, null]]);
    expect(p[1]).toMatchObject({ step: 200, tokens: 800_000, minutes: 5, flops: 8e12, loss: 3, heldoutLoss: 3.1 });
  });

  it('places them on the wall-time axis in minutes', () => {
    expect(frontierPoints(history, 'minutes').map((q) => q.x)).toEqual([0, 5, 10]);
  });

  it('falls back to tokens × FLOPs per token, and leaves points out when neither is known', () => {
    const h = [entry(200, 300, 800_000, { brier1: 0.2 }), entry(100, 100, 400_000, { brier1: 0.1, trainFlops: 3e12 })];
    expect(frontierPoints(h, 'flops').map((q) => q.x)).toEqual([3e12]);
    expect(frontierPoints(h, 'flops', 1e7).map((q) => q.x)).toEqual([3e12, 8e12]);
    expect(frontierPoints(h, 'flops', 0).map((q) => q.x)).toEqual([3e12]);
  });

  it('ignores NaN and missing values, sorts by x and keeps the later step on a repeated x', () => {
    const h = [
      entry(500, 900, 2e6, { brier1: 0.3, brier1Stderr: Number.NaN }),
      entry(50, 60, 2e5, { brier1: Number.NaN }),
      entry(400, 600, 1.6e6, { brier1: 0.26 }),
      entry(401, 600, 1.6e6, { brier1: 0.27 }),
    ];
    const p = frontierPoints(h, 'minutes');
    expect(p.map((q) => [q.x, q.y, q.se, q.step])).toEqual([[10, 0.27, null, 401], [15, 0.3, null, 500]]);
    expect(frontierPoints([], 'flops')).toEqual([]);
  });
});

describe('frontier chart rows and domain', () => {
  it('merges both models into rows sorted by x, null where a model has no point', () => {
    const rows = frontierRows(pts([[0, 0.01, 0.001], [10, 0.3]]), pts([[0, 0.02], [5, 0.1, 0.02]]));
    expect(rows).toEqual([
      { x: 0, calm: 0.01, calmSe: 0.001, baseline: 0.02, baselineSe: null },
      { x: 5, calm: null, calmSe: null, baseline: 0.1, baselineSe: 0.02 },
      { x: 10, calm: 0.3, calmSe: null, baseline: null, baselineSe: null },
    ]);
  });

  it('holds every error bar and 0, rounded out to 0.05', () => {
    expect(frontierYDomain(pts([[0, 0.01], [1, 0.31, 0.02]]))).toEqual([0, 0.35]);
    expect(frontierYDomain(pts([[0, -0.004, 0.01], [1, 0.2]]))).toEqual([-0.05, 0.2]);
    expect(frontierYDomain([])).toEqual([0, 1]);
  });

  it('leaves an untrained step-0 point far below out of the range, and names it as off the scale', () => {
    const p = pts([[0, -1], [1, 0.12, 0.01], [2, 0.7, 0.01]]);
    const d = frontierYDomain(p);
    expect(d).toEqual([0, 0.75]);
    expect(offScale(p, d).map((q) => q.y)).toEqual([-1]);
    // A trained point below zero still widens the range.
    expect(frontierYDomain(pts([[0, -1], [1, -0.12], [2, 0.5]]))).toEqual([-0.15, 0.5]);
    expect(offScale(pts([[0, 0.01], [1, 0.3]]), [0, 0.3])).toEqual([]);
  });

  it('puts y ticks on round values inside the range', () => {
    expect(frontierYTicks([-0.05, 0.9])).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(frontierYTicks([0, 0.35])).toEqual([0, 0.1, 0.2, 0.3]);
    expect(frontierYTicks([-0.05, 0.15])).toEqual([-0.05, 0, 0.05, 0.1, 0.15]);
  });

  it('interpolates a value and its standard error linearly inside the range only', () => {
    const p = pts([[0, 0, 0.01], [10, 0.4, 0.03]]);
    expect(interpolate(p, 5)!.y).toBeCloseTo(0.2);
    expect(interpolate(p, 5)!.se).toBeCloseTo(0.02);
    expect(interpolate(p, 10)).toEqual({ y: 0.4, se: 0.03 });
    expect(interpolate(p, 11)).toBeNull();
    expect(interpolate(pts([[0, 0], [10, 0.4, 0.03]]), 5)!.se).toBeNull();
  });
});

describe('which model is higher at equal compute', () => {
  it('CALM above at every checkpoint compared (the shared start is not compared)', () => {
    const c = compareFrontier(pts([[0, 0.0], [10, 0.2, 0.01], [20, 0.3, 0.01]]), pts([[0, 0.01], [15, 0.15, 0.01], [30, 0.2]]));
    expect(c).toMatchObject({ verdict: 'calm', compared: 3, calmAbove: 3, at: 20, calm: 0.3, withinNoise: false });
    expect(c.baseline).toBeCloseTo(0.1667, 3);
    expect(frontierSentence(c, 'flops')).toBe(
      "At equal training compute, CALM's held-out Brier-1 is above the baseline's at all 3 checkpoints compared (at 20 FLOPs, the most both reached: CALM 0.300, baseline 0.167).",
    );
  });

  it('the baseline above, within two standard errors at the end', () => {
    const c = compareFrontier(pts([[0, 0], [6, 0.2, 0.02]]), pts([[0, 0], [6, 0.21, 0.02]]));
    expect(c).toMatchObject({ verdict: 'baseline', compared: 1, at: 6, withinNoise: true });
    expect(frontierSentence(c, 'minutes')).toBe(
      "At equal training time, the baseline's held-out Brier-1 is above CALM's at the one checkpoint compared (at 6.0 minutes, the most both reached: CALM 0.200, baseline 0.210, within two standard errors of each other).",
    );
  });

  it('crossing curves', () => {
    const c = compareFrontier(pts([[0, 0], [10, 0.1], [20, 0.4]]), pts([[0, 0], [10, 0.2], [20, 0.3]]));
    expect(c).toMatchObject({ verdict: 'mixed', compared: 2, calmAbove: 1 });
    expect(frontierSentence(c, 'flops')).toMatch(/^At equal training compute the lead changes hands, with CALM above the baseline at 1 of 2 checkpoints compared \(at 20 FLOPs/);
  });

  it('no overlap, or a model without points', () => {
    const c = compareFrontier(pts([[0, 0.1], [1, 0.2]]), pts([[2, 0.3], [3, 0.4]]));
    expect(c.verdict).toBe('none');
    expect(frontierSentence(c, 'flops')).toMatch(/do not overlap/);
    expect(compareFrontier([], pts([[0, 0]])).verdict).toBe('none');
  });

  it('a single shared x is compared there', () => {
    expect(compareFrontier(pts([[5, 0.3]]), pts([[5, 0.2]]))).toMatchObject({ verdict: 'calm', compared: 1, at: 5 });
  });
});

describe('frontier number formats', () => {
  it('FLOPs with SI prefixes, minutes in words', () => {
    expect(fmtFlops(0)).toBe('0');
    expect(fmtFlops(720)).toBe('720');
    expect(fmtFlops(1200)).toBe('1.2k');
    expect(fmtFlops(100e6)).toBe('100M');
    expect(fmtFlops(7.4e13)).toBe('74T');
    expect(fmtFlops(1.05e15)).toBe('1.05P');
    expect(fmtFlops(Number.NaN)).toBe('—');
    expect(fmtX(7.4e13, 'flops')).toBe('74T FLOPs');
    expect(fmtX(12.5, 'minutes')).toBe('13 minutes');
    expect(fmtX(1, 'minutes')).toBe('1.0 minute');
  });
});
