/**
 * The layer primitives that the autoencoder, the backbone (transformer.ts) and the energy head share,
 * in one place, over TensorFlow.js core and written to be fast on the WASM backend (PLATFORM.md):
 *  - differentiable building blocks: matmuls whose gradients use explicit transposes instead of the
 *    slow transposeA/transposeB flags, an embedding lookup whose gradient is a scatterND (the WASM
 *    backend has no UnsortedSegmentSum kernel for tf.gather's gradient), plain RMSNorm / LayerNorm / silu;
 *  - their inference-aware forms (`taping()`: without a gradient tape the custom-gradient wrappers are
 *    skipped; linearAuto, blockProducts) and the fused norms / silu with hand-written gradients (end of file).
 * The prepared generation path (src/model/fast/) folds weights once and has its own few kernels.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './params.ts';

type GradFn2 = (a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];
};

/** tf.customGrad for a function of two tensors, with precise parameter types. */
function customGrad2(f: GradFn2): (a: tf.Tensor, b: tf.Tensor) => tf.Tensor {
  const g = tf.customGrad(((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    f(args[0] as tf.Tensor, args[1] as tf.Tensor, args[2] as tf.GradSaveFunc)) as Parameters<typeof tf.customGrad>[0]);
  return (a, b) => g(a, b);
}

/** 2-D matmul a[m,k]·b[k,n] with a WASM-friendly gradient. */
export const mm2 = customGrad2((a, b, save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(sb) as tf.Tensor2D),
        tf.matMul(tf.transpose(sa) as tf.Tensor2D, dy as tf.Tensor2D),
      ];
    },
  };
}) as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Batched matmul a[B,m,k]·b[B,k,n] with a WASM-friendly gradient (rank-3 transposes only). */
export const bmm = customGrad2((a, b, save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [
        tf.matMul(dy as tf.Tensor3D, tf.transpose(sb, [0, 2, 1]) as tf.Tensor3D),
        tf.matMul(tf.transpose(sa, [0, 2, 1]) as tf.Tensor3D, dy as tf.Tensor3D),
      ];
    },
  };
}) as (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D;

/** x[..., in] · W[in, out] (+ b[out]): any leading shape. */
export function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const inDim = w.shape[0] as number;
  const outDim = w.shape[1] as number;
  if (x.shape[x.rank - 1] !== inDim) {
    throw new Error(`linear: input last dim ${x.shape[x.rank - 1]} ≠ weight rows ${inDim}`);
  }
  const lead = x.shape.slice(0, -1);
  let y: tf.Tensor = mm2(tf.reshape(x, [-1, inDim]) as tf.Tensor2D, w as tf.Tensor2D);
  if (b) y = tf.add(y, b);
  return tf.reshape(y, [...lead, outDim]);
}

/**
 * Embedding lookup table[V,d] at integer ids (any shape) → [...ids.shape, d].
 * The gradient scatters rows back into the table's shape (duplicates summed).
 */
export function embed(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const flat = tf.reshape(ids, [-1]) as tf.Tensor1D;
  const rows = embedRows(table, flat);
  return tf.reshape(rows, [...ids.shape, table.shape[1] as number]);
}

const embedRows = customGrad2((table, ids, save) => {
  save([ids]);
  const shape = table.shape as [number, number];
  return {
    value: tf.gather(table, ids as tf.Tensor1D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const idx = tf.reshape(saved[0], [-1, 1]);
      return [tf.scatterND(idx, dy, shape), tf.zerosLike(saved[0])];
    },
  };
}) as (table: tf.Tensor, ids: tf.Tensor) => tf.Tensor;

export function silu(x: tf.Tensor): tf.Tensor {
  return tf.mul(x, tf.sigmoid(x));
}

/** RMSNorm over the last axis with a learned gain. */
export function rmsNorm(x: tf.Tensor, gain: tf.Tensor, eps = 1e-6): tf.Tensor {
  const ms = tf.mean(tf.square(x), -1, true);
  return tf.mul(tf.mul(x, tf.rsqrt(tf.add(ms, eps))), gain);
}

/** Affine LayerNorm over the last axis. */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-6): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const xc = tf.sub(x, mean);
  const v = tf.mean(tf.square(xc), -1, true);
  return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(v, eps))), gain), bias);
}

