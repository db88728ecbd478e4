/**
 * argmax over the columns of x·w (+ bias), the greedy read-out of the decoder's tied embedding:
 * x = [R, d] hidden rows, w = the transposed embedding [d, vocab]. A backend may register a fused kernel
 * under MATMUL_ARGMAX_KERNEL (src/engine/webgpu-kernels.ts does so for WebGPU: no [R, vocab] logits
 * are written); every other backend computes tf.argMax(tf.matMul(x, w) (+ bias), 1).
 * Pure TensorFlow.js core: no DOM, no backend package.
 */
import * as tf from '@tensorflow/tfjs-core';

/** The registered kernel's name. Inputs `{ x, w }` or `{ x, w, bias }`; output int32 [R]; no attributes. */
export const MATMUL_ARGMAX_KERNEL = 'MatMulBiasArgMax';

/** True when the current backend has the fused kernel (else matMulArgMax runs the plain TF.js ops). */
export function hasFusedMatMulArgMax(): boolean {
  const backend = tf.getBackend();
  return !!backend && !!tf.getKernel(MATMUL_ARGMAX_KERNEL, backend);
}

/**
 * For each row r of x: the column n that maximises (x·w)[r, n] + bias[n]. int32 [R]; ties give the lowest
 * index (as tf.argMax on CPU/WASM). x: float32 [R, K]; w: float32 [K, N] with N ≥ 1; bias: float32 [N].
 * Throws on shape mismatches. With the fused kernel, a near tie (logits equal to float32 rounding) may
 * resolve differently from the plain path, since the sums are not formed in the same order.
 */
export function matMulArgMax(x: tf.Tensor2D, w: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor1D {
  if (x.rank !== 2 || w.rank !== 2) throw new Error(`matMulArgMax: x and w must be 2-D (got ranks ${x.rank} and ${w.rank})`);
  const [, K] = x.shape;
  const [Kw, N] = w.shape;
  if (K !== Kw) throw new Error(`matMulArgMax: x is [${x.shape}] but w is [${w.shape}] (inner sizes differ)`);
  if (N < 1) throw new Error('matMulArgMax: w has no columns');
  if (bias && (bias.rank !== 1 || bias.shape[0] !== N)) throw new Error(`matMulArgMax: bias is [${bias.shape}], want [${N}]`);
  const allFloat = x.dtype === 'float32' && w.dtype === 'float32' && (!bias || bias.dtype === 'float32');
  if (allFloat && hasFusedMatMulArgMax()) {
    const inputs: tf.NamedTensorMap = bias ? { x, w, bias } : { x, w };
    return tf.engine().runKernel(MATMUL_ARGMAX_KERNEL, inputs) as tf.Tensor1D;
  }
  return tf.tidy(() => {
    const logits = tf.matMul(x, w);
    return tf.argMax(bias ? tf.add(logits, bias) : logits, 1) as tf.Tensor1D;
  });
}
