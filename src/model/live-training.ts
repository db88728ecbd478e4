/**
 * Two chunk autoencoders trained side by side, step by step (the Train panel; CALM.md §1's robustness
 * finding made watchable). Run A defaults to the paper's recipe (DropToken, σ with the clipped KL term,
 * DropLatent), run B to reconstruction only. Both see the same batches, drawn from one seeded stream, and
 * the same noise seeds, so any difference between them comes from their settings.
 *
 * The model is small so that a class can watch it learn in minutes on one CPU core: d = 64, SwiGLU 160,
 * 64 chunks (256 tokens) a step, AdamW at 5e-3 with 100 warm-up steps and a cosine decay to step 2,000.
 * A run's σ is learned only when its KL weight β > 0 (without the KL term nothing holds σ up, so the run is
 * the plain model: z = μ, and DropToken / DropLatent still apply).
 */
import { AETrainer, type HeldoutStats, type StepStats } from './ae-trainer.ts';
import type { AEConfig } from './autoencoder.ts';
import { deriveSeed, Mulberry32, randInt } from './random.ts';
import { TRAIN_SAMPLE_K } from './train-sample.ts';

export interface LiveRunSettings {
  /** KL weight β (0: no KL term and no σ). */
  beta: number;
  /** Free bits: per-dimension KL clipped from below. */
  klClip: number;
  dropToken: number;
  dropLatent: number;
  /** Latent size l. */
  latent: number;
}

export const LIVE_LATENTS = [16, 32, 64, 128] as const;
export const LIVE_LIMITS = {
  beta: { min: 0, max: 0.1 },
  klClip: { min: 0, max: 2 },
  dropToken: { min: 0, max: 0.5 },
  dropLatent: { min: 0, max: 0.5 },
} as const;

/** The paper's recipe (CALM.md §1) at the live model's latent size. */
export const PAPER_RECIPE: Readonly<LiveRunSettings> = Object.freeze({ beta: 0.001, klClip: 0.5, dropToken: 0.15, dropLatent: 0.15, latent: 64 });
/** Reconstruction only: no KL, no σ, no dropout. */
export const RECONSTRUCTION_ONLY: Readonly<LiveRunSettings> = Object.freeze({ beta: 0, klClip: 0, dropToken: 0, dropLatent: 0, latent: 64 });

export const LIVE_MODEL = Object.freeze({ d: 64, ffn: 160, batchChunks: 64, lr: 5e-3, warmupSteps: 100, totalSteps: 2000 });
/** Relative noise levels (× the run's held-out latent RMS) of the robustness curve. */
export const LIVE_RELATIVE_SIGMAS = [0.25, 0.5, 1, 1.5, 2] as const;
/**
 * The live cadence (the panel, the bench and the recorded replay): held-out accuracy after step 1 and every
 * LIVE_EVAL_EVERY steps; the robustness sweep at most every LIVE_SWEEP_MS of training (the replay: every 100 steps).
 */
export const LIVE_EVAL_EVERY = 25;
export const LIVE_SWEEP_MS = 4000;
/** Held-out chunks the robustness curve decodes (the first of the held-out sample). */
export const LIVE_SWEEP_CHUNKS = 256;

/** Throws a plain Error naming the first setting outside its range. */
export function checkRunSettings(s: LiveRunSettings, label: string): void {
  for (const key of ['beta', 'klClip', 'dropToken', 'dropLatent'] as const) {
    const { min, max } = LIVE_LIMITS[key];
    if (!Number.isFinite(s[key]) || s[key] < min || s[key] > max) throw new Error(`run ${label}: ${key} must be within ${min}…${max} (got ${s[key]})`);
  }
  if (!(LIVE_LATENTS as readonly number[]).includes(s.latent)) throw new Error(`run ${label}: latent must be one of ${LIVE_LATENTS.join(', ')} (got ${s.latent})`);
}

export function liveArch(s: LiveRunSettings, vocabSize: number, model: Pick<typeof LIVE_MODEL, 'd' | 'ffn'> = LIVE_MODEL): AEConfig {
  return { K: TRAIN_SAMPLE_K, vocabSize, d: model.d, ffn: model.ffn, latent: s.latent, variational: s.beta > 0 };
}

