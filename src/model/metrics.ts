/** Held-out metrics of a chunk autoencoder, as `eval:ae` prints them and the manifest stores them. */
import type { CorpusName } from '../corpus/corpus.ts';

export interface AEMetrics {
  /** Token accuracy at z = μ. */
  tokenAccuracy: number;
  /** Share of chunks with all K tokens right at z = μ. */
  chunkAccuracy: number;
  /** Mean learned σ (0 for the plain model). */
  meanSigma: number;
  /** Root mean square of μ over held-out chunks and dimensions. */
  latentRms: number;
  /** Token accuracy at z = μ + σ·ε, by absolute σ. */
  noise: Record<string, number>;
  /** The same with σ = ρ · latentRms, by ρ. */
  noiseRelative: Record<string, number>;
  /** Token accuracy at z = μ on each corpus's held-out text. */
  byCorpus: Record<CorpusName, number>;
}
