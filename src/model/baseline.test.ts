import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { baselineLogits, baselineLoss, baselineShapes, baselineStep, initBaseline, newBaselineCache, type BaselineConfig } from './baseline.ts';
import { baselineParamCounts } from './flops.ts';
import { countParams } from './params.ts';
import { Mulberry32, makeRng } from './random.ts';

const cfg: BaselineConfig = { vocabSize: 30, backbone: { d: 16, layers: 2, heads: 4, ffn: 24, maxLen: 16 } };

function randomIds(B: number, T: number, seed: number): tf.Tensor2D {
  const rng = makeRng(seed);
  return tf.tensor2d(Int32Array.from({ length: B * T }, () => Math.floor(rng.next() * cfg.vocabSize)), [B, T], 'int32');
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('discrete baseline', () => {
  it('has the declared shapes (untied head) and parameter count', () => {
    const params = initBaseline(cfg, new Mulberry32(1));
    for (const [n, s] of baselineShapes(cfg)) expect(params.get(n)?.shape).toEqual(s);
    expect(params.size).toBe(baselineShapes(cfg).size);
    expect(baselineParamCounts(cfg).total).toBe(countParams(params));
    expect(params.get('out')).not.toBe(params.get('emb'));
  });

  it('loss is the mean next-token cross-entropy of the logits', () => {
    const params = initBaseline(cfg, new Mulberry32(2));
    const ids = randomIds(2, 7, 3);
    const loss = tf.tidy(() => baselineLoss(params, cfg, ids).dataSync()[0]);
    const logits = tf.tidy(() => baselineLogits(params, cfg, tf.slice(ids, [0, 0], [2, 6]) as tf.Tensor2D).arraySync());
    const labels = ids.arraySync();
    let want = 0;
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < 6; t++) {
        const row = logits[b][t];
        const mx = Math.max(...row);
        const lse = mx + Math.log(row.reduce((s, v) => s + Math.exp(v - mx), 0));
        want += lse - row[labels[b][t + 1]];
      }
    }
    expect(loss).toBeCloseTo(want / 12, 4);
    // Unit-scale logits at init: near log V.
    expect(Math.abs(loss - Math.log(cfg.vocabSize))).toBeLessThan(1.5);
  });

  it('KV-cached steps agree with the full pass (≤ 1e-4)', () => {
    const params = initBaseline(cfg, new Mulberry32(4));
    const T = 9;
    const ids = randomIds(2, T, 5);
    const full = tf.tidy(() => baselineLogits(params, cfg, ids).arraySync());
    const cache = newBaselineCache(cfg);
    const got: number[][][] = [[], []];
    for (const [start, t] of [[0, 4], [4, 1], [5, 1], [6, 2], [8, 1]]) {
      const part = tf.slice(ids, [0, start], [2, t]) as tf.Tensor2D;
      const logits = baselineStep(params, cfg, part, cache);
      const a = logits.arraySync();
      for (let b = 0; b < 2; b++) got[b].push(...a[b]);
      tf.dispose([part, logits]);
    }
    for (let b = 0; b < 2; b++) for (let t = 0; t < T; t++) expect(maxAbsDiff(got[b][t], full[b][t])).toBeLessThan(1e-4);
    cache.dispose();
  });

  it('gives finite, non-zero gradients for every parameter', () => {
    const params = initBaseline(cfg, new Mulberry32(6));
    const ids = randomIds(2, 8, 7);
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => baselineLoss(params, cfg, ids), [...params.values()]);
    expect(Object.keys(grads).length).toBe(params.size);
    for (const g of Object.values(grads)) {
      const d = g.dataSync();
      expect(d.every(Number.isFinite)).toBe(true);
      expect(d.some((x) => x !== 0)).toBe(true);
    }
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
