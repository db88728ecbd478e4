/**
 * BrierLM evaluation (CALM.md §4) of CALM, the discrete baseline and a unigram floor on the same token
 * windows at the same context length. Portable (no DOM, no Node): `npm run eval:lm` (scripts/lib/lm-eval.ts)
 * and the browser engine's `evaluate` op both run it. Incremental: each evaluator processes one batch of
 * windows per `step()` and keeps running accumulators, so a caller can yield, report progress and cancel
 * between batches.
 *
 * A window is EVAL_CONTEXT = 124 context tokens (31 chunks) followed by the K = 4 tokens to predict
 * (CALM: the next chunk; Brier-n = its first n tokens, cumulative match).
 *  - CALM: `samples` head draws per position with independent noise, decoded; disjoint pairs give
 *    samples/2 two-sample estimates 1{x₁ = y} + 1{x₂ = y} − 1{x₁ = x₂} per position, averaged per
 *    position. repeatRate = share of positions whose first min(samples, 100) draws repeat a chunk.
 *  - baseline: the lower-variance form 2·P(y₁..ₙ) − P(x̂₁..ₙ) with x̂ sampled from the model.
 *  - unigram: token frequencies (add-one smoothing) of the training split, the same lower-variance form.
 * Random numbers: one Mulberry32 stream per evaluator, consumed in a fixed order (per batch of 32
 * windows for CALM's head noise; per order j, then window, for the baseline's samples), so a seed and
 * a window list reproduce a result exactly in Node and in the browser.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BRIER_ORDERS, BrierAccumulator, brierFromProbabilities, brierTwoSample, type BrierSummary } from './brier.ts';
import { calmHiddenLast, calmStep, newCalmCache, sampleChunks, type CalmConfig } from './calm.ts';
import { decodeIds, transposedEmbedding, type AEConfig } from './autoencoder.ts';
import { type BaselineConfig } from './baseline.ts';
import { documentStream } from './chunking.ts';
import { embed } from './ops.ts';
import type { Params } from './params.ts';
import { Mulberry32, type Rng } from './random.ts';
import { linearAuto, param } from './ops.ts';
import { KVCache, transformerForwardCached } from './transformer.ts';

/** Context tokens every model sees before the K tokens it predicts (31 chunks of 4). */
export const EVAL_CONTEXT = 124;
/** Tokens predicted per window (= CALM's K; Brier-1 … Brier-4). */
export const EVAL_K = BRIER_ORDERS;
/** Windows per batch (part of the definition: the random streams are consumed per batch). */
export const EVAL_BATCH = 32;

/** Documents framed as in training (eos chunk first, eos-padded to whole chunks), concatenated. */
export function documentsStream(docs: ArrayLike<number>[], eosId: number, K = EVAL_K): Int32Array {
  const streams = docs.map((d) => documentStream(d, K, eosId));
  const out = new Int32Array(streams.reduce((a, s) => a + s.length, 0));
  let off = 0;
  for (const s of streams) {
    out.set(s, off);
    off += s.length;
  }
  return out;
}

/** Windows of EVAL_CONTEXT + K tokens starting every `stride` tokens (views into the stream). */
export function streamWindows(stream: Int32Array, stride: number, maxWindows = Infinity): Int32Array[] {
  if (!(stride >= 1)) throw new Error(`evaluate: stride must be at least 1, got ${stride}`);
  const out: Int32Array[] = [];
  for (let s = 0; s + EVAL_CONTEXT + EVAL_K <= stream.length && out.length < maxWindows; s += stride) {
    out.push(stream.subarray(s, s + EVAL_CONTEXT + EVAL_K));
  }
  return out;
}

/**
 * Windows that predict every chunk of one text (a user's paste): the text framed as a training
 * document, preceded by enough eos tokens that its first chunk also gets a full-length (eos) context.
 * Chunk-aligned, stride K: window i predicts chunk i of the framed document, its last one included.
 */
