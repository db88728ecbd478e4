/**
 * The CALM language model (CALM.md §2): chunk-level autoregression over K-token chunks.
 *
 *   input module (chunk i)  Emb[ids] (the LM's own table) → concat [K·d] → Linear(K·d→2d) → silu
 *                           → Linear(2d→d) → LayerNorm (affine, ε = 1e-6)
 *   backbone                Llama-style causal decoder over chunk positions (transformer.ts) → h_i
 *   energy head             h_i → samples of z_{i+1} (energy.ts); decoded by the frozen autoencoder
 *
 * Training: ids [B, C·K] (documents framed by documentStream, so each starts with an eos chunk);
 * positions 0 … C−2 predict chunks 1 … C−1. Loss = energy score with N head samples (independent
 * noise, h repeated) against M targets y_m = μ + σ·ε_m from the frozen AE posterior of the true chunk.
 *
 * Parameter names: emb, in1.w/b, in2.w/b, inLn.g/b, bb.* (backbone), head.* (energy head).
 */
import * as tf from '@tensorflow/tfjs-core';
import { encode, type AEConfig } from './autoencoder.ts';
import {
  addEnergyHeadParams, energyHeadSample, energyHeadShapes, energyLoss, energyLossGaussian, fillNormal, fillUniform, seedFrom,
  type EnergyHeadConfig, type EnergyLossParts,
} from './energy.ts';
import { embed, fused, layerNormFast, linearBias, param, siluFast } from './ops.ts';
import { ParamBuilder, type Params } from './params.ts';
import type { Rng } from './random.ts';
import {
  addTransformerParams, KVCache, transformerForward, transformerForwardCached, transformerForwardLast, transformerShapes,
  type TransformerConfig,
} from './transformer.ts';

export interface CalmConfig {
  /** Tokens per chunk (must match the autoencoder). */
  K: number;
  vocabSize: number;
  /** Latent dimension l (must match the autoencoder). */
  latent: number;
  /** Backbone; maxLen counts chunk positions. */
  backbone: TransformerConfig;
  /** Energy head: width (may differ from d), residual blocks, noise dimension (paper: 64). */
  head: { width: number; blocks: number; noiseDim: number };
  /** N: head samples per position in the loss (paper: 8). */
  samples: number;
  /** M: autoencoder-posterior targets per position in the loss (paper: 100). */
  targets: number;
  /**
   * Target noise ε in y_m = μ + σ·ε_m: 'independent' (default) draws fresh ε for every position;
   * 'shared' draws one ε[M,l] per step for all positions (common random numbers: each position's
   * targets are still M independent posterior draws, the loss stays unbiased; ≈ 2× faster loss, see
   * energyLossGaussian).
   */
  targetNoise?: 'independent' | 'shared';
}

/** The paper's loss settings with a given backbone (head width = d, blocks = layers/4, noise 64). */
export function defaultCalmConfig(K: number, vocabSize: number, latent: number, backbone: TransformerConfig): CalmConfig {
  return {
    K, vocabSize, latent, backbone,
    head: { width: backbone.d, blocks: Math.max(1, Math.floor(backbone.layers / 4)), noiseDim: 64 },
    samples: 8, targets: 100,
  };
}

export function headConfig(cfg: CalmConfig): EnergyHeadConfig {
  return { d: cfg.backbone.d, width: cfg.head.width, blocks: cfg.head.blocks, noiseDim: cfg.head.noiseDim, latent: cfg.latent };
}

/** Fresh parameters (embedding std 1: the input module's first Linear sees unit-scale inputs). */
export function initCalm(cfg: CalmConfig, rng: Rng): Params {
  const { K, vocabSize: V } = cfg;
  const d = cfg.backbone.d;
  const pb = new ParamBuilder(rng);
  pb.normal('emb', [V, d], 1);
  pb.matrix('in1.w', K * d, 2 * d);
  pb.zeros('in1.b', [2 * d]);
  pb.matrix('in2.w', 2 * d, d);
  pb.zeros('in2.b', [d]);
  pb.ones('inLn.g', [d]);
  pb.zeros('inLn.b', [d]);
  addTransformerParams(pb, cfg.backbone, 'bb');
  addEnergyHeadParams(pb, headConfig(cfg), 'head');
  return pb.params;
}

