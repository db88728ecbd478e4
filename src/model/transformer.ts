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
 * the causal mask is additive, norms and silu have fused hand-written gradients (ops.ts).
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
import { bmmAuto, blockProducts, linearAuto, param, rmsNormFast, siluFast, taping } from './ops.ts';
import type { ParamBuilder, Params } from './params.ts';
import { applyRope, ropeTableData } from './rope.ts';

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

/**
 * Additive mask [t, past+t]: query j (absolute position past+j) sees keys 0 … past+j.
 */
export function causalMask(t: number, past: number): tf.Tensor2D {
  const n = past + t;
  const m = new Float32Array(t * n);
  for (let j = 0; j < t; j++) for (let k = past + j + 1; k < n; k++) m[j * n + k] = MASKED;
  return tf.tensor2d(m, [t, n]);
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
