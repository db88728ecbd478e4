/**
 * Shared types for temperature sampling over a black box (CALM §5, "Temperature without logits").
 *
 * CALM's generative head has no logits: it can only *draw* samples. An outcome is one decoded chunk of K
 * token ids. Two outcomes are "identical" when their token tuples are equal (compared through
 * `outcomeKey`), never when their latent vectors are close.
 *
 * Everything here is browser-safe and pure: no Node imports, no TensorFlow.js, no Math.random.
 */

/** One decoded K-token chunk: a tuple of token ids. */
export type Outcome = readonly number[];

/**
 * The black box: one call draws `n` independent outcomes (in the real app, one batched forward pass of the
 * model). It must resolve to exactly `n` outcomes.
 */
export type DrawBatch = (n: number) => Promise<ReadonlyArray<Outcome>>;

/** The identity of an outcome: its token ids joined by commas ("12,7,7,3"). */
export function outcomeKey(outcome: Outcome): string {
  return outcome.join(',');
}

export type SamplerStatus = 'ok' | 'gave-up';

/** 1/T split into its integer and fractional parts: 1/T = n + a, n ≥ 1, 0 ≤ a < 1. */
export interface TemperatureSplit {
  /** T in (0, 1]. */
  temperature: number;
  /** 1/T, snapped to the nearest integer when within 1e-9 of it (so T = 1/3 gives exactly 3). */
  inverse: number;
  /** ⌊1/T⌋: the number of identical draws stage 1 asks for. */
  n: number;
  /** 1/T − n in [0, 1): the exponent stage 2 realises with the Bernoulli-factory coin (0: no stage 2). */
  a: number;
}

/** Fields every sampler result carries. */
export interface SamplerResultCommon extends TemperatureSplit {
  /** Total outcomes drawn from the black box (the cost). */
  draws: number;
  /** Number of calls to the black box (each call is one batched pass). */
  batchCalls: number;
  /** The cap on `draws` this run used. */
  maxDraws: number;
}

/** Success: the chosen outcome. Give-up: no outcome, and a message that says why. */
export type Resolution =
  | { status: 'ok'; outcome: Outcome; key: string; message: string }
  | { status: 'gave-up'; outcome: null; key: null; message: string };

/** One step of the exact sampler, as a teaching UI would show it. */
export type AttemptLogEntry =
  | {
      stage: 1;
      /** 1-based index of the stage-1 attempt (one attempt = one batch of n draws). */
      attempt: number;
      /** The first few outcomes of the batch (at most `LOG_OUTCOMES_PER_ENTRY`), to keep memory bounded. */
      outcomes: Outcome[];
      /** How many outcomes the batch held (n). */
      drawn: number;
      /** How many distinct outcomes the batch held (1 means all identical). */
      distinct: number;
      /** 'accepted': done; 'to-stage-2': x* found, the coin comes next; 'rejected': not all identical. */
      result: 'accepted' | 'rejected' | 'to-stage-2';
    }
  | {
      stage: 2;
      /** The stage-1 attempt whose x* this step is testing. */
      attempt: number;
      /** i in the a/i rule (1-based). */
      step: number;
      /** The fresh outcome drawn at this step. */
      outcome: Outcome;
      /** Whether it equals x* (then x* is accepted). */
      matched: boolean;
      /** a/i: the probability of rejecting x* at this step if it did not match. */
      rejectProbability: number;
      /** 'accepted': matched x*; 'rejected': the coin rejected x*; 'continue': i += 1. */
      result: 'accepted' | 'rejected' | 'continue';
    };

/** At most this many outcomes are copied into one stage-1 log entry. */
export const LOG_OUTCOMES_PER_ENTRY = 8;
/** Default cap on total draws per sample. */
export const DEFAULT_MAX_DRAWS = 10_000;
/** Default cap on the length of the attempt log. */
export const DEFAULT_MAX_LOG = 64;

export interface ExactOptions {
  /** Give up (status 'gave-up') rather than exceed this many draws. Default 10,000. */
  maxDraws?: number;
  /** Keep at most this many log entries (the first ones). Default 64. */
  maxLog?: number;
}

/** Result of the exact sampler (T = 1/n, or any T in (0, 1] through the Bernoulli factory). */
export type ExactResult = SamplerResultCommon &
  Resolution & {
    method: 'exact';
    /** Stage-1 attempts (batches of n draws). */
    stage1Attempts: number;
    /** Stage-1 attempts whose n outcomes were not all identical. */
    stage1Rejections: number;
    /** Stage-2 draws (one per step of the a/i rule). */
    stage2Steps: number;
    /** Times the stage-2 coin rejected x* (each one restarts stage 1). */
    stage2Rejections: number;
    /** The first `maxLog` steps. */
    log: AttemptLogEntry[];
    /** Steps that happened but were not kept in `log`. */
    logOmitted: number;
  };

/** One distinct chunk of a batch, with its count and its weight at the chosen fallback level. */
export interface BatchCandidate {
  key: string;
  outcome: Outcome;
  /** c_x: how many times it occurs in the batch. */
  count: number;
  /** C(c_x, m) at the chosen level m (0 when c_x < m). May be Infinity for huge batches; see logWeight. */
  weight: number;
  /** ln C(c_x, m) (−Infinity when the weight is 0). */
  logWeight: number;
  /** weight / Σ weight: the probability of picking it from this batch. */
  probability: number;
}

/** The outcome of the paper's weighting rule on one batch. */
export interface BatchWeights {
  /** The level m actually used: the largest m ≤ n with some c_x ≥ m. */
  level: number;
  /** Whether the rule had to fall back below n (no chunk occurred n times). */
  fellBack: boolean;
  /** Every distinct chunk, most frequent first (ties: first appearance first). */
  candidates: BatchCandidate[];
}

export interface BatchOptions {
  /** Cap on total draws, batch included; the batch size must not exceed it. Default 10,000. */
  maxDraws?: number;
  /** Cap on the stage-2 log of the fractional extension. Default 64. */
  maxLog?: number;
}

/** One step of the fractional extension's stage-2 coin. */
export interface ExtensionLogEntry {
  /** Which pick from the batch this step is testing (1-based; a rejection re-picks). */
  pick: number;
  /** The candidate being tested. */
  candidate: string;
  step: number;
  outcome: Outcome;
  matched: boolean;
  rejectProbability: number;
  result: 'accepted' | 'rejected' | 'continue';
}

/** Result of the batch approximation (and of its labelled fractional extension). */
export type BatchResult = SamplerResultCommon &
  Resolution &
  BatchWeights & {
    method: 'batch';
    /** N: outcomes drawn in the single batch call. */
    batchSize: number;
    /** Number of distinct chunks in the batch. */
    distinct: number;
    /**
     * true when 1/T is fractional and the *extension* (not in the CALM paper) ran: the batch rule for
     * n = ⌊1/T⌋, then the exact stage-2 coin with fresh draws.
     */
    extension: boolean;
    /** Human-readable label of the extension, or null for the paper's algorithm. */
    extensionLabel: string | null;
    /** Details of the extension's coin, or null when it did not run. */
    stage2: null | {
      /** Fresh single draws spent by the coin. */
      steps: number;
      /** Coin rejections (each one re-picks from the same batch weights). */
      rejections: number;
      /** Picks from the batch (rejections + 1 on success). */
      picks: number;
      log: ExtensionLogEntry[];
      logOmitted: number;
    };
  };