/** Expected parameter shapes, for validating loaded weights and counting parameters. */
export function calmShapes(cfg: CalmConfig): Map<string, number[]> {
  const { K, vocabSize: V } = cfg;
  const d = cfg.backbone.d;
  const m = new Map<string, number[]>([
    ['emb', [V, d]], ['in1.w', [K * d, 2 * d]], ['in1.b', [2 * d]], ['in2.w', [2 * d, d]], ['in2.b', [d]],
    ['inLn.g', [d]], ['inLn.b', [d]],
  ]);
  transformerShapes(cfg.backbone, 'bb', m);
  return energyHeadShapes(headConfig(cfg), 'head', m);
}

/** Parameters without weight decay: norm gains and all biases. */
export function calmNoDecay(name: string): boolean {
  return name.endsWith('.b') || name.endsWith('.g') || name.endsWith('Norm') || name === 'bb.norm';
}

/** Input module: chunk ids [B,T,K] (int32) → [B,T,d]. Call inside a tidy. */
export function calmInputs(params: Params, cfg: CalmConfig, chunks: tf.Tensor3D): tf.Tensor3D {
  const [B, T, K] = chunks.shape;
  if (K !== cfg.K) throw new Error(`calm: chunks have ${K} tokens, config says K=${cfg.K}`);
  const d = cfg.backbone.d;
  const e = tf.reshape(embed(param(params, 'emb'), chunks), [B, T, K * d]);
  const u = siluFast(linearBias(e, param(params, 'in1.w'), param(params, 'in1.b')));
  const x = linearBias(u, param(params, 'in2.w'), param(params, 'in2.b'));
  return layerNormFast(x, param(params, 'inLn.g'), param(params, 'inLn.b'), 1e-6) as tf.Tensor3D;
}

/** Full causal pass: chunk ids [B,T,K] → hidden states h [B,T,d]. Call inside a tidy. */
export function calmHidden(params: Params, cfg: CalmConfig, chunks: tf.Tensor3D): tf.Tensor3D {
  return transformerForward(params, cfg.backbone, 'bb', calmInputs(params, cfg, chunks));
}

/** The last position's hidden state only: chunk ids [B,T,K] → h [B,1,d] (evaluation). Call inside a tidy. */
export function calmHiddenLast(params: Params, cfg: CalmConfig, chunks: tf.Tensor3D): tf.Tensor3D {
  return transformerForwardLast(params, cfg.backbone, 'bb', calmInputs(params, cfg, chunks));
}

/** KV cache over chunk positions. */
export function newCalmCache(cfg: CalmConfig): KVCache {
  return new KVCache(cfg.backbone);
}

/**
 * Cached step: the next t chunks [B,t,K] (int32) → h [B,t,d], appended to the cache. One generation
 * step feeds one chunk (t = 1). Manages its own memory: only the returned h is new.
 */
export function calmStep(params: Params, cfg: CalmConfig, chunks: tf.Tensor3D, cache: KVCache): tf.Tensor3D {
  const x = tf.tidy(() => calmInputs(params, cfg, chunks));
  try {
    return transformerForwardCached(params, cfg.backbone, 'bb', x, cache);
  } finally {
    x.dispose();
  }
}

/** Head samples for hidden states h[P,d] and noise [P,n,noiseDim] → z [P,n,l]. Call inside a tidy. */
export function calmHeadSample(params: Params, cfg: CalmConfig, h: tf.Tensor2D, noise: tf.Tensor3D): tf.Tensor3D {
  return energyHeadSample(params, headConfig(cfg), 'head', h, noise);
}

/** Uniform head noise in [−0.5, 0.5], shape [P, n, noiseDim], from a seed. */
export function headNoise(cfg: CalmConfig, P: number, n: number, seed: number): tf.Tensor3D {
  const a = new Float32Array(P * n * cfg.head.noiseDim);
  fillUniform(a, seed, -0.5, 0.5);
  return tf.tensor3d(a, [P, n, cfg.head.noiseDim]);
}

