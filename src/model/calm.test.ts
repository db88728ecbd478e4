import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { decodeIds, initAutoencoder, type AEConfig } from './autoencoder.ts';
import {
  aePosterior, calmHidden, calmLoss, calmLossFromPosterior, calmShapes, splitChunkStream, calmStep, defaultCalmConfig, initCalm, makeCalmNoise, newCalmCache, sampleChunks,
  type CalmConfig,
} from './calm.ts';
import { documentStream } from './chunking.ts';
import { calmParamCounts } from './flops.ts';
import { countParams } from './params.ts';
import { Mulberry32, makeRng } from './random.ts';

const ae: AEConfig = { K: 4, vocabSize: 40, d: 16, ffn: 32, latent: 8, variational: true };
const cfg: CalmConfig = {
  ...defaultCalmConfig(4, 40, 8, { d: 16, layers: 2, heads: 2, ffn: 24, maxLen: 10 }),
  head: { width: 12, blocks: 2, noiseDim: 6 },
  samples: 4,
  targets: 5,
};

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Random chunk ids [B,T,K]. */
function randomChunks(B: number, T: number, seed: number): tf.Tensor3D {
  const rng = makeRng(seed);
  const a = Int32Array.from({ length: B * T * cfg.K }, () => Math.floor(rng.next() * cfg.vocabSize));
  return tf.tensor3d(a, [B, T, cfg.K], 'int32');
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('CALM language model', () => {
  it('has the declared shapes and parameter count', () => {
    const params = initCalm(cfg, new Mulberry32(1));
    const shapes = calmShapes(cfg);
    expect([...params.keys()].sort()).toEqual([...shapes.keys()].sort());
    for (const [n, s] of shapes) expect(params.get(n)?.shape).toEqual(s);
    expect(calmParamCounts(cfg).total).toBe(countParams(params));
    expect(defaultCalmConfig(4, 40, 8, { d: 16, layers: 8, heads: 2, ffn: 24, maxLen: 10 }).head.blocks).toBe(2);
  });

  it('is causal over chunk positions: changing chunk 3 leaves h_0 … h_2 unchanged', () => {
    const params = initCalm(cfg, new Mulberry32(2));
    const a = randomChunks(2, 6, 3);
    const data = a.dataSync().slice() as Int32Array;
    for (let b = 0; b < 2; b++) for (let k = 0; k < cfg.K; k++) data[(b * 6 + 3) * cfg.K + k] = (data[(b * 6 + 3) * cfg.K + k] + 7) % cfg.vocabSize;
    const b2 = tf.tensor3d(data, [2, 6, cfg.K], 'int32');
    const h1 = tf.tidy(() => calmHidden(params, cfg, a).arraySync());
    const h2 = tf.tidy(() => calmHidden(params, cfg, b2).arraySync());
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < 3; t++) expect(maxAbsDiff(h1[b][t], h2[b][t])).toBeLessThan(1e-6);
      expect(maxAbsDiff(h1[b][3], h2[b][3])).toBeGreaterThan(1e-4);
    }
  });

  it('KV-cached steps agree with the full pass (≤ 1e-4)', () => {
    const params = initCalm(cfg, new Mulberry32(4));
    const T = 7;
    const chunks = randomChunks(1, T, 5);
    const full = tf.tidy(() => calmHidden(params, cfg, chunks).dataSync());
    const cache = newCalmCache(cfg);
    const before = tf.memory().numTensors;
    const got: number[] = [];
    // Prompt of 2 chunks, then one chunk per step.
    for (const [start, t] of [[0, 2], [2, 1], [3, 1], [4, 1], [5, 1], [6, 1]]) {
      const part = tf.slice(chunks, [0, start, 0], [1, t, cfg.K]);
      const h = calmStep(params, cfg, part, cache);
      got.push(...h.dataSync());
      tf.dispose([part, h]);
    }
    expect(maxAbsDiff(got, full)).toBeLessThan(1e-4);
    cache.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });

  it('trains: finite loss, finite gradients for every LM parameter while all head samples coincide at init', () => {
    const params = initCalm(cfg, new Mulberry32(6));
    const aeParams = initAutoencoder(ae, new Mulberry32(7));
    const rng = makeRng(8);
    // Two documents framed as in training, cut to 5 chunks each.
    const rows = [0, 1].map(() => documentStream(Array.from({ length: 30 }, () => 1 + Math.floor(rng.next() * 39)), 4, 0).slice(0, 20));
    const ids = tf.tensor2d(Int32Array.from(rows.flatMap((r) => [...r])), [2, 20], 'int32');
    const P = 2 * 4;
    const noise = makeCalmNoise(cfg, P, 9);
    const lmVars = [...params.values()];
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => calmLoss(params, cfg, aeParams, ae, ids, noise).loss, lmVars);
    const loss = value.dataSync()[0];
    expect(Number.isFinite(loss)).toBe(true);
    // Zero-initialised output layer: every sample is 0, so the spread term is ≈ 0 and loss = fit > 0.
    expect(loss).toBeGreaterThan(0);
    expect(Object.keys(grads).length).toBe(params.size);
    for (const g of Object.values(grads)) expect(g.dataSync().every(Number.isFinite)).toBe(true);
    // At init only the last layer moves (everything upstream is multiplied by its zero weights).
    const nameOf = new Map([...params].map(([n, v]) => [v.name, n]));
    const nonzero = Object.entries(grads).filter(([, g]) => g.dataSync().some((x) => x !== 0)).map(([k]) => nameOf.get(k));
    expect(nonzero.sort()).toEqual(['head.final2.b', 'head.final2.w']);
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([noise.head, noise.targets as tf.Tensor]);
  });

  it('gives every parameter a gradient once the output layer is non-zero', () => {
    const params = initCalm(cfg, new Mulberry32(10));
    params.get('head.final2.w')?.assign(tf.randomNormal([cfg.head.width, cfg.latent], 0, 0.2, 'float32', 1));
    const aeParams = initAutoencoder(ae, new Mulberry32(11));
    const ids = tf.reshape(randomChunks(2, 4, 12), [2, 16]) as tf.Tensor2D;
    const noise = makeCalmNoise(cfg, 2 * 3, 13);
    const { value, grads } = tf.variableGrads(() => calmLoss(params, cfg, aeParams, ae, ids, noise).loss, [...params.values()]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const g of Object.values(grads)) {
      const d = g.dataSync();
      expect(d.every(Number.isFinite)).toBe(true);
      expect(d.some((x) => x !== 0)).toBe(true);
    }
    tf.dispose([value, ...Object.values(grads)]);
  });

  it('shared target noise: one ε[M,l] per step, finite loss and gradients', () => {
    const shared: CalmConfig = { ...cfg, targetNoise: 'shared' };
    const params = initCalm(shared, new Mulberry32(16));
    params.get('head.final2.w')?.assign(tf.randomNormal([cfg.head.width, cfg.latent], 0, 0.2, 'float32', 4));
    const aeParams = initAutoencoder(ae, new Mulberry32(17));
    const ids = tf.reshape(randomChunks(2, 4, 18), [2, 16]) as tf.Tensor2D;
    const noise = makeCalmNoise(shared, 6, 19);
    expect(noise.targets?.shape).toEqual([shared.targets, shared.latent]);
    const { value, grads } = tf.variableGrads(() => calmLoss(params, shared, aeParams, ae, ids, noise).loss, [...params.values()]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    for (const g of Object.values(grads)) expect(g.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads), noise.head, noise.targets as tf.Tensor]);
  });

  it('the loss from a precomputed posterior equals the loss that encodes the targets (independent, shared, plain AE)', () => {
    const aeParams = initAutoencoder(ae, new Mulberry32(21));
    const ids = tf.reshape(randomChunks(2, 4, 22), [2, 16]) as tf.Tensor2D;
    for (const targetNoise of ['independent', 'shared'] as const) {
      const c: CalmConfig = { ...cfg, targetNoise };
      const params = initCalm(c, new Mulberry32(23));
      params.get('head.final2.w')?.assign(tf.randomNormal([cfg.head.width, cfg.latent], 0, 0.2, 'float32', 24));
      const noise = makeCalmNoise(c, 6, 25);
      const [a, b] = tf.tidy(() => {
        const { inputs, targets } = splitChunkStream(ids, c.K);
        const post = aePosterior(aeParams, ae, targets);
        // The cache holds plain numbers: rebuild μ, σ from arrays, as train-lm.ts does.
        const mu = tf.tensor2d(post.mu.dataSync(), post.mu.shape);
        const sigma = tf.tensor2d(post.sigma.dataSync(), post.sigma.shape);
        return [calmLoss(params, c, aeParams, ae, ids, noise).loss.dataSync()[0], calmLossFromPosterior(params, c, inputs, { mu, sigma }, noise).loss.dataSync()[0]];
      });
      expect(Math.abs(a - b)).toBeLessThan(1e-5 * Math.max(1, Math.abs(a)));
      tf.dispose([noise.head, noise.targets as tf.Tensor]);
      for (const v of params.values()) v.dispose();
    }
    // Posterior for the wrong number of positions is refused.
    const params = initCalm(cfg, new Mulberry32(26));
    expect(() => tf.tidy(() => calmLossFromPosterior(params, cfg, randomChunks(2, 3, 27), { mu: tf.zeros([5, cfg.latent]) as tf.Tensor2D }, makeCalmNoise(cfg, 6, 28)).loss)).toThrow(/posterior/);
  });

  it('samples many chunks in one batched head call, reproducibly, and decodes them in one call', () => {
    const params = initCalm(cfg, new Mulberry32(14));
    params.get('head.final2.w')?.assign(tf.randomNormal([cfg.head.width, cfg.latent], 0, 0.2, 'float32', 2));
    const aeParams = initAutoencoder(ae, new Mulberry32(15));
    const h = tf.randomNormal([2, cfg.backbone.d], 0, 1, 'float32', 3);
    const z = sampleChunks(params, cfg, h, 5, 42);
    expect(z.shape).toEqual([10, cfg.latent]);
    const zd = z.arraySync();
    expect(maxAbsDiff(zd[0], zd[1])).toBeGreaterThan(1e-4); // independent noise
    const again = sampleChunks(params, cfg, h, 5, 42);
    expect(maxAbsDiff(again.dataSync(), z.dataSync())).toBe(0);
    const one = sampleChunks(params, cfg, tf.slice(h, [0, 0], [1, cfg.backbone.d]), 3, makeRng(1));
    expect(one.shape).toEqual([3, cfg.latent]);
    const ids = decodeIds(aeParams, ae, z);
    expect(ids.shape).toEqual([10, cfg.K]);
    tf.dispose([z, again, one, ids, h]);
  });
});
