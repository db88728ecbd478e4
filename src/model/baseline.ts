/**
 * The discrete baseline (CALM.md §2): the same Llama-style backbone over single tokens, a token
 * embedding, the backbone's final RMSNorm, an UNTIED softmax head (no bias), cross-entropy.
 *
 * Training: ids [B, T+1]; positions 0 … T−1 predict tokens 1 … T.
 * Parameter names: emb [V,d], bb.* (backbone), out [d,V].
 */
import * as tf from '@tensorflow/tfjs-core';
import { crossEntropy, embed, linear, param } from './ops.ts';
import { ParamBuilder, type Params } from './params.ts';
import type { Rng } from './random.ts';
import { addTransformerParams, KVCache, transformerForward, transformerForwardCached, transformerShapes, type TransformerConfig } from './transformer.ts';

export interface BaselineConfig {
  vocabSize: number;
  /** Backbone; maxLen counts token positions. */
  backbone: TransformerConfig;
}

/** Fresh parameters: embedding std 1 (unit-RMS residual stream), head std 1/√d (unit-scale logits). */
export function initBaseline(cfg: BaselineConfig, rng: Rng): Params {
  const { vocabSize: V } = cfg;
  const d = cfg.backbone.d;
  const pb = new ParamBuilder(rng);
  pb.normal('emb', [V, d], 1);
  addTransformerParams(pb, cfg.backbone, 'bb');
  pb.matrix('out', d, V);
  return pb.params;
}

export function baselineShapes(cfg: BaselineConfig): Map<string, number[]> {
  const d = cfg.backbone.d;
  const m = new Map<string, number[]>([['emb', [cfg.vocabSize, d]]]);
  transformerShapes(cfg.backbone, 'bb', m);
  m.set('out', [d, cfg.vocabSize]);
  return m;
}

/** Parameters without weight decay: the RMSNorm gains. */
export function baselineNoDecay(name: string): boolean {
  return name.endsWith('Norm') || name === 'bb.norm';
}

/** Full causal pass: ids [B,T] (int32) → logits [B,T,V]. Call inside a tidy. */
export function baselineLogits(params: Params, cfg: BaselineConfig, ids: tf.Tensor2D): tf.Tensor3D {
  const h = transformerForward(params, cfg.backbone, 'bb', embed(param(params, 'emb'), ids));
  return linear(h, param(params, 'out')) as tf.Tensor3D;
}

/** Mean next-token cross-entropy (nats) on ids [B, T+1]. Call inside tf.variableGrads (or a tidy). */
export function baselineLoss(params: Params, cfg: BaselineConfig, ids: tf.Tensor2D): tf.Scalar {
  const [B, L] = ids.shape;
  const T = L - 1;
  if (T < 1) throw new Error('baseline: need at least 2 tokens per row');
  const inputs = tf.slice(ids, [0, 0], [B, T]) as tf.Tensor2D;
  const labels = tf.reshape(tf.slice(ids, [0, 1], [B, T]), [B * T]) as tf.Tensor1D;
  const logits = tf.reshape(baselineLogits(params, cfg, inputs), [B * T, cfg.vocabSize]) as tf.Tensor2D;
  return crossEntropy(logits, labels);
}

export function newBaselineCache(cfg: BaselineConfig): KVCache {
  return new KVCache(cfg.backbone);
}

/**
 * Cached step: the next t tokens ids [B,t] → logits [B,t,V], keys/values appended to the cache.
 * Manages its own memory: only the returned logits are new.
 */
export function baselineStep(params: Params, cfg: BaselineConfig, ids: tf.Tensor2D, cache: KVCache): tf.Tensor3D {
  const x = tf.tidy(() => embed(param(params, 'emb'), ids));
  let h: tf.Tensor3D;
  try {
    h = transformerForwardCached(params, cfg.backbone, 'bb', x, cache);
  } finally {
    x.dispose();
  }
  const logits = tf.tidy(() => linear(h, param(params, 'out')) as tf.Tensor3D);
  h.dispose();
  return logits;
}
