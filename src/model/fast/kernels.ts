/**
 * The few kernels the prepared inference path is made of, called straight through the engine so a
 * matmul is one kernel: tf.matMul on 2-D inputs adds three Reshape kernels around its BatchMatMul,
 * tf.split is a Slice per output (≈ 13 µs for two on WASM, more than a second small matmul), and every
 * kernel costs 3–7 µs of dispatch at this model size (d = 128) whatever its arithmetic. Activations are
 * kept as [1, rows, width] so BatchMatMul / _FusedMatMul take them as they are.
 *
 * Kernels are registered by every backend the app uses (WASM, WebGPU, WebGL, CPU). No gradients: this
 * is the inference path only. Call inside tf.tidy (the outputs are ordinary tracked tensors).
 */
import * as tf from '@tensorflow/tfjs-core';

export interface MatMulOptions {
  /** Rank-1 bias [out] added to every row (fused into the kernel). */
  bias?: tf.Tensor;
  /** Fused activation of (a·b + bias). */
  act?: 'sigmoid';
  /** b is [1, out, in] and used transposed. */
  transB?: boolean;
}

/** a[1|B, m, k]·b[1|B, k, n] (+ bias, activation) as one kernel. */
export function mm(a: tf.Tensor, b: tf.Tensor, o: MatMulOptions = {}): tf.Tensor3D {
  const transB = o.transB ?? false;
  if (!o.bias && !o.act) {
    return tf.engine().runKernel('BatchMatMul', { a, b }, { transposeA: false, transposeB: transB }) as tf.Tensor3D;
  }
  const inputs: Record<string, tf.Tensor> = { a, b };
  if (o.bias) inputs.bias = o.bias;
  return tf.engine().runKernel('_FusedMatMul', inputs as unknown as tf.NamedTensorMap, {
    transposeA: false, transposeB: transB, activation: o.act ?? 'linear',
  }) as tf.Tensor3D;
}

/** Constants a norm needs for width w: w·ε as a rank-1 bias, and a ones column [1, w, 1] (made by Owned.norm). */
export interface NormConsts {
  w: number;
  wEps: tf.Tensor1D;
  ones: tf.Tensor3D;
}

/**
 * r [1, R, 1] with x·r = x̂/√w for x [1, R, w], where x̂ = x/√(mean(x²) + ε) is the RMS-normalised x.
 * The √w goes into the next matrix (folded at preparation). One row: Σx² is x·xᵀ (+ w·ε fused), then
 * rsqrt — two kernels; more rows: square, a ones-column matmul (+ w·ε), rsqrt.
 */
export function rmsInv(x: tf.Tensor, c: NormConsts): tf.Tensor {
  const rows = x.shape[1] as number;
  const ss = rows === 1 ? mm(x, x, { bias: c.wEps, transB: true }) : mm(tf.square(x), c.ones, { bias: c.wEps });
  return tf.rsqrt(ss);
}

/**
 * An AELayer / backbone MLP on RMS-normalised rows hn: silu(hn·G)·(hn·U)·D, with silu(g) as g·σ(g) and G, U
 * as separate matrices (two matmuls cost less than splitting one [gate | up] output).
 */
export function swiGLU(hn: tf.Tensor, gate: tf.Tensor3D, up: tf.Tensor3D, down: tf.Tensor3D): tf.Tensor {
  const g = mm(hn, gate);
  return mm(tf.mul(tf.mul(g, tf.sigmoid(g)), mm(hn, up)), down);
}

/** Rows up to which centring is one matmul by C = I − 11ᵀ/w (one kernel) rather than mean and subtract (two, less arithmetic). */
const CENTRE_BY_MATMUL_ROWS = 8;

/** C = I − 11ᵀ/w as [1, w, w] (x·C is x minus its row mean). Owned by the caller. */
export function centringMatrix(w: number): tf.Tensor3D {
  const c = new Float32Array(w * w).fill(-1 / w);
  for (let i = 0; i < w; i++) c[i * w + i] += 1;
  return tf.tensor3d(c, [1, w, w]);
}

/** x [1, R, w] minus its row mean (a LayerNorm's centring where it cannot be folded into a matrix). */
export function centre(x: tf.Tensor, C: tf.Tensor3D): tf.Tensor {
  return (x.shape[1] as number) <= CENTRE_BY_MATMUL_ROWS ? mm(x, C) : tf.sub(x, tf.mean(x, -1, true));
}

/** Tensors a prepared model owns, freed together. */
export class Owned {
  private list: tf.Tensor[] = [];
  add<T extends tf.Tensor>(t: T): T {
    this.list.push(t);
    return t;
  }
  vec(v: Float32Array): tf.Tensor1D {
    return this.add(tf.tensor1d(v));
  }
  /** The constants rmsInv needs for width w, owned here. */
  norm(w: number, eps: number): NormConsts {
    return { w, wEps: this.vec(Float32Array.of(w * eps)), ones: this.add(tf.ones([1, w, 1]) as tf.Tensor3D) };
  }
  dispose(): void {
    tf.dispose(this.list);
    this.list = [];
  }
  get count(): number {
    return this.list.length;
  }
}
