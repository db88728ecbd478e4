/**
 * The Noise panel runs its 41-point σ sweep as a series of short engine calls: a σ move sent
 * meanwhile waits behind at most one slice. Slices are sized from the measured time per point.
 */
export const SWEEP_POINTS = 41;
export const SWEEP_MAX_SIGMA = 2;
/** Aim for slices of about this many milliseconds. */
export const SLICE_TARGET_MS = 60;

/** Points in the next slice: as many as fit the target at the measured pace, at least 1, at most what is left. */
export function nextSliceSize(msPerPoint: number, remaining: number, targetMs = SLICE_TARGET_MS): number {
  if (remaining <= 0) return 0;
  if (!(msPerPoint > 0) || !Number.isFinite(msPerPoint)) return 1;
  return Math.max(1, Math.min(remaining, Math.floor(targetMs / msPerPoint)));
}

/** Where the robust model's learned mean σ sits on the curve's x axis (relative axis: over its latent RMS). */
export function meanSigmaOnAxis(meanSigma: number | null, scale: 'abs' | 'rel', robustRms: number): number | null {
  if (meanSigma === null || !Number.isFinite(meanSigma)) return null;
  return scale === 'rel' ? meanSigma / robustRms : meanSigma;
}

/** Accuracy at the sweep point nearest to σ (the sweep's σ values are sorted). */
export function accuracyAt(sigmas: readonly number[], acc: readonly number[], sigma: number): number | null {
  if (sigmas.length === 0) return null;
  let best = 0;
  for (let i = 1; i < sigmas.length; i++) if (Math.abs(sigmas[i] - sigma) < Math.abs(sigmas[best] - sigma)) best = i;
  return acc[best];
}
