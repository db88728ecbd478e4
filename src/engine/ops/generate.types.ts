/**
 * Generate operations (args/results: plain data only). Generation state (prompt, KV cache, hidden
 * states) lives in the engine (ops/generate.ts); every step returns what the panel shows.
 */
import type { ModelSetName } from '../protocol.ts';

export type GenSamplerName = 'plain' | 'batch' | 'exact';

/** How the next chunk is drawn: plain head sample (T = 1), the batch approximation, or the exact sampler. */
export interface GenSamplerArgs {
  sampler: GenSamplerName;
  /** Temperature in (0, 1] (ignored by 'plain'). */
  T: number;
  /** Batch size (batch sampler only). */
  N: number;
}

/** Step's arguments: the sampler, and whether a chunk holding end-of-text ends the generation (default true). */
export interface GenStepArgs extends GenSamplerArgs {
  /** false: Step goes on past an end-of-text chunk (the model starts a new text in the same context). */
  stopAtEnd?: boolean;
}

/** A distinct chunk of a batch with its count and C(count, m) weight. */
export interface CandidateView {
  text: string;
  tokens: string[];
  ids: number[];
  count: number;
  /** C(count, m) at the level used (may be Infinity for huge counts; logWeight stays finite). */
  weight: number;
  logWeight: number;
  probability: number;
  chosen: boolean;
}

export interface ExactLogView {
  stage: 1 | 2;
  attempt: number;
  /** Stage 2: i in the a/i rule. */
  step?: number;
  /** Decoded texts of the outcomes shown for this entry (stage 1: the first few of the batch). */
  texts: string[];
  /** Stage 1: draws in the batch and distinct among them. */
  drawn?: number;
  distinct?: number;
  matched?: boolean;
  rejectProbability?: number;
  result: string;
}

/** What the sampler did, for teaching. */
export type SamplerTeaching =
  | { kind: 'plain'; draws: number }
  | {
      kind: 'batch';
      T: number;
      N: number;
      n: number;
      a: number;
      /** The fallback level m used (largest m ≤ n with some count ≥ m). */
      level: number;
      fellBack: boolean;
      distinct: number;
      /** Every distinct chunk of the batch, most frequent first. */
      candidates: CandidateView[];
      /** Set when 1/T is fractional: the labelled extension (not in the paper) ran. */
      extensionLabel: string | null;
      /** Extension only: fresh draws and rejections of the stage-2 coin. */
      stage2: { steps: number; rejections: number; picks: number } | null;
      draws: number;
      status: 'ok' | 'gave-up';
      message: string;
    }
  | {
      kind: 'exact';
      T: number;
      n: number;
      a: number;
      draws: number;
      maxDraws: number;
      attempts: number;
      stage1Rejections: number;
      stage2Steps: number;
      stage2Rejections: number;
      log: ExactLogView[];
      logOmitted: number;
      status: 'ok' | 'gave-up';
      message: string;
    };

/** One head sample for the step's context: the latent and its decoded chunk. */
export interface HeadSampleView {
  latent: Float32Array;
  ids: number[];
  tokens: string[];
  text: string;
}

export interface GenStepView {
  /** 0-based index of the generated chunk. */
  index: number;
  ids: number[];
  tokens: string[];
  /** Decoded text of the chunk (end-of-text and anything after it left out). */
  text: string;
  /** True when the chunk holds <|endoftext|>: generation is over (unless Step goes on past the end). */
  endOfText: boolean;
  /** The chunk's tokens after its first <|endoftext|>, decoded (further end-of-text tokens left out); '' when none. */
  afterEnd?: string;
  /** The backbone's hidden state h that predicted this chunk (d numbers). */
  hidden: Float32Array;
  /** Independent head samples for the same h (the head is a distribution). */
  samples: HeadSampleView[];
  /** The latent the sampler chose (decodes to `ids`). */
  chosen: Float32Array;
  sampler: SamplerTeaching;
  settings: GenSamplerArgs;
  seed: number;
}

export interface GenCounters {
  /** Vector steps taken (chunks generated). */
  steps: number;
  /** Tokens generated: steps · K. */
  tokens: number;
  K: number;
  /** Backbone positions computed since genStart (prefill included). */
  backbonePositions: number;
  /** Energy-head calls and decoder calls since genStart. */
  headCalls: number;
  decodeCalls: number;
  /** Head samples drawn since genStart. */
  draws: number;
  /** Chunk positions in the context now (eos chunk + prompt + generated) and the model's limit. */
  contextChunks: number;
  maxChunks: number;
}

export interface GenStateView {
  started: boolean;
  set: ModelSetName | null;
  prompt: string;
  seed: number;
  /** The prompt as the model sees it (after truncation), decoded. */
  promptText: string;
  promptTokens: number;
  /** Prompt tokens dropped from the front because the context is limited (0 if none). */
  droppedTokens: number;
  /** End-of-text tokens added on the left so the prompt fills whole chunks (0 … K−1). */
  padTokens: number;
  steps: GenStepView[];
  counters: GenCounters;
  /** Null when Step is possible; otherwise why not (end of text, context full). Reads the end of text as the end. */
  blocked: string | null;
}

export interface GenStepResult {
  step: GenStepView;
  counters: GenCounters;
  blocked: string | null;
}

export interface GenerateOps {
  /** Tokenize the prompt, left-pad it behind one eos chunk and prefill the KV cache. */
  genStart: { args: { set: ModelSetName; prompt: string; seed: number }; result: GenStateView };
  /** One vector step: one backbone position (the previous chunk), then the head and the decoder. */
  genStep: { args: GenStepArgs; result: GenStepResult };
  /** Redraw the last chunk from its cached hidden state with new settings or seed (head + decoder only). */
  genResample: { args: GenSamplerArgs & { seed: number }; result: GenStepResult };
  /** Remove the last chunk (the KV cache goes back too). */
  genBack: { args: Record<string, never>; result: GenStateView };
  /** Drop the generation state and its tensors. */
  genReset: { args: Record<string, never>; result: GenStateView };
  /** The current state (a remounted panel asks for it). */
  genState: { args: Record<string, never>; result: GenStateView };
}
