/** The heatmap scales the Compress panel uses (fixed ranges, so chunks and texts compare directly). */
import { divergingColour, sequentialColour, type RGB } from '../../draw/colour.ts';

/** μ: diverging, ±MU_MAX (held-out μ has RMS ≈ 1, so ±3 covers nearly every value). */
export const MU_MAX = 3;
export const muColour = (v: number): RGB => divergingColour(v, MU_MAX);

/** σ: sequential from 0 to SIGMA_MAX (the learned σ sits near 0.3). */
export const SIGMA_MAX = 1;
export const sigmaColour = (v: number): RGB => sequentialColour(v, 0, SIGMA_MAX);