/**
 * Draw `count` samples of the next latent for each row of h ([n,d] or [d]) in one batched head call
 * (h repeated, independent noise) → z [n·count, l] (row r's samples at r·count … r·count+count−1).
 * Decode them all at once with `decodeIds(aeParams, aeCfg, z)`. Manages its own memory.
 */
export function sampleChunks(params: Params, cfg: CalmConfig, h: tf.Tensor, count: number, rng: Rng | number): tf.Tensor2D {
  const seed = typeof rng === 'number' ? rng : seedFrom(rng);
  return tf.tidy(() => {
    const h2 = (h.rank === 1 ? tf.reshape(h, [1, -1]) : h) as tf.Tensor2D;
    const n = h2.shape[0];
    const z = calmHeadSample(params, cfg, h2, headNoise(cfg, n, count, seed));
    return tf.reshape(z, [n * count, cfg.latent]) as tf.Tensor2D;
  });
}

/** Random inputs of one training step. */
export interface CalmNoise {
  /** Head noise [P,N,noiseDim], independent per position and sample. */
  head: tf.Tensor3D;
  /**
   * Standard normal ε for y = μ + σ·ε: [P,M,l] ('independent') or [M,l] ('shared'). Ignored (may be
   * absent) for a non-variational autoencoder.
   */
  targets?: tf.Tensor3D | tf.Tensor2D;
}

/** Fresh noise for P positions from a seed (fast seeded JS generators, see energy.ts). */
export function makeCalmNoise(cfg: CalmConfig, P: number, seed: number, withTargets = true): CalmNoise {
  const head = headNoise(cfg, P, cfg.samples, seed);
  if (!withTargets) return { head };
  const shared = cfg.targetNoise === 'shared';
  const eps = new Float32Array((shared ? 1 : P) * cfg.targets * cfg.latent);
  fillNormal(eps, (seed ^ 0x5bd1e995) >>> 0);
  const targets = shared ? tf.tensor2d(eps, [cfg.targets, cfg.latent]) : tf.tensor3d(eps, [P, cfg.targets, cfg.latent]);
  return { head, targets };
}

/**
 * Run `f` (a computation on constants, e.g. the frozen autoencoder) inside a custom-gradient op so the
 * gradient tape does not record its kernels: no saved copies of its activations, no backward work.
 * `input` is only the op's nominal input (it receives a zero gradient).
 */
function untaped(input: tf.Tensor, f: () => tf.Tensor): tf.Tensor {
  return fused<[tf.Tensor]>((x, save) => {
    save([]);
    return { value: f(), gradFunc: () => [tf.zerosLike(x)] };
  })(input);
}

/**
 * Targets from the frozen autoencoder: chunks [P,K] → y [P,M,l] = μ + σ·ε (ε [P,M,l]),
 * or μ as a single target [P,1,l] for a non-variational autoencoder. Not recorded on the gradient
 * tape (the AE is frozen; keep its variables out of the list given to tf.variableGrads).
 */
export function aeTargets(aeParams: Params, aeCfg: AEConfig, chunks: tf.Tensor2D, eps?: tf.Tensor3D): tf.Tensor3D {
  const P = chunks.shape[0];
  if (aeCfg.variational && !eps) throw new Error('calm: a variational autoencoder needs target noise');
  return untaped(chunks, () => {
    const post = encode(aeParams, aeCfg, chunks);
    const mu = tf.reshape(post.mu, [P, 1, aeCfg.latent]);
    if (!post.logSigma || !eps) return mu;
    return tf.add(mu, tf.mul(tf.reshape(tf.exp(post.logSigma), [P, 1, aeCfg.latent]), eps));
  }) as tf.Tensor3D;
}

/** The frozen autoencoder's posterior of chunks [P,K] as μ and σ [P,l] each (untaped, variational AE only). */
export function aePosterior(aeParams: Params, aeCfg: AEConfig, chunks: tf.Tensor2D): { mu: tf.Tensor2D; sigma: tf.Tensor2D } {
  if (!aeCfg.variational) throw new Error('calm: aePosterior needs a variational autoencoder');
  const both = untaped(chunks, () => {
    const post = encode(aeParams, aeCfg, chunks);
    return tf.concat([post.mu, tf.exp(post.logSigma as tf.Tensor2D)], 1);
  });
  const [mu, sigma] = tf.split(both, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, sigma };
}

