/**
 * A chunk autoencoder that trains step by step: the live Train panel's model (and the Node tests').
 * Plain TensorFlow.js, no DOM: the engine's worker owns one per run.
 *
 * One `step(ids, noiseSeed)` is one AdamW update on a batch of K-token chunks with the run's objective
 * (CALM.md §1: DropToken, z = μ + σ·ε, DropLatent, β · clipped KL; reconstruction only when all are 0).
 * Everything random comes from the seeds given, so two trainers given the same batches and seeds see the
 * same data and the same noise draws. The update is optim.ts's AdamW with its clipping factor computed on the
 * device (`applyOnDevice`): nothing is read back synchronously (WebGPU's dataSync() is not trusted).
 */
import * as tf from '@tensorflow/tfjs-core';
import { aeLoss, decodeIds, encode, initAutoencoder, type AEConfig, type AETrainConfig } from './autoencoder.ts';
import { AdamW, type AdamWConfig } from './optim.ts';
import { countParams, disposeParams, type Params } from './params.ts';
import { deriveSeed, Mulberry32 } from './random.ts';

export interface AETrainerOptions {
  arch: AEConfig;
  objective: AETrainConfig;
  /** Initialisation seed. */
  seed: number;
  /** Peak learning rate, warm-up steps and the step the cosine decay ends at. */
  lr: number;
  warmupSteps: number;
  totalSteps: number;
  /** A start for the tied embedding [V, d] (e.g. a shipped autoencoder's); frozen or trainable. */
  embedding?: { values: Float32Array; freeze: boolean };
}

export interface StepStats {
  loss: number;
  /** Mean token cross-entropy (nats). */
  ce: number;
  /** Clipped KL (0 for a run without the KL term). */
  kl: number;
  /** Token accuracy on this (noisy) training batch. */
  trainAccuracy: number;
}

export interface HeldoutStats {
  /** Token accuracy at z = μ on the held-out chunks. */
  accuracy: number;
  /** Root mean square of μ over the held-out chunks. */
  latentRms: number;
  /** Mean learned σ (0 for a model without σ). */
  meanSigma: number;
  /** Token accuracy at z = μ + s · latentRms · ε for each relative level s. */
  byRelativeSigma: { s: number; accuracy: number }[];
}

const NO_DECAY = (n: string): boolean => n.endsWith('.norm') || n.endsWith('.b');

export class AETrainer {
  readonly params: Params;
  readonly optimizer: AdamWConfig;
  private readonly opt: AdamW;
  private disposed = false;

  constructor(readonly opts: AETrainerOptions) {
    const { arch } = opts;
    this.params = initAutoencoder(arch, new Mulberry32(deriveSeed(opts.seed, 'live-ae-init')));
    if (opts.embedding) {
      const emb = this.params.get('emb') as tf.Variable;
      if (opts.embedding.values.length !== emb.size) {
        throw new Error(`embedding start has ${opts.embedding.values.length} values, the model needs ${emb.size}`);
      }
      tf.tidy(() => emb.assign(tf.tensor(opts.embedding!.values, emb.shape as [number, number])));
      if (opts.embedding.freeze) emb.trainable = false;
    }
    this.optimizer = {
      lr: opts.lr, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.01, clipNorm: 1,
      warmupSteps: opts.warmupSteps, totalSteps: opts.totalSteps, minLrFraction: 0.05, noDecay: NO_DECAY,
    };
    this.opt = new AdamW(this.optimizer, this.params);
  }

  /** Updates done. */
  get step(): number {
    return this.opt.step;
  }

  get parameterCount(): number {
    return countParams(this.params);
  }

  get trainableCount(): number {
    let n = 0;
    for (const p of this.params.values()) if (p.trainable) n += p.size;
    return n;
  }

