/**
 * Analytic inference cost per generated token and parameter counts, for comparing CALM with the
 * discrete baseline (CALM.md §2–§3). Forward FLOPs of matrix products only (2 FLOPs per
 * multiply-add); norms, activations, softmax and embedding lookups are ignored (they are O(d), not
 * O(d²)). Context = number of tokens the new token can see, including itself.
 */
import { autoencoderShapes, type AEConfig } from './autoencoder.ts';
import { baselineShapes, type BaselineConfig } from './baseline.ts';
import { calmShapes, type CalmConfig } from './calm.ts';
import type { TransformerConfig } from './transformer.ts';

/** FLOPs split into named parts, plus their total. */
export interface FlopsBreakdown {
  total: number;
  parts: Record<string, number>;
}

function finish(parts: Record<string, number>, divide = 1): FlopsBreakdown {
  const out: Record<string, number> = {};
  let total = 0;
  for (const [k, v] of Object.entries(parts)) {
    out[k] = v / divide;
    total += v / divide;
  }
  return { total, parts: out };
}

/** Forward FLOPs of one backbone position attending to `keys` positions (itself included). */
export function backboneStepFlops(cfg: TransformerConfig, keys: number): { weights: number; attention: number } {
  const { d, ffn, layers } = cfg;
  return {
    weights: 2 * layers * (4 * d * d + 3 * d * ffn),
    attention: 2 * layers * (2 * keys * d),
  };
}

/** Baseline: one backbone step over the context plus the softmax head, per generated token. */
export function baselineFlopsPerToken(cfg: BaselineConfig, contextTokens: number): FlopsBreakdown {
  const bb = backboneStepFlops(cfg.backbone, Math.max(1, contextTokens));
  return finish({ backbone: bb.weights, attention: bb.attention, softmaxHead: 2 * cfg.backbone.d * cfg.vocabSize });
}

/** Forward FLOPs of one energy-head sample (conditioning included). */
export function energyHeadFlops(cfg: CalmConfig): number {
  const d = cfg.backbone.d;
  const { width: w, blocks, noiseDim } = cfg.head;
  return 2 * (noiseDim * w + d * w + blocks * (2 * w * w + w * w + w * 2 * w + w * w) + w * w + w * cfg.latent);
}

/** Forward FLOPs of decoding one latent into K logits rows with the autoencoder. */
export function aeDecoderFlops(ae: AEConfig): number {
  const { K, d, ffn, latent, vocabSize: V } = ae;
  const layer = 3 * d * ffn;
  return 2 * (latent * d + layer + d * K * d + K * layer + K * d * V);
}

/**
 * CALM: per generated chunk, the input module, one backbone step over ⌈context/K⌉ chunk positions,
 * one head sample and one AE decode; divided by K for a per-token figure.
 */
export function calmFlopsPerToken(cfg: CalmConfig, ae: AEConfig, contextTokens: number): FlopsBreakdown {
  const d = cfg.backbone.d;
  const K = cfg.K;
  const bb = backboneStepFlops(cfg.backbone, Math.max(1, Math.ceil(contextTokens / K)));
  return finish({
    inputModule: 2 * (K * d * 2 * d + 2 * d * d),
    backbone: bb.weights,
    attention: bb.attention,
    energyHead: energyHeadFlops(cfg),
    aeDecoder: aeDecoderFlops(ae),
  }, K);
}

/** Sum of the sizes of a shape map. */
export function countShapes(shapes: Map<string, number[]>, filter: (name: string) => boolean = () => true): number {
  let n = 0;
  for (const [name, s] of shapes) if (filter(name)) n += s.reduce((a, b) => a * b, 1);
  return n;
}

export interface ParamCounts {
  total: number;
  parts: Record<string, number>;
}

export function baselineParamCounts(cfg: BaselineConfig): ParamCounts {
  const s = baselineShapes(cfg);
  const parts = {
    embedding: countShapes(s, (n) => n === 'emb'),
    backbone: countShapes(s, (n) => n.startsWith('bb.')),
    softmaxHead: countShapes(s, (n) => n === 'out'),
  };
  return { total: countShapes(s), parts };
}

/** CALM's trainable parameters; the frozen autoencoder is reported separately as `autoencoder`. */
export function calmParamCounts(cfg: CalmConfig, ae?: AEConfig): ParamCounts & { autoencoder: number } {
  const s = calmShapes(cfg);
  const parts = {
    embedding: countShapes(s, (n) => n === 'emb'),
    inputModule: countShapes(s, (n) => n.startsWith('in')),
    backbone: countShapes(s, (n) => n.startsWith('bb.')),
    energyHead: countShapes(s, (n) => n.startsWith('head.')),
  };
  return { total: countShapes(s), parts, autoencoder: ae ? countShapes(autoencoderShapes(ae)) : 0 };
}

/** Forward FLOPs of encoding one chunk with the autoencoder (μ and log σ). */
export function aeEncoderFlops(ae: AEConfig): number {
  const { K, d, ffn, latent } = ae;
  const layer = 3 * d * ffn;
  return 2 * (K * layer + K * d * d + layer + d * (ae.variational ? 2 : 1) * latent);
}

/**
 * Training cost per trained token (CALM.md §2; 3 × forward FLOPs, the usual forward + backward
 * estimate). Positions see on average (T + 1)/2 keys in a causal window of T positions.
 * CALM's forward, per chunk position: input module, backbone, N head samples, the frozen encoder
 * of the target chunk (counted even where its posterior is cached) and the energy loss (N·M cross
 * and N² self distances of l dims); divided by K.
 */
export function calmTrainFlopsPerToken(cfg: CalmConfig, ae: AEConfig, contextTokens: number): number {
  const d = cfg.backbone.d;
  const K = cfg.K;
  const T = Math.max(1, Math.round(contextTokens / K));
  const bb = backboneStepFlops(cfg.backbone, (T + 1) / 2);
  const N = cfg.samples;
  const l = cfg.latent;
  const forward = 2 * (K * d * 2 * d + 2 * d * d) + bb.weights + bb.attention + N * energyHeadFlops(cfg)
    + aeEncoderFlops(ae) + 2 * (N * cfg.targets * l + N * N * l);
  return (3 * forward) / K;
}

/** The discrete baseline's training cost per trained token: 3 × (backbone + softmax head). */
export function baselineTrainFlopsPerToken(cfg: BaselineConfig, contextTokens: number): number {
  const bb = backboneStepFlops(cfg.backbone, (contextTokens + 1) / 2);
  return 3 * (bb.weights + bb.attention + 2 * cfg.backbone.d * cfg.vocabSize);
}

/**
 * A chunk autoencoder's training cost per trained token: 3 × (encode + decode forward FLOPs of one chunk) / K
 * (the usual forward + backward estimate; the decoder's tied K·d·V projection dominates).
 */
export function aeTrainFlopsPerToken(ae: AEConfig): number {
  return (3 * (aeEncoderFlops(ae) + aeDecoderFlops(ae))) / ae.K;
}
