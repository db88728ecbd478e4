import { describe, expect, it } from 'vitest';
import { DIVERGING_STOPS, SEQUENTIAL_STOPS, css, divergingColour, gradientCss, interpolate, sequentialColour } from './colour.ts';
import { heatmapCells, heatmapLayout, sliceStats } from './heatmap.ts';
import { chipLabel, formatPercent, formatSigned } from './format.ts';

describe('colour scales', () => {
  it('diverging: 0 is the white middle, ±max the ends, beyond saturates, symmetric in lightness', () => {
    expect(divergingColour(0, 3)).toEqual(DIVERGING_STOPS[5]);
    expect(divergingColour(-3, 3)).toEqual(DIVERGING_STOPS[0]);
    expect(divergingColour(3, 3)).toEqual(DIVERGING_STOPS[10]);
    expect(divergingColour(99, 3)).toEqual(DIVERGING_STOPS[10]);
    const lum = (c: readonly number[]) => 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    // Lightness falls monotonically away from 0 on both sides (readable without hue).
    for (let v = 0; v < 3; v += 0.25) {
      expect(lum(divergingColour(v + 0.25, 3))).toBeLessThanOrEqual(lum(divergingColour(v, 3)) + 1e-9);
      expect(lum(divergingColour(-v - 0.25, 3))).toBeLessThanOrEqual(lum(divergingColour(-v, 3)) + 1e-9);
    }
  });
  it('sequential: viridis ends, interpolates between stops, NaN is the middle', () => {
    expect(sequentialColour(0, 0, 1)).toEqual(SEQUENTIAL_STOPS[0]);
    expect(sequentialColour(1, 0, 1)).toEqual(SEQUENTIAL_STOPS[8]);
    const mid = interpolate([[0, 0, 0], [100, 200, 50]], 0.5);
    expect(mid).toEqual([50, 100, 25]);
    expect(interpolate([[0, 0, 0], [100, 200, 50]], NaN)).toEqual([50, 100, 25]);
    expect(css([1, 2, 3])).toBe('rgb(1, 2, 3)');
    expect(gradientCss([[0, 0, 0], [255, 255, 255]])).toBe('linear-gradient(to right, rgb(0, 0, 0) 0.0%, rgb(255, 255, 255) 100.0%)');
  });
});

describe('heatmap geometry', () => {
  it('lays 128 values out as 16 × 8 cells, row-major, with gaps', () => {
    const l = heatmapLayout(128, 16, 5, 1);
    expect(l).toMatchObject({ cols: 16, rows: 8, width: 16 * 5 + 15, height: 8 * 5 + 7 });
    const cells = heatmapCells(Array.from({ length: 256 }, (_, i) => i), l, (v) => [v, 0, 0], 128, 128);
    expect(cells).toHaveLength(128);
    expect(cells[0]).toMatchObject({ index: 0, x: 0, y: 0, colour: [128, 0, 0] });
    expect(cells[17]).toMatchObject({ x: 6, y: 6, colour: [145, 0, 0] });
    expect(cells[127]).toMatchObject({ x: 15 * 6, y: 7 * 6 });
    expect(heatmapLayout(0, 16, 5).width).toBe(0);
    expect(() => heatmapLayout(10, 0, 5)).toThrow(RangeError);
  });
  it('summarises a slice', () => {
    expect(sliceStats([9, 3, -4, 0, 9], 1, 3)).toEqual({ min: -4, max: 3, rms: Math.sqrt(25 / 3) });
  });
});

describe('formatting', () => {
  it('percentages: one decimal, 100.0 % only when perfect', () => {
    expect(formatPercent(1)).toBe('100.0 %');
    expect(formatPercent(0.997)).toBe('99.7 %');
    expect(formatPercent(0.9996)).toBe('99.9 %');
    expect(formatPercent(0.975)).toBe('97.5 %');
    expect(formatPercent(0)).toBe('0.0 %');
    expect(formatPercent(0.0001)).toBe('0.1 %');
    expect(formatPercent(NaN)).toBe('–');
  });
  it('chips show whitespace; signed numbers use a real minus', () => {
    expect(chipLabel(' the')).toBe('␣the');
    expect(chipLabel('\n\n')).toBe('↵↵');
    expect(formatSigned(-0.4234)).toBe('−0.42');
    expect(formatSigned(1)).toBe('1.00');
  });
});
