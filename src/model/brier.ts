/**
 * BrierLM, the likelihood-free evaluation of CALM.md §4. Pure TypeScript over numbers.
 *
 * Brier(P, y) = 2·P(y) − Σ_x P(x)² (strictly proper; higher is better). Brier-n treats the first n
 * tokens of a chunk (or the n tokens after a position) as one outcome, with a cumulative match.
 *  - two-sample estimator (any model that can sample, CALM's only option), x₁, x₂ ~ P independent:
 *      1{x₁ = y} + 1{x₂ = y} − 1{x₁ = x₂}
 *  - lower-variance form for a model with probabilities (the discrete baseline), x̂ ~ P:
 *      2·P(y₁..ₙ) − P(x̂₁..ₙ)       (E[P(x̂)] = Σ_x P(x)², so both terms are unbiased)
 * BrierLM = 100·(B1·B2·B3·B4)^(1/4), and 0 when any Brier-n ≤ 0 (no clamp of the product, so two
 * negative terms cannot cancel).
 */

/** The n-gram orders of BrierLM. */
export const BRIER_ORDERS = 4;

function prefixEqual(a: ArrayLike<number>, b: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Two-sample indicator estimates of Brier-1 … Brier-maxN for one position: samples x1, x2 and the
 * truth y (each at least maxN tokens). Returns [Brier-1, …, Brier-maxN], each in {−1, 0, 1, 2}.
 */
export function brierTwoSample(x1: ArrayLike<number>, x2: ArrayLike<number>, y: ArrayLike<number>, maxN = BRIER_ORDERS): number[] {
  const out: number[] = [];
  for (let n = 1; n <= maxN; n++) {
    out.push(Number(prefixEqual(x1, y, n)) + Number(prefixEqual(x2, y, n)) - Number(prefixEqual(x1, x2, n)));
  }
  return out;
}

/**
 * Lower-variance estimates for a model with probabilities: trueCond[j] = P(y_j | context, y_<j) for the
 * true tokens, sampledCond[j] = P(x̂_j | context, x̂_<j) along one n-gram x̂ sampled from the model.
 * Returns [2·∏_{j<n} trueCond[j] − ∏_{j<n} sampledCond[j]] for n = 1 … maxN.
 */
export function brierFromProbabilities(trueCond: ArrayLike<number>, sampledCond: ArrayLike<number>, maxN = BRIER_ORDERS): number[] {
  const out: number[] = [];
  let pt = 1;
  let ps = 1;
  for (let n = 1; n <= maxN; n++) {
    pt *= trueCond[n - 1];
    ps *= sampledCond[n - 1];
    out.push(2 * pt - ps);
  }
  return out;
}

/** BrierLM from the mean Brier-1 … Brier-4: 100·geometric mean, 0 if any term ≤ 0 (or not finite). */
export function brierLM(terms: readonly number[]): number {
  if (terms.length === 0) return 0;
  let logSum = 0;
  for (const b of terms) {
    if (!(b > 0) || !Number.isFinite(b)) return 0;
    logSum += Math.log(b);
  }
  return 100 * Math.exp(logSum / terms.length);
}

export interface BrierSummary {
  /** Positions accumulated. */
  count: number;
  /** Mean Brier-n, n = 1 … maxN. */
  brier: number[];
  /** Standard error of each mean (sample standard deviation / √count). */
  stdErr: number[];
  brierLM: number;
  /**
   * Delta-method standard error of BrierLM using the full covariance of the per-position estimates
   * (the orders are strongly correlated); NaN when BrierLM is 0 or count < 2.
   */
  brierLMStdErr: number;
}

/** Running means and covariance of per-position Brier-n estimates (Welford, numerically stable). */
export class BrierAccumulator {
  count = 0;
  private mean: Float64Array;
  /** Co-moments Σ (a_i − mean_i)(a_j − mean_j), row-major maxN × maxN. */
  private comoment: Float64Array;

  constructor(readonly maxN = BRIER_ORDERS) {
    this.mean = new Float64Array(maxN);
    this.comoment = new Float64Array(maxN * maxN);
  }

  /** Add one position's estimates [Brier-1, …, Brier-maxN]. */
  add(values: readonly number[]): void {
    const k = this.maxN;
    if (values.length !== k) throw new Error(`brier: expected ${k} values, got ${values.length}`);
    this.count++;
    const before = Float64Array.from(this.mean);
    for (let i = 0; i < k; i++) this.mean[i] += (values[i] - this.mean[i]) / this.count;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) this.comoment[i * k + j] += (values[i] - before[i]) * (values[j] - this.mean[j]);
    }
  }

  /** Merge another accumulator (same maxN) into this one. */
  merge(other: BrierAccumulator): void {
    const k = this.maxN;
    if (other.maxN !== k) throw new Error('brier: cannot merge accumulators of different orders');
    if (other.count === 0) return;
    const n = this.count + other.count;
    const delta = Array.from({ length: k }, (_, i) => other.mean[i] - this.mean[i]);
    const f = (this.count * other.count) / n;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) this.comoment[i * k + j] += other.comoment[i * k + j] + delta[i] * delta[j] * f;
    }
    for (let i = 0; i < k; i++) this.mean[i] += (delta[i] * other.count) / n;
    this.count = n;
  }

  summary(): BrierSummary {
    const k = this.maxN;
    const n = this.count;
    const brier = Array.from(this.mean);
    const cov = (i: number, j: number) => (n > 1 ? this.comoment[i * k + j] / (n - 1) : NaN);
    const stdErr = brier.map((_, i) => Math.sqrt(cov(i, i) / n));
    const lm = n > 0 ? brierLM(brier) : 0;
    let lmErr = NaN;
    if (lm > 0 && n > 1) {
      // ∂BrierLM/∂B_i = BrierLM / (k·B_i); var = gᵀ Σ g / n.
      const g = brier.map((b) => lm / (k * b));
      let v = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) v += g[i] * g[j] * cov(i, j);
      lmErr = Math.sqrt(Math.max(0, v) / n);
    }
    return { count: n, brier, stdErr, brierLM: lm, brierLMStdErr: lmErr };
  }
}
