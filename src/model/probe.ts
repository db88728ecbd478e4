/**
 * A deterministic probe of both language models on one prompt, for golden fixtures that check the
 * browser (any backend) against Node: CALM's last hidden state, one head sample for fixed noise and
 * its decoded chunk, and the baseline's top next-token logits. Pure: no DOM, no Node.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, type AEConfig } from './autoencoder.ts';
import { calmHidden, calmHeadSample, headNoise, type CalmConfig } from './calm.ts';
import { baselineLogits, type BaselineConfig } from './baseline.ts';
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
}

export interface ProbeModels {
  calm: { params: Params; cfg: CalmConfig };
  baseline: { params: Params; cfg: BaselineConfig };
  ae: { params: Params; cfg: AEConfig };
}

export function probeLM(m: ProbeModels, promptIds: readonly number[], eosId: number, noiseSeed: number): LMProbe {
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
  const [hidden, headSample, decoded, topIds, topLogits] = out.map((t) => Array.from(t.dataSync()));
  tf.dispose(out);
  return { calmInput, hidden, headSample, decoded, baselineInput, baselineTopIds: topIds, baselineTopLogits: topLogits };
}
