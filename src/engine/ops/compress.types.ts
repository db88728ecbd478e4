/**
 * Compress and Noise operations (args/results: plain data only).
 *
 * `compress` encodes a text with both autoencoders and keeps μ (and σ) in the engine, so that
 * `noiseDecode` and `noiseSweep` only decode: z = μ + σ_eff·ε with a seeded ε per chunk.
 */

/** How σ is read: absolute, or relative to each model's latent RMS (σ_eff = σ × latentRms). */
export type NoiseScaleArg = 'abs' | 'rel';

export interface CompressArgs {
  text: string;
  /**
   * Use the custom autoencoder (trained in the Train panel or loaded from its download) in place of the
   * shipped robust one. Fails when none is set.
   */
  custom?: boolean;
}

/** One autoencoder's reconstruction of the text at z = μ. */
export interface Reconstruction {
  /** μ per chunk, row-major [chunks, latent]. */
  mu: Float32Array;
  /** log σ and σ per chunk [chunks, latent]; null for the plain model (it has no σ). */
  logSigma: Float32Array | null;
  sigma: Float32Array | null;
  /** Decoded ids at z = μ, one per chunk position (chunks·K, padding positions included). */
  decoded: number[];
  /** Display strings of `decoded`. */
  decodedTokens: string[];
  /** decoded[i] === chunkIds[i], per chunk position. */
  correct: boolean[];
  /** Share of the text's own tokens (padding excluded) decoded right. */
  tokenAccuracy: number;
  /** Correct text tokens and how many there are. */
  correctTokens: number;
  /** Share of chunks whose text tokens are all right. */
  chunkAccuracy: number;
  correctChunks: number;
  /** Root mean square of μ over this text's chunks and dimensions. */
  rms: number;
}

export interface CompressionFigures {
  /** Tokens of the text (padding excluded). */
  tokens: number;
  /** Latent vectors (= chunks). */
  vectors: number;
  /** K. */
  tokensPerVector: number;
  /** Generation steps: one per token for a discrete LM, one per vector for CALM. */
  stepsDiscrete: number;
  stepsCalm: number;
  stepsSaved: number;
  /** Numbers in each vector (the latent dimension l). */
  numbersPerVector: number;
  /** UTF-8 bytes of the text. */
  utf8Bytes: number;
}

export interface CompressResult {
  text: string;
  /** The custom autoencoder's label when it stood in for the robust one, else null. */
  custom: string | null;
  K: number;
  latent: number;
  /** The text's token ids and display strings (no padding). */
  ids: number[];
  tokens: string[];
  /** Ids in chunk order, right-padded to a multiple of K: chunks·K entries. */
  chunkIds: number[];
  chunkTokens: string[];
  /** The id used to pad the tail, its display string, and how many trailing positions are padding. */
  padId: number;
  padToken: string;
  padded: number;
  chunks: number;
  robust: Reconstruction;
  plain: Reconstruction;
  compression: CompressionFigures;
  /** Distinct characters the (ASCII-only) training corpora never contain: emoji, CJK, RTL, accents… */
  unusualChars: string[];
}

export interface NoiseDecodeArgs {
  /** σ ≥ 0 (absolute, or relative to the latent RMS: see `scale`). */
  sigma: number;
  /** Seed of ε; the same seed gives the same ε for each chunk. */
  seed: number;
  scale: NoiseScaleArg;
  /** The text to decode; when given and not the cached one, it is encoded first (as `compress`). */
  text?: string;
  /**
   * Use the custom autoencoder (trained in the Train panel or loaded from its download) in place of the
   * shipped robust one. Fails when none is set.
   */
  custom?: boolean;
}

/** One autoencoder's decode of z = μ + σ_eff·ε. */
export interface NoisyDecode {
  /** The absolute σ actually added (σ, or σ × latent RMS). */
  sigmaEff: number;
  /** The latent RMS used for `rel` (the manifest's held-out value). */
  latentRms: number;
  decoded: number[];
  decodedTokens: string[];
  /** Positions where the noisy decode differs from the decode at z = μ (noise flipped them). */
  flipped: number[];
  /** Text positions (padding excluded) where the noisy decode differs from the input token. */
  wrong: number[];
  /** cos(μ, z) per chunk. */
  cosine: number[];
  tokenAccuracy: number;
  correctTokens: number;
  chunkAccuracy: number;
}

export interface NoiseDecodeResult {
  text: string;
  /** The custom autoencoder's label when it stood in for the robust one, else null. */
  custom: string | null;
  sigma: number;
  seed: number;
  scale: NoiseScaleArg;
  K: number;
  chunks: number;
  /** The text's tokens (as compress gives them) and how many trailing positions are padding. */
  tokens: string[];
  chunkIds: number[];
  padded: number;
  /** As in CompressResult. */
  unusualChars: string[];
  robust: NoisyDecode;
  plain: NoisyDecode;
}

export interface NoiseSweepArgs {
  /**
   * Use the custom autoencoder (trained in the Train panel or loaded from its download) in place of the
   * shipped robust one. Fails when none is set.
   */
  custom?: boolean;
  /** Number of σ values, evenly spaced from 0 to maxSigma (2…201). */
  points: number;
  maxSigma: number;
  seed: number;
  scale: NoiseScaleArg;
  text?: string;
  /**
   * Compute only points first … first+count−1 of the sweep (default: all). The UI sweeps in short
   * slices so that a σ move (queued behind it in the engine) is never kept waiting for long.
   */
  first?: number;
  count?: number;
}

export interface NoiseSweepResult {
  text: string;
  /** The custom autoencoder's label when it stood in for the robust one, else null. */
  custom: string | null;
  seed: number;
  scale: NoiseScaleArg;
  /** Index of sigmas[0] in the whole sweep, and the whole sweep's number of points. */
  first: number;
  points: number;
  sigmas: number[];
  /** Token accuracy per σ, for each model. */
  robust: number[];
  plain: number[];
  /** Latent RMS of each model (what `rel` multiplies by). */
  latentRms: { robust: number; plain: number };
  /** The robust model's learned mean σ on held-out data (manifest; null if it has none). */
  meanSigma: number | null;
}

export interface CompressOps {
  compress: { args: CompressArgs; result: CompressResult };
  noiseDecode: { args: NoiseDecodeArgs; result: NoiseDecodeResult };
  noiseSweep: { args: NoiseSweepArgs; result: NoiseSweepResult };
}
