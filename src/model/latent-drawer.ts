/**
 * calmChunkDrawer (calm-sampler.ts) plus a memory of latents: the samplers only see decoded chunks, but
 * the playground also shows the *vector* that was chosen. For each distinct chunk drawn, the first latent
 * that decoded to it is kept as plain numbers (bounded by `maxKept`). Owns no tensors after a call.
 */
import * as tf from '@tensorflow/tfjs-core';
import { calmChunkDrawer, type CalmDrawerDeps, type CalmDrawerStats } from './calm-sampler.ts';
import type { Rng } from './random.ts';
import { outcomeKey, type DrawBatch } from './sampling/types.ts';

export interface RecordingDrawer {
  draw: DrawBatch;
  /** The first latent seen for a chunk (by outcome key), if kept. */
  latentOf(key: string): Float32Array | undefined;
}

export function recordingDrawer(deps: CalmDrawerDeps, h: tf.Tensor, rng: Rng, stats?: CalmDrawerStats, maxKept = 4096): RecordingDrawer {
  const kept = new Map<string, Float32Array>();
  let pending: tf.Tensor2D | null = null;
  const spying: CalmDrawerDeps = {
    head: (hh, count, seed) => {
      const z = deps.head(hh, count, seed);
      pending?.dispose();
      pending = tf.clone(z);
      return z;
    },
    decode: deps.decode,
  };
  const inner = calmChunkDrawer(spying, h, rng, stats);
  const draw: DrawBatch = async (n) => {
    try {
      const out = await inner(n);
      const z = pending;
      if (z) {
        const l = z.shape[1];
        const data = (await z.data()) as Float32Array;
        out.forEach((o, i) => {
          const key = outcomeKey(o);
          if (!kept.has(key) && kept.size < maxKept) kept.set(key, data.slice(i * l, (i + 1) * l));
        });
      }
      return out;
    } finally {
      pending?.dispose();
      pending = null;
    }
  };
  return { draw, latentOf: (key) => kept.get(key) };
}