  /**
   * One AdamW update on `ids` (B·K token ids, row-major [B, K]); the noise (DropToken uniforms, ε and
   * DropLatent uniforms) is drawn from `noiseSeed`. Resolves with the step's statistics.
   */
  async trainStep(ids: Int32Array, noiseSeed: number): Promise<StepStats> {
    if (this.disposed) throw new Error('AETrainer: used after dispose');
    const { arch, objective } = this.opts;
    const B = ids.length / arch.K;
    if (!Number.isInteger(B) || B < 1) throw new Error(`trainStep: ${ids.length} ids is not a whole number of ${arch.K}-token chunks`);
    const trainable = [...this.params.entries()].filter(([, p]) => p.trainable);
    const names = new Map(trainable.map(([n, p]) => [p.name, n]));
    let acc: tf.Scalar | null = null;
    let parts: tf.Tensor | null = null;
    let value: tf.Scalar | null = null;
    let grads: tf.NamedTensorMap = {};
    try {
    ({ value, grads } = tf.variableGrads(() => {
      const x = tf.tensor2d(ids, [B, arch.K], 'int32');
      const r = aeLoss(this.params, arch, objective, x, {
        dropTokenU: tf.randomUniform([B, arch.K], 0, 1, 'float32', noiseSeed) as tf.Tensor2D,
        eps: tf.randomNormal([B, arch.latent], 0, 1, 'float32', noiseSeed + 1) as tf.Tensor2D,
        dropLatentU: tf.randomUniform([B, arch.latent], 0, 1, 'float32', noiseSeed + 2) as tf.Tensor2D,
      });
      acc = tf.keep(tf.mean(tf.cast(tf.equal(tf.argMax(r.logits, -1), x), 'float32')) as tf.Scalar);
      parts = tf.keep(tf.stack([r.ce, r.kl]));
      return r.loss;
    }, trainable.map(([, p]) => p)));
      // The loss is read before the update: a non-finite loss leaves the weights as they were.
      const [loss, a, ceKl] = await Promise.all([(value as tf.Scalar).data(), (acc as unknown as tf.Scalar).data(), (parts as unknown as tf.Tensor).data()]);
      if (!Number.isFinite(loss[0])) throw new Error(`the loss is ${loss[0]} at step ${this.step}`);
      const named: Record<string, tf.Tensor> = {};
      for (const [k, g] of Object.entries(grads)) named[names.get(k) ?? k] = g;
      this.opt.applyOnDevice(named);
      return { loss: loss[0], ce: ceKl[0], kl: ceKl[1], trainAccuracy: a[0] };
    } finally {
      tf.dispose([...(value ? [value as tf.Tensor] : []), ...Object.values(grads), ...(acc ? [acc as unknown as tf.Tensor] : []), ...(parts ? [parts as unknown as tf.Tensor] : [])]);
    }
  }

  /**
   * Held-out statistics on `ids` (B·K, row-major [B, K]) at z = μ, and at z = μ + s·RMS·ε for each level
   * in `relativeSigmas` with ε drawn from `noiseSeed` (the same ε for every level and every call).
   */
  async heldout(ids: Int32Array, relativeSigmas: readonly number[], noiseSeed: number): Promise<HeldoutStats> {
    if (this.disposed) throw new Error('AETrainer: used after dispose');
    const { arch } = this.opts;
    const B = ids.length / arch.K;
    const out = tf.tidy(() => {
      const x = tf.tensor2d(ids, [B, arch.K], 'int32');
      const post = encode(this.params, arch, x);
      const rms = tf.sqrt(tf.mean(tf.square(post.mu)));
      const sigma = post.logSigma ? tf.mean(tf.exp(post.logSigma)) : tf.scalar(0);
      const eps = tf.randomNormal([B, arch.latent], 0, 1, 'float32', noiseSeed);
      const levels = [0, ...relativeSigmas];
      // One decode for every level: rows [levels · B, l].
      const z = tf.concat(levels.map((s) => (s === 0 ? post.mu : tf.add(post.mu, tf.mul(eps, tf.mul(rms, s))))), 0) as tf.Tensor2D;
      const pred = decodeIds(this.params, arch, z);
      const right = tf.mean(tf.reshape(tf.cast(tf.equal(pred, tf.tile(x, [levels.length, 1])), 'float32'), [levels.length, B * arch.K]), 1);
      return tf.concat([tf.stack([rms, sigma]), right]);
    });
    try {
      const d = await out.data();
      return {
        latentRms: d[0],
        meanSigma: d[1],
        accuracy: d[2],
        byRelativeSigma: relativeSigmas.map((s, i) => ({ s, accuracy: d[3 + i] })),
      };
    } finally {
      out.dispose();
    }
  }

  /** The parameters as named float32 arrays (for the weights download). */
  async exportWeights(): Promise<{ name: string; shape: number[]; values: Float32Array }[]> {
    const out: { name: string; shape: number[]; values: Float32Array }[] = [];
    for (const [name, p] of this.params) out.push({ name, shape: [...p.shape], values: (await p.data()) as Float32Array });
    return out;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params);
    this.opt.dispose();
  }
}
