/**
 * Batch approximation of temperature sampling (CALM §5; what the reference code ships), and ONE labelled
 * extension for fractional 1/T.
 *
 * Paper's algorithm, T = 1/n: draw a batch of N outcomes in one pass and count each distinct chunk, c_x.
 * For m = n, n−1, …, 1: the chunks with c_x ≥ m get weight C(c_x, m); if any, sample one ∝ weight and
 * stop. C(c_x, n) counts the n-subsets of the batch that are all x, i.e. the stage-1 attempts of the exact
 * sampler hiding inside the batch, so the rule is biased for finite N and unbiased as N → ∞. N = 1 is
 * T = 1. Example (T = ½, batch A,C,A,D,B,E,A,F,B,G): A weight C(3,2) = 3, B weight C(2,2) = 1 → A with
 * ¾, B with ¼.
 *
 * EXTENSION (not in the CALM paper), for fractional 1/T = n + a, 0 < a < 1: pick x* from the batch with
 * the rule above for n = ⌊1/T⌋, then run the exact sampler's stage-2 coin on it with fresh single draws
 * (for i = 1, 2, …: draw x; x = x* → accept; else reject with probability a/i). The coin accepts x* with
 * probability P(x*)^a, so as N → ∞ the output tends to P^n · P^a / Z = P^(1/T) / Z. A rejection re-picks
 * from the same batch weights (no second batch pass; the batch already stands in for P^n), and the whole
 * run is capped by `maxDraws`.
 */

import type { Rng } from '../random.ts';
import {
  BoundedLog,
  DrawMeter,
  checkNonNegativeInteger,
  checkPositiveInteger,
  gaveUpMessage,
  splitTemperature,
} from './temperature.ts';
import {
  DEFAULT_MAX_DRAWS,
  DEFAULT_MAX_LOG,
  outcomeKey,
  type BatchCandidate,
  type BatchOptions,
  type BatchResult,
  type BatchWeights,
  type DrawBatch,
  type ExtensionLogEntry,
  type Outcome,
} from './types.ts';

/** Label carried by results (and shown by the UI) when the fractional extension ran. */
export function extensionLabel(n: number, a: number): string {
  return (
    `Extension (not in the CALM paper): batch rule for n = ⌊1/T⌋ = ${n}, then the exact stage-2 coin ` +
    `(a = ${a.toFixed(4)}, reject with probability a/i) on fresh draws; a rejection re-picks from the same batch.`
  );
}

/**
 * C(c, m) and ln C(c, m). The weight is an exact integer while it fits in 2^53; beyond that it is
 * exp(ln C), which may be Infinity (the log stays finite and is what the pick uses then).
 */
export function binomialWeight(c: number, m: number): { weight: number; logWeight: number } {
  if (m < 0 || m > c) return { weight: 0, logWeight: -Infinity };
  const k = Math.min(m, c - m);
  let exact = 1;
  let safe = true;
  let log = 0;
  for (let j = 1; j <= k; j++) {
    const factor = c - k + j;
    log += Math.log(factor) - Math.log(j);
    if (safe) {
      const prod = exact * factor; // = j · C(c − k + j, j): divisible by j, exact while < 2^53
      if (prod > Number.MAX_SAFE_INTEGER) safe = false;
      else exact = prod / j;
    }
  }
  return { weight: safe ? exact : Math.exp(log), logWeight: safe ? Math.log(exact) : log };
}

/**
 * The paper's weighting rule on one batch, for T = 1/n: the level m (largest m ≤ n with some c_x ≥ m),
 * and every distinct chunk with its count, weight C(c_x, m) and pick probability.
 */
export function batchWeights(batch: ReadonlyArray<Outcome>, n: number): BatchWeights {
  checkPositiveInteger('n', n);
  if (batch.length === 0) throw new RangeError('batchWeights needs a batch of at least one outcome');
  const counts = new Map<string, { outcome: Outcome; count: number; first: number }>();
  batch.forEach((outcome, i) => {
    const key = outcomeKey(outcome);
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { outcome, count: 1, first: i });
  });
  const entries = [...counts.entries()].sort((x, y) => y[1].count - x[1].count || x[1].first - y[1].first);

  let level = n;
  for (let m = n; m >= 1; m--) {
    if (entries.some(([, e]) => e.count >= m)) {
      level = m;
      break;
    }
  }

  const raw = entries.map(([key, e]) => ({ key, outcome: e.outcome, count: e.count, ...binomialWeight(e.count, level) }));
  // Probabilities: exact ratios of integers when every weight (and the sum) is a safe integer,
  // otherwise through the logs (log-sum-exp), which never overflows.
  const sum = raw.reduce((s, r) => s + r.weight, 0);
  let probs: number[];
  if (Number.isFinite(sum) && sum <= Number.MAX_SAFE_INTEGER) {
    probs = raw.map((r) => r.weight / sum);
  } else {
    const maxLog = Math.max(...raw.map((r) => r.logWeight));
    const scaled = raw.map((r) => Math.exp(r.logWeight - maxLog));
    const z = scaled.reduce((s, v) => s + v, 0);
    probs = scaled.map((v) => v / z);
  }
  const candidates: BatchCandidate[] = raw.map((r, i) => ({ ...r, probability: probs[i] }));
  return { level, fellBack: level < n, candidates };
}

