/**
 * Bandwidth operations (the K dial, args/results: plain data only). The semantic bandwidth K is how many
 * tokens one vector carries (CALM.md §1): the playground ships a chunk autoencoder for K = 1, 2, 4 and 8
 * (latent 32·K, trained on both corpora with the same recipe and the same number of tokens; K = 4 is the
 * shared robust one of Compress and Noise) and a `stories` CALM for K = 1, 2 and 4 (the same backbone,
 * recipe, wall time and 128-token context).
 *
 * Nothing here is fetched before the Bandwidth panel opens: `bandwidthInfo` reads only the manifest (sizes,
 * held-out metrics, FLOPs), `bandwidthLoad` fetches the K autoencoders (the K CALMs load with the first race).
 */

/** The K values of the dial. */
export const BANDWIDTH_KS = [1, 2, 4, 8] as const;
export type BandwidthK = (typeof BANDWIDTH_KS)[number];
/** The K values that have a `stories` CALM. */
export const BANDWIDTH_LM_KS = [1, 2, 4] as const;
export type BandwidthLmK = (typeof BANDWIDTH_LM_KS)[number];

/** The manifest folder of K's autoencoder (K = 4: the shared robust one). */
export function bandwidthAEName(K: BandwidthK): string {
  return K === 4 ? 'ae-robust' : `ae-k${K}`;
}

/** The manifest folder of K's `stories` CALM (K = 4: the shipped one). */
export function bandwidthLMName(K: BandwidthLmK): string {
  return K === 4 ? 'stories-calm' : `stories-calm-k${K}`;
}

export interface BandwidthAEInfo {
  K: BandwidthK;
  name: string;
  latent: number;
  /** Bytes of its files (what loading it fetches). */
  bytes: number;
  /** In the manifest (false: this checkout ships no autoencoder for K). */
  available: boolean;
  /** Held-out metrics from the manifest (both corpora), null where none are recorded. */
  tokenAccuracy: number | null;
  /** Token accuracy at absolute σ = 0.3 and at σ = 1 × latent RMS. */
  noise03: number | null;
  noiseRel1: number | null;
  latentRms: number | null;
  params: number | null;
}

export interface BandwidthLMInfo {
  /** 'baseline' for the discrete twin (one token per step). */
  K: BandwidthLmK | 'baseline';
  name: string;
  bytes: number;
  available: boolean;
  /** Held-out Brier-1 … 4 and their standard errors (eval:lm), null where none are recorded. */
  brier: number[] | null;
  stderr: number[] | null;
  brierLM: number | null;
  /** Analytic inference FLOPs per generated token (src/model/flops.ts) and the backbone's share of it. */
  flopsPerToken: number | null;
  backboneFlopsPerToken: number | null;
  /** Trainable parameters. */
  params: number | null;
  /** Training wall time in minutes and tokens seen. */
  trainMinutes: number | null;
  tokensSeen: number | null;
}

export interface BandwidthInfoResult {
  aes: BandwidthAEInfo[];
  /** K = 1, 2, 4 CALMs, then the baseline. */
  lms: BandwidthLMInfo[];
  /** Bytes `bandwidthLoad` fetches (the autoencoders not yet loaded; K = 4 is always loaded). */
  aeBytesToLoad: number;
  /** Bytes the first race fetches (the K CALMs and their autoencoders not yet loaded). */
  lmBytesToLoad: number;
  /** Ks whose autoencoder is loaded now. */
  loaded: BandwidthK[];
}

export interface BandwidthLoadResult {
  loaded: BandwidthK[];
  /** Ks listed in the manifest that could not be loaded, with the reason. */
  failed: { K: BandwidthK; message: string }[];
  ms: number;
}

export interface BandwidthRoundTripArgs {
  text: string;
  K: BandwidthK;
}

export interface BandwidthRoundTripResult {
  text: string;
  K: BandwidthK;
  /** The text's tokens (no padding) and how many vectors they became (a padded last chunk included). */
  tokens: string[];
  vectors: number;
  /** Trailing padding positions of the last chunk. */
  padded: number;
  /** Decoded display strings per chunk position (vectors·K) and whether each matches the input. */
  decodedTokens: string[];
  correct: boolean[];
  /** Share of the text's own tokens decoded right at z = μ. */
  tokenAccuracy: number;
  chunkAccuracy: number;
  latent: number;
  /** Engine milliseconds of the encode + decode. */
  ms: number;
}

export interface BandwidthSweepArgs {
  text: string;
  /** σ values from 0 to maxRel × each K's latent RMS, evenly spaced (2 … 41 points). */
  points: number;
  maxRel: number;
  seed: number;
}

export interface BandwidthSweepResult {
  text: string;
  /** Relative σ (× latent RMS) of each point. */
  relSigmas: number[];
  /** Token accuracy per point, for each loaded K (keys '1', '2', '4', '8'). */
  byK: Record<string, number[]>;
}

export interface BandwidthRaceArgs {
  prompt: string;
  /** Tokens each lane generates (8 … 128, a multiple of 4; default 64). */
  tokens?: number;
  seed?: number;
}

export interface BandwidthRaceLane {
  K: BandwidthLmK | 'baseline';
  /** Backbone steps after the prefill (K tokens per step; the baseline 1). */
  steps: number;
  tokens: number;
  ms: number;
  tokensPerSecond: number;
  text: string;
}

export interface BandwidthRaceResult {
  prompt: string;
  tokens: number;
  lanes: BandwidthRaceLane[];
  backend: string;
}

export interface BandwidthOps {
  bandwidthInfo: { args: Record<string, never>; result: BandwidthInfoResult };
  bandwidthLoad: { args: Record<string, never>; result: BandwidthLoadResult };
  bandwidthRoundTrip: { args: BandwidthRoundTripArgs; result: BandwidthRoundTripResult };
  bandwidthSweep: { args: BandwidthSweepArgs; result: BandwidthSweepResult };
  bandwidthRace: { args: BandwidthRaceArgs; result: BandwidthRaceResult };
}

export const BANDWIDTH_LIMITS = { minTokens: 8, maxTokens: 128, maxPoints: 41, maxRel: 3 } as const;
export const BANDWIDTH_RACE_DEFAULTS = { tokens: 64, seed: 1 } as const;

/**
 * The paper's own words and numbers on K (CALM.md §4), shown beside our measurements and labelled as the
 * paper's: it gives BrierLM per model at K = 4 and only the shape of its K ablation.
 */
export const PAPER_K_ABLATION =
  'Paper (arXiv 2510.27688, hundreds of millions of parameters): K = 1 is worse than a Transformer; K = 4 passes the Transformer frontier; K = 8 drops.';
export const PAPER_K4_BRIERLM = [
  { model: 'Transformer-S', params: '281M', brierLM: 6.05 },
  { model: 'Transformer-M', params: '465M', brierLM: 7.07 },
  { model: 'Transformer-L', params: '849M', brierLM: 8.98 },
  { model: 'CALM-M (K = 4)', params: '371M', brierLM: 5.72 },
  { model: 'CALM-L (K = 4)', params: '735M', brierLM: 6.58 },
  { model: 'CALM-XL (K = 4)', params: '1.82B', brierLM: 8.53 },
] as const;
