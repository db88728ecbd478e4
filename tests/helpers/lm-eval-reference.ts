/**
 * The original BrierLM evaluators of scripts/lib/lm-eval.ts (before they moved to src/model/evaluate.ts),
 * kept verbatim as the reference that src/model/evaluate.ts must reproduce: same estimators, same
 * windows, same random streams. Slow (full-window logits, duplicated prefill): tests only.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BrierAccumulator, brierFromProbabilities, brierTwoSample, type BrierSummary } from '../../src/model/brier.ts';
import { calmHidden, sampleChunks, type CalmConfig } from '../../src/model/calm.ts';
import { baselineStep, newBaselineCache, type BaselineConfig } from '../../src/model/baseline.ts';
import { decodeIds, type AEConfig } from '../../src/model/autoencoder.ts';
import { withInput } from '../../src/model/generate.ts';
import type { Params } from '../../src/model/params.ts';
import { Mulberry32, type Rng } from '../../src/model/random.ts';

const EVAL_CONTEXT = 124;
const K = 4;

function sampleIndex(p: Float32Array | Float64Array, off: number, V: number, u: number): number {
  let acc = 0;
  for (let i = 0; i < V; i++) {
    acc += p[off + i];
    if (u < acc) return i;
  }
  return V - 1;
}

export function referenceEvalCalm(
  calm: Params, cfg: CalmConfig, ae: Params, aeCfg: AEConfig, windows: Int32Array[], samples: number, seed: number,
): BrierSummary & { repeatRate: number } {
  const acc = new BrierAccumulator();
  const C = EVAL_CONTEXT / K;
  const B = 32;
  let repeats = 0;
  const rng = new Mulberry32(seed);
  for (let w0 = 0; w0 < windows.length; w0 += B) {
    const rows = windows.slice(w0, w0 + B);
    const ctx = new Int32Array(rows.length * EVAL_CONTEXT);
    rows.forEach((r, i) => ctx.set(r.subarray(0, EVAL_CONTEXT), i * EVAL_CONTEXT));
    const h = tf.tidy(() => {
      const hid = calmHidden(calm, cfg, tf.tensor3d(ctx, [rows.length, C, K], 'int32'));
      return tf.reshape(tf.slice(hid, [0, C - 1, 0], [rows.length, 1, cfg.backbone.d]), [rows.length, cfg.backbone.d]);
    });
    const z = sampleChunks(calm, cfg, h, samples, Math.floor(rng.next() * 2 ** 32));
    const ids = tf.tidy(() => decodeIds(ae, aeCfg, z).dataSync() as Int32Array);
    tf.dispose([h, z]);
    rows.forEach((r, i) => {
      const y = r.subarray(EVAL_CONTEXT, EVAL_CONTEXT + K);
      const base = i * samples * K;
      const mean = [0, 0, 0, 0];
      const pairs = Math.floor(samples / 2);
      for (let p = 0; p < pairs; p++) {
        const x1 = ids.subarray(base + 2 * p * K, base + (2 * p + 1) * K);
        const x2 = ids.subarray(base + (2 * p + 1) * K, base + (2 * p + 2) * K);
        brierTwoSample(x1, x2, y).forEach((v, n) => (mean[n] += v / pairs));
      }
      acc.add(mean);
      const seen = new Set<string>();
      let rep = false;
      for (let s = 0; s < Math.min(samples, 100); s++) {
        const key = ids.subarray(base + s * K, base + (s + 1) * K).join(',');
        if (seen.has(key)) rep = true;
        seen.add(key);
      }
      if (rep) repeats++;
    });
  }
  return { ...acc.summary(), repeatRate: repeats / windows.length };
}

export function referenceEvalBaseline(params: Params, cfg: BaselineConfig, windows: Int32Array[], seed: number): BrierSummary {
  const acc = new BrierAccumulator();
  const V = cfg.vocabSize;
  const B = 32;
  const rng: Rng = new Mulberry32(seed);
  const evalCfg: BaselineConfig = { ...cfg, backbone: { ...cfg.backbone, maxLen: Math.max(cfg.backbone.maxLen, EVAL_CONTEXT + K) } };
  for (let w0 = 0; w0 < windows.length; w0 += B) {
    const rows = windows.slice(w0, w0 + B);
    const n = rows.length;
    const ctx = new Int32Array(2 * n * EVAL_CONTEXT);
    rows.forEach((r, i) => {
      ctx.set(r.subarray(0, EVAL_CONTEXT), i * EVAL_CONTEXT);
      ctx.set(r.subarray(0, EVAL_CONTEXT), (n + i) * EVAL_CONTEXT);
    });
    const cache = newBaselineCache(evalCfg);
    const trueCond = rows.map(() => new Float64Array(K));
    const sampCond = rows.map(() => new Float64Array(K));
    try {
      let logits = withInput(tf.tensor2d(ctx, [2 * n, EVAL_CONTEXT], 'int32'), (x) => baselineStep(params, evalCfg, x as tf.Tensor2D, cache));
      for (let j = 0; j < K; j++) {
        const T = logits.shape[1];
        const probs = tf.tidy(() => tf.softmax(tf.reshape(tf.slice(logits, [0, T - 1, 0], [2 * n, 1, V]), [2 * n, V])).dataSync() as Float32Array);
        logits.dispose();
        const next = new Int32Array(2 * n);
        for (let i = 0; i < n; i++) {
          const y = rows[i][EVAL_CONTEXT + j];
          trueCond[i][j] = probs[i * V + y];
          const x = sampleIndex(probs, (n + i) * V, V, rng.next());
          sampCond[i][j] = probs[(n + i) * V + x];
          next[i] = y;
          next[n + i] = x;
        }
        if (j === K - 1) break;
        logits = withInput(tf.tensor2d(next, [2 * n, 1], 'int32'), (x) => baselineStep(params, evalCfg, x as tf.Tensor2D, cache));
      }
    } finally {
      cache.dispose();
    }
    for (let i = 0; i < n; i++) acc.add(brierFromProbabilities(trueCond[i], sampCond[i]));
  }
  return acc.summary();
}

/** The unigram part of the original evalUnigram, from raw training counts. */
export function referenceEvalUnigram(rawCounts: ArrayLike<number>, windows: Int32Array[], seed: number): BrierSummary {
  const vocabSize = rawCounts.length;
  const counts = new Float64Array(vocabSize).fill(1);
  let total = vocabSize;
  for (let t = 0; t < vocabSize; t++) {
    counts[t] += rawCounts[t];
    total += rawCounts[t];
  }
  const p = counts.map((c) => c / total);
  const rng = new Mulberry32(seed);
  const acc = new BrierAccumulator();
  for (const w of windows) {
    const tc = new Float64Array(K);
    const sc = new Float64Array(K);
    for (let j = 0; j < K; j++) {
      tc[j] = p[w[EVAL_CONTEXT + j]];
      sc[j] = p[sampleIndex(p, 0, vocabSize, rng.next())];
    }
    acc.add(brierFromProbabilities(tc, sc));
  }
  return acc.summary();
}