/** Pick one candidate ∝ its probability (candidates with weight 0 are never picked). */
export function pickCandidate(candidates: ReadonlyArray<BatchCandidate>, rng: Rng): BatchCandidate {
  const u = rng.next();
  let cum = 0;
  let last: BatchCandidate | null = null;
  for (const c of candidates) {
    if (c.probability <= 0) continue;
    last = c;
    cum += c.probability;
    if (u < cum) return c;
  }
  if (last === null) throw new Error('pickCandidate: no candidate has positive weight');
  return last; // rounding: the probabilities summed to slightly less than u
}

/**
 * One sample by the batch approximation: a single call drawing N = `batchSize` outcomes, then the weighting
 * rule for n = 1/T. For fractional 1/T the labelled extension runs (result.extension = true).
 * Throws RangeError for T ∉ (0, 1], N < 1 (or not an integer), N > maxDraws; Error if the black box returns
 * the wrong number of outcomes.
 */
export async function sampleBatch(
  draw: DrawBatch,
  temperature: number,
  batchSize: number,
  rng: Rng,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const split = splitTemperature(temperature);
  checkPositiveInteger('batchSize N', batchSize);
  const maxDraws = checkPositiveInteger('maxDraws', options.maxDraws ?? DEFAULT_MAX_DRAWS);
  const maxLog = checkNonNegativeInteger('maxLog', options.maxLog ?? DEFAULT_MAX_LOG);
  if (batchSize > maxDraws) {
    throw new RangeError(`batchSize N = ${batchSize} exceeds maxDraws = ${maxDraws}`);
  }
  const { n, a } = split;
  const isExtension = a > 0;

  const meter = new DrawMeter(draw);
  const batch = await meter.take(batchSize);
  const weights = batchWeights(batch, n);
  const base = {
    ...split,
    ...weights,
    method: 'batch' as const,
    batchSize,
    distinct: weights.candidates.length,
    maxDraws,
    extension: isExtension,
    extensionLabel: isExtension ? extensionLabel(n, a) : null,
  };

  if (!isExtension) {
    const chosen = pickCandidate(weights.candidates, rng);
    return {
      ...base,
      draws: meter.draws,
      batchCalls: meter.batchCalls,
      stage2: null,
      status: 'ok',
      outcome: chosen.outcome,
      key: chosen.key,
      message:
        `picked from ${base.distinct} distinct chunk${base.distinct === 1 ? '' : 's'} at level m = ${weights.level}` +
        (weights.fellBack ? ` (fell back from n = ${n})` : ''),
    };
  }

  // EXTENSION (not in the paper): stage-2 coin with fresh draws on the batch's pick.
  const log = new BoundedLog<ExtensionLogEntry>(maxLog);
  let steps = 0;
  let rejections = 0;
  let picks = 0;
  const stage2 = () => ({ steps, rejections, picks, log: log.entries, logOmitted: log.omitted });
  for (;;) {
    const chosen = pickCandidate(weights.candidates, rng);
    picks += 1;
    for (let i = 1; ; i++) {
      if (meter.draws + 1 > maxDraws) {
        return {
          ...base,
          draws: meter.draws,
          batchCalls: meter.batchCalls,
          stage2: stage2(),
          status: 'gave-up',
          outcome: null,
          key: null,
          message: gaveUpMessage(meter.draws, `maxDraws = ${maxDraws} reached in the extension's stage-2 coin`),
        };
      }
      const x = (await meter.take(1))[0];
      steps += 1;
      const rejectProbability = a / i;
      const matched = outcomeKey(x) === chosen.key;
      const reject = !matched && rng.next() < rejectProbability;
      const result = matched ? 'accepted' : reject ? 'rejected' : 'continue';
      log.push({ pick: picks, candidate: chosen.key, step: i, outcome: x, matched, rejectProbability, result });
      if (matched) {
        return {
          ...base,
          draws: meter.draws,
          batchCalls: meter.batchCalls,
          stage2: stage2(),
          status: 'ok',
          outcome: chosen.outcome,
          key: chosen.key,
          message: `extension: picked at level m = ${weights.level}, then the stage-2 coin accepted at step ${i}`,
        };
      }
      if (reject) {
        rejections += 1;
        break; // re-pick from the same batch
      }
    }
  }
}
