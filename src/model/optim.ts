/**
 * AdamW with decoupled weight decay, global-norm gradient clipping and a warm-up then
 * cosine learning-rate schedule. State (moments, step) can be exported for checkpoints.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from './params.ts';

export interface AdamWConfig {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** Max global gradient norm (0 = no clipping). */
  clipNorm: number;
  warmupSteps: number;
  totalSteps: number;
  /** Final learning rate as a fraction of the peak. */
  minLrFraction: number;
  /** Parameters that get no weight decay (norm gains, biases, …). */
  noDecay: (name: string) => boolean;
}

/** Warm-up then cosine, as a function of the fraction `progress` ∈ [0, 1] of training done. */
export function warmupCosineLr(cfg: Pick<AdamWConfig, 'lr' | 'warmupSteps' | 'minLrFraction'>, step: number, progress: number): number {
  if (step < cfg.warmupSteps) return (cfg.lr * (step + 1)) / cfg.warmupSteps;
  const cos = 0.5 * (1 + Math.cos(Math.PI * Math.min(1, Math.max(0, progress))));
  return cfg.lr * (cfg.minLrFraction + (1 - cfg.minLrFraction) * cos);
}

/** Warm-up then cosine over `totalSteps`. */
export function scheduledLr(cfg: AdamWConfig, step: number): number {
  return warmupCosineLr(cfg, step, (step - cfg.warmupSteps) / Math.max(1, cfg.totalSteps - cfg.warmupSteps));
}

export class AdamW {
  step = 0;
  private m = new Map<string, tf.Variable>();
  private v = new Map<string, tf.Variable>();
  constructor(readonly cfg: AdamWConfig, private readonly params: Params) {
    for (const [name, p] of params) {
      if (!p.trainable) continue;
      // Inside tidy: tf.variable keeps its own handle on the zeros, so the initial tensor can go.
      this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
      this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    }
  }

  /**
   * Apply gradients (by parameter name); returns the pre-clip global gradient norm.
   * `lr` overrides the step schedule (e.g. a schedule over wall time).
   */
  apply(grads: Record<string, tf.Tensor>, lr = scheduledLr(this.cfg, this.step)): number {
    const gnorm = tf.tidy(() => {
      const sq = Object.values(grads).map((g) => tf.sum(tf.square(g)));
      return Math.sqrt((tf.addN(sq).dataSync() as Float32Array)[0]);
    });
    const scale = this.cfg.clipNorm > 0 && gnorm > this.cfg.clipNorm ? this.cfg.clipNorm / gnorm : 1;
    this.update(grads, lr, scale);
    return gnorm;
  }

  /**
   * The same update with the clipping factor computed on the device: nothing is read back, so it suits the
   * browser (WebGPU's dataSync() is not trusted) and does not wait for the GPU.
   */
  applyOnDevice(grads: Record<string, tf.Tensor>, lr = scheduledLr(this.cfg, this.step)): void {
    tf.tidy(() => {
      const { clipNorm } = this.cfg;
      if (clipNorm <= 0) return this.update(grads, lr, 1);
      const gnorm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
      this.update(grads, lr, tf.minimum(1, tf.div(clipNorm, tf.maximum(gnorm, 1e-12))) as tf.Scalar);
    });
  }

  /** One AdamW step with the gradients scaled by `scale` (1: unclipped). */
  private update(grads: Record<string, tf.Tensor>, lr: number, scale: number | tf.Scalar): void {
    const { beta1: b1, beta2: b2, eps } = this.cfg;
    const t = this.step + 1;
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    tf.tidy(() => {
      for (const [name, g0] of Object.entries(grads)) {
        const p = this.params.get(name);
        const m = this.m.get(name);
        const v = this.v.get(name);
        if (!p || !m || !v) continue;
        const g = scale === 1 ? g0 : tf.mul(g0, scale);
        m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
        v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)));
        const upd = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        let next = tf.sub(p, tf.mul(upd, lr));
        if (this.cfg.weightDecay > 0 && !this.cfg.noDecay(name)) next = tf.sub(next, tf.mul(p, lr * this.cfg.weightDecay));
        p.assign(next);
      }
    });
    this.step++;
  }

  /** Moments as named float32 arrays (for checkpoints). */
  exportState(): { name: string; shape: number[]; values: Float32Array }[] {
    const out: { name: string; shape: number[]; values: Float32Array }[] = [];
    for (const [name, m] of this.m) out.push({ name: `adam.m.${name}`, shape: m.shape, values: m.dataSync() as Float32Array });
    for (const [name, v] of this.v) out.push({ name: `adam.v.${name}`, shape: v.shape, values: v.dataSync() as Float32Array });
    return out;
  }

  importState(step: number, named: Map<string, { values: Float32Array; shape: number[] }>): void {
    this.step = step;
    for (const [name, m] of this.m) {
      const s = named.get(`adam.m.${name}`);
      if (s) m.assign(tf.tensor(s.values, s.shape));
    }
    for (const [name, v] of this.v) {
      const s = named.get(`adam.v.${name}`);
      if (s) v.assign(tf.tensor(s.values, s.shape));
    }
  }

  dispose(): void {
    for (const x of this.m.values()) x.dispose();
    for (const x of this.v.values()) x.dispose();
  }
}
