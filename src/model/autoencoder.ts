/**
 * CALM's context-free chunk autoencoder (CALM.md §1): K token ids ↔ one latent vector z.
 * MLP-only (no attention, no positions): order lives only in the flatten step.
 *
 *   encoder: Emb[ids] → AELayer per position → flatten [K·d] → Linear(K·d→d, bias) → AELayer
 *            → RMSNorm → Linear(d→2l, bias) = [μ, log σ]      (plain model: Linear(d→l) = μ)
 *   decoder: Linear(l→d, bias) → AELayer → Linear(d→K·d, bias) → [K,d] → AELayer per position
 *            → RMSNorm → logits = h·Embᵀ (tied)
 *   AELayer(x) = x + Wdown( silu(Wgate(rms(x))) ⊙ Wup(rms(x)) ), no biases.
 */
import * as tf from '@tensorflow/tfjs-core';
import { embed, linear as linearTaped, linearAuto, rmsNorm, silu, crossEntropy, taping } from './ops.ts';
import { ParamBuilder, type Params } from './params.ts';
import type { Rng } from './random.ts';

/** x·W (+ b): ops.linear under a tape (training); without one the same product without its gradient wrapper. */
function linear(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  if (taping()) return linearTaped(x, w, b);
  const y = linearAuto(x, w);
  return b ? tf.add(y, b) : y;
}

export interface AEConfig {
  /** Tokens per chunk. */
  K: number;
  vocabSize: number;
  /** Hidden width. */
  d: number;
  /** SwiGLU inner width. */
  ffn: number;
  /** Latent dimension l. */
  latent: number;
  /** true: VAE with μ and log σ (robust model); false: reconstruction-only, z = μ (plain model). */
  variational: boolean;
}

export interface AETrainConfig {
  /** DropToken rate: input ids replaced by the pad id 0 (labels unchanged). */
  dropToken: number;
  /** Inverted dropout on z after sampling. */
  dropLatent: number;
  /** KL weight β. */
  klWeight: number;
  /** Free bits: per-dimension KL clipped from below at this value. */
  klClip: number;
}

export const ROBUST_TRAINING: AETrainConfig = { dropToken: 0.15, dropLatent: 0.15, klWeight: 0.001, klClip: 0.5 };
export const PLAIN_TRAINING: AETrainConfig = { dropToken: 0, dropLatent: 0, klWeight: 0, klClip: 0 };

function aeLayerParams(pb: ParamBuilder, prefix: string, d: number, ffn: number): void {
  pb.ones(`${prefix}.norm`, [d]);
  pb.matrix(`${prefix}.gate`, d, ffn);
  pb.matrix(`${prefix}.up`, d, ffn);
  // Small residual branch at init keeps the stack near identity.
  pb.matrix(`${prefix}.down`, ffn, d, 1 / Math.sqrt(ffn) / 2);
}

/** Create freshly initialised parameters for an autoencoder. */
export function initAutoencoder(cfg: AEConfig, rng: Rng): Params {
  const { K, vocabSize: V, d, ffn, latent: l } = cfg;
  const pb = new ParamBuilder(rng);
  // Tied embedding with std 1/√d so the first logits have unit scale (PLATFORM.md).
  pb.normal('emb', [V, d], 1 / Math.sqrt(d));
  aeLayerParams(pb, 'enc.tok', d, ffn);
  pb.matrix('enc.compress.w', K * d, d);
  pb.zeros('enc.compress.b', [d]);
  aeLayerParams(pb, 'enc.chunk', d, ffn);
  pb.ones('enc.norm', [d]);
  const outDim = cfg.variational ? 2 * l : l;
  pb.matrix('enc.out.w', d, outDim);
  pb.zeros('enc.out.b', [outDim]);
  pb.matrix('dec.in.w', l, d);
  pb.zeros('dec.in.b', [d]);
  aeLayerParams(pb, 'dec.chunk', d, ffn);
  pb.matrix('dec.expand.w', d, K * d);
  pb.zeros('dec.expand.b', [K * d]);
  aeLayerParams(pb, 'dec.tok', d, ffn);
  pb.ones('dec.norm', [d]);
  return pb.params;
}

