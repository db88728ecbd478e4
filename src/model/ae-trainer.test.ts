import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { AETrainer, type AETrainerOptions } from './ae-trainer.ts';
import { AdamW } from './optim.ts';
import { ROBUST_TRAINING, PLAIN_TRAINING, aeLoss } from './autoencoder.ts';
import { Mulberry32, randInt } from './random.ts';

beforeAll(async () => {
  await initTf('wasm');
});

const V = 48;
const base = (variational: boolean): AETrainerOptions => ({
  arch: { K: 4, vocabSize: V, d: 16, ffn: 32, latent: 8, variational },
  objective: variational ? ROBUST_TRAINING : PLAIN_TRAINING,
  seed: 3, lr: 1e-2, warmupSteps: 5, totalSteps: 200,
});

/** A toy corpus: 64 fixed chunks; batches of 16 drawn with a seed. */
function batches(n: number, seed = 1): Int32Array[] {
  const rng = new Mulberry32(7);
  const pool = Int32Array.from({ length: 64 * 4 }, () => 1 + randInt(rng, V - 1));
  const r = new Mulberry32(seed);
  return Array.from({ length: n }, () => {
    const b = new Int32Array(16 * 4);
    for (let i = 0; i < 16; i++) {
      const c = randInt(r, 64);
      b.set(pool.subarray(c * 4, c * 4 + 4), i * 4);
    }
    return b;
  });
}

describe('AETrainer (the live Train panel model)', () => {
  it('is deterministic: the same seed, batches and noise seeds give the same losses', async () => {
    const run = async () => {
      const t = new AETrainer(base(true));
      const out: number[] = [];
      for (const [i, b] of batches(5).entries()) out.push((await t.trainStep(b, 100 + i)).loss);
      t.dispose();
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('learns: the loss falls and the held-out accuracy on the training chunks rises', async () => {
    const t = new AETrainer(base(false));
    const bs = batches(120);
    const first = await t.trainStep(bs[0], 1);
    const before = await t.heldout(bs[0], [], 0);
    let last = first;
    for (let i = 1; i < bs.length; i++) last = await t.trainStep(bs[i], 1 + i);
    const after = await t.heldout(bs[0], [], 0);
    expect(last.loss).toBeLessThan(first.loss * 0.5);
    expect(after.accuracy).toBeGreaterThan(before.accuracy + 0.3);
    expect(t.step).toBe(120);
    t.dispose();
  });

  it('keeps tf.memory() flat across steps and evaluations, and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const t = new AETrainer(base(true));
    const bs = batches(6);
    await t.trainStep(bs[0], 1);
    const after1 = tf.memory().numTensors;
    for (let i = 1; i < bs.length; i++) {
      await t.trainStep(bs[i], 1 + i);
      await t.heldout(bs[0], [0.5, 1], 9);
    }
    expect(tf.memory().numTensors).toBe(after1);
    t.dispose();
    expect(tf.memory().numTensors).toBe(start);
    await expect(t.trainStep(bs[0], 1)).rejects.toThrow(/after dispose/);
  });

  it("one step equals the training script's AdamW update, gradient clipping included (on the device here)", async () => {
    const b = batches(1)[0];
    const t = new AETrainer({ ...base(true), lr: 0.05, warmupSteps: 0 });
    // A copy of the initial parameters, updated by src/model/optim.ts's AdamW on the same loss.
    const ref = new Map([...t.params].map(([n, v]) => [n, tf.variable(tf.clone(v), true, `ref.${n}#${Math.random()}`)]));
    const opt = new AdamW({ ...t.optimizer }, ref);
    const names = new Map([...ref].map(([n, v]) => [v.name, n]));
    const { value, grads } = tf.variableGrads(() => {
      const x = tf.tensor2d(b, [16, 4], 'int32');
      return aeLoss(ref, t.opts.arch, t.opts.objective, x, {
        dropTokenU: tf.randomUniform([16, 4], 0, 1, 'float32', 42) as tf.Tensor2D,
        eps: tf.randomNormal([16, 8], 0, 1, 'float32', 43) as tf.Tensor2D,
        dropLatentU: tf.randomUniform([16, 8], 0, 1, 'float32', 44) as tf.Tensor2D,
      }).loss;
    }, [...ref.values()]);
    const named: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(grads)) named[names.get(k)!] = g;
    const gnorm = opt.apply(named);
    expect(gnorm).toBeGreaterThan(1); // the clip is active, so the test checks it
    const stats = await t.trainStep(b, 42);
    expect(stats.loss).toBeCloseTo((await value.data())[0], 4);
    for (const [n, v] of t.params) {
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(v, ref.get(n)!))).dataSync()[0]);
      expect(diff, n).toBeLessThan(1e-5);
    }
    tf.dispose([value, ...Object.values(grads)]);
    opt.dispose();
    for (const v of ref.values()) v.dispose();
    t.dispose();
  });

  it('held-out statistics: σ = 0 levels equal z = μ, RMS and mean σ are what they say', async () => {
    const t = new AETrainer(base(true));
    const b = batches(1)[0];
    const h = await t.heldout(b, [0, 1], 5);
    expect(h.byRelativeSigma[0].accuracy).toBe(h.accuracy);
    const { encode } = await import('./autoencoder.ts');
    const [rms, sigma] = tf.tidy(() => {
      const post = encode(t.params, t.opts.arch, tf.tensor2d(b, [16, 4], 'int32'));
      return [tf.sqrt(tf.mean(tf.square(post.mu))).dataSync()[0], tf.mean(tf.exp(post.logSigma!)).dataSync()[0]];
    });
    expect(h.latentRms).toBeCloseTo(rms, 5);
    expect(h.meanSigma).toBeCloseTo(sigma, 5);
    const plain = new AETrainer(base(false));
    expect((await plain.heldout(b, [], 0)).meanSigma).toBe(0);
    plain.dispose();
    t.dispose();
  });

  it('a non-finite loss fails the step before any update: the weights, moments and step stay as they were, nothing leaks', async () => {
    const t = new AETrainer(base(true));
    const b = batches(2);
    await t.trainStep(b[0], 1);
    const before = tf.memory().numTensors;
    const poisoned = t.params.get('enc.out.b')!;
    tf.tidy(() => poisoned.assign(tf.fill(poisoned.shape, NaN)));
    const snapshot = new Map([...t.params].filter(([n]) => n !== 'enc.out.b').map(([n, v]) => [n, Array.from(v.dataSync())]));
    await expect(t.trainStep(b[1], 2)).rejects.toThrow(/the loss is NaN at step 1/);
    expect(t.step).toBe(1);
    for (const [n, v] of t.params) if (n !== 'enc.out.b') expect(Array.from(v.dataSync()), n).toEqual(snapshot.get(n));
    expect(tf.memory().numTensors).toBe(before);
    t.dispose();
  });

  it('starts from a given embedding table, frozen or not', async () => {
    const values = Float32Array.from({ length: V * 16 }, (_, i) => Math.sin(i));
    const t = new AETrainer({ ...base(false), embedding: { values, freeze: true } });
    expect(Array.from(t.params.get('emb')!.dataSync()).slice(0, 5)).toEqual(Array.from(values.slice(0, 5)));
    expect(t.trainableCount).toBe(t.parameterCount - V * 16);
    await t.trainStep(batches(1)[0], 1);
    expect(t.params.get('emb')!.dataSync()[3]).toBe(values[3]);
    t.dispose();
    expect(() => new AETrainer({ ...base(false), embedding: { values: new Float32Array(3), freeze: false } })).toThrow(/embedding start/);
  });
});
