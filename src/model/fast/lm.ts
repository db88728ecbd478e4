/**
 * CALM and the discrete baseline prepared for generation, one position at a time (B = 1): the same
 * values as calm.ts's calmStep / sampleChunks and baseline.ts's baselineStep within float rounding, in
 * fewer kernels (see backbone.ts, head.ts). A prefill of many positions still goes through the general
 * path (calmStep / baselineStep), whose KV cache these steps continue. Owned by the engine beside the
 * parameters they were folded from; dispose() frees what preparation made (not the parameters).
 */
import * as tf from '@tensorflow/tfjs-core';
import { headConfig, headNoise, type CalmConfig } from '../calm.ts';
import type { BaselineConfig } from '../baseline.ts';
import { seedFrom } from '../energy.ts';
import type { Params } from '../params.ts';
import type { Rng } from '../random.ts';
import { param } from '../ops.ts';
import type { KVCache } from '../transformer.ts';
import { FastBackbone } from './backbone.ts';
import { FastHead } from './head.ts';
import { HostMatrix, centerVec } from './host-matrix.ts';
import { silu } from '../ops.ts';
import { Owned, mm, rmsInv, type NormConsts } from './kernels.ts';

const EPS = 1e-6;

export class FastCalm {
  private constructor(
    readonly cfg: CalmConfig,
    readonly backbone: FastBackbone,
    readonly head: FastHead,
    private readonly emb: tf.Tensor,
    private readonly t: { in1W: tf.Tensor3D; in1B: tf.Tensor1D; in2W: tf.Tensor3D; in2B: tf.Tensor1D; lnG: tf.Tensor1D; lnB: tf.Tensor1D },
    private readonly norm: NormConsts,
    private readonly owned: Owned,
  ) {}

  static async prepare(params: Params, cfg: CalmConfig): Promise<FastCalm> {
    const owned = new Owned();
    const host = (name: string) => HostMatrix.of(param(params, name));
    let backbone: FastBackbone | null = null;
    let head: FastHead | null = null;
    try {
      const d = cfg.backbone.d;
      backbone = await FastBackbone.prepare(params, cfg.backbone, 'bb');
      head = await FastHead.prepare(params, headConfig(cfg), 'head');
      // The input LayerNorm's centring goes into in2 (W·C, b·C); its gain (·√d) and bias stay.
      const t = {
        in1W: owned.add((await host('in1.w')).tensor3d()),
        in1B: owned.vec((await host('in1.b')).data),
        in2W: owned.add((await host('in2.w')).centerRows().tensor3d()),
        in2B: owned.vec(centerVec((await host('in2.b')).data)),
        lnG: owned.vec((await host('inLn.g')).data.map((g) => g * Math.sqrt(d))),
        lnB: owned.vec((await host('inLn.b')).data),
      };
      const norm = owned.norm(d, EPS);
      return new FastCalm(cfg, backbone, head, param(params, 'emb'), t, norm, owned);
    } catch (e) {
      owned.dispose();
      backbone?.dispose();
      head?.dispose();
      throw e;
    }
  }

  /** The input module for one chunk of K ids (numbers, or an int32 tensor of K ids on the device) → [1, 1, d]. Call inside a tidy. */
  private input(chunk: ArrayLike<number> | tf.Tensor): tf.Tensor {
    const { K } = this.cfg;
    const d = this.cfg.backbone.d;
    const n = chunk instanceof tf.Tensor ? chunk.size : chunk.length;
    if (n !== K) throw new Error(`calm: a chunk has ${K} ids, got ${n}`);
    const ids = chunk instanceof tf.Tensor ? tf.reshape(chunk, [K]) : tf.tensor1d(Int32Array.from(chunk), 'int32');
    const e = tf.reshape(tf.gather(this.emb, ids), [1, 1, K * d]);
    const u = silu(mm(e, this.t.in1W, { bias: this.t.in1B }));
    const x = mm(u, this.t.in2W, { bias: this.t.in2B });
    return tf.add(tf.mul(tf.mul(x, rmsInv(x, this.norm)), this.t.lnG), this.t.lnB);
  }