/** Expected parameter shapes, for validating loaded weights. */
export function autoencoderShapes(cfg: AEConfig): Map<string, number[]> {
  const { K, vocabSize: V, d, ffn, latent: l } = cfg;
  const m = new Map<string, number[]>();
  const layer = (p: string) => {
    m.set(`${p}.norm`, [d]);
    m.set(`${p}.gate`, [d, ffn]);
    m.set(`${p}.up`, [d, ffn]);
    m.set(`${p}.down`, [ffn, d]);
  };
  m.set('emb', [V, d]);
  layer('enc.tok');
  m.set('enc.compress.w', [K * d, d]);
  m.set('enc.compress.b', [d]);
  layer('enc.chunk');
  m.set('enc.norm', [d]);
  const outDim = cfg.variational ? 2 * l : l;
  m.set('enc.out.w', [d, outDim]);
  m.set('enc.out.b', [outDim]);
  m.set('dec.in.w', [l, d]);
  m.set('dec.in.b', [d]);
  layer('dec.chunk');
  m.set('dec.expand.w', [d, K * d]);
  m.set('dec.expand.b', [K * d]);
  layer('dec.tok');
  m.set('dec.norm', [d]);
  return m;
}

function p(params: Params, name: string): tf.Variable {
  const v = params.get(name);
  if (!v) throw new Error(`autoencoder: missing parameter ${name}`);
  return v;
}

/** Pre-norm residual SwiGLU MLP without biases. */
export function aeLayer(params: Params, prefix: string, x: tf.Tensor): tf.Tensor {
  const h = rmsNorm(x, p(params, `${prefix}.norm`));
  const g = silu(linear(h, p(params, `${prefix}.gate`)));
  const u = linear(h, p(params, `${prefix}.up`));
  return tf.add(x, linear(tf.mul(g, u), p(params, `${prefix}.down`)));
}

export interface Posterior {
  /** [B, l] */
  mu: tf.Tensor2D;
  /** [B, l]; null for the plain model (σ = 0). */
  logSigma: tf.Tensor2D | null;
}

/** Encode int32 ids [B, K] into the posterior. */
export function encode(params: Params, cfg: AEConfig, ids: tf.Tensor2D): Posterior {
  const B = ids.shape[0];
  let e = embed(p(params, 'emb'), ids); // [B,K,d]
  e = aeLayer(params, 'enc.tok', e);
  const flat = tf.reshape(e, [B, cfg.K * cfg.d]);
  let h = linear(flat, p(params, 'enc.compress.w'), p(params, 'enc.compress.b'));
  h = aeLayer(params, 'enc.chunk', h);
  h = rmsNorm(h, p(params, 'enc.norm'));
  const out = linear(h, p(params, 'enc.out.w'), p(params, 'enc.out.b')) as tf.Tensor2D;
  if (!cfg.variational) return { mu: out, logSigma: null };
  const [mu, logSigma] = tf.split(out, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
  return { mu, logSigma };
}

/**
 * The tied output matrix Embᵀ [d, V]. Decoding transposes the embedding on every call (on WASM that
 * transpose costs more than the rest of a one-chunk decode); a caller that decodes many times can make
 * it once with this, pass it to decodeLogits / decodeIds, and dispose it afterwards (inference only:
 * no gradient reaches the embedding through it).
 */
export function transposedEmbedding(params: Params): tf.Tensor2D {
  return tf.transpose(p(params, 'emb')) as tf.Tensor2D;
}

/** Decode latents z [B, l] into logits [B, K, V] (embT: an optional transposedEmbedding(params)). */
export function decodeLogits(params: Params, cfg: AEConfig, z: tf.Tensor2D, embT?: tf.Tensor2D): tf.Tensor3D {
  const B = z.shape[0];
  return tf.reshape(decodeRows(params, cfg, z, embT), [B, cfg.K, cfg.vocabSize]) as tf.Tensor3D;
}

/** The decoder with the token positions as rows: z [B, l] → logits [B·K, V]. */
function decodeRows(params: Params, cfg: AEConfig, z: tf.Tensor2D, embT?: tf.Tensor2D): tf.Tensor2D {
  const B = z.shape[0];
  let h = linear(z, p(params, 'dec.in.w'), p(params, 'dec.in.b'));
  h = aeLayer(params, 'dec.chunk', h);
  h = linear(h, p(params, 'dec.expand.w'), p(params, 'dec.expand.b'));
  let t: tf.Tensor;
  if (taping()) {
    // Training: as it always ran ([B, K, d] through the token layer).
    t = aeLayer(params, 'dec.tok', tf.reshape(h, [B, cfg.K, cfg.d]));
    t = tf.reshape(rmsNorm(t, p(params, 'dec.norm')), [B * cfg.K, cfg.d]);
  } else {
    // Inference: the same row-wise maths on [B·K, d] (no reshape ops inside the layer).
    t = rmsNorm(aeLayer(params, 'dec.tok', tf.reshape(h, [B * cfg.K, cfg.d])), p(params, 'dec.norm'));
  }
  return linearAuto(t, embT ?? tf.transpose(p(params, 'emb'))) as tf.Tensor2D;
}

/** Decode latents to token ids [B, K] by argmax per position (embT: an optional transposedEmbedding(params)). */
export function decodeIds(params: Params, cfg: AEConfig, z: tf.Tensor2D, embT?: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.reshape(tf.argMax(decodeRows(params, cfg, z, embT), -1), [z.shape[0], cfg.K]) as tf.Tensor2D);
}

