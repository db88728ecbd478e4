import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import {
  initAutoencoder, autoencoderShapes, clippedKL, dropTokens, invertedDropout, aeLoss, encode, decodeLogits,
  PLAIN_TRAINING, ROBUST_TRAINING, type AEConfig,
} from './autoencoder.ts';
import { crossEntropy, mm2, embed } from './ops.ts';
import { Mulberry32 } from './random.ts';

const tiny: AEConfig = { K: 4, vocabSize: 50, d: 16, ffn: 40, latent: 8, variational: true };

beforeAll(async () => {
  await initTf('wasm');
});

describe('loss pieces against hand computations', () => {
  it('clips the per-dimension KL from below at 0.5, sums over dims, averages over chunks', () => {
    // Row 1: dim0 μ=0, σ=1 → KL 0 → clipped to 0.5; dim1 μ=1, σ=0.5 → 0.5(1+0.25−1−2ln0.5) = 0.818147.
    // Row 2: dim0 μ=2, σ=1 → 0.5·4 = 2; dim1 μ=0, σ=e → 0.5(e²−1−2) = 2.194528.
    const mu = tf.tensor2d([[0, 1], [2, 0]]);
    const logSigma = tf.tensor2d([[0, Math.log(0.5)], [0, 1]]);
    const kl = clippedKL(mu, logSigma, 0.5).dataSync()[0];
    const row1 = 0.5 + 0.5 * (1 + 0.25 - 1 - 2 * Math.log(0.5));
    const row2 = 2 + 0.5 * (Math.exp(2) - 1 - 2);
    expect(kl).toBeCloseTo((row1 + row2) / 2, 5);
    // Without clipping (clip 0 still clamps negatives, which KL never has) dim0 of row 1 is 0.
    expect(clippedKL(mu, logSigma, 0).dataSync()[0]).toBeCloseTo((row1 - 0.5 + row2) / 2, 5);
  });

  it('cross-entropy matches log-sum-exp by hand', () => {
    const ce = crossEntropy(tf.tensor2d([[1, 2, 3], [0, 0, 0]]), tf.tensor1d([2, 0], 'int32')).dataSync()[0];
    const row1 = Math.log(Math.E + Math.E ** 2 + Math.E ** 3) - 3;
    const row2 = Math.log(3);
    expect(ce).toBeCloseTo((row1 + row2) / 2, 5);
  });

  it('loss = K·CE + β·KL with z = μ + σ·ε', () => {
    const params = initAutoencoder(tiny, new Mulberry32(3));
    const ids = tf.tensor2d([[1, 2, 3, 4], [5, 6, 7, 8]], undefined, 'int32');
    const eps = tf.randomNormal([2, tiny.latent], 0, 1, 'float32', 7) as tf.Tensor2D;
    const noDrop = tf.ones([2, tiny.K]) as tf.Tensor2D; // u = 1 ≥ rate: nothing dropped
    const noDropLatent = tf.ones([2, tiny.latent]) as tf.Tensor2D;
    const r = aeLoss(params, tiny, ROBUST_TRAINING, ids, { dropTokenU: noDrop, eps, dropLatentU: noDropLatent });
    // Recompute by hand from the pieces. DropLatent with u = 1 keeps everything but scales by 1/(1−p).
    const post = encode(params, tiny, ids);
    const z = tf.div(tf.add(post.mu, tf.mul(tf.exp(post.logSigma!), eps)), 1 - ROBUST_TRAINING.dropLatent) as tf.Tensor2D;
    const logits = decodeLogits(params, tiny, z);
    const ce = crossEntropy(tf.reshape(logits, [8, tiny.vocabSize]) as tf.Tensor2D, tf.reshape(ids, [-1]) as tf.Tensor1D).dataSync()[0];
    const kl = clippedKL(post.mu, post.logSigma!, 0.5).dataSync()[0];
    expect(r.loss.dataSync()[0]).toBeCloseTo(tiny.K * ce + 0.001 * kl, 4);
    expect(r.kl.dataSync()[0]).toBeCloseTo(kl, 4);
    // KL of at least 0.5 per dimension: ≥ l/2.
    expect(kl).toBeGreaterThanOrEqual(tiny.latent * 0.5 - 1e-4);
  });

  it('the plain model has no σ, no KL and uses z = μ', () => {
    const plain = { ...tiny, variational: false };
    const params = initAutoencoder(plain, new Mulberry32(4));
    const ids = tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32');
    const u = tf.zeros([1, 4]) as tf.Tensor2D; // would drop everything if DropToken were on
    const r = aeLoss(params, plain, PLAIN_TRAINING, ids, { dropTokenU: u, eps: tf.ones([1, 8]) as tf.Tensor2D, dropLatentU: tf.zeros([1, 8]) as tf.Tensor2D });
    const post = encode(params, plain, ids);
    expect(post.logSigma).toBeNull();
    const ce = crossEntropy(tf.reshape(decodeLogits(params, plain, post.mu), [4, 50]) as tf.Tensor2D, tf.tensor1d([1, 2, 3, 4], 'int32')).dataSync()[0];
    expect(r.loss.dataSync()[0]).toBeCloseTo(4 * ce, 4);
    expect(r.kl.dataSync()[0]).toBe(0);
  });
});

