import { describe, expect, it } from 'vitest';
import { accuracyAt, meanSigmaOnAxis, nextSliceSize } from './sweep-slices.ts';

describe('sweep slices', () => {
  it('sizes slices from the pace, within 1 … remaining', () => {
    expect(nextSliceSize(10, 41)).toBe(6);
    expect(nextSliceSize(0.5, 41)).toBe(41);
    expect(nextSliceSize(0.5, 3)).toBe(3);
    expect(nextSliceSize(500, 41)).toBe(1);
    expect(nextSliceSize(NaN, 41)).toBe(1);
    expect(nextSliceSize(10, 0)).toBe(0);
  });
  it('places the learned mean σ on either axis', () => {
    expect(meanSigmaOnAxis(0.35, 'abs', 1.07)).toBe(0.35);
    expect(meanSigmaOnAxis(0.35, 'rel', 1.4)).toBeCloseTo(0.25, 12);
    expect(meanSigmaOnAxis(null, 'abs', 1)).toBeNull();
  });
  it('reads the accuracy at the nearest sweep point', () => {
    expect(accuracyAt([0, 0.5, 1], [1, 0.9, 0.5], 0.9)).toBe(0.5);
    expect(accuracyAt([0, 0.5, 1], [1, 0.9, 0.5], 0.3)).toBe(0.9);
    expect(accuracyAt([], [], 1)).toBeNull();
  });
});
