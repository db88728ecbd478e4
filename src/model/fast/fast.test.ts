/**
 * The prepared inference path (src/model/fast/) against the general one on the shipped stories weights:
 * the backbone step's hidden state, the head's samples for the same seed and the decoded ids agree
 * (hidden state and samples within 1e-4, ids exactly), over several steps past a general-path prefill,
 * and nothing leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { decodeIds, transposedEmbedding } from '../autoencoder.ts';
import { baselineStep, newBaselineCache } from '../baseline.ts';
import { calmStep, newCalmCache, sampleChunks } from '../calm.ts';
import type { EngineModels } from '../../engine/models.ts';
import { FastDecoder } from './decoder.ts';
import { sampleFromProbs, makeRng } from '../random.ts';
import { FastBaseline, FastCalm } from './lm.ts';

let models: EngineModels;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
}, 120_000);

afterAll(() => {
  // models are freed with the process
});

describe('prepared inference path', () => {
  it('CALM: steps, head samples and decoded ids equal the general path', async () => {
    const { calm, ae } = models.sets.stories!;
    const before = tf.memory().numTensors;
    const fast = await FastCalm.prepare(calm.params, calm.cfg);
    const dec = await FastDecoder.prepare(ae.params, ae.cfg);
    const embT = transposedEmbedding(ae.params);
    const ref = newCalmCache(calm.cfg);
    const mine = newCalmCache(calm.cfg);
    const prompt = tf.tensor3d(Int32Array.from({ length: 12 }, (_, i) => 5 + 37 * i), [1, 3, 4], 'int32');
    tf.dispose(calmStep(calm.params, calm.cfg, prompt, ref));
    tf.dispose(calmStep(calm.params, calm.cfg, prompt, mine));
    prompt.dispose();
    let chunk = [11, 220, 7, 1000];
    let worstH = 0;
    let worstZ = 0;
    for (let s = 0; s < 6; s++) {
      const x = tf.tensor3d(chunk, [1, 1, 4], 'int32');
      const hRef = calmStep(calm.params, calm.cfg, x, ref);
      x.dispose();
      const hFast = fast.step(chunk, mine);
      worstH = Math.max(worstH, maxAbsDiff(await hRef.data(), await hFast.data()));
      const zRef = sampleChunks(calm.params, calm.cfg, hRef, 8, 1234 + s);
      const zFast = fast.sample(hFast, 8, 1234 + s);
      worstZ = Math.max(worstZ, maxAbsDiff(await zRef.data(), await zFast.data()));
      const idsRef = tf.tidy(() => decodeIds(ae.params, ae.cfg, zRef, embT));
      const idsFast = dec.decodeIds(zRef);
      expect(Array.from(await idsFast.data())).toEqual(Array.from(await idsRef.data()));
      chunk = Array.from((await idsRef.data()).subarray(0, 4));
      tf.dispose([hRef, hFast, zRef, zFast, idsRef, idsFast]);
    }
    expect(mine.length).toBe(ref.length);
    expect(worstH).toBeLessThan(1e-4);
    expect(worstZ).toBeLessThan(1e-4);
    ref.dispose();
    mine.dispose();
    embT.dispose();
    fast.dispose();
    dec.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('baseline: logits of several steps equal the general path', async () => {
    const { baseline } = models.sets.stories!;
    const before = tf.memory().numTensors;
    const fast = await FastBaseline.prepare(baseline.params, baseline.cfg);
    const ref = newBaselineCache(baseline.cfg);
    const mine = newBaselineCache(baseline.cfg);
    const prompt = tf.tensor2d(Int32Array.from({ length: 9 }, (_, i) => 3 + 101 * i), [1, 9], 'int32');
    tf.dispose(baselineStep(baseline.params, baseline.cfg, prompt, ref));
    tf.dispose(baselineStep(baseline.params, baseline.cfg, prompt, mine));
    prompt.dispose();
    let worst = 0;
    let id = 42;
    for (let s = 0; s < 6; s++) {
      const x = tf.tensor2d([id], [1, 1], 'int32');
      const a = baselineStep(baseline.params, baseline.cfg, x, ref);
      x.dispose();
      const b = fast.step(id, mine);
      const av = await a.data();
      worst = Math.max(worst, maxAbsDiff(av, await b.data()));
      id = av.indexOf(Math.max(...av));
      tf.dispose([a, b]);
    }
    expect(worst).toBeLessThan(1e-4);
    ref.dispose();
    mine.dispose();
    fast.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('the baseline draw on the device picks the host draw\'s token (inverse CDF, any T)', async () => {
    // 300 draws from a peaked 4096-way distribution at T = 1 and T = ½; a mismatch is allowed only where u
    // lies within 1e-5 of a CDF boundary (float32 sums on the device, float64 on the host): none expected.
    const rng = makeRng(3);
    const logits = tf.tidy(() => tf.mul(tf.randomNormal([4096], 0, 1, 'float32', 7), 3)) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    let mismatches = 0;
    for (const T of [1, 0.5]) {
      const p = tf.tidy(() => tf.softmax(tf.div(logits, T)));
      const probs = await p.data();
      p.dispose();
      for (let i = 0; i < 150; i++) {
        const u = rng.next();
        const id = tf.tidy(() => FastBaseline.drawOnDevice(logits, T, u));
        const got = (await id.data())[0];
        id.dispose();
        if (got !== sampleFromProbs(probs, u)) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
    logits.dispose();
  });
});
