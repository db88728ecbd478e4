/**
 * CALM's energy head and energy loss (CALM.md §2).
 *
 * Head (one pass = one sample of the next latent z per noise vector), width w:
 *   x = LN(Linear(noiseDim→w)(ε)),  ε ~ U[−0.5, 0.5]^noiseDim, fresh for every sample
 *   c = LN(Linear(d→w)(h))                                computed once per position
 *   blocks × { u = Linear(2w→w)(concat(LN(x), c)); u = Linear(w→w)(silu(u));
 *              g, v = split(Linear(w→2w)(silu(u))); x = x + Linear(w→w)(silu(g)·v) }
 *   z = Linear(w→l)(silu(Linear(w→w)(LN(x))))              the last Linear starts at zero
 * Linears carry biases (PyTorch nn.Linear default, zero-initialised); LayerNorms are affine, ε = 1e-6.
 * Exact refactoring for speed: Linear(2w→w)(concat(LN(x), c)) = LN(x)·W[0:w] + c·W[w:2w] + b, and the
 * c part is computed once per position and broadcast over its samples (same parameters, same value).
 *
 * Energy loss (α = 1), per position with N samples x̃ and M targets y, averaged over positions:
 *   2/(N·M)·Σ_n Σ_m ‖x̃_n − y_m‖ − 1/(N(N−1))·Σ_{n≠k} ‖x̃_n − x̃_k‖
 * Cross and self distances from batched matmuls (‖x‖² + ‖y‖² − 2x·y, clamped at 0, ε inside the sqrt,
 * hand-written gradients), self distances with an off-diagonal mask: no NaN gradient when samples coincide.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ParamBuilder, Params } from './params.ts';
import { addRow, blockProducts, fused, layerNormFast, linearAuto, linearBias, param, siluFast as silu, taping } from './ops.ts';

export interface EnergyHeadConfig {
  /** Width of the conditioning hidden state h (the backbone's d). */
  d: number;
  /** Head width w (may differ from d). */
  width: number;
  /** Residual blocks (paper: layers / 4, at least 1). */
  blocks: number;
  /** Noise dimension (paper: 64). */
  noiseDim: number;
  /** Latent dimension l of the autoencoder. */
  latent: number;
}

const LN_EPS = 1e-6;

function addLinear(pb: ParamBuilder, name: string, fanIn: number, fanOut: number, std = 1 / Math.sqrt(fanIn)): void {
  if (std === 0) pb.zeros(`${name}.w`, [fanIn, fanOut]);
  else pb.matrix(`${name}.w`, fanIn, fanOut, std);
  pb.zeros(`${name}.b`, [fanOut]);
}

function addLN(pb: ParamBuilder, name: string, dim: number): void {
  pb.ones(`${name}.g`, [dim]);
  pb.zeros(`${name}.b`, [dim]);
}

/** Add the head's parameters to a builder under `prefix`. */
export function addEnergyHeadParams(pb: ParamBuilder, cfg: EnergyHeadConfig, prefix: string): void {
  const { d, width: w, noiseDim, latent } = cfg;
  addLinear(pb, `${prefix}.noise`, noiseDim, w);
  addLN(pb, `${prefix}.noiseLn`, w);
  addLinear(pb, `${prefix}.cond`, d, w);
  addLN(pb, `${prefix}.condLn`, w);
  const resid = 1 / Math.sqrt(2 * cfg.blocks);
  for (let i = 0; i < cfg.blocks; i++) {
    const p = `${prefix}.${i}`;
    addLN(pb, `${p}.ln`, w);
    addLinear(pb, `${p}.in`, 2 * w, w);
    addLinear(pb, `${p}.mid`, w, w);
    addLinear(pb, `${p}.gv`, w, 2 * w);
    addLinear(pb, `${p}.out`, w, w, resid / Math.sqrt(w));
  }
  addLN(pb, `${prefix}.finalLn`, w);
  addLinear(pb, `${prefix}.final1`, w, w);
  addLinear(pb, `${prefix}.final2`, w, latent, 0);
}

/** Parameter shapes of the head under `prefix`. */
export function energyHeadShapes(cfg: EnergyHeadConfig, prefix: string, into = new Map<string, number[]>()): Map<string, number[]> {
  const { d, width: w, noiseDim, latent } = cfg;
  const lin = (n: string, i: number, o: number) => (into.set(`${n}.w`, [i, o]), into.set(`${n}.b`, [o]));
  const ln = (n: string) => (into.set(`${n}.g`, [w]), into.set(`${n}.b`, [w]));
  lin(`${prefix}.noise`, noiseDim, w);
  ln(`${prefix}.noiseLn`);
  lin(`${prefix}.cond`, d, w);
  ln(`${prefix}.condLn`);
  for (let i = 0; i < cfg.blocks; i++) {
    const p = `${prefix}.${i}`;
    ln(`${p}.ln`);
    lin(`${p}.in`, 2 * w, w);
    lin(`${p}.mid`, w, w);
    lin(`${p}.gv`, w, 2 * w);
    lin(`${p}.out`, w, w);
  }
  ln(`${prefix}.finalLn`);
  lin(`${prefix}.final1`, w, w);
  lin(`${prefix}.final2`, w, latent);
  return into;
}

