/**
 * Rotary position embedding (RoPE), in the **rotate-half** convention of Llama / Hugging Face:
 * a head vector x of size hd is split into halves x₁ = x[0 : hd/2], x₂ = x[hd/2 : hd], and the
 * pair (x₁[i], x₂[i]) is rotated by the angle p·θ^(−2i/hd) at position p:
 *
 *   rope(x, p)[i]        = x₁[i]·cos(p·ω_i) − x₂[i]·sin(p·ω_i)
 *   rope(x, p)[i + hd/2] = x₂[i]·cos(p·ω_i) + x₁[i]·sin(p·ω_i),      ω_i = θ^(−2i/hd)
 *
 * i.e. rope(x) = x ⊙ cos + rotateHalf(x) ⊙ sin with rotateHalf(x) = [−x₂, x₁] and the cos / sin
 * tables holding each frequency twice ([ω₀ … ω_{hd/2−1}, ω₀ … ω_{hd/2−1}]).
 */
import * as tf from '@tensorflow/tfjs-core';

/** cos and sin tables [T, hd] (float32 arrays) for positions offset … offset+T−1. */
export function ropeTableData(T: number, hd: number, theta: number, offset = 0): { cos: Float32Array; sin: Float32Array } {
  if (hd % 2 !== 0) throw new Error(`RoPE needs an even head size (got ${hd})`);
  const half = hd / 2;
  const cos = new Float32Array(T * hd);
  const sin = new Float32Array(T * hd);
  for (let t = 0; t < T; t++) {
    const p = offset + t;
    for (let i = 0; i < half; i++) {
      const a = p * Math.pow(theta, (-2 * i) / hd);
      const c = Math.cos(a);
      const s = Math.sin(a);
      cos[t * hd + i] = c;
      cos[t * hd + half + i] = c;
      sin[t * hd + i] = s;
      sin[t * hd + half + i] = s;
    }
  }
  return { cos, sin };
}

/** [−x₂, x₁] along the last axis. */
export function rotateHalf(x: tf.Tensor): tf.Tensor {
  const hd = x.shape[x.rank - 1] as number;
  const [x1, x2] = tf.split(x, [hd / 2, hd / 2], -1);
  return tf.concat([tf.neg(x2), x1], -1);
}

/**
 * Apply RoPE to x[..., T, hd] (any leading shape, e.g. [B·H, T, hd]) for positions
 * offset … offset+T−1. Differentiable (split/concat/mul only).
 */
export function applyRope(x: tf.Tensor, theta: number, offset = 0): tf.Tensor {
  const T = x.shape[x.rank - 2] as number;
  const hd = x.shape[x.rank - 1] as number;
  const { cos, sin } = ropeTableData(T, hd, theta, offset);
  const c = tf.tensor2d(cos, [T, hd]);
  const s = tf.tensor2d(sin, [T, hd]);
  return tf.add(tf.mul(x, c), tf.mul(rotateHalf(x), s));
}
