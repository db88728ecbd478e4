/**
 * The inference fast path (transformer.ts, energy.ts, autoencoder.ts): with no gradient tape recording
 * the same values come out of leaner code (no custom-gradient wrappers, output-split fused weights,
 * shared RoPE tables, last-position-only forwards, a precomputed Embᵀ). Compared here against the
 * taped path, which is the training code unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { decodeIds, decodeLogits, initAutoencoder, transposedEmbedding, type AEConfig } from './autoencoder.ts';
import { calmHidden, calmHiddenLast, defaultCalmConfig, initCalm, sampleChunks } from './calm.ts';
import { Mulberry32 } from './random.ts';
import { taping } from './ops.ts';
import { KVCache, transformerForward, transformerForwardCached, transformerForwardLast, type TransformerConfig } from './transformer.ts';
import { addTransformerParams } from './transformer.ts';
import { ParamBuilder } from './params.ts';

const bb: TransformerConfig = { d: 16, layers: 2, heads: 2, ffn: 24, maxLen: 16 };
const aeCfg: AEConfig = { K: 4, vocabSize: 50, d: 16, ffn: 24, latent: 8, variational: true };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Run f once with a gradient tape recording (the training path) and return its value's data. */
function taped(vars: tf.Variable[], f: () => tf.Tensor): Float32Array {
  let out: Float32Array | null = null;
  const { grads } = tf.variableGrads(() => {
    expect(taping()).toBe(true);
    const y = f();
    out = y.dataSync() as Float32Array;
    return tf.sum(y) as tf.Scalar;
  }, vars);
  tf.dispose(Object.values(grads));
  return out!;
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('inference path = training path', () => {
  it('backbone: untaped forward equals the taped one; last-position forward equals the last row', () => {
    const pb = new ParamBuilder(new Mulberry32(3));
    addTransformerParams(pb, bb, 'bb');
    const params = pb.params;
    const x = tf.randomNormal([3, 7, 16], 0, 1, 'float32', 11);
    expect(taping()).toBe(false);
    const fast = tf.tidy(() => transformerForward(params, bb, 'bb', x).dataSync());
    const slow = taped([...params.values()], () => transformerForward(params, bb, 'bb', x));
    expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-5);
    const last = tf.tidy(() => transformerForwardLast(params, bb, 'bb', x).dataSync());
    const rows = tf.tidy(() => tf.slice(transformerForward(params, bb, 'bb', x), [0, 6, 0], [3, 1, 16]).dataSync());
    expect(maxAbsDiff(last, rows)).toBeLessThan(1e-5);
    // Cached with lastOnly: same last row, full keys/values for the next step.
    const cache = new KVCache(bb);
    const before = tf.memory().numTensors;
    const h = transformerForwardCached(params, bb, 'bb', tf.slice(x, [0, 0, 0], [3, 6, 16]), cache, true);
    expect(h.shape).toEqual([3, 1, 16]);
    expect(cache.length).toBe(6);
    const h2 = transformerForwardCached(params, bb, 'bb', tf.slice(x, [0, 6, 0], [3, 1, 16]), cache);
    expect(maxAbsDiff(h2.dataSync(), rows)).toBeLessThan(1e-5);
    tf.dispose([h, h2]);
    cache.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 2); // the two slices above
    tf.dispose(x);
  });

  it('CALM head and autoencoder decode: same values untaped, with or without a precomputed Embᵀ', () => {
    const cfg = defaultCalmConfig(4, 50, 8, bb);
    const calm = initCalm(cfg, new Mulberry32(5));
    const ae = initAutoencoder(aeCfg, new Mulberry32(6));
    const chunks = tf.tensor3d(Int32Array.from({ length: 2 * 5 * 4 }, (_, i) => (i * 7) % 50), [2, 5, 4], 'int32');
    const h = tf.tidy(() => calmHidden(calm, cfg, chunks));
    const hl = tf.tidy(() => calmHiddenLast(calm, cfg, chunks));
    expect(maxAbsDiff(hl.dataSync(), tf.tidy(() => tf.slice(h, [0, 4, 0], [2, 1, 16]).dataSync()))).toBeLessThan(1e-5);
    const h2 = tf.reshape(hl, [2, 16]) as tf.Tensor2D;
    // Give the zero-initialised last head layer some weight so z depends on everything.
    calm.get('head.final2.w')!.assign(tf.randomNormal([16, 8], 0, 0.5, 'float32', 2));
    const fast = tf.tidy(() => sampleChunks(calm, cfg, h2, 3, 42).dataSync());
    const slow = taped([...calm.values()].filter((v) => v.trainable), () => sampleChunks(calm, cfg, h2, 3, 42));
    expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-5);
    const z = tf.tensor2d(fast, [6, 8]);
    const logitsFast = tf.tidy(() => decodeLogits(ae, aeCfg, z).dataSync());
    const logitsSlow = taped([...ae.values()], () => decodeLogits(ae, aeCfg, z));
    expect(maxAbsDiff(logitsFast, logitsSlow)).toBeLessThan(1e-5);
    const embT = transposedEmbedding(ae);
    expect(Array.from(tf.tidy(() => decodeIds(ae, aeCfg, z, embT).dataSync()))).toEqual(Array.from(tf.tidy(() => decodeIds(ae, aeCfg, z).dataSync())));
    tf.dispose([chunks, h, hl, h2, z, embT]);
  });
});
