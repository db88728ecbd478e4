/**
 * Generation with a KV cache (CALM.md §3), for CALM and the discrete baseline. Each CALM step runs the
 * backbone on ONE new chunk position, draws one latent from the energy head and decodes K tokens; each
 * baseline step runs the backbone on one token and samples from the softmax. Pure: no DOM, no Node.
 * Plain sampling (T = 1) for both; CALM's temperature samplers live in sampling/ + calm-sampler.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, transposedEmbedding, type AEConfig } from './autoencoder.ts';
import { calmStep, newCalmCache, sampleChunks, type CalmConfig } from './calm.ts';
import { baselineStep, newBaselineCache, type BaselineConfig } from './baseline.ts';
import { leftPadPrompt } from './chunking.ts';
import type { Params } from './params.ts';
import { sampleFromProbs, type Rng } from './random.ts';

/** Run f on a freshly made input tensor and dispose the input afterwards. */
function withInput<T>(input: tf.Tensor, f: (x: tf.Tensor) => T): T {
  try {
    return f(input);
  } finally {
    input.dispose();
  }
}

export { withInput };

export interface GenerateResult {
  /** Generated token ids (prompt excluded). */
  ids: number[];
  /** Backbone steps taken after the prompt's prefill. */
  steps: number;
  /** True when an end-of-text token stopped generation. */
  endOfText: boolean;
}

/**
 * A CALM generation's input and step budget: training documents start with one chunk of K eos tokens,
 * so does every generation, then the prompt left-padded to whole chunks; at most ⌈maxTokens/K⌉ steps,
 * and no more than the backbone's context leaves room for.
 */
export function framePrompt(cfg: CalmConfig, prompt: ArrayLike<number>, maxTokens: number, eosId: number): { padded: Int32Array; maxSteps: number } {
  const K = cfg.K;
  const body = prompt.length > 0 ? leftPadPrompt(prompt, K, eosId) : new Int32Array(0);
  const padded = new Int32Array(K + body.length).fill(eosId);
  padded.set(body, K);
  const room = cfg.backbone.maxLen - padded.length / K;
  return { padded, maxSteps: Math.min(Math.ceil(maxTokens / K), room) };
}

/** CALM: generate up to `maxTokens` tokens (a multiple of K is produced per step) after a prompt. */
export function generateCalm(
  calm: Params, cfg: CalmConfig, ae: Params, aeCfg: AEConfig, prompt: ArrayLike<number>, maxTokens: number, eosId: number, rng: Rng,
): GenerateResult {
  const K = cfg.K;
  const { padded, maxSteps } = framePrompt(cfg, prompt, maxTokens, eosId);
  const cache = newCalmCache(cfg);
  // The decoder's output matrix, transposed once per generation instead of once per chunk.
  const embT = transposedEmbedding(ae);
  const ids: number[] = [];
  let steps = 0;
  let endOfText = false;
  try {
    let h = withInput(tf.tensor3d(padded, [1, padded.length / K, K], 'int32'), (x) => calmStep(calm, cfg, x as tf.Tensor3D, cache));
    while (steps < maxSteps) {
      const last = tf.tidy(() => tf.reshape(tf.slice(h, [0, h.shape[1] - 1, 0], [1, 1, cfg.backbone.d]), [1, cfg.backbone.d]));
      const z = sampleChunks(calm, cfg, last, 1, Math.floor(rng.next() * 2 ** 32));
      const chunk = tf.tidy(() => Array.from(decodeIds(ae, aeCfg, z, embT).dataSync()));
      tf.dispose([last, z, h]);
      steps++;
      const eos = chunk.indexOf(eosId);
      if (eos >= 0) {
        ids.push(...chunk.slice(0, eos));
        endOfText = true;
        h = tf.zeros([1, 1, 1]);
        break;
      }
      ids.push(...chunk);
      if (steps >= maxSteps) {
        h = tf.zeros([1, 1, 1]);
        break;
      }
      h = withInput(tf.tensor3d(chunk, [1, 1, K], 'int32'), (x) => calmStep(calm, cfg, x as tf.Tensor3D, cache));
    }
    h.dispose();
  } finally {
    cache.dispose();
    embT.dispose();
  }
  return { ids, steps, endOfText };
}

/** Baseline: generate up to `maxTokens` tokens after a prompt (K = 4 eos tokens come first). */
export function generateBaseline(
  params: Params, cfg: BaselineConfig, prompt: ArrayLike<number>, maxTokens: number, eosId: number, rng: Rng, temperature = 1,
): GenerateResult {
  // Training documents start with K eos tokens: so does every generation (same framing as CALM).
  const start = new Int32Array(4 + prompt.length).fill(eosId);
  start.set(Int32Array.from(prompt as ArrayLike<number>), 4);
  const maxSteps = Math.min(maxTokens, cfg.backbone.maxLen - start.length);
  const cache = newBaselineCache(cfg);
  const V = cfg.vocabSize;
  const ids: number[] = [];
  let steps = 0;
  let endOfText = false;
  try {
    let logits = withInput(tf.tensor2d(start, [1, start.length], 'int32'), (x) => baselineStep(params, cfg, x as tf.Tensor2D, cache));
    while (steps < maxSteps) {
      const T = logits.shape[1];
      // Read outside tf.tidy: tidy walks a returned typed array element by element (≈ 1 ms for 4096 floats).
      const pt = tf.tidy(() => tf.softmax(tf.div(tf.reshape(tf.slice(logits, [0, T - 1, 0], [1, 1, V]), [V]), temperature)));
      logits.dispose();
      const probs = pt.dataSync();
      pt.dispose();
      const next = sampleFromProbs(probs, rng.next());
      steps++;
      if (next === eosId) {
        endOfText = true;
        logits = tf.zeros([1, 1, 1]);
        break;
      }
      ids.push(next);
      if (steps >= maxSteps) {
        logits = tf.zeros([1, 1, 1]);
        break;
      }
      logits = withInput(tf.tensor2d([next], [1, 1], 'int32'), (x) => baselineStep(params, cfg, x as tf.Tensor2D, cache));
    }
    logits.dispose();
  } finally {
    cache.dispose();
  }
  return { ids, steps, endOfText };
}
