/**
 * Llama-style causal decoder backbone (CALM.md §2), shared by the CALM LM (positions = chunks)
 * and the discrete baseline (positions = tokens):
 *
 *   x → for each layer: x += Attn(RMSNorm(x)); x += SwiGLU(RMSNorm(x)) → RMSNorm → h
 *
 * Multi-head causal self-attention with RoPE (rotate-half convention, see rope.ts), no biases
 * anywhere. Written for the WASM backend (PLATFORM.md): Q, K, V are computed separately (column
 * blocks of one stored [d,3d] weight) *before* the head reshape (rank-4 transposes only), every
 * matmul that needs a gradient goes through mm2 / bmm (explicit transposes, no transposeA/B flags),
 * the causal mask is additive, norms and silu have fused hand-written gradients (end of file).
 *
 * Parameters (prefix p, layer i): p.i.attnNorm [d], p.i.qkv [d,3d], p.i.out [d,d],
 * p.i.mlpNorm [d], p.i.gateUp [d,2·ffn] (gate columns first), p.i.down [ffn,d], p.norm [d];
 * qkv columns are [Q | K | V], each head's columns contiguous within them.
 *
 * All functions create intermediate tensors: call them inside tf.tidy / tf.variableGrads
 * (the cached step manages its own memory and returns only the output).
 *
 * Inference (no gradient tape recording: generation, evaluation) takes a leaner path with the same
 * values: the custom-gradient wrappers are skipped (plain matMul, `fused` ops run their forward
 * directly), RoPE tables and the rotate-half matrix are built once per call for all layers, one-position
 * steps skip the no-op transpose and the all-zero mask, and few-row inputs multiply by the whole fused
 * qkv / gateUp weight and split the small output instead of slicing the weight (WASM: ≈ 2× faster steps).
 */
import * as tf from '@tensorflow/tfjs-core';
import { bmm, linear } from './ops.ts';
import type { ParamBuilder, Params } from './params.ts';
import { applyRope, ropeTableData } from './rope.ts';

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
function bmmAuto(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return taping() ? bmm(a, b) : tf.matMul(a, b);
}

/** RoPE inputs for T positions from `past`, shared by every layer of one forward call (inference path). */
interface RopeTables {
  cos: tf.Tensor2D;
  sin: tf.Tensor2D;
  /** rotateHalf(x) = x·R: a signed permutation matrix [hd, hd] (exact: one ±1 per column). */
  rot: tf.Tensor2D;
}

function ropeTables(T: number, hd: number, theta: number, past: number): RopeTables {
  const { cos, sin } = ropeTableData(T, hd, theta, past);
  const half = hd / 2;
  const r = new Float32Array(hd * hd);
  // rotateHalf(x)[i] = −x[i + half] (i < half), x[i − half] (i ≥ half).
  for (let i = 0; i < half; i++) {
    r[(i + half) * hd + i] = -1;
    r[i * hd + i + half] = 1;
  }
  return { cos: tf.tensor2d(cos, [T, hd]), sin: tf.tensor2d(sin, [T, hd]), rot: tf.tensor2d(r, [hd, hd]) };
}

/** applyRope's value for x[N, T, hd] with prebuilt tables: x ⊙ cos + (x·R) ⊙ sin. */
function ropeWith(x: tf.Tensor3D, t: RopeTables): tf.Tensor3D {
  const [N, T, hd] = x.shape;
  const rotated = tf.reshape(tf.matMul(tf.reshape(x, [N * T, hd]) as tf.Tensor2D, t.rot), [N, T, hd]);
  return tf.add(tf.mul(x, t.cos), tf.mul(rotated, t.sin)) as tf.Tensor3D;
}

export interface TransformerConfig {
  /** Model width. */
  d: number;
  layers: number;
  /** Attention heads (d must be divisible by heads; head size must be even for RoPE). */
  heads: number;
  /** SwiGLU inner width. */
  ffn: number;
  /** RoPE base θ (default 10000). */
  ropeTheta?: number;
  /** Longest sequence (positions) the model is meant for; the KV cache refuses to grow past it. */
  maxLen: number;
}