function lin(params: Params, name: string, x: tf.Tensor): tf.Tensor {
  return linearBias(x, param(params, `${name}.w`), param(params, `${name}.b`));
}

function ln(params: Params, name: string, x: tf.Tensor): tf.Tensor {
  return layerNormFast(x, param(params, `${name}.g`), param(params, `${name}.b`), LN_EPS);
}

/**
 * Run the head: h[P,d] (one hidden state per position) and noise[P,n,noiseDim] (uniform in
 * [−0.5, 0.5], independent per sample) → z[P,n,l], n samples per position. Call inside a tidy.
 */
export function energyHeadSample(params: Params, cfg: EnergyHeadConfig, prefix: string, h: tf.Tensor2D, noise: tf.Tensor3D): tf.Tensor3D {
  const [P, n, nd] = noise.shape;
  if (h.shape[0] !== P || nd !== cfg.noiseDim) {
    throw new Error(`energy head: h [${h.shape}] and noise [${noise.shape}] do not match (noiseDim ${cfg.noiseDim})`);
  }
  const w = cfg.width;
  // Inference: the same maths on rows [P·n, ·] (fewer reshape ops; the c part broadcast per position).
  const flat = !taping();
  const c = ln(params, `${prefix}.condLn`, lin(params, `${prefix}.cond`, h)); // [P,w]
  let x = ln(params, `${prefix}.noiseLn`, lin(params, `${prefix}.noise`, flat ? tf.reshape(noise, [P * n, nd]) : noise)); // [P,n,w] or [P·n,w]
  for (let i = 0; i < cfg.blocks; i++) {
    const p = `${prefix}.${i}`;
    const wIn = param(params, `${p}.in.w`);
    const wx = tf.slice(wIn, [0, 0], [w, w]);
    const wc = tf.slice(wIn, [w, 0], [w, w]);
    const cRow = linearBias(c, wc, param(params, `${p}.in.b`)); // [P,w]
    const xw = linearAuto(ln(params, `${p}.ln`, x), wx);
    let u: tf.Tensor;
    if (!flat) u = tf.add(xw, tf.reshape(cRow, [P, 1, w]));
    else if (n === 1) u = tf.add(xw, cRow);
    else u = tf.reshape(tf.add(tf.reshape(xw, [P, n, w]), tf.reshape(cRow, [P, 1, w])), [P * n, w]);
    u = lin(params, `${p}.mid`, silu(u));
    // g and v from the two column halves of the gv weight (faster on WASM than splitting a large output;
    // few-row inference splits the small output instead, see blockProducts).
    const su = silu(u);
    const [bg, bv] = tf.split(param(params, `${p}.gv.b`), 2);
    const [g0, v0] = blockProducts(su, param(params, `${p}.gv.w`), 2);
    const g = addRow(g0, bg);
    const v = addRow(v0, bv);
    x = tf.add(x, lin(params, `${p}.out`, tf.mul(silu(g), v)));
  }
  const f = silu(lin(params, `${prefix}.final1`, ln(params, `${prefix}.finalLn`, x)));
  const z = lin(params, `${prefix}.final2`, f);
  return (flat ? tf.reshape(z, [P, n, cfg.latent]) : z) as tf.Tensor3D;
}

/**
 * Squared cross distances ‖y_m − x_n‖² = ‖y‖² + ‖x‖² − 2y·x (one batched matmul, clamped at 0) for
 * x[P,N,l], y[P,M,l] → [P,M,N] (targets first, so the large y is never transposed; only x is).
 * Gradient for x only (y are constant targets):
 * ∂/∂x_n = 2·Σ_m g_mn (x_n − y_m) = 2·(x_n·Σ_m g_mn − (gᵀ·y)_n), g zero where the clamp was active.
 */