export function textWindows(ids: ArrayLike<number>, eosId: number): Int32Array[] {
  const doc = documentStream(ids, EVAL_K, eosId);
  const stream = new Int32Array(EVAL_CONTEXT + doc.length).fill(eosId);
  stream.set(doc, EVAL_CONTEXT);
  // The framed document's own first chunk is eos (never predicted by anything): start after it.
  return streamWindows(stream.subarray(EVAL_K), EVAL_K);
}

/** Sample an index from probabilities p[off … off+V) with a uniform u. */
export function sampleIndex(p: ArrayLike<number>, off: number, V: number, u: number): number {
  let acc = 0;
  for (let i = 0; i < V; i++) {
    acc += p[off + i];
    if (u < acc) return i;
  }
  return V - 1;
}

/** Common shape of the three evaluators. */
export interface BrierEvaluator<R extends BrierSummary = BrierSummary> {
  /** Windows in total and done so far. */
  readonly total: number;
  readonly done: number;
  /** Process the next batch, reading results back synchronously (Node, WASM); false once all are done. */
  step(): boolean;
  /** The same with asynchronous read-backs (`await data()`: the browser engine, any backend). */
  stepAsync(): Promise<boolean>;
  /** The accumulated result (any time; final once a step returned false). */
  result(): R;
}

/**
 * One batch of work as a generator: it yields each tensor whose values it needs next and receives
 * them back (then the driver disposes that tensor), and returns whether windows remain. The sync and
 * async drivers below run the same generator, so both read-back styles give identical numbers.
 */
type BatchWork = Generator<tf.Tensor, boolean, Float32Array | Int32Array>;

function driveSync(g: BatchWork): boolean {
  let r = g.next(undefined as unknown as Float32Array);
  try {
    while (!r.done) {
      const t = r.value;
      let v: Float32Array | Int32Array;
      try {
        v = t.dataSync() as Float32Array | Int32Array;
      } finally {
        t.dispose();
      }
      r = g.next(v);
    }
    return r.value;
  } finally {
    if (!r.done) g.return(false); // an error: let the generator free what it holds
  }
}

async function driveAsync(g: BatchWork): Promise<boolean> {
  let r = g.next(undefined as unknown as Float32Array);
  try {
    while (!r.done) {
      const t = r.value;
      let v: Float32Array | Int32Array;
      try {
        v = (await t.data()) as Float32Array | Int32Array;
      } finally {
        t.dispose();
      }
      r = g.next(v);
    }
    return r.value;
  } finally {
    if (!r.done) g.return(false);
  }
}

export interface CalmEvalResult extends BrierSummary {
  /** Share of positions whose draws (up to 100) contain a repeated chunk. */
  repeatRate: number;
  /** Two-sample estimates averaged per position (samples / 2). */
  pairsPerPosition: number;
}

/** CALM: `samples` head draws per window (even, ≥ 2), decoded, paired. */
export class CalmBrierEval implements BrierEvaluator<CalmEvalResult> {
  private acc = new BrierAccumulator();
  private rng: Rng;
  private repeats = 0;
  done = 0;
  get total(): number {
    return this.windows.length;
  }

  constructor(
    private readonly calm: { params: Params; cfg: CalmConfig },
    private readonly ae: { params: Params; cfg: AEConfig },
    private readonly windows: Int32Array[],
    private readonly samples: number,
    seed: number,
    private batch = EVAL_BATCH,
  ) {
    if (!(samples >= 2)) throw new Error(`evaluate: CALM needs at least 2 samples per position, got ${samples}`);
    if (!(calm.cfg.K >= 1 && EVAL_K % calm.cfg.K === 0)) {
      throw new Error(`evaluate: CALM has K = ${calm.cfg.K}, which does not divide the ${EVAL_K} tokens the evaluation predicts`);
    }
    // K < 4 rolls each sample out over 4/K steps: keep rows × samples trajectories to about 512.
    if (calm.cfg.K < EVAL_K) this.batch = Math.max(1, Math.min(batch, Math.floor(512 / samples)));
    this.rng = new Mulberry32(seed);
  }

  step(): boolean {
    return driveSync(this.work());
  }

  stepAsync(): Promise<boolean> {
    return driveAsync(this.work());
  }

