/**
 * The discrete baseline's side of the temperature sweep: after one context, sample several K-token
 * continuations at once, row r at softmax temperature temps[r] (P_T ∝ softmax(logits / T)), with a KV
 * cache (one prefill, then one position per token for all rows together). Manages its own memory.
 */
import * as tf from '@tensorflow/tfjs-core';
import { baselineStep, newBaselineCache, type BaselineConfig } from './baseline.ts';
import type { Params } from './params.ts';
import type { Rng } from './random.ts';
import { sampleIndex } from './sweep.ts';
import { KVCache } from './transformer.ts';

/**
 * A cache for B rows from a one-row cache, by tiling its keys/values; null when the cache is not laid out
 * as [heads, length, hd] per layer (then the caller prefills B rows instead).
 */
function tileCache(cache: KVCache, B: number): KVCache | null {
  const layers = cache.layers;
  const H = cache.cfg.heads;
  if (!layers || !layers.every((l) => l.k.rank === 3 && l.v.rank === 3 && l.k.shape[0] === H && l.k.shape[1] === cache.length)) return null;
  const out = new KVCache(cache.cfg);
  out.layers = layers.map((l) => ({ k: tf.tile(l.k, [B, 1, 1]) as tf.Tensor3D, v: tf.tile(l.v, [B, 1, 1]) as tf.Tensor3D }));
  out.length = cache.length;
  return out;
}

/** Sample one token per row from the last position of logits [B,t,V] at the rows' temperatures. */
async function sampleRows(logits: tf.Tensor3D, temps: tf.Tensor2D, rng: Rng): Promise<number[]> {
  const [B, t, V] = logits.shape;
  const probs = tf.tidy(() => {
    const last = tf.reshape(tf.slice(logits, [0, t - 1, 0], [B, 1, V]), [B, V]);
    return tf.softmax(tf.div(last, temps));
  });
  try {
    const p = await probs.data();
    const out: number[] = [];
    for (let r = 0; r < B; r++) out.push(sampleIndex(p, rng.next(), r * V, (r + 1) * V));
    return out;
  } finally {
    probs.dispose();
  }
}

/**
 * Continuations of `length` tokens after `context` (already framed: K eos tokens first), one per entry
 * of `temps` (each in (0, 1]); the same temperature may appear several times for independent samples.
 */
export async function sampleBaselineContinuations(
  params: Params, cfg: BaselineConfig, context: Int32Array, temps: readonly number[], length: number, rng: Rng,
): Promise<number[][]> {
  const B = temps.length;
  if (B === 0) return [];
  if (context.length + length - 1 > cfg.backbone.maxLen) {
    throw new RangeError(`baseline: ${context.length} context tokens + ${length} sampled exceed maxLen ${cfg.backbone.maxLen}`);
  }
  const T = tf.tensor2d(Float32Array.from(temps), [B, 1]);
  const one = newBaselineCache(cfg);
  let cache: KVCache | null = null;
  const rows: number[][] = temps.map(() => []);
  try {
    const x = tf.tensor2d(context, [1, context.length], 'int32');
    let logits: tf.Tensor3D;
    try {
      logits = baselineStep(params, cfg, x, one);
    } finally {
      x.dispose();
    }
    try {
      // One prefill serves every row: broadcast its last logits to B rows.
      const V = logits.shape[2];
      const wide = tf.tidy(() => tf.tile(tf.slice(logits, [0, logits.shape[1] - 1, 0], [1, 1, V]), [B, 1, 1]) as tf.Tensor3D);
      try {
        const first = await sampleRows(wide, T, rng);
        first.forEach((id, r) => rows[r].push(id));
      } finally {
        wide.dispose();
      }
    } finally {
      logits.dispose();
    }
    if (length > 1) {
      cache = tileCache(one, B);
      if (!cache) {
        cache = newBaselineCache(cfg);
        const xb = tf.tensor2d(Int32Array.from({ length: B * context.length }, (_, i) => context[i % context.length]), [B, context.length], 'int32');
        try {
          baselineStep(params, cfg, xb, cache).dispose();
        } finally {
          xb.dispose();
        }
      }
      one.dispose();
      for (let k = 1; k < length; k++) {
        const ids = tf.tensor2d(rows.map((r) => r[k - 1]), [B, 1], 'int32');
        let lg: tf.Tensor3D;
        try {
          lg = baselineStep(params, cfg, ids, cache);
        } finally {
          ids.dispose();
        }
        try {
          const next = await sampleRows(lg, T, rng);
          next.forEach((id, r) => rows[r].push(id));
        } finally {
          lg.dispose();
        }
      }
    }
    return rows;
  } finally {
    T.dispose();
    one.dispose();
    cache?.dispose();
  }
}
