/** Temperature operations (args/results: plain data only). */
import type { ModelSetName } from '../protocol.ts';
import type { SamplerTeaching } from './generate.types.ts';

export interface TempSampleArgs {
  set: ModelSetName;
  /** The context is the generation state's text (prompt + chunks so far); a new prompt restarts it. */
  prompt: string;
  sampler: 'batch' | 'exact';
  T: number;
  N: number;
  seed: number;
  /** Press counter: "draw again" with the same seed gives a fresh, still reproducible batch. */
  draw?: number;
}

export interface TempSampleResult {
  /**
   * The context the chunk continues: decoded text, chunk positions (eos chunk included), the prompt's tokens,
   * and the end-of-text tokens that fill its first chunk on the left (a prompt of fewer than K tokens, or
   * not a multiple of K).
   */
  context: { text: string; chunks: number; promptTokens: number; padTokens: number; K: number };
  sampler: Exclude<SamplerTeaching, { kind: 'plain' }>;
  /** The chosen chunk (null when the exact sampler gave up). */
  chosen: { text: string; tokens: string[]; ids: number[] } | null;
  /** Backbone positions computed by the generation state so far (unchanged by resampling). */
  backbonePositions: number;
  /** Milliseconds for the head and decoder work of this call. */
  ms: number;
}

export interface TempSweepArgs {
  set: ModelSetName;
  /** Temperatures in (0, 1]: 1/n for the paper's batch rule, fractional 1/T for the labelled extension. */
  Ts: number[];
  /** Batch sizes for CALM's batch sampler (1…1000). */
  Ns: number[];
  /** Held-out contexts to score (1…1000). */
  contexts: number;
  /** Independent sample pairs per context and setting (1…8). Default 2. */
  pairs?: number;
  seed: number;
}

export interface RateView {
  value: number;
  stderr: number;
}

export interface SweepPoint {
  model: 'calm' | 'baseline';
  T: number;
  /** CALM: the batch size; baseline: null (exact softmax temperature). */
  N: number | null;
  /** True for CALM at fractional 1/T (the extension, not in the paper). */
  extension: boolean;
  collision: RateView;
  /** 1 − collision rate. */
  diversity: RateView;
  /** First generated token equals the held-out one. */
  firstToken: RateView;
  /** Whole K-token chunk equals the held-out one. */
  chunk: RateView;
  pairs: number;
  /** Samples the sampler could not produce (capped extension runs), scored as misses. */
  failed: number;
}

export interface TempSweepResult {
  set: ModelSetName;
  Ts: number[];
  Ns: number[];
  contexts: number;
  pairs: number;
  seed: number;
  K: number;
  /** Context lengths in tokens (eos chunk included). */
  contextTokens: { min: number; max: number; mean: number };
  calm: SweepPoint[];
  baseline: SweepPoint[];
  /** Budget of fresh draws per sample for the extension's stage-2 coin (fractional 1/T). */
  freshDraws: number;
  /** Milliseconds the sweep took when it ran. */
  ms: number;
  /** True when this came from the engine's cache (same set and settings as before). */
  fromCache: boolean;
}

export interface TemperatureOps {
  /** Draw a batch (or run the exact sampler) for the next chunk of the current context; head + decoder only. */
  tempSample: { args: TempSampleArgs; result: TempSampleResult };
  /** Diversity vs accuracy over held-out contexts for CALM (batch sampler) and the baseline (softmax T). */
  tempSweep: { args: TempSweepArgs; result: TempSweepResult };
}