  private *work(): BatchWork {
    if (this.done >= this.windows.length) return false;
    const { params, cfg } = this.calm;
    const K = EVAL_K;
    const samples = this.samples;
    const rows = this.windows.slice(this.done, this.done + this.batch);
    const ids = cfg.K === K ? yield* this.drawChunks(rows) : yield* this.rollOut(rows);
    const pairs = Math.floor(samples / 2);
    rows.forEach((r, i) => {
      const y = r.subarray(EVAL_CONTEXT, EVAL_CONTEXT + K);
      const base = i * samples * K;
      const mean = [0, 0, 0, 0];
      for (let p = 0; p < pairs; p++) {
        const x1 = ids.subarray(base + 2 * p * K, base + (2 * p + 1) * K);
        const x2 = ids.subarray(base + (2 * p + 1) * K, base + (2 * p + 2) * K);
        brierTwoSample(x1, x2, y).forEach((v, n) => (mean[n] += v / pairs));
      }
      this.acc.add(mean);
      const seen = new Set<string>();
      let rep = false;
      for (let s = 0; s < Math.min(samples, 100); s++) {
        const key = ids.subarray(base + s * K, base + (s + 1) * K).join(',');
        if (seen.has(key)) rep = true;
        seen.add(key);
      }
      if (rep) this.repeats++;
    });
    this.done += rows.length;
    return this.done < this.windows.length;
  }

  /** K = 4: `samples` next chunks per row in one head call → ids [rows·samples·4]. */
  private *drawChunks(rows: Int32Array[]): Generator<tf.Tensor, Int32Array, Float32Array | Int32Array> {
    const { params, cfg } = this.calm;
    const K = cfg.K;
    const ctx = new Int32Array(rows.length * EVAL_CONTEXT);
    rows.forEach((r, i) => ctx.set(r.subarray(0, EVAL_CONTEXT), i * EVAL_CONTEXT));
    const h = tf.tidy(() => {
      const hid = calmHiddenLast(params, cfg, tf.tensor3d(ctx, [rows.length, EVAL_CONTEXT / K, K], 'int32'));
      return tf.reshape(hid, [rows.length, cfg.backbone.d]);
    });
    const z = sampleChunks(params, cfg, h, this.samples, Math.floor(this.rng.next() * 2 ** 32));
    const idsT = tf.tidy(() => decodeIds(this.ae.params, this.ae.cfg, z, transposedEmbedding(this.ae.params)));
    tf.dispose([h, z]);
    return (yield idsT) as Int32Array;
  }

  /**
   * K < 4 (the K dial): each of the `samples` trajectories per row draws 4/K chunks in turn, each chunk
   * fed back through the cached backbone, so a trajectory is one sample of the next 4 tokens, as the
   * K = 4 model's one chunk is. Returns ids [rows·samples·4], trajectory-major like drawChunks.
   */
  private *rollOut(rows: Int32Array[]): Generator<tf.Tensor, Int32Array, Float32Array | Int32Array> {
    const { params, cfg } = this.calm;
    const k = cfg.K;
    const R = EVAL_K / k;
    const n = rows.length;
    const S = this.samples;
    const ctx = new Int32Array(n * EVAL_CONTEXT);
    rows.forEach((r, i) => ctx.set(r.subarray(0, EVAL_CONTEXT), i * EVAL_CONTEXT));
    const out = new Int32Array(n * S * EVAL_K);
    const cache = newCalmCache(cfg);
    const embT = transposedEmbedding(this.ae.params);
    try {
      const ctxT = tf.tensor3d(ctx, [n, EVAL_CONTEXT / k, k], 'int32');
      let hAll: tf.Tensor3D;
      try {
        hAll = calmStep(params, cfg, ctxT, cache);
      } finally {
        ctxT.dispose();
      }
      const h = tf.tidy(() => tf.reshape(tf.slice(hAll, [0, EVAL_CONTEXT / k - 1, 0], [n, 1, cfg.backbone.d]), [n, cfg.backbone.d]));
      hAll.dispose();
      // Every row's cache repeated S times (trajectory i·S + s), then one chunk per trajectory per step.
      const layers = cache.layers!;
      cache.layers = layers.map((l) => tile(l, n, S));
      tf.dispose(layers.flatMap((l) => [l.k, l.v]));
      let z = sampleChunks(params, cfg, h, S, Math.floor(this.rng.next() * 2 ** 32));
      h.dispose();
      for (let step = 0; step < R; step++) {
        const idsT = tf.tidy(() => decodeIds(this.ae.params, this.ae.cfg, z, embT));
        z.dispose();
        const ids = (yield idsT) as Int32Array;
        for (let t = 0; t < n * S; t++) out.set(ids.subarray(t * k, (t + 1) * k), t * EVAL_K + step * k);
        if (step === R - 1) break;
        const idsIn = tf.tensor3d(ids, [n * S, 1, k], 'int32');
        let hs: tf.Tensor3D;
        try {
          hs = calmStep(params, cfg, idsIn, cache);
        } finally {
          idsIn.dispose();
        }
        const h2 = tf.tidy(() => tf.reshape(hs, [n * S, cfg.backbone.d]));
        hs.dispose();
        z = sampleChunks(params, cfg, h2, 1, Math.floor(this.rng.next() * 2 ** 32));
        h2.dispose();
      }
    } finally {
      cache.dispose();
      embT.dispose();
    }
    return out;
  }

