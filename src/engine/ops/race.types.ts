/**
 * Race operations (args/results: plain data only): CALM and the discrete baseline generate the same
 * number of tokens from one prompt, interleaved step by step inside the engine, each timed on its own
 * clock (engine wall time of its own steps, prefill excluded and reported apart).
 *
 * Temperature: at T = 1 both models sample plainly (one head sample; one draw from the softmax). At T = ½
 * they sample at ½ in the two different ways each model allows: CALM has no probabilities, so it uses the
 * batch sampler (CALM.md §5: N = RACE_CALM_BATCH head samples per step, repeats win); the baseline divides
 * its logits by T before the softmax (exact). CALM's extra draws are on its clock.
 */
import type { ModelSetName } from '../protocol.ts';

export type RaceModel = 'calm' | 'baseline';

/** The temperatures a race runs at. */
export const RACE_TEMPERATURES = [1, 0.5] as const;
export type RaceTemperature = (typeof RACE_TEMPERATURES)[number];
/** CALM's batch size N when the race runs below T = 1 (the authors' setting). */
export const RACE_CALM_BATCH = 200;

export interface RaceArgs {
  set: ModelSetName;
  prompt: string;
  /** Tokens each model generates (default 128; 4 … RACE_LIMITS.maxTokens). */
  tokens?: number;
  seed?: number;
  /** Which models run (default both). */
  models?: RaceModel[];
  /** Sampling temperature, 1 or 0.5 (default 1); see the module comment for what each model does at ½. */
  T?: RaceTemperature;
}

export const RACE_DEFAULTS = { tokens: 128, seed: 1, T: 1 } as const;
export const RACE_LIMITS = { minTokens: 4, maxTokens: 256, maxPromptChars: 1000 } as const;

/** A lane's counters while it runs. */
export interface RaceLaneLive {
  tokens: number;
  /** Backbone steps after the prefill (CALM: one per chunk of K tokens; baseline: one per token). */
  steps: number;
  /** Engine milliseconds of this lane's steps so far. */
  ms: number;
}

export interface RaceLive {
  calm: RaceLaneLive | null;
  baseline: RaceLaneLive | null;
}

export interface RaceLaneResult extends RaceLaneLive {
  model: RaceModel;
  /** Tokens one backbone step produces (CALM: K; baseline: 1). */
  tokensPerStep: number;
  /** The temperature this lane sampled at. */
  T: RaceTemperature;
  /**
   * Samples drawn per step: CALM 1 at T = 1, RACE_CALM_BATCH at T = ½ (the batch sampler); the
   * baseline always 1 (one draw from its softmax, tempered at T = ½).
   */
  drawsPerStep: number;
  /** The prompt's one-pass prefill (not counted in steps or ms). */
  prefillMs: number;
  tokensPerSecond: number;
  /** Milliseconds of each step, in order (a bar per step). */
  stepMs: number[];
  /**
   * Analytic forward FLOPs per token at the run's mean context (src/model/flops.ts); CALM's energy head
   * and decoder counted once per draw (× drawsPerStep).
   */
  flopsPerToken: number;
  flopParts: Record<string, number>;
  /** The generated text (an end-of-text token does not stop the race: it shows as a blank line). */
  text: string;
}

export interface RaceResult {
  set: ModelSetName;
  promptTokens: number;
  tokens: number;
  K: number;
  /** The temperature both lanes sampled at. */
  T: RaceTemperature;
  calm: RaceLaneResult | null;
  baseline: RaceLaneResult | null;
  /** CALM tokens/s ÷ baseline tokens/s (both lanes only). */
  speedRatio: number | null;
  /** Baseline steps ÷ CALM steps (both lanes only). */
  stepRatio: number | null;
  backend: string;
}

export interface RaceOps {
  raceRun: { args: RaceArgs; result: RaceResult };
}

/** Progress labels of raceRun carry the live counters: `race {json}` (see raceLabel / parseRaceLabel). */
export const RACE_LABEL_PREFIX = 'race ';

export function raceLabel(live: RaceLive): string {
  return RACE_LABEL_PREFIX + JSON.stringify(live);
}

export function parseRaceLabel(label: string | undefined): RaceLive | null {
  if (!label || !label.startsWith(RACE_LABEL_PREFIX)) return null;
  try {
    const v = JSON.parse(label.slice(RACE_LABEL_PREFIX.length)) as RaceLive;
    return v && typeof v === 'object' && 'calm' in v && 'baseline' in v ? v : null;
  } catch {
    return null;
  }
}
