/** Buffered and prefixed DrawBatch adapters: same draws in the same order, fewer source calls. */
import { describe, expect, it } from 'vitest';
import { bufferedDrawer, prefixedDrawer } from './draw-buffer.ts';
import type { DrawBatch } from './sampling/types.ts';

function counter(): { draw: DrawBatch; calls: number[] } {
  let next = 0;
  const calls: number[] = [];
  return {
    calls,
    draw: async (n) => {
      calls.push(n);
      return Array.from({ length: n }, () => [next++]);
    },
  };
}

describe('bufferedDrawer', () => {
  it('serves the source draws in order from refills', async () => {
    const src = counter();
    let yields = 0;
    const b = bufferedDrawer(src.draw, 8, async () => void yields++);
    const got = [...(await b.draw(3)), ...(await b.draw(3)), ...(await b.draw(5)), ...(await b.draw(20))];
    expect(got.map((o) => o[0])).toEqual(Array.from({ length: 31 }, (_, i) => i));
    expect(src.calls).toEqual([8, 8, 15]);
    expect(b.sourceCalls).toBe(3);
    expect(b.sourceDraws).toBe(31);
    expect(yields).toBe(3);
    await expect(b.draw(0)).rejects.toThrow(RangeError);
  });
});

describe('prefixedDrawer', () => {
  it('answers the first request with the prepared batch, then asks the source', async () => {
    const src = counter();
    const d = prefixedDrawer([[7], [8]], src.draw);
    expect(await d(2)).toEqual([[7], [8]]);
    expect(await d(1)).toEqual([[0]]);
    await expect(prefixedDrawer([[1]], src.draw)(2)).rejects.toThrow(/prepared 1/);
  });
});
