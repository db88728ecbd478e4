/**
 * Differentiable building blocks over TensorFlow.js core, written to be fast on the WASM
 * backend (PLATFORM.md): matmuls whose gradients use explicit transposes instead of the
 * slow transposeA/transposeB flags, and an embedding lookup whose gradient is a scatterND
 * (the WASM backend has no UnsortedSegmentSum kernel for tf.gather's gradient).
 */
import * as tf from '@tensorflow/tfjs-core';

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
