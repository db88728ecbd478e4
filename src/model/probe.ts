/**
 * A deterministic probe of both language models on one prompt, for golden fixtures that check the
 * browser (any backend) against Node: CALM's last hidden state, one head sample for fixed noise and
 * its decoded chunk, and the baseline's top next-token logits. With the prepared models (src/model/fast/)
 * the same numbers again through the path generation takes: the general path prefills all but the last
 * position, the prepared step feeds the last one, then the prepared head and decoder. Read back with
 * `await data()` (dataSync returned zeros on WebGPU). Pure: no DOM, no Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, type AEConfig } from './autoencoder.ts';
import { calmHidden, calmHeadSample, calmStep, headNoise, newCalmCache, type CalmConfig } from './calm.ts';
import { baselineLogits, baselineStep, newBaselineCache, type BaselineConfig } from './baseline.ts';
import type { FastDecoder } from './fast/decoder.ts';
import type { FastBaseline, FastCalm } from './fast/lm.ts';
import type { Params } from './params.ts';

export interface LMProbe {
  /** Chunks fed to CALM (one eos chunk, then the left-padded prompt), flat. */
  calmInput: number[];
  /** CALM's hidden state at the last position (d numbers). */
  hidden: number[];
  /** One head sample for the uniform noise drawn from `noiseSeed` (latent numbers). */
  headSample: number[];
  /** That sample decoded by the autoencoder (K ids). */
  decoded: number[];
  /** Tokens fed to the baseline (K eos tokens, then the prompt). */
  baselineInput: number[];
  /** The baseline's 5 largest next-token logits and their ids. */
  baselineTopIds: number[];
  baselineTopLogits: number[];
  /** The same numbers through the prepared generation path, when the models carry one. */
  prepared?: { hidden: number[]; headSample: number[]; decoded: number[]; baselineTopIds: number[]; baselineTopLogits: number[] };
}

export interface ProbeModels {
  calm: { params: Params; cfg: CalmConfig; fast?: FastCalm };
  baseline: { params: Params; cfg: BaselineConfig; fast?: FastBaseline };
  ae: { params: Params; cfg: AEConfig; fast?: FastDecoder };
}

async function read(ts: tf.Tensor[]): Promise<number[][]> {
  try {
    return (await Promise.all(ts.map((t) => t.data()))).map((v) => Array.from(v));
  } finally {
    tf.dispose(ts);
  }
}

/** The prepared path's numbers (see the file comment), or undefined without prepared models. */
async function probePrepared(m: ProbeModels, calmInput: number[], baselineInput: number[], noiseSeed: number): Promise<LMProbe['prepared']> {
  const fc = m.calm.fast;
  const fb = m.baseline.fast;
  const fd = m.ae.fast;
  if (!fc || !fb || !fd) return undefined;
  const K = m.calm.cfg.K;
  const T = calmInput.length / K;
  const L = baselineInput.length;
  const cc = newCalmCache(m.calm.cfg);
  const bc = newBaselineCache(m.baseline.cfg);
  try {
    // Not inside a tidy: the steps keep their keys and values in the caches.
    if (T > 1) {
      const x = tf.tensor3d(calmInput.slice(0, (T - 1) * K), [1, T - 1, K], 'int32');
      tf.dispose([calmStep(m.calm.params, m.calm.cfg, x, cc), x]);
    }
    if (L > 1) {
      const x = tf.tensor2d(baselineInput.slice(0, L - 1), [1, L - 1], 'int32');
      tf.dispose([baselineStep(m.baseline.params, m.baseline.cfg, x, bc), x]);
    }
    const h = fc.step(calmInput.slice((T - 1) * K), cc);
    const logits = fb.step(baselineInput[L - 1], bc);
    const out = tf.tidy(() => {
      const z = fc.head.sample(h, tf.reshape(headNoise(m.calm.cfg, 1, 1, noiseSeed), [1, m.calm.cfg.head.noiseDim]) as tf.Tensor2D);
      const top = tf.topk(logits, 5);
      return [tf.reshape(h, [-1]), z, fd.decodeIds(z), top.indices, top.values];
    });
    tf.dispose([h, logits]);
    const [hidden, headSample, decoded, baselineTopIds, baselineTopLogits] = await read(out);
    return { hidden, headSample, decoded, baselineTopIds, baselineTopLogits };
  } finally {
    cc.dispose();
    bc.dispose();
  }
}

export async function probeLM(m: ProbeModels, promptIds: readonly number[], eosId: number, noiseSeed: number): Promise<LMProbe> {
  const K = m.calm.cfg.K;
  const padLen = (K - (promptIds.length % K)) % K;
  const calmInput = [...new Array<number>(K + padLen).fill(eosId), ...promptIds];
  const baselineInput = [...new Array<number>(K).fill(eosId), ...promptIds];
  const T = calmInput.length / K;
  const d = m.calm.cfg.backbone.d;
  const out = tf.tidy(() => {
    const h = calmHidden(m.calm.params, m.calm.cfg, tf.tensor3d(calmInput, [1, T, K], 'int32'));
    const last = tf.reshape(tf.slice(h, [0, T - 1, 0], [1, 1, d]), [1, d]) as tf.Tensor2D;
    const z = tf.reshape(calmHeadSample(m.calm.params, m.calm.cfg, last, headNoise(m.calm.cfg, 1, 1, noiseSeed)), [1, m.calm.cfg.latent]) as tf.Tensor2D;
    const dec = decodeIds(m.ae.params, m.ae.cfg, z);
    const L = baselineInput.length;
    const logits = baselineLogits(m.baseline.params, m.baseline.cfg, tf.tensor2d(baselineInput, [1, L], 'int32'));
    const lastLogits = tf.reshape(tf.slice(logits, [0, L - 1, 0], [1, 1, m.baseline.cfg.vocabSize]), [m.baseline.cfg.vocabSize]);
    const top = tf.topk(lastLogits, 5);
    return [last, z, dec, top.indices, top.values];
  });
  const [hidden, headSample, decoded, topIds, topLogits] = await read(out);
  const prepared = await probePrepared(m, calmInput, baselineInput, noiseSeed);
  return { calmInput, hidden, headSample, decoded, baselineInput, baselineTopIds: topIds, baselineTopLogits: topLogits, ...(prepared ? { prepared } : {}) };
}
