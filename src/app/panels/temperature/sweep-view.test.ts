import { describe, expect, it } from 'vitest';
import type { SweepPoint, TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { failedShare, formatRate, sweepSeries } from './sweep-view.ts';

const rate = (value: number) => ({ value, stderr: 0.01 });
function pt(model: 'calm' | 'baseline', T: number, N: number | null, div: number, acc: number, failed = 0): SweepPoint {
  return { model, T, N, extension: model === 'calm' && T === 0.4, collision: rate(1 - div), diversity: rate(div), firstToken: rate(acc), chunk: rate(acc / 2), pairs: 10, failed };
}

const r: TempSweepResult = {
  set: 'stories', Ts: [1, 0.5, 0.4], Ns: [50, 200], contexts: 10, pairs: 1, seed: 1, K: 4, contextTokens: { min: 8, max: 40, mean: 20 },
  calm: [pt('calm', 0.5, 50, 0.8, 0.3), pt('calm', 1, 50, 0.9, 0.2), pt('calm', 0.4, 50, 0.7, 0.3, 15), pt('calm', 1, 200, 0.9, 0.2), pt('calm', 0.5, 200, 0.6, 0.35), pt('calm', 0.4, 200, 0.5, 0.4, 2)],
  baseline: [pt('baseline', 1, null, 0.5, 0.8), pt('baseline', 0.5, null, 0.3, 0.9), pt('baseline', 0.4, null, 0.2, 0.9)],
  freshDraws: 256, ms: 1, fromCache: false,
};

describe('sweepSeries', () => {
  it('one series per N plus the baseline, each from T = 1 down, unreliable points left off', () => {
    const s = sweepSeries(r, 'firstToken');
    expect(s.map((x) => x.key)).toEqual(['calm-50', 'calm-200', 'baseline']);
    expect(s[0].points.map((p) => p.T)).toEqual([1, 0.5]);
    expect(s[1].points.map((p) => p.label)).toEqual(['1', '1/2', '0.4*']);
    expect(s[1].points[1]).toMatchObject({ x: 0.6, y: 0.35 });
    expect(sweepSeries(r, 'chunk')[2].points.map((p) => p.y)).toEqual([0.4, 0.45, 0.45]);
    expect(new Set(s.map((x) => x.colour)).size).toBe(3);
    expect(new Set(s.map((x) => x.shape)).size).toBe(3);
  });
  it('helpers', () => {
    expect(failedShare(r.calm[2], r)).toBe(0.75);
    expect(formatRate({ value: 0.625, stderr: 0.031 })).toBe('62.5 % ± 3.1');
  });
});