export interface PairStep {
  step: number;
  a: StepStats;
  b: StepStats;
}

/** Held-out statistics, with (after a sweep) the z = μ accuracy on the sweep's own chunks: its σ = 0 point. */
export type PairRunEval = HeldoutStats & { sweepClean: number | null };

export interface PairEval {
  step: number;
  a: PairRunEval;
  b: PairRunEval;
}

export class LivePair {
  readonly a: AETrainer;
  readonly b: AETrainer;
  private readonly rng: Mulberry32;
  private readonly ids: Int32Array;

  constructor(
    readonly train: Int32Array,
    readonly heldoutIds: Int32Array,
    readonly vocabSize: number,
    readonly settings: { a: LiveRunSettings; b: LiveRunSettings },
    readonly seed: number,
    /** Overrides of LIVE_MODEL (tests, experiments). */
    readonly model: Readonly<typeof LIVE_MODEL> = LIVE_MODEL,
  ) {
    checkRunSettings(settings.a, 'A');
    checkRunSettings(settings.b, 'B');
    if (train.length < TRAIN_SAMPLE_K || train.length % TRAIN_SAMPLE_K !== 0) throw new Error('the training sample holds no whole chunks');
    const make = (s: LiveRunSettings) => new AETrainer({
      arch: liveArch(s, vocabSize, model),
      objective: { dropToken: s.dropToken, dropLatent: s.dropLatent, klWeight: s.beta, klClip: s.klClip },
      seed,
      lr: model.lr,
      warmupSteps: model.warmupSteps,
      totalSteps: model.totalSteps,
    });
    this.a = make(settings.a);
    try {
      this.b = make(settings.b);
    } catch (e) {
      this.a.dispose();
      throw e;
    }
    this.rng = new Mulberry32(deriveSeed(seed, 'live-batches'));
    this.ids = new Int32Array(model.batchChunks * TRAIN_SAMPLE_K);
  }

  get step(): number {
    return this.a.step;
  }

  /** The next batch of the shared stream (both runs train on it). */
  private nextBatch(): Int32Array {
    const K = TRAIN_SAMPLE_K;
    const n = this.train.length / K;
    for (let i = 0; i < this.model.batchChunks; i++) {
      const c = randInt(this.rng, n);
      this.ids.set(this.train.subarray(c * K, c * K + K), i * K);
    }
    return this.ids;
  }

  /** One step of each run on the same batch and noise seed: A, then B. */
  async trainStep(): Promise<PairStep> {
    const ids = this.nextBatch();
    const noiseSeed = deriveSeed(this.seed, `live-noise-${this.a.step}`);
    const a = await this.a.trainStep(ids, noiseSeed);
    const b = await this.b.trainStep(ids, noiseSeed);
    return { step: this.a.step, a, b };
  }

  /**
   * Held-out token accuracy at z = μ of both runs on the whole held-out sample, and (with `sweep`) their
   * accuracy at each relative σ on its first LIVE_SWEEP_CHUNKS chunks (ε from the pair's seed, the same
   * draw at every evaluation).
   */
  async evaluate(sweep: boolean): Promise<PairEval> {
    const run = async (t: AETrainer): Promise<PairRunEval> => {
      const clean = await t.heldout(this.heldoutIds, [], 0);
      if (!sweep) return { ...clean, sweepClean: null };
      const part = this.heldoutIds.subarray(0, Math.min(this.heldoutIds.length, LIVE_SWEEP_CHUNKS * TRAIN_SAMPLE_K));
      const noisy = await t.heldout(part, LIVE_RELATIVE_SIGMAS, deriveSeed(this.seed, 'live-sweep-eps'));
      return { ...clean, byRelativeSigma: noisy.byRelativeSigma, sweepClean: noisy.accuracy };
    };
    return { step: this.step, a: await run(this.a), b: await run(this.b) };
  }

  dispose(): void {
    this.a.dispose();
    this.b.dispose();
  }
}
