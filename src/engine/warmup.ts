/**
 * Warm-up: run every loaded model once on a tiny input, so that GPU shaders (WebGPU/WebGL) are
 * compiled and WASM kernels paged in before the app says "ready". Pure TF.js over the models; frees
 * every tensor it makes (tested in Node).
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeLogits, encode } from '../model/autoencoder.ts';
import { calmStep, newCalmCache, sampleChunks } from '../model/calm.ts';
import { baselineStep, newBaselineCache } from '../model/baseline.ts';
import type { EngineModels, LoadedAE, LoadedLMSet } from './models.ts';

/** Encode two chunks and decode them again (μ → logits → argmax). */
export async function warmUpAE(ae: LoadedAE, ids: Int32Array): Promise<void> {
  const K = ae.cfg.K;
  const rows = Math.max(1, Math.floor(ids.length / K));
  const out = tf.tidy(() => {
    const x = tf.tensor2d(ids.subarray(0, rows * K), [rows, K], 'int32');
    const { mu, logSigma } = encode(ae.params, ae.cfg, x);
    const z = logSigma ? tf.add(mu, tf.mul(tf.exp(logSigma), 0.1)) : mu;
    return tf.argMax(decodeLogits(ae.params, ae.cfg, z as tf.Tensor2D), -1);
  });
  try {
    await out.data();
  } finally {
    out.dispose();
  }
}

/** Two cached CALM steps (empty and non-empty cache), one head sample each, decoded by the set's AE. */
export async function warmUpCalm(set: LoadedLMSet, eosId: number): Promise<void> {
  const { params, cfg } = set.calm;
  const cache = newCalmCache(cfg);
  try {
    for (let step = 0; step < 2; step++) {
      const x = tf.tensor3d(new Int32Array(cfg.K).fill(eosId), [1, 1, cfg.K], 'int32');
      const h = calmStep(params, cfg, x, cache);
      x.dispose();
      const last = tf.reshape(h, [1, cfg.backbone.d]);
      const z = sampleChunks(params, cfg, last, 1, 12345 + step);
      const ids = tf.tidy(() => tf.argMax(decodeLogits(set.ae.params, set.ae.cfg, z), -1));
      // The prepared head too: on WebGPU it is one fused WGSL kernel, compiled on first use (≈ 0.4 s on SwiftShader).
      const zFast = step === 0 && set.calm.fast ? set.calm.fast.sample(last, 1, 12345) : null;
      try {
        await ids.data();
        if (zFast) await zFast.data();
      } finally {
        tf.dispose([h, last, z, ids, ...(zFast ? [zFast] : [])]);
      }
    }
  } finally {
    cache.dispose();
  }
}

/** Two cached baseline steps and a greedy pick. */
export async function warmUpBaseline(set: LoadedLMSet, eosId: number): Promise<void> {
  const { params, cfg } = set.baseline;
  const cache = newBaselineCache(cfg);
  try {
    for (let step = 0; step < 2; step++) {
      const x = tf.tensor2d([eosId], [1, 1], 'int32');
      const logits = baselineStep(params, cfg, x, cache);
      x.dispose();
      const pick = tf.argMax(logits, -1);
      try {
        await pick.data();
      } finally {
        tf.dispose([logits, pick]);
      }
    }
  } finally {
    cache.dispose();
  }
}

/** One warm-up task per model, named for the progress label. */
export function warmUpTasks(models: EngineModels, sets: LoadedLMSet[]): Array<{ name: string; run: () => Promise<void> }> {
  const eos = models.tokenizer.eosId;
  const ids = Int32Array.from(models.tokenizer.encode('Once upon a time, she said.'));
  const sample = ids.length >= 2 * models.ae.robust.cfg.K ? ids : new Int32Array(2 * models.ae.robust.cfg.K).fill(eos);
  const tasks = [
    { name: 'ae-robust', run: () => warmUpAE(models.ae.robust, sample) },
    { name: 'ae-plain', run: () => warmUpAE(models.ae.plain, sample) },
  ];
  for (const s of sets) {
    tasks.push({ name: `${s.set}-calm`, run: () => warmUpCalm(s, eos) });
    tasks.push({ name: `${s.set}-baseline`, run: () => warmUpBaseline(s, eos) });
  }
  return tasks;
}