  /**
   * Feed one chunk after those in the cache → h [1, 1, d]. The chunk may stay on the device (the decoder's
   * int32 ids): a GPU then runs this step before the ids are read back. Manages its own memory: only h is new.
   */
  step(chunk: ArrayLike<number> | tf.Tensor, cache: KVCache): tf.Tensor3D {
    const x = tf.tidy(() => this.input(chunk));
    try {
      return this.backbone.step(x, cache);
    } finally {
      x.dispose();
    }
  }

  /**
   * `count` head samples for one hidden state h ([d], [1, d] or [1, 1, d]) → z [count, latent], with the
   * noise of sampleChunks for the same seed (so the same samples). Manages its own memory.
   */
  sample(h: tf.Tensor, count: number, rng: Rng | number): tf.Tensor2D {
    const seed = typeof rng === 'number' ? rng : seedFrom(rng);
    return tf.tidy(() => this.head.sample(h, tf.reshape(headNoise(this.cfg, 1, count, seed), [count, this.cfg.head.noiseDim]) as tf.Tensor2D));
  }

  /** Tensors this preparation made (freed by dispose). */
  get tensors(): number {
    return this.owned.count + this.backbone.tensors + this.head.tensors;
  }

  dispose(): void {
    this.owned.dispose();
    this.backbone.dispose();
    this.head.dispose();
  }
}

export class FastBaseline {
  private constructor(
    readonly cfg: BaselineConfig,
    readonly backbone: FastBackbone,
    private readonly emb: tf.Tensor,
    private readonly out: tf.Tensor3D,
    private readonly owned: Owned,
  ) {}

  static async prepare(params: Params, cfg: BaselineConfig): Promise<FastBaseline> {
    const owned = new Owned();
    const backbone = await FastBackbone.prepare(params, cfg.backbone, 'bb');
    try {
      const out = owned.add(tf.reshape(param(params, 'out'), [1, cfg.backbone.d, cfg.vocabSize]) as tf.Tensor3D);
      return new FastBaseline(cfg, backbone, param(params, 'emb'), out, owned);
    } catch (e) {
      backbone.dispose();
      owned.dispose();
      throw e;
    }
  }

  /**
   * Feed one token after those in the cache → its next-token logits [V]. The token may stay on the device
   * (an int32 tensor of one id, from drawOnDevice). Manages its own memory.
   */
  step(id: number | tf.Tensor, cache: KVCache): tf.Tensor1D {
    const d = this.cfg.backbone.d;
    const x = tf.tidy(() => {
      const ids = typeof id === 'number' ? tf.tensor1d([id], 'int32') : tf.reshape(id, [1]);
      return tf.reshape(tf.gather(this.emb, ids), [1, 1, d]);
    });
    let h: tf.Tensor3D;
    try {
      h = this.backbone.step(x, cache);
    } finally {
      x.dispose();
    }
    try {
      return tf.tidy(() => tf.reshape(mm(h, this.out), [this.cfg.vocabSize]) as tf.Tensor1D);
    } finally {
      h.dispose();
    }
  }

  /**
   * One token drawn on the device from softmax(logits / T) by the inverse CDF, as random.ts's
   * sampleFromProbs does on the host (first i with cdf_i > u; the float32 sums may move a boundary by
   * ~1e-7): int32 [1], so only one number is read back instead of V probabilities. Call inside a tidy.
   */
  static drawOnDevice(logits: tf.Tensor1D, T: number, u: number): tf.Tensor1D {
    const V = logits.shape[0];
    const p = tf.softmax(T === 1 ? logits : tf.div(logits, tf.scalar(T)));
    const below = tf.sum(tf.cast(tf.lessEqual(tf.cumsum(p), tf.scalar(u)), 'int32'));
    return tf.reshape(tf.minimum(below, tf.scalar(V - 1, 'int32')), [1]) as tf.Tensor1D;
  }

  /** Tensors this preparation made (freed by dispose). */
  get tensors(): number {
    return this.owned.count + this.backbone.tensors;
  }

  dispose(): void {
    this.owned.dispose();
    this.backbone.dispose();
  }
}
