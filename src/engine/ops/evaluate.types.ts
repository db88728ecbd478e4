/**
 * Evaluate operations (args/results: plain data only): BrierLM of CALM, the discrete baseline and a
 * unigram floor (CALM.md §4), on held-out passages of a model set or on text the user pastes.
 */
import type { ModelSetName } from '../protocol.ts';

/** Held-out passages of the set (public/heldout/<set>.json) or the user's own text. */
export type EvalSource = 'heldout' | { text: string };

export interface EvaluateArgs {
  set: ModelSetName;
  source: EvalSource;
  /** Held-out tokens the positions are spread over (default 10,000; ignored for text). */
  tokens?: number;
  /** Tokens between evaluated held-out positions (default EVAL_DEFAULTS.stride; text: every chunk). */
  stride?: number;
  /** CALM head draws per position (even; default 8 = 4 two-sample pairs). */
  samples?: number;
  seed?: number;
}

export const EVAL_DEFAULTS = { tokens: 10_000, stride: 8, samples: 8, seed: 7 } as const;
/** Context tokens before each predicted chunk (= src/model/evaluate.ts EVAL_CONTEXT; checked by the op's test). */
export const EVAL_CONTEXT_TOKENS = 124;
/** maxTextChars counts characters (code points, as the panel does); minTextTokens: the shortest pasted text scored. */
export const EVAL_LIMITS = { minTokens: 500, maxTokens: 24_000, maxTextChars: 20_000, maxSamples: 100, minTextTokens: 12 } as const;

/** Mean Brier-1 … Brier-4 with standard errors and the BrierLM they give. */
export interface BrierView {
  /** Positions averaged. */
  count: number;
  brier: number[];
  stdErr: number[];
  /** 100·(B1·B2·B3·B4)^(1/4); 0 when any term ≤ 0. */
  brierLM: number;
  /** Delta-method standard error of BrierLM; null when BrierLM is 0 (or too few positions). */
  brierLMStdErr: number | null;
}

export interface ModelEvalView extends BrierView {
  /** Trainable parameters (CALM: without its frozen autoencoder). */
  params: number;
  paramParts: Record<string, number>;
  /** Analytic forward FLOPs per generated token at the evaluation context (src/model/flops.ts). */
  flopsPerToken: number;
  flopParts: Record<string, number>;
  /** Engine time spent on this model's part of the evaluation. */
  ms: number;
}

export interface EvaluateResult {
  set: ModelSetName;
  source: 'heldout' | 'text';
  /** Windows evaluated (each: 124 context tokens, then the 4 predicted). */
  positions: number;
  /** Held-out tokens the windows span (text: tokens of the text). */
  tokensCovered: number;
  stride: number;
  contextTokens: number;
  samples: number;
  seed: number;
  calm: ModelEvalView & { repeatRate: number; pairsPerPosition: number; autoencoderParams: number };
  baseline: ModelEvalView;
  unigram: BrierView & { trainingTokens: number };
  /** Total engine time and the backend it ran on. */
  ms: number;
  backend: string;
}

export interface EvaluateOps {
  evaluate: { args: EvaluateArgs; result: EvaluateResult };
}