describe('dropout rates (seeded, 100k draws; binomial sd ≈ 0.0011, tolerance 0.006 ≈ 5 sd)', () => {
  it('DropToken replaces ~15 % of input ids by the pad id 0, exactly where u < rate', () => {
    const n = 25_000;
    const ids = tf.fill([n, 4], 7, 'int32') as tf.Tensor2D;
    const u = tf.randomUniform([n, 4], 0, 1, 'float32', 11) as tf.Tensor2D;
    const out = dropTokens(ids, u, 0.15).dataSync();
    const uv = u.dataSync();
    let dropped = 0;
    for (let i = 0; i < out.length; i++) {
      expect(out[i]).toBe(uv[i] < 0.15 ? 0 : 7);
      if (out[i] === 0) dropped++;
    }
    expect(Math.abs(dropped / out.length - 0.15)).toBeLessThan(0.006);
  });

  it('inverted dropout zeroes ~15 % and keeps the mean', () => {
    const n = 100_000;
    const x = tf.ones([n]);
    const out = invertedDropout(x, tf.randomUniform([n], 0, 1, 'float32', 12), 0.15).dataSync();
    let zeros = 0;
    let sum = 0;
    for (const v of out) {
      if (v === 0) zeros++;
      else expect(v).toBeCloseTo(1 / 0.85, 5);
      sum += v;
    }
    expect(Math.abs(zeros / n - 0.15)).toBeLessThan(0.006);
    // Mean of a Bernoulli(0.85)/0.85 variable: 1, sd per draw 0.42 → sd of mean 0.0013.
    expect(Math.abs(sum / n - 1)).toBeLessThan(0.007);
  });
});

describe('WASM-friendly gradients agree with TensorFlow.js built-ins', () => {
  it('mm2 gradient equals tf.matMul gradient', () => {
    const a = tf.randomNormal([5, 3], 0, 1, 'float32', 1) as tf.Tensor2D;
    const b = tf.randomNormal([3, 4], 0, 1, 'float32', 2) as tf.Tensor2D;
    const w = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    const g1 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mm2(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b]);
    const g2 = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b]);
    for (let i = 0; i < 2; i++) expect(Array.from(g1[i].dataSync())).toEqual(Array.from(g2[i].dataSync()).map((v) => expect.closeTo(v, 5)));
  });

  it('cross-entropy gradient is (softmax − one-hot)/N, as the built-in log-sum-exp gives', () => {
    const logits = tf.randomNormal([3, 5], 0, 2, 'float32', 9);
    const labels = tf.tensor1d([4, 0, 2], 'int32');
    const mine = tf.grad((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, labels))(logits).dataSync();
    const ref = tf.grad((x: tf.Tensor) => tf.mean(tf.sub(tf.logSumExp(x, -1), tf.sum(tf.mul(x, tf.oneHot(labels, 5)), -1))))(logits).dataSync();
    Array.from(mine).forEach((v, i) => expect(v).toBeCloseTo(ref[i], 5));
  });

  it('embedding gradient sums duplicate rows', () => {
    const table = tf.randomNormal([6, 3], 0, 1, 'float32', 4);
    const ids = tf.tensor1d([1, 4, 1, 5], 'int32');
    const g = tf.grad((t: tf.Tensor) => tf.sum(embed(t, ids)))(table).arraySync() as number[][];
    expect(g.map((r) => r[0])).toEqual([0, 2, 0, 0, 1, 1]);
  });
});

describe('shapes', () => {
  it('init matches autoencoderShapes and the paper-style layout', () => {
    const params = initAutoencoder(tiny, new Mulberry32(1));
    const shapes = autoencoderShapes(tiny);
    expect([...params.keys()].sort()).toEqual([...shapes.keys()].sort());
    for (const [n, v] of params) expect(v.shape).toEqual(shapes.get(n));
    const out = encode(params, tiny, tf.tensor2d([[1, 2, 3, 4]], undefined, 'int32'));
    expect(out.mu.shape).toEqual([1, 8]);
    expect(decodeLogits(params, tiny, out.mu).shape).toEqual([1, 4, 50]);
  });
});
