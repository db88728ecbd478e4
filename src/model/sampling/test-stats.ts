/**
 * Small statistics helpers for the sampler tests (not used by the app). Pure and browser-safe.
 */

/**
 * Chi-square critical values at p = 0.001 (upper tail), by degrees of freedom. A correct sampler exceeds
 * them with probability 0.001 for a random seed; the tests use fixed seeds, so they are deterministic.
 */
export const CHI2_CRIT_P001: Readonly<Record<number, number>> = {
  1: 10.828,
  2: 13.816,
  3: 16.266,
  4: 18.467,
  5: 20.515,
  6: 22.458,
  7: 24.322,
  8: 26.124,
  9: 27.877,
};

/** Pearson's statistic of observed keys against expected probabilities (Infinity if an impossible key occurs). */
export function chiSquare(
  keys: ReadonlyArray<string>,
  expected: Readonly<Record<string, number>>,
): { stat: number; df: number; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  let stat = 0;
  let cells = 0;
  for (const [k, p] of Object.entries(expected)) {
    if (p <= 0) continue;
    cells += 1;
    const e = p * keys.length;
    const o = counts[k] ?? 0;
    stat += ((o - e) * (o - e)) / e;
  }
  for (const k of Object.keys(counts)) if (!((expected[k] ?? 0) > 0)) stat = Infinity;
  return { stat, df: cells - 1, counts };
}

/** Mean and sample standard deviation. */
export function meanSd(xs: ReadonlyArray<number>): { mean: number; sd: number } {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  const v = xs.reduce((s, x) => s + (x - mean) * (x - mean), 0) / (xs.length - 1);
  return { mean, sd: Math.sqrt(v) };
}
