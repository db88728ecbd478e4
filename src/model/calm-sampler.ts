/**
 * Temperature samplers wired to CALM (CALM.md §5): a DrawBatch whose one call of size n runs the
 * energy head n times in ONE batched call (h repeated, independent noise) and decodes all n latents
 * with the autoencoder in ONE batched call. Outcomes are decoded K-token chunks, compared as token
 * tuples by the samplers. Owns its tensors: nothing it creates outlives a call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, type AEConfig } from './autoencoder.ts';
import { sampleChunks, type CalmConfig } from './calm.ts';
import type { Params } from './params.ts';
import { type Rng } from './random.ts';
import type { DrawBatch, Outcome } from './sampling/types.ts';

export interface CalmDrawerDeps {
  /** Head: h [1,d] → z [count, l] in one call. */
  head: (h: tf.Tensor2D, count: number, seed: number) => tf.Tensor2D;
  /** Decoder: z [n, l] → ids [n, K] in one call. */
  decode: (z: tf.Tensor2D) => tf.Tensor2D;
}

export interface CalmDrawerStats {
  headCalls: number;
  decodeCalls: number;
  draws: number;
}

/** The real head and decoder of a CALM model and its autoencoder. */
export function calmDeps(calm: Params, calmCfg: CalmConfig, ae: Params, aeCfg: AEConfig): CalmDrawerDeps {
  return {
    head: (h, count, seed) => sampleChunks(calm, calmCfg, h, count, seed),
    decode: (z) => decodeIds(ae, aeCfg, z),
  };
}

/**
 * A DrawBatch for the next chunk after hidden state `h` ([1,d] or [d]; the caller keeps owning it).
 * Noise seeds come from `rng`, so the same rng state gives the same draws.
 */
export function calmChunkDrawer(deps: CalmDrawerDeps, h: tf.Tensor, rng: Rng, stats?: CalmDrawerStats): DrawBatch {
  return async (n: number) => {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`draw count must be a positive integer, got ${n}`);
    const seed = Math.floor(rng.next() * 2 ** 32) >>> 0;
    const h2 = (h.rank === 1 ? tf.reshape(h, [1, -1]) : h) as tf.Tensor2D;
    let z: tf.Tensor2D | null = null;
    let ids: tf.Tensor2D | null = null;
    try {
      z = deps.head(h2, n, seed);
      if (stats) stats.headCalls++;
      ids = deps.decode(z);
      if (stats) stats.decodeCalls++;
      const [rows, K] = ids.shape;
      if (rows !== n) throw new Error(`decoder returned ${rows} chunks for ${n} draws`);
      const flat = await ids.data();
      const out: Outcome[] = [];
      for (let i = 0; i < n; i++) out.push(Array.from(flat.subarray(i * K, (i + 1) * K)));
      if (stats) stats.draws += n;
      return out;
    } finally {
      if (h2 !== h) h2.dispose();
      z?.dispose();
      ids?.dispose();
    }
  };
}