/**
 * Mean softmax cross-entropy of logits[N,V] against integer labels[N]. Custom gradient
 * (softmax − one-hot)/N: the built-in log-sum-exp gradient goes through a broadcast Equal
 * that is very slow on WASM (≈ 0.5 s for 1024 × 4096 logits).
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return crossEntropyImpl(logits, labels) as tf.Scalar;
}

const crossEntropyImpl = customGrad2((logits, labels, save) => {
  const V = logits.shape[1] as number;
  const N = logits.shape[0] as number;
  const oneHot = tf.oneHot(labels as tf.Tensor1D, V);
  const m = tf.max(logits, -1, true);
  const shifted = tf.sub(logits, m);
  const lse = tf.log(tf.sum(tf.exp(shifted), -1));
  const picked = tf.sum(tf.mul(shifted, oneHot), -1);
  const value = tf.mean(tf.sub(lse, picked));
  const probs = tf.softmax(logits);
  save([probs, oneHot, labels]);
  return {
    value,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [p, oh, lab] = saved;
      return [tf.mul(tf.sub(p, oh), tf.div(dy, N)), tf.zerosLike(lab)];
    },
  };
});

/**
 * True while a gradient tape records (inside tf.grad / tf.variableGrads, outside any kernel): only then
 * do the custom gradients matter. Without a tape the same forward maths runs without their wrappers.
 */
export function taping(): boolean {
  return (tf.engine() as unknown as { isTapeOn(): boolean }).isTapeOn();
}

/** x[..., in]·W[in, out]: ops.linear (custom gradient) under a tape, a plain matMul otherwise (same kernel). */
export function linearAuto(x: tf.Tensor, w: tf.Tensor): tf.Tensor {
  if (taping()) return linear(x, w);
  const inDim = w.shape[0] as number;
  if (x.shape[x.rank - 1] !== inDim) throw new Error(`linear: input last dim ${x.shape[x.rank - 1]} ≠ weight rows ${inDim}`);
  if (x.rank === 2) return tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D);
  const lead = x.shape.slice(0, -1);
  return tf.reshape(tf.matMul(tf.reshape(x, [-1, inDim]) as tf.Tensor2D, w as tf.Tensor2D), [...lead, w.shape[1] as number]);
}

/** Batched a[B,m,k]·b[B,k,n]: ops.bmm under a tape, a plain matMul otherwise. */
export function bmmAuto(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return taping() ? bmm(a, b) : tf.matMul(a, b);
}

export function param(params: Params, name: string): tf.Variable {
  const v = params.get(name);
  if (!v) throw new Error(`missing parameter ${name}`);
  return v;
}

/**
 * Split a weight [in, n·w] into n column blocks [in, w]. Multiplying by the blocks is ~15 % faster
 * on WASM (forward + backward) than one fused matmul whose [R, n·w] output is then split.
 */
function columnBlocks(w: tf.Tensor, n: number): tf.Tensor[] {
  return tf.split(w, n, 1);
}

/**
 * x·W for the n column blocks of a fused weight W [in, n·w]. Training (and many-row inputs): multiply by
 * each block (≈ 15 % faster on WASM than splitting a large output). Few rows without a tape (generation
 * steps): one product with the whole weight, then split the small output (no weight copies).
 */
export function blockProducts(x: tf.Tensor, w: tf.Tensor, n: number): tf.Tensor[] {
  const rows = x.size / (x.shape[x.rank - 1] as number);
  if (taping() || rows > (w.shape[0] as number)) return columnBlocks(w, n).map((b) => linearAuto(x, b));
  return tf.split(linearAuto(x, w), n, -1);
}

/*
 * Fused ops with hand-written gradients, for the WASM backend. Autograd of a LayerNorm / RMSNorm /
 * silu built from primitive ops runs ~20 small kernels per call, and tf.add / tf.mul with a [w] vector
 * reduce their gradient with tf.sum over axis 0, which WASM runs as a transpose plus a sum. These do
 * the same maths with fewer kernels and column sums as a ones-row matmul. Measured on 4096×256
 * rows: LayerNorm + Linear(bias) fwd+bwd 123 → 99 ms, silu 15 → 12 ms. Values equal the ops.ts
 * versions (tested).
 */

type GradResult = { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[] };

/** tf.customGrad with plain tensor arguments (the save function comes last). */
export function fused<A extends tf.Tensor[]>(f: (...args: [...A, tf.GradSaveFunc]) => GradResult): (...args: A) => tf.Tensor {
  const g = tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]);
  const noSave: tf.GradSaveFunc = () => {};
  // Without a tape the gradient is never asked for: run the same forward without the wrapper.
  return (...args: A) => (taping() ? g(...args) : tf.tidy(() => f(...args, noSave).value));
}

/** Column sums of dy[R,w] as [w], via ones[1,R]·dy. */
function colSums(dy: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, dy.shape[0]]), dy), [dy.shape[1]]) as tf.Tensor1D;
}

/** x[R,w] + b[w] with the bias gradient as a matmul. */
const addRow2d = fused<[tf.Tensor, tf.Tensor]>((x, b, save) => {
  save([]);
  return {
    value: tf.add(x, b),
    gradFunc: (dy) => [dy, colSums(dy as tf.Tensor2D)],
  };
});