  result(): CalmEvalResult {
    return { ...this.acc.summary(), repeatRate: this.done ? this.repeats / this.done : 0, pairsPerPosition: Math.floor(this.samples / 2) };
  }
}

/**
 * Discrete baseline, lower-variance form. Per batch of n windows: one cached prefill of the n contexts
 * (logits of the last position only), the cache duplicated so rows 0…n−1 follow the true continuation
 * and rows n…2n−1 one sampled from the model, then K − 1 single-token steps on the 2n rows.
 */
export class BaselineBrierEval implements BrierEvaluator {
  private acc = new BrierAccumulator();
  private rng: Rng;
  private evalCfg: BaselineConfig;
  done = 0;
  get total(): number {
    return this.windows.length;
  }

  constructor(
    private readonly baseline: { params: Params; cfg: BaselineConfig },
    private readonly windows: Int32Array[],
    seed: number,
    private readonly batch = EVAL_BATCH,
  ) {
    const cfg = baseline.cfg;
    this.evalCfg = { ...cfg, backbone: { ...cfg.backbone, maxLen: Math.max(cfg.backbone.maxLen, EVAL_CONTEXT + EVAL_K) } };
    this.rng = new Mulberry32(seed);
  }

  /** Next-token probabilities [rows, V] after feeding ids [rows, t] through the cache (last position only). */
  private nextProbs(ids: Int32Array, rows: number, t: number, cache: KVCache): tf.Tensor2D {
    const { params } = this.baseline;
    const bb = this.evalCfg.backbone;
    const x = tf.tidy(() => embed(param(params, 'emb'), tf.tensor2d(ids, [rows, t], 'int32')));
    let h: tf.Tensor3D;
    try {
      h = transformerForwardCached(params, bb, 'bb', x, cache, true);
    } finally {
      x.dispose();
    }
    try {
      return tf.tidy(() => tf.softmax(linearAuto(tf.reshape(h, [rows, bb.d]), param(params, 'out')) as tf.Tensor2D));
    } finally {
      h.dispose();
    }
  }

  step(): boolean {
    return driveSync(this.work());
  }

  stepAsync(): Promise<boolean> {
    return driveAsync(this.work());
  }

