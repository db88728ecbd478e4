import { describe, expect, it } from 'vitest';
import { barScaleMs, stepBars } from './bars.ts';

describe('race step bars', () => {
  it('gives CALM K-token-wide bars and the baseline one-token bars over the same width', () => {
    const calm = stepBars(32, 4, 128, 10, null, 0);
    const base = stepBars(128, 1, 128, 10, null, 0);
    expect(calm).toHaveLength(32);
    expect(base).toHaveLength(128);
    expect(calm[1].x).toBeCloseTo(3.125);
    expect(calm[0].w).toBeCloseTo(3.125);
    expect(base[0].w).toBeCloseTo(100 / 128);
    expect(calm.at(-1)!.x + calm.at(-1)!.w).toBeCloseTo(100);
    expect(base.at(-1)!.x + base.at(-1)!.w).toBeCloseTo(100);
    expect(calm.filter((b) => b.done)).toHaveLength(10);
  });
  it('scales heights by step time and clips a last partial chunk', () => {
    const bars = stepBars(3, 4, 10, 3, [2, 4, 0.01], 4);
    expect(bars.map((b) => b.h)).toEqual([50, 100, 6]);
    expect(bars[2].w).toBeCloseTo(20); // 2 of 10 tokens
  });

  it('scales to the 90th percentile, not to one outlier', () => {
    const ms = [...Array.from({ length: 19 }, () => 1), 100];
    expect(barScaleMs(ms)).toBe(1.5); // the outlier's bar is clipped, the others stay visible
    expect(stepBars(20, 1, 20, 20, ms, barScaleMs(ms)).map((b) => b.h).slice(-2)).toEqual([100 / 1.5, 100]);
    expect(barScaleMs([])).toBe(0);
  });
});