const crossSqDist = fused<[tf.Tensor, tf.Tensor]>((x, y, save) => {
  const [P, N] = x.shape as [number, number, number];
  const xx = tf.reshape(tf.sum(tf.square(x), -1), [P, 1, N]); // [P,1,N]
  const yy = tf.sum(tf.square(y), -1, true); // [P,M,1]
  const yx = tf.matMul(y as tf.Tensor3D, tf.transpose(x, [0, 2, 1]) as tf.Tensor3D); // [P,M,N]
  const d2 = tf.relu(tf.sub(tf.add(yy, xx), tf.mul(yx, 2)));
  save([x, y, d2]);
  return {
    value: d2,
    gradFunc: (dy, saved) => {
      const [sx, sy, sd2] = saved;
      // step(0) = 0: no gradient through the clamp.
      const gT = tf.transpose(tf.mul(dy, tf.step(sd2)), [0, 2, 1]) as tf.Tensor3D; // [P,N,M]
      const gy = tf.matMul(gT, sy as tf.Tensor3D); // [P,N,l]
      return [tf.mul(tf.sub(tf.mul(sx, tf.sum(gT, -1, true)), gy), 2), tf.zerosLike(sy)];
    },
  };
});

export interface EnergyLossParts {
  /** fit − spread, averaged over positions. */
  loss: tf.Scalar;
  /** 2/(N·M)·Σ‖x̃_n − y_m‖, averaged over positions. */
  fit: tf.Scalar;
  /** 1/(N(N−1))·Σ_{n≠k}‖x̃_n − x̃_k‖, averaged over positions. */
  spread: tf.Scalar;
}

/**
 * Squared self distances ‖x_i − x_j‖² of x[P,N,l] → [P,N,N] from the Gram matrix (one small batched
 * matmul instead of a [P,N,N,l] difference tensor, ≈ 8× less time), clamped at 0. Hand-written
 * gradient: with s = g + gᵀ (g zero where clamped), ∂/∂x_i = 2·(x_i·Σ_j s_ij − (s·x)_i).
 * Identical samples give 0 up to rounding (exactly 0 for identical zero vectors at initialisation).
 */
const selfSqDist = fused<[tf.Tensor]>((x, save) => {
  const [P, N] = x.shape as [number, number, number];
  const xx = tf.sum(tf.square(x), -1); // [P,N]
  const gram = tf.matMul(x as tf.Tensor3D, tf.transpose(x, [0, 2, 1]) as tf.Tensor3D); // [P,N,N]
  const d2 = tf.relu(tf.sub(tf.add(tf.reshape(xx, [P, N, 1]), tf.reshape(xx, [P, 1, N])), tf.mul(gram, 2)));
  save([x, d2]);
  return {
    value: d2,
    gradFunc: (dy, saved) => {
      const [sx, sd2] = saved;
      const g = tf.mul(dy, tf.step(sd2));
      const sym = tf.add(g, tf.transpose(g, [0, 2, 1])) as tf.Tensor3D;
      return [tf.mul(tf.sub(tf.mul(sx, tf.sum(sym, -1, true)), tf.matMul(sym, sx as tf.Tensor3D)), 2)];
    },
  };
});

/** Combine squared cross distances [P,·,·] (over all N·M pairs) with the self term of x[P,N,l]. */
function combine(x: tf.Tensor3D, crossSq: tf.Tensor, eps: number): EnergyLossParts {
  const N = x.shape[1];
  if (N < 2) throw new Error('energy loss needs at least 2 samples per position');
  const cross = tf.sqrt(tf.add(crossSq, eps));
  const fit = tf.mul(tf.mean(cross, [1, 2]), 2); // [P]
  // Self distances, diagonal masked out (its zero distance has a finite gradient thanks to ε, times 0).
  const self = tf.sqrt(tf.add(selfSqDist(x), eps)); // [P,N,N]
  const offDiag = tf.sub(1, tf.eye(N));
  const spread = tf.div(tf.sum(tf.mul(self, offDiag), [1, 2]), N * (N - 1)); // [P]
  const fitM = tf.mean(fit) as tf.Scalar;
  const spreadM = tf.mean(spread) as tf.Scalar;
  return { loss: tf.sub(fitM, spreadM) as tf.Scalar, fit: fitM, spread: spreadM };
}

/**
 * Energy loss of samples x[P,N,l] (N ≥ 2) against targets y[P,M,l] (constants: no gradient reaches y).
 * `eps` is added inside every square root. Call inside a tidy / variableGrads.
 */
export function energyLoss(x: tf.Tensor3D, y: tf.Tensor3D, eps = 1e-8): EnergyLossParts {
  if (y.shape[0] !== x.shape[0] || y.shape[2] !== x.shape[2]) throw new Error(`energy loss: x [${x.shape}] vs y [${y.shape}]`);
  return combine(x, crossSqDist(x, y), eps);
}

/** a[R,l]·Eᵀ for a constant E[M,l] → [R,M], 2-D (fast) matmuls, gradient for a only. */
const timesConstT = fused<[tf.Tensor, tf.Tensor]>((a, eT, save) => {
  save([eT]);
  return {
    value: tf.matMul(a as tf.Tensor2D, eT as tf.Tensor2D),
    gradFunc: (dy, saved) => [tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[0]) as tf.Tensor2D), tf.zerosLike(saved[0])],
  };
});