/**
 * Per-dimension KL of N(μ, σ²) to N(0, 1), clipped from below ("free bits"), summed over
 * dimensions and averaged over chunks: mean_b Σ_d max(0.5·(μ² + σ² − 1 − 2 log σ), clip).
 */
export function clippedKL(mu: tf.Tensor2D, logSigma: tf.Tensor2D, clip: number): tf.Scalar {
  const kl = tf.mul(0.5, tf.sub(tf.sub(tf.add(tf.square(mu), tf.exp(tf.mul(2, logSigma))), 1), tf.mul(2, logSigma)));
  return tf.mean(tf.sum(tf.maximum(kl, clip), -1)) as tf.Scalar;
}

/** Replace each id with `padId` with probability `rate` (uniforms u[B,K] in [0,1) given). */
export function dropTokens(ids: tf.Tensor2D, u: tf.Tensor2D, rate: number, padId = 0): tf.Tensor2D {
  if (rate <= 0) return ids;
  return tf.where(tf.less(u, rate), tf.fill(ids.shape, padId, 'int32'), ids) as tf.Tensor2D;
}

/** Inverted dropout: zero with probability `rate`, scale survivors by 1/(1−rate) (uniforms given). */
export function invertedDropout(x: tf.Tensor, u: tf.Tensor, rate: number): tf.Tensor {
  if (rate <= 0) return x;
  return tf.div(tf.mul(x, tf.cast(tf.greaterEqual(u, rate), 'float32')), 1 - rate);
}

export interface AELossParts {
  loss: tf.Scalar;
  ce: tf.Scalar;
  kl: tf.Scalar;
  /** Token accuracy on this batch (argmax of the noisy-training logits). */
  logits: tf.Tensor3D;
}

/**
 * Training loss for one batch of chunks ids[B,K]:
 *   K · mean token cross-entropy + β · clipped KL, with DropToken on inputs,
 *   reparameterised z = μ + σ·ε and DropLatent on z (robust model), z = μ (plain model).
 * Randomness comes from the `noise` tensors, so the function is deterministic given them.
 */
export function aeLoss(
  params: Params,
  cfg: AEConfig,
  train: AETrainConfig,
  ids: tf.Tensor2D,
  noise: { dropTokenU: tf.Tensor2D; eps: tf.Tensor2D; dropLatentU: tf.Tensor2D },
): AELossParts {
  const B = ids.shape[0];
  const inputs = dropTokens(ids, noise.dropTokenU, train.dropToken);
  const post = encode(params, cfg, inputs);
  let z: tf.Tensor2D = post.mu;
  let kl: tf.Scalar = tf.scalar(0);
  if (post.logSigma) {
    z = tf.add(post.mu, tf.mul(tf.exp(post.logSigma), noise.eps));
    if (train.klWeight > 0) kl = clippedKL(post.mu, post.logSigma, train.klClip);
  }
  z = invertedDropout(z, noise.dropLatentU, train.dropLatent) as tf.Tensor2D;
  const logits = decodeLogits(params, cfg, z);
  const ce = crossEntropy(tf.reshape(logits, [B * cfg.K, cfg.vocabSize]) as tf.Tensor2D, tf.reshape(ids, [-1]) as tf.Tensor1D);
  const loss = tf.add(tf.mul(cfg.K, ce), tf.mul(train.klWeight, kl)) as tf.Scalar;
  return { loss, ce, kl, logits };
}