/** Large negative number for masked attention scores (finite, so no NaN from −∞ − −∞). */
const MASKED = -1e9;

function theta(cfg: TransformerConfig): number {
  return cfg.ropeTheta ?? 10000;
}

/** Add the backbone's parameters to a builder under `prefix`. */
export function addTransformerParams(pb: ParamBuilder, cfg: TransformerConfig, prefix: string): void {
  const { d, ffn, layers } = cfg;
  if (d % cfg.heads !== 0) throw new Error(`transformer: d=${d} not divisible by heads=${cfg.heads}`);
  if ((d / cfg.heads) % 2 !== 0) throw new Error(`transformer: head size ${d / cfg.heads} must be even (RoPE)`);
  // Residual output projections start smaller (GPT-2 style 1/√(2·layers)) so the stack starts near identity.
  const resid = 1 / Math.sqrt(2 * layers);
  for (let i = 0; i < layers; i++) {
    const p = `${prefix}.${i}`;
    pb.ones(`${p}.attnNorm`, [d]);
    pb.matrix(`${p}.qkv`, d, 3 * d);
    pb.matrix(`${p}.out`, d, d, resid / Math.sqrt(d));
    pb.ones(`${p}.mlpNorm`, [d]);
    pb.matrix(`${p}.gateUp`, d, 2 * ffn);
    pb.matrix(`${p}.down`, ffn, d, resid / Math.sqrt(ffn));
  }
  pb.ones(`${prefix}.norm`, [d]);
}

/** Parameter shapes of the backbone under `prefix`. */
export function transformerShapes(cfg: TransformerConfig, prefix: string, into = new Map<string, number[]>()): Map<string, number[]> {
  const { d, ffn } = cfg;
  for (let i = 0; i < cfg.layers; i++) {
    const p = `${prefix}.${i}`;
    into.set(`${p}.attnNorm`, [d]);
    into.set(`${p}.qkv`, [d, 3 * d]);
    into.set(`${p}.out`, [d, d]);
    into.set(`${p}.mlpNorm`, [d]);
    into.set(`${p}.gateUp`, [d, 2 * ffn]);
    into.set(`${p}.down`, [ffn, d]);
  }
  into.set(`${prefix}.norm`, [d]);
  return into;
}

export function param(params: Params, name: string): tf.Variable {
  const v = params.get(name);
  if (!v) throw new Error(`missing parameter ${name}`);
  return v;
}

/**
 * Additive mask [t, past+t]: query j (absolute position past+j) sees keys 0 … past+j.
 */
export function causalMask(t: number, past: number): tf.Tensor2D {
  const n = past + t;
  const m = new Float32Array(t * n);
  for (let j = 0; j < t; j++) for (let k = past + j + 1; k < n; k++) m[j * n + k] = MASKED;
  return tf.tensor2d(m, [t, n]);
}

/**
 * Split a weight [in, n·w] into n column blocks [in, w]. Multiplying by the blocks is ~15 % faster
 * on WASM (forward + backward) than one fused matmul whose [R, n·w] output is then split.
 */
function columnBlocks(w: tf.Tensor, n: number): tf.Tensor[] {
  return tf.split(w, n, 1);
}

/** [B, T, d] → [B·H, T, hd] (rank-4 transpose). */
function toHeads(x: tf.Tensor, B: number, T: number, H: number, hd: number): tf.Tensor3D {
  // One position: [B,1,H,hd] → [B,H,1,hd] moves no data, a reshape is the same tensor.
  if (T === 1) return tf.reshape(x, [B * H, 1, hd]) as tf.Tensor3D;
  return tf.reshape(tf.transpose(tf.reshape(x, [B, T, H, hd]), [0, 2, 1, 3]), [B * H, T, hd]) as tf.Tensor3D;
}

/** [B·H, T, hd] → [B, T, d] (or rows [B·T, d]). */
function fromHeads(x: tf.Tensor, B: number, T: number, H: number, hd: number, asRows = false): tf.Tensor {
  const shape = asRows ? [B * T, H * hd] : [B, T, H * hd];
  if (T === 1) return tf.reshape(x, shape);
  return tf.reshape(tf.transpose(tf.reshape(x, [B, H, T, hd]), [0, 2, 1, 3]), shape);
}