/**
 * Energy loss against M Gaussian targets per position, y_pm = μ_p + σ_p ⊙ ε_m, with ONE set of
 * standard-normal vectors ε[M,l] shared by all positions of the batch (common random numbers).
 * Each position's targets are still M independent draws from its own posterior, so every
 * position's loss and gradient are unbiased as with `energyLoss`; only the noise is correlated
 * across positions. Never builds y: ‖y_m − x_n‖² = ‖a_n‖² − 2·(a_n ⊙ σ)·ε_m + (σ²)·(ε_m²) with
 * a = x − μ, i.e. two plain 2-D matmuls instead of a batched one (≈ 10× faster on WASM) and M·l
 * normals per step instead of P·M·l. μ, σ [P,l] are constants (the frozen autoencoder's).
 */
export function energyLossGaussian(x: tf.Tensor3D, mu: tf.Tensor2D, sigma: tf.Tensor2D, noise: tf.Tensor2D, eps = 1e-8): EnergyLossParts {
  const [P, N, l] = x.shape;
  const M = noise.shape[0];
  if (mu.shape[0] !== P || mu.shape[1] !== l || noise.shape[1] !== l) {
    throw new Error(`energy loss: x [${x.shape}], μ [${mu.shape}], ε [${noise.shape}] do not match`);
  }
  const a = tf.sub(x, tf.reshape(mu, [P, 1, l])); // [P,N,l]
  const aa = tf.sum(tf.square(a), -1, true); // [P,N,1]
  const eT = tf.transpose(noise); // [l,M]
  const as = tf.reshape(tf.mul(a, tf.reshape(sigma, [P, 1, l])), [P * N, l]);
  const cross = tf.reshape(timesConstT(as, eT), [P, N, M]); // (a⊙σ)·ε
  const ss = tf.reshape(tf.matMul(tf.square(sigma), tf.transpose(tf.square(noise))), [P, 1, M]); // (σ²)·(ε²)
  const d2 = tf.relu(tf.sub(tf.add(aa, ss), tf.mul(cross, 2))); // [P,N,M]
  return combine(x, d2, eps);
}

/*
 * Fast seeded noise for the loss: M·l standard normals per position are millions per step
 * (6.5M for 512 positions), and tf.randomNormal or a Box–Muller / polar loop in JS cost 0.1–0.3 s
 * for that many. Here sfc32 (Small Fast Counter, 128-bit state) gives 32 random bits per call,
 * and each 16-bit half indexes a table of the normal quantiles Φ⁻¹((j + ½)/65536), rescaled to unit
 * variance: a normal quantised to 65,536 equiprobable levels (|ε| ≤ 4.33, tails beyond hold 1.5e-5 of
 * the mass), two samples per call, ≈ 10× faster. Deterministic for a seed, identical in Node and browser.
 */

/** sfc32 generator; returns a signed 32-bit integer per call. */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9 | 0;
  let b = 0x243f6a88 | 0;
  let c = 0xb7e15162 | 0;
  let d = seed | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

let quantileTable: Float32Array | null = null;

function normalTable(): Float32Array {
  if (quantileTable) return quantileTable;
  const n = 65536;
  const t = new Float64Array(n);
  let ss = 0;
  for (let j = 0; j < n; j++) {
    t[j] = normalQuantile((j + 0.5) / n);
    ss += t[j] * t[j];
  }
  const scale = 1 / Math.sqrt(ss / n); // the table is symmetric (mean 0); make its variance exactly 1
  quantileTable = Float32Array.from(t, (v) => v * scale);
  return quantileTable;
}

/** A 32-bit seed drawn from a project Rng. */
export function seedFrom(rng: { next(): number }): number {
  return Math.floor(rng.next() * 4294967296) >>> 0;
}

/** Fill `out` with uniforms in [lo, hi) from a seed. */
export function fillUniform(out: Float32Array, seed: number, lo = 0, hi = 1): void {
  const next = sfc32(seed);
  const scale = (hi - lo) / 4294967296;
  for (let i = 0; i < out.length; i++) out[i] = lo + (next() >>> 0) * scale;
}

/** Fill `out` with (65,536-level quantised) standard normals from a seed. */
export function fillNormal(out: Float32Array, seed: number): void {
  const next = sfc32(seed);
  const table = normalTable();
  const n = out.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const r = next();
    out[i] = table[r & 0xffff];
    out[i + 1] = table[r >>> 16];
  }
  if (i < n) out[i] = table[next() & 0xffff];
}
