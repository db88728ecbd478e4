/** Sweep helpers: slider temperatures, context choice, tallies. */
import { describe, expect, it } from 'vitest';
import { documentStream } from './chunking.ts';
import { makeRng } from './random.ts';
import { chooseContexts, formatTemperature, newTally, sampleIndex, scorePair, snapTemperature, summarize } from './sweep.ts';

describe('snapTemperature', () => {
  it('reads slider values within half a step of 1/n as exactly 1/n, and leaves the rest', () => {
    expect(snapTemperature(0.33)).toBe(1 / 3);
    expect(snapTemperature(0.5)).toBe(0.5);
    expect(snapTemperature(0.14)).toBe(1 / 7);
    expect(snapTemperature(1)).toBe(1);
    expect(snapTemperature(0.4)).toBe(0.4);
    expect(snapTemperature(0.45)).toBe(0.45);
    expect(snapTemperature(0.3)).toBe(0.3);
  });
  it('formats reciprocals as fractions', () => {
    expect(formatTemperature(1 / 3)).toBe('1/3');
    expect(formatTemperature(1)).toBe('1');
    expect(formatTemperature(0.4)).toBe('0.4');
  });
});

describe('chooseContexts', () => {
  it('picks chunk-aligned contexts whose next chunk is real text, deterministically', () => {
    const docs = [Array.from({ length: 30 }, (_, i) => 10 + i), Array.from({ length: 9 }, (_, i) => 100 + i)];
    const streams = docs.map((d) => ({ stream: documentStream(d, 4, 1), textTokens: d.length }));
    const a = chooseContexts(streams, 10, 4, makeRng(1), { minChunks: 2, maxChunks: 24 });
    expect(a).toHaveLength(10);
    for (const c of a) {
      expect(c.tokens.length).toBe(c.chunks * 4);
      expect(Array.from(c.tokens.slice(0, 4))).toEqual([1, 1, 1, 1]);
      expect(c.target).toHaveLength(4);
      expect(c.target).not.toContain(1);
      const doc = docs[c.passage];
      expect(c.target).toEqual(doc.slice(c.chunks * 4 - 4, c.chunks * 4));
    }
    expect(chooseContexts(streams, 10, 4, makeRng(1), { minChunks: 2, maxChunks: 24 })).toEqual(a);
  });
});

describe('tallies', () => {
  it('count collisions between the two samples and matches with the target; give-ups are left out', () => {
    const t = newTally();
    scorePair(t, [1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]);
    scorePair(t, [1, 9, 9, 9], [5, 2, 3, 4], [1, 2, 3, 4]);
    scorePair(t, null, [1, 2, 3, 4], [1, 2, 3, 4]);
    const s = summarize(t);
    expect(s.pairs).toBe(2);
    expect(s.collision.value).toBe(0.5);
    expect(s.diversity.value).toBe(0.5);
    expect(s.firstToken.value).toBeCloseTo(4 / 5, 12);
    expect(s.chunk.value).toBeCloseTo(3 / 5, 12);
    expect(s.failed).toBe(1);
    expect(s.collision.stderr).toBeCloseTo(0.5 / Math.sqrt(2), 12);
  });
  it('sampleIndex walks the cumulative sum of a row', () => {
    const p = [0, 0.2, 0.3, 0.5, /* row 2 */ 1, 0, 0, 0];
    expect(sampleIndex(p, 0.1, 0, 4)).toBe(1);
    expect(sampleIndex(p, 0.49, 0, 4)).toBe(2);
    expect(sampleIndex(p, 0.999999, 0, 4)).toBe(3);
    expect(sampleIndex(p, 0.5, 4, 8)).toBe(0);
  });
});