/** x[R,w]·g[w] + b[w] with the gain and bias gradients as matmuls. */
const affineRow2d = fused<[tf.Tensor, tf.Tensor, tf.Tensor]>((x, g, b, save) => {
  save([x, g]);
  return {
    value: tf.add(tf.mul(x, g), b),
    gradFunc: (dy, saved) => [
      tf.mul(dy, saved[1]),
      colSums(tf.mul(dy, saved[0]) as tf.Tensor2D),
      colSums(dy as tf.Tensor2D),
    ],
  };
});

/** x[..., w] + b[w] (any leading shape) with a fast bias gradient. */
export function addRow(x: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const w = b.shape[0] as number;
  return unrows(addRow2d(rows(x, w), b), x);
}

/** x as rows [R, w] (no reshape op when it already is 2-D: every op costs time on WASM). */
function rows(x: tf.Tensor, w: number): tf.Tensor {
  return x.rank === 2 ? x : tf.reshape(x, [-1, w]);
}

/** y [R, w] back in x's shape (no op when x is 2-D). */
function unrows(y: tf.Tensor, x: tf.Tensor): tf.Tensor {
  return x.rank === 2 ? y : tf.reshape(y, x.shape);
}

/** x[..., in]·W + b with fast gradients (mm2 for the product, a matmul for the bias). */
export function linearBias(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return addRow(linearAuto(x, w), b);
}

/**
 * x̂ = (x − mean)/√(var + ε) over the last axis of x[R,w], with a hand-written gradient
 * dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) / √(var + ε): about half the kernels of autograd's version.
 */
const normalizeRows = fused<[tf.Tensor, tf.Tensor]>((x, eps, save) => {
  const xc = tf.sub(x, tf.mean(x, -1, true));
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(xc), -1, true), eps));
  const xh = tf.mul(xc, rstd);
  save([xh, rstd]);
  return {
    value: xh,
    gradFunc: (dy, saved) => {
      const [sxh, srstd] = saved;
      const m1 = tf.mean(dy, -1, true);
      const m2 = tf.mean(tf.mul(dy, sxh), -1, true);
      return [tf.mul(tf.sub(tf.sub(dy, m1), tf.mul(sxh, m2)), srstd), tf.zerosLike(eps)];
    },
  };
});

/** Affine LayerNorm over the last axis (same value as ops.layerNorm) with fused, faster gradients. */
export function layerNormFast(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-6): tf.Tensor {
  const w = gain.shape[0] as number;
  const xh = normalizeRows(rows(x, w), tf.scalar(eps));
  return unrows(affineRow2d(xh, gain, bias), x);
}

/** silu(x) = x·σ(x) with the gradient σ(x)·(1 + x·(1 − σ(x))) written out (fewer kernels than autograd). */
export const siluFast = fused<[tf.Tensor]>((x, save) => {
  const sg = tf.sigmoid(x);
  save([x, sg]);
  return {
    value: tf.mul(x, sg),
    gradFunc: (dy, saved) => {
      const [sx, ss] = saved;
      return [tf.mul(dy, tf.mul(ss, tf.add(tf.mul(sx, tf.sub(1, ss)), 1)))];
    },
  };
});

/** x̂ = x/√(mean(x²) + ε) over the last axis of x[R,w]; dx = (dx̂ − x̂·mean(dx̂·x̂))/√(mean(x²) + ε). */
const rmsRows = fused<[tf.Tensor, tf.Tensor]>((x, eps, save) => {
  const rstd = tf.rsqrt(tf.add(tf.mean(tf.square(x), -1, true), eps));
  const xh = tf.mul(x, rstd);
  save([xh, rstd]);
  return {
    value: xh,
    gradFunc: (dy, saved) => {
      const [sxh, srstd] = saved;
      const m = tf.mean(tf.mul(dy, sxh), -1, true);
      return [tf.mul(tf.sub(dy, tf.mul(sxh, m)), srstd), tf.zerosLike(eps)];
    },
  };
});

/** x[R,w]·g[w] with the gain gradient as a matmul. */
const scaleRow2d = fused<[tf.Tensor, tf.Tensor]>((x, g, save) => {
  save([x, g]);
  return {
    value: tf.mul(x, g),
    gradFunc: (dy, saved) => [tf.mul(dy, saved[1]), colSums(tf.mul(dy, saved[0]) as tf.Tensor2D)],
  };
});

/** RMSNorm over the last axis with a learned gain (same value as ops.rmsNorm), fused gradient. */
export function rmsNormFast(x: tf.Tensor, gain: tf.Tensor, eps = 1e-6): tf.Tensor {
  const w = gain.shape[0] as number;
  return unrows(scaleRow2d(rmsRows(rows(x, w), tf.scalar(eps)), gain), x);
}
