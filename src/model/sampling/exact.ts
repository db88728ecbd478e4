/**
 * Exact temperature sampling without logits (CALM §5).
 *
 * Target: P_T(x) ∝ P(x)^(1/T), T ∈ (0, 1], using only draws from P.
 *
 * - T = 1/n: draw n outcomes; accept if all n are identical, else discard them and retry. An attempt returns
 *   x with probability P(x)^n, so accepted outcomes follow P^n / Σ P^n.
 * - Any T (Bernoulli factory): n = ⌊1/T⌋, a = 1/T − n. Stage 1 as above gives x*. If a > 0, stage 2 accepts
 *   x* with probability P(x*)^a without knowing P: for i = 1, 2, …: draw x; if x = x* accept; otherwise
 *   reject with probability a/i (and restart stage 1 with fresh draws), else i += 1.
 *   Why P(x*)^a: with p = P(x*), q = 1 − p, step i is reached with probability
 *   Π_{j<i} q(1 − a/j) = (−q)^(i−1) C(a−1, i−1), so Σ_i P(reach i) = Σ_k C(a−1, k)(−q)^k = (1 − q)^(a−1)
 *   = p^(a−1) (the expected number of stage-2 draws), and P(accept) = p · p^(a−1) = p^a.
 * - T = 1 is exactly one draw (n = 1, a = 0).
 *
 * Every run is capped (`maxDraws`): the cost grows without bound as T → 0, and near T = 1 (from below) it
 * grows with the size of the support, so instead of hanging the sampler returns status 'gave-up'.
 */

import type { Rng } from '../random.ts';
import {
  BoundedLog,
  DrawMeter,
  checkNonNegativeInteger,
  checkPositiveInteger,
  distinctKeys,
  gaveUpMessage,
  splitTemperature,
} from './temperature.ts';
import {
  DEFAULT_MAX_DRAWS,
  DEFAULT_MAX_LOG,
  LOG_OUTCOMES_PER_ENTRY,
  outcomeKey,
  type AttemptLogEntry,
  type DrawBatch,
  type ExactOptions,
  type ExactResult,
  type Outcome,
} from './types.ts';

/**
 * Draw one outcome from P^(1/T)/Z exactly, for any T in (0, 1].
 *
 * `rng` drives only the stage-2 coin (the black box has its own randomness); it is required so that a seed
 * reproduces a run. Throws RangeError for T ∉ (0, 1] or bad options, and an Error if the black box returns
 * the wrong number of outcomes.
 */
export async function sampleExact(
  draw: DrawBatch,
  temperature: number,
  rng: Rng,
  options: ExactOptions = {},
): Promise<ExactResult> {
  const split = splitTemperature(temperature);
  const maxDraws = checkPositiveInteger('maxDraws', options.maxDraws ?? DEFAULT_MAX_DRAWS);
  const maxLog = checkNonNegativeInteger('maxLog', options.maxLog ?? DEFAULT_MAX_LOG);
  const { n, a } = split;

  const meter = new DrawMeter(draw);
  const log = new BoundedLog<AttemptLogEntry>(maxLog);
  let stage1Attempts = 0;
  let stage1Rejections = 0;
  let stage2Steps = 0;
  let stage2Rejections = 0;

  const finish = (outcome: Outcome | null, why: string): ExactResult => {
    const common = {
      ...split,
      method: 'exact' as const,
      draws: meter.draws,
      batchCalls: meter.batchCalls,
      maxDraws,
      stage1Attempts,
      stage1Rejections,
      stage2Steps,
      stage2Rejections,
      log: log.entries,
      logOmitted: log.omitted,
    };
    if (outcome === null) {
      return { ...common, status: 'gave-up', outcome: null, key: null, message: gaveUpMessage(meter.draws, why) };
    }
    return { ...common, status: 'ok', outcome, key: outcomeKey(outcome), message: why };
  };

  for (;;) {
    // Stage 1: n draws in one batch; all identical → x*.
    if (meter.draws + n > maxDraws) {
      return finish(
        null,
        meter.draws === 0
          ? `one stage-1 attempt needs n = ${n} draws, more than maxDraws = ${maxDraws}`
          : `maxDraws = ${maxDraws}; the next stage-1 attempt needs ${n} more`,
      );
    }
    const batch = await meter.take(n);
    stage1Attempts += 1;
    const { first, distinct } = distinctKeys(batch);
    const allSame = distinct === 1;
    log.push({
      stage: 1,
      attempt: stage1Attempts,
      outcomes: batch.slice(0, LOG_OUTCOMES_PER_ENTRY),
      drawn: n,
      distinct,
      result: !allSame ? 'rejected' : a > 0 ? 'to-stage-2' : 'accepted',
    });
    if (!allSame) {
      stage1Rejections += 1;
      continue;
    }
    const xStar = batch[0];
    if (a === 0) {
      return finish(xStar, `accepted: ${n} identical draw${n === 1 ? '' : 's'}`);
    }

    // Stage 2: accept x* with probability P(x*)^a (Bernoulli factory, a/i rule).
    for (let i = 1; ; i++) {
      if (meter.draws + 1 > maxDraws) {
        return finish(null, `maxDraws = ${maxDraws} reached during stage 2`);
      }
      const x = (await meter.take(1))[0];
      stage2Steps += 1;
      const rejectProbability = a / i;
      if (outcomeKey(x) === first) {
        log.push({ stage: 2, attempt: stage1Attempts, step: i, outcome: x, matched: true, rejectProbability, result: 'accepted' });
        return finish(xStar, `accepted: stage 1 (n = ${n}) then stage 2 matched x* at step ${i}`);
      }
      const reject = rng.next() < rejectProbability;
      log.push({
        stage: 2,
        attempt: stage1Attempts,
        step: i,
        outcome: x,
        matched: false,
        rejectProbability,
        result: reject ? 'rejected' : 'continue',
      });
      if (reject) {
        stage2Rejections += 1;
        break; // restart stage 1 with fresh draws
      }
    }
  }
}

/** Exact sampling at T = 1/n (n identical draws): `sampleExact` with T = 1/n. */
export async function sampleExactReciprocal(
  draw: DrawBatch,
  n: number,
  rng: Rng,
  options: ExactOptions = {},
): Promise<ExactResult> {
  checkPositiveInteger('n', n);
  return sampleExact(draw, 1 / n, rng, options);
}