  private *work(): BatchWork {
    if (this.done >= this.windows.length) return false;
    const K = EVAL_K;
    const V = this.evalCfg.vocabSize;
    const rows = this.windows.slice(this.done, this.done + this.batch);
    const n = rows.length;
    const ctx = new Int32Array(n * EVAL_CONTEXT);
    rows.forEach((r, i) => ctx.set(r.subarray(0, EVAL_CONTEXT), i * EVAL_CONTEXT));
    const trueCond = rows.map(() => new Float64Array(K));
    const sampCond = rows.map(() => new Float64Array(K));
    const cache = new KVCache(this.evalCfg.backbone);
    try {
      // Both halves share the context: their first next-token distribution is the same.
      const first = (yield this.nextProbs(ctx, n, EVAL_CONTEXT, cache)) as Float32Array;
      const layers = cache.layers!;
      cache.layers = layers.map((l) => ({ k: tf.concat([l.k, l.k], 0) as tf.Tensor3D, v: tf.concat([l.v, l.v], 0) as tf.Tensor3D }));
      tf.dispose(layers.flatMap((l) => [l.k, l.v]));
      let probs = first;
      let sampledOff = 0; // rows n…2n−1 read row i's distribution at j = 0
      for (let j = 0; j < K; j++) {
        const next = new Int32Array(2 * n);
        for (let i = 0; i < n; i++) {
          const y = rows[i][EVAL_CONTEXT + j];
          trueCond[i][j] = probs[i * V + y];
          const off = (sampledOff + i) * V;
          const x = sampleIndex(probs, off, V, this.rng.next());
          sampCond[i][j] = probs[off + x];
          next[i] = y;
          next[n + i] = x;
        }
        if (j === K - 1) break;
        probs = (yield this.nextProbs(next, 2 * n, 1, cache)) as Float32Array;
        sampledOff = n;
      }
    } finally {
      cache.dispose();
    }
    for (let i = 0; i < n; i++) this.acc.add(brierFromProbabilities(trueCond[i], sampCond[i]));
    this.done += n;
    return this.done < this.windows.length;
  }

  result(): BrierSummary {
    return this.acc.summary();
  }
}

/** A cached layer's keys and values [n·H, L, hd] with each row repeated S times → [n·S·H, L, hd]. */
function tile(l: { k: tf.Tensor3D; v: tf.Tensor3D }, n: number, S: number): { k: tf.Tensor3D; v: tf.Tensor3D } {
  const rep = (x: tf.Tensor3D) => tf.tidy(() => {
    const [bh, L, hd] = x.shape;
    const per = (bh / n) * L * hd;
    return tf.reshape(tf.tile(tf.reshape(x, [n, 1, per]), [1, S, 1]), [n * S * (bh / n), L, hd]) as tf.Tensor3D;
  });
  return { k: rep(l.k), v: rep(l.v) };
}

/** Unigram probabilities with add-one smoothing from raw token counts (length V). */
export function unigramProbabilities(counts: ArrayLike<number>): Float64Array {
  const V = counts.length;
  let total = V;
  for (let i = 0; i < V; i++) total += counts[i];
  const p = new Float64Array(V);
  for (let i = 0; i < V; i++) p[i] = (counts[i] + 1) / total;
  return p;
}

/** Unigram floor, lower-variance form (no tensors). */
export class UnigramBrierEval implements BrierEvaluator {
  private acc = new BrierAccumulator();
  private rng: Rng;
  done = 0;
  get total(): number {
    return this.windows.length;
  }

  constructor(private readonly p: Float64Array, private readonly windows: Int32Array[], seed: number, private readonly batch = 256) {
    this.rng = new Mulberry32(seed);
  }

  step(): boolean {
    const K = EVAL_K;
    const V = this.p.length;
    const end = Math.min(this.windows.length, this.done + this.batch);
    for (; this.done < end; this.done++) {
      const w = this.windows[this.done];
      const tc = new Float64Array(K);
      const sc = new Float64Array(K);
      for (let j = 0; j < K; j++) {
        tc[j] = this.p[w[EVAL_CONTEXT + j]];
        sc[j] = this.p[sampleIndex(this.p, 0, V, this.rng.next())];
      }
      this.acc.add(brierFromProbabilities(tc, sc));
    }
    return this.done < this.windows.length;
  }

  async stepAsync(): Promise<boolean> {
    return this.step();
  }

  result(): BrierSummary {
    return this.acc.summary();
  }
}

/** Run an evaluator to the end (Node scripts; the engine steps it itself to yield in between). */
export function runToEnd<R extends BrierSummary>(e: BrierEvaluator<R>, progress?: (done: number) => void): R {
  while (e.step()) progress?.(e.done);
  progress?.(e.done);
  return e.result();
}