/** Split ids [B, C·K] into model inputs (chunks 0…C−2) [B,C−1,K] and targets (chunks 1…C−1) [B·(C−1), K]. */
export function splitChunkStream(ids: tf.Tensor2D, K: number): { inputs: tf.Tensor3D; targets: tf.Tensor2D } {
  const [B, L] = ids.shape;
  if (L % K !== 0 || L < 2 * K) throw new Error(`calm: stream length ${L} must be a multiple of K=${K}, at least 2 chunks`);
  const C = L / K;
  const chunks = tf.reshape(ids, [B, C, K]);
  const inputs = tf.slice(chunks, [0, 0, 0], [B, C - 1, K]) as tf.Tensor3D;
  const targets = tf.reshape(tf.slice(chunks, [0, 1, 0], [B, C - 1, K]), [B * (C - 1), K]) as tf.Tensor2D;
  return { inputs, targets };
}

/** The frozen autoencoder's posterior of the target chunks: μ [P,l] and, for a variational AE, σ [P,l]. */
export interface ChunkPosterior {
  mu: tf.Tensor2D;
  sigma?: tf.Tensor2D;
}

/**
 * Training loss on ids [B, C·K] (int32): energy loss of N head samples per position against M
 * AE-posterior targets, averaged over the B·(C−1) positions. `noise` from makeCalmNoise(cfg, B·(C−1), seed).
 * Call inside tf.variableGrads (or a tidy).
 */
export function calmLoss(
  params: Params, cfg: CalmConfig, aeParams: Params, aeCfg: AEConfig, ids: tf.Tensor2D, noise: CalmNoise,
): EnergyLossParts {
  if (aeCfg.K !== cfg.K || aeCfg.latent !== cfg.latent) throw new Error('calm: K / latent differ from the autoencoder');
  const { inputs, targets } = splitChunkStream(ids, cfg.K);
  const post: ChunkPosterior = aeCfg.variational
    ? aePosterior(aeParams, aeCfg, targets)
    : { mu: tf.reshape(aeTargets(aeParams, aeCfg, targets), [targets.shape[0], cfg.latent]) as tf.Tensor2D };
  return calmLossFromPosterior(params, cfg, inputs, post, noise);
}

/**
 * The same loss with the target chunks' posterior given (for example precomputed once for a whole
 * training stream: the autoencoder is frozen, so μ and σ of a chunk never change). inputs [B,T,K] are
 * chunks 0 … T−1 of each row; post holds chunks 1 … T of each row, row-major, [B·T, l].
 */
export function calmLossFromPosterior(
  params: Params, cfg: CalmConfig, inputs: tf.Tensor3D, post: ChunkPosterior, noise: CalmNoise,
): EnergyLossParts {
  const [B, T] = inputs.shape;
  const P = B * T;
  if (post.mu.shape[0] !== P || post.mu.shape[1] !== cfg.latent) throw new Error(`calm: posterior μ [${post.mu.shape}] for ${P} positions`);
  const h = tf.reshape(calmHidden(params, cfg, inputs), [P, cfg.backbone.d]) as tf.Tensor2D;
  const x = calmHeadSample(params, cfg, h, noise.head);
  if (!post.sigma) return energyLoss(x, tf.reshape(post.mu, [P, 1, cfg.latent]) as tf.Tensor3D);
  if (!noise.targets) throw new Error('calm: a variational autoencoder needs target noise');
  if (cfg.targetNoise === 'shared') {
    if (noise.targets.rank !== 2) throw new Error('calm: shared target noise must be [M,l]');
    return energyLossGaussian(x, post.mu, post.sigma, noise.targets as tf.Tensor2D);
  }
  if (noise.targets.rank !== 3) throw new Error('calm: independent target noise must be [P,M,l]');
  const y = tf.add(tf.reshape(post.mu, [P, 1, cfg.latent]), tf.mul(tf.reshape(post.sigma, [P, 1, cfg.latent]), noise.targets));
  return energyLoss(x, y as tf.Tensor3D);
}