/** Per-layer keys and values after RoPE, [B·H, length, hd] each. */
interface LayerKV {
  k: tf.Tensor3D;
  v: tf.Tensor3D;
}

/**
 * Causal self-attention of x[B,T,d] at absolute positions past … past+T−1. With `prev` (cached keys
 * and values of the first `past` positions) the new keys/values are appended; returns the output and
 * the full keys/values.
 */
function attention(
  params: Params, cfg: TransformerConfig, p: string, x: tf.Tensor, past: number, prev: LayerKV | null, rope: RopeTables | null,
  lastQueryOnly: boolean, B: number, T: number,
): { out: tf.Tensor; kv: LayerKV } {
  // x: [B, T, d] (training) or rows [B·T, d] (inference); the output has the same layout.
  const d = cfg.d;
  const asRows = x.rank === 2;
  const H = cfg.heads;
  const hd = d / H;
  const [q0, k0, v0] = blockProducts(x, param(params, `${p}.qkv`), 3);
  const rot = (h: tf.Tensor3D) => (rope ? ropeWith(h, rope) : (applyRope(h, theta(cfg), past) as tf.Tensor3D));
  let q = rot(toHeads(q0, B, T, H, hd));
  let k = rot(toHeads(k0, B, T, H, hd));
  let v = toHeads(v0, B, T, H, hd);
  if (prev) {
    k = tf.concat([prev.k, k], 1);
    v = tf.concat([prev.v, v], 1);
  }
  // Queries kept: all T, or only the last one (it sees every key: no mask).
  const Tq = lastQueryOnly ? 1 : T;
  if (Tq < T) q = tf.slice(q, [0, T - 1, 0], [B * H, 1, hd]);
  let qk: tf.Tensor3D;
  if (Tq === 1 && !taping()) {
    // One query: k·qᵀ [BH, keys, 1] needs no transpose of the cached keys (same products, ≈ 2× faster on WASM).
    qk = tf.reshape(tf.matMul(k, tf.reshape(q, [B * H, hd, 1]) as tf.Tensor3D), [B * H, 1, k.shape[1]]) as tf.Tensor3D;
  } else {
    qk = bmmAuto(q, tf.transpose(k, [0, 2, 1]) as tf.Tensor3D);
  }
  let scores = tf.mul(qk, 1 / Math.sqrt(hd));
  // One query position sees every key: its mask is all zeros.
  if (Tq > 1) scores = tf.add(scores, causalMask(T, past));
  const att = tf.softmax(scores, -1) as tf.Tensor3D;
  const ctx = fromHeads(bmmAuto(att, v), B, Tq, H, hd, asRows);
  return { out: linearAuto(ctx, param(params, `${p}.out`)), kv: { k, v } };
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

/** SwiGLU MLP without biases: down(silu(gate(x)) ⊙ up(x)), gate and up from column blocks of one weight. */
function mlp(params: Params, cfg: TransformerConfig, p: string, x: tf.Tensor): tf.Tensor {
  const [g, u] = blockProducts(x, param(params, `${p}.gateUp`), 2);
  return linearAuto(tf.mul(siluFast(g), u), param(params, `${p}.down`));
}

/**
 * The decoder stack. `lastOnly`: return h of the last position only [B,1,d]; the last layer then
 * computes keys and values for every position (the cache needs them) but its query, attention output,
 * output projection and MLP for the last position alone (≈ 20 % less work for a 4-layer prefill).
 */
function run(
  params: Params, cfg: TransformerConfig, prefix: string, x: tf.Tensor, past: number, prev: LayerKV[] | null, lastOnly = false,
): { h: tf.Tensor; kvs: LayerKV[] } {
  if (x.rank !== 3 || x.shape[2] !== cfg.d) throw new Error(`transformer: expected [B,T,${cfg.d}], got [${x.shape}]`);
  const kvs: LayerKV[] = [];
  const [B, T] = x.shape as [number, number, number];
  const d = cfg.d;
  const infer = !taping();
  const rope = infer ? ropeTables(T, d / cfg.heads, theta(cfg), past) : null;
  // Inference keeps the residual stream as rows [B·T, d]: the same row-wise maths with fewer reshape ops.
  let h = infer ? tf.reshape(x, [B * T, d]) : x;
  let Tout = T;
  for (let i = 0; i < cfg.layers; i++) {
    const p = `${prefix}.${i}`;
    const last = lastOnly && i === cfg.layers - 1 && T > 1;
    const a = attention(params, cfg, p, rmsNormFast(h, param(params, `${p}.attnNorm`)), past, prev ? prev[i] : null, rope, last, B, T);
    kvs.push(a.kv);
    if (last) {
      h = infer ? tf.reshape(tf.slice(tf.reshape(h, [B, T, d]), [0, T - 1, 0], [B, 1, d]), [B, d]) : tf.slice(h, [0, T - 1, 0], [B, 1, d]);
      Tout = 1;
    }
    h = tf.add(h, a.out);
    h = tf.add(h, mlp(params, cfg, p, rmsNormFast(h, param(params, `${p}.mlpNorm`))));
  }
  const out = rmsNormFast(h, param(params, `${prefix}.norm`));
  return { h: infer ? tf.reshape(out, [B, Tout, d]) : out, kvs };
}

/** Full causal forward: x[B,T,d] → h[B,T,d] (after the final RMSNorm). Call inside a tidy. */
export function transformerForward(params: Params, cfg: TransformerConfig, prefix: string, x: tf.Tensor): tf.Tensor3D {
  return run(params, cfg, prefix, x, 0, null).h as tf.Tensor3D;
}

/**
 * Causal forward that returns only the last position: x[B,T,d] → h[B,1,d], equal to the last row of
 * transformerForward (evaluation: one prediction per window). Call inside a tidy.
 */
export function transformerForwardLast(params: Params, cfg: TransformerConfig, prefix: string, x: tf.Tensor): tf.Tensor3D {
  return run(params, cfg, prefix, x, 0, null, true).h as tf.Tensor3D;
}

/** Keys and values of every layer for the positions seen so far (owned tensors). */
export class KVCache {
  /** Positions cached so far. */
  length = 0;
  layers: LayerKV[] | null = null;
  constructor(readonly cfg: TransformerConfig) {}

  /** Free the cached tensors; the cache is empty (and reusable) afterwards. */
  dispose(): void {
    if (this.layers) for (const l of this.layers) tf.dispose([l.k, l.v]);
    this.layers = null;
    this.length = 0;
  }
}

/**
 * Incremental forward: x[B,t,d] for the t positions after those in the cache → h[B,t,d] (with
 * `lastOnly`, h[B,1,d] of the last of them: see transformerForwardLast).
 * Appends the new keys/values to the cache (one generation step costs one position's work plus
 * attention over the cache). Manages its own memory: only the returned h is new.
 */
export function transformerForwardCached(
  params: Params, cfg: TransformerConfig, prefix: string, x: tf.Tensor, cache: KVCache, lastOnly = false,
): tf.Tensor3D {
  const t = x.shape[1] as number;
  if (cache.length + t > cfg.maxLen) {
    throw new Error(`transformer: cache would hold ${cache.length + t} positions, more than maxLen ${cfg.maxLen}`);
  }
  if (cache.layers && cache.layers[0].k.shape[0] !== (x.shape[0] as number) * cfg.heads) {
    throw new Error('transformer: batch size differs from the cached one');
  }
  const old = cache.layers;
  type Out = { h: tf.Tensor3D; kvs: LayerKV[] };
  const { h, kvs } = tf.tidy((): tf.TensorContainer => {
    // tidy keeps every tensor in the returned object (h and the new keys/values).
    const r = run(params, cfg, prefix, x, cache.length, old, lastOnly);
    return { h: r.h, kvs: r.kvs } as unknown as tf.TensorContainer;
  }) as unknown as Out;
  if (old) for (const l of old) tf.dispose([l.k, l.v]);
  cache.layers = kvs;
  cache.length += t;
  return h;
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
