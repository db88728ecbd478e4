import { describe, expect, it } from 'vitest';
import { fmtBrier, fmtBrierLM, fmtCount, fmtMs, fmtRate, fmtRatio } from './format.ts';

describe('evaluate/race number formats', () => {
  it('formats Brier terms from 0.8 down to 1e-5 and below zero', () => {
    expect(fmtBrier(0.80305)).toBe('0.803');
    expect(fmtBrier(0.0538832)).toBe('0.0539');
    expect(fmtBrier(0.0023)).toBe('0.0023');
    expect(fmtBrier(5.6e-5)).toBe('5.6e-5');
    expect(fmtBrier(-5.74e-8)).toBe('-5.7e-8');
    expect(fmtBrier(0)).toBe('0');
    expect(fmtBrier(NaN)).toBe('—');
  });
  it('formats BrierLM, counts, times, rates and ratios', () => {
    expect(fmtBrierLM(11.8797)).toBe('11.88');
    expect(fmtBrierLM(0)).toBe('0.00');
    expect(fmtCount(1_638_000)).toBe('1.64M');
    expect(fmtCount(281e6)).toBe('281M');
    expect(fmtCount(1.82e9)).toBe('1.82B');
    expect(fmtCount(2_883_584)).toBe('2.88M');
    expect(fmtCount(12_345)).toBe('12.3k');
    expect(fmtCount(42)).toBe('42');
    expect(fmtMs(12.3)).toBe('12 ms');
    expect(fmtMs(1234)).toBe('1.23 s');
    expect(fmtMs(61_000)).toBe('61.0 s');
    expect(fmtRate(1569.4)).toBe('1569');
    expect(fmtRate(3.21)).toBe('3.2');
    expect(fmtRatio(2.704)).toBe('2.7×');
    expect(fmtRatio(null)).toBe('—');
  });
});
