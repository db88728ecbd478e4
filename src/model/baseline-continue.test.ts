/** Baseline continuations for the sweep: batched rows with a tiled KV cache equal one-row greedy decoding. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { baselineLogits, initBaseline, type BaselineConfig } from './baseline.ts';
import { sampleBaselineContinuations } from './baseline-continue.ts';
import { makeRng, Mulberry32 } from './random.ts';

const cfg: BaselineConfig = { vocabSize: 40, backbone: { d: 16, layers: 2, heads: 2, ffn: 32, maxLen: 32 } };

beforeAll(async () => {
  await initTf('wasm');
});

/** Greedy continuation by full forward passes (no cache). */
function greedy(params: ReturnType<typeof initBaseline>, ctx: number[], length: number): number[] {
  const ids = [...ctx];
  for (let k = 0; k < length; k++) {
    const next = tf.tidy(() => {
      const lg = baselineLogits(params, cfg, tf.tensor2d([ids], [1, ids.length], 'int32'));
      return tf.argMax(tf.reshape(tf.slice(lg, [0, ids.length - 1, 0], [1, 1, cfg.vocabSize]), [cfg.vocabSize])).dataSync()[0];
    });
    ids.push(next);
  }
  return ids.slice(ctx.length);
}

describe('sampleBaselineContinuations', () => {
  it('at a tiny temperature every row equals greedy decoding; nothing leaks', async () => {
    const params = initBaseline(cfg, new Mulberry32(3));
    const ctx = [1, 1, 1, 1, 5, 9, 12, 3];
    const want = greedy(params, ctx, 4);
    const before = tf.memory().numTensors;
    const rows = await sampleBaselineContinuations(params, cfg, Int32Array.from(ctx), [1e-4, 1e-4, 1e-4], 4, makeRng(1));
    expect(tf.memory().numTensors).toBe(before);
    expect(rows).toEqual([want, want, want]);
  });

  it('at T = 1 rows differ, are seeded, and have the asked length', async () => {
    const params = initBaseline(cfg, new Mulberry32(4));
    const ctx = Int32Array.from([1, 1, 1, 1, 7, 8]);
    const a = await sampleBaselineContinuations(params, cfg, ctx, Array(8).fill(1), 4, makeRng(2));
    const b = await sampleBaselineContinuations(params, cfg, ctx, Array(8).fill(1), 4, makeRng(2));
    expect(a).toEqual(b);
    expect(a.every((r) => r.length === 4)).toBe(true);
    expect(new Set(a.map((r) => r.join(','))).size).toBeGreaterThan(1);
    await expect(sampleBaselineContinuations(params, cfg, new Int32Array(30), [1], 4, makeRng(1))).rejects.toThrow(/maxLen/);
  });
});
