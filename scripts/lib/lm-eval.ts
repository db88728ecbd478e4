/**
 * Node-only: BrierLM evaluation of CALM, the discrete baseline and a unigram floor on the same
 * held-out positions at the same context length (CALM.md §4). The estimators live in
 * src/model/evaluate.ts (shared with the browser's Evaluate panel); this file supplies the held-out
 * windows and the training-set unigram counts from the corpus on disk.
 *
 * Positions: windows of the held-out stream (documents framed as in training), chunk-aligned, every
 * `stride` tokens. At each window the models see the same EVAL_CONTEXT = 124 tokens (31 chunks) and
 * predict the next 4 tokens (CALM: the next chunk; Brier-n = its first n tokens).
 *  - CALM: `samples` head draws per position with independent noise, decoded; disjoint pairs give
 *    samples/2 two-sample estimates per position (averaged per position). repeatRate = share of
 *    positions whose draws contain a repeated chunk (with 100 draws).
 *  - baseline: the lower-variance form 2·P(y₁..ₙ) − P(x̂₁..ₙ) with x̂ sampled from the model.
 *  - unigram: training-set token frequencies, the same lower-variance form.
 */
import { tokenizedDocs, corpusChunks } from './token-data.ts';
import type { BrierSummary } from '../../src/model/brier.ts';
import type { CalmConfig } from '../../src/model/calm.ts';
import type { BaselineConfig } from '../../src/model/baseline.ts';
import type { AEConfig } from '../../src/model/autoencoder.ts';
import {
  BaselineBrierEval, CalmBrierEval, EVAL_CONTEXT, EVAL_K, runToEnd, streamWindows, UnigramBrierEval, unigramProbabilities,
  type CalmEvalResult,
} from '../../src/model/evaluate.ts';
import type { Params } from '../../src/model/params.ts';
import type { CorpusName } from '../../src/corpus/corpus.ts';
import { log } from './args.ts';
import type { CorpusDocument } from '../../src/corpus/corpus.ts';
import type { BpeTokenizer } from '../../src/model/tokenizer.ts';
import {
  addWords, generateCalmTempered, judgeCrossEntropy, paragraphPrompts, scoreFluency, takeRoundRobin,
  type FluencySample, type FluencyScore, type TemperedResult,
} from '../../src/model/fluency.ts';
import { generateBaseline, generateCalm, type GenerateResult } from '../../src/model/generate.ts';
import { Mulberry32, deriveSeed } from '../../src/model/random.ts';


export { EVAL_CONTEXT, type CalmEvalResult };

export function heldoutWindows(set: CorpusName, eosId: number, stride: number, maxWindows = Infinity): Int32Array[] {
  return streamWindows(corpusChunks(set, 'heldout', EVAL_K, eosId), stride, maxWindows);
}

export function evalCalm(
  calm: Params, cfg: CalmConfig, ae: Params, aeCfg: AEConfig, windows: Int32Array[], samples: number, seed: number,
  progress?: (done: number) => void,
): CalmEvalResult {
  return runToEnd(new CalmBrierEval({ params: calm, cfg }, { params: ae, cfg: aeCfg }, windows, samples, seed), progress);
}

export function evalBaseline(
  params: Params, cfg: BaselineConfig, windows: Int32Array[], seed: number, progress?: (done: number) => void,
): BrierSummary {
  return runToEnd(new BaselineBrierEval({ params, cfg }, windows, seed), progress);
}

/** Raw token counts of a corpus's training split (what `npm run unigram` ships for the browser). */
export function trainingUnigramCounts(set: CorpusName, vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (const d of tokenizedDocs(set, 'train')) for (const t of d) counts[t]++;
  return counts;
}

/** Unigram model from training-token frequencies (add-one smoothing), lower-variance form. */
export function evalUnigram(set: CorpusName, vocabSize: number, windows: Int32Array[], seed: number): BrierSummary {
  return runToEnd(new UnigramBrierEval(unigramProbabilities(trainingUnigramCounts(set, vocabSize)), windows, seed));
}

export function progressLogger(label: string, total: number): (done: number) => void {
  const t0 = performance.now();
  let last = 0;
  return (done) => {
    const now = performance.now();
    if (now - last < 5000 && done < total) return;
    last = now;
    const rate = done / ((now - t0) / 1000);
    log(`[eval-lm] ${label}: ${done}/${total} positions, ${rate.toFixed(1)}/s, ETA ${((total - done) / rate).toFixed(0)}s`);
  };
}

/**
 * Prompt windows at document starts: for held-out documents (the first `nDocs` with enough tokens)
 * and every prompt length L in `lengths`, the context is the document's first L tokens framed as
 * generation frames a prompt (an eos chunk, then the prompt left-padded with eos to whole chunks),
 * eos-filled on the left to EVAL_CONTEXT tokens; the target is the next EVAL_K tokens.
 * Returned grouped by L mod K, so Brier-1 can be compared across prompt lengths.
 */
export function promptWindowsByResidue(set: CorpusName, eosId: number, nDocs: number, lengths: readonly number[]): Int32Array[][] {
  const K = EVAL_K;
  const maxL = Math.max(...lengths);
  if (Math.ceil(maxL / K) * K > EVAL_CONTEXT - K) throw new Error(`promptWindows: prompt length ${maxL} too long`);
  const docs = tokenizedDocs(set, 'heldout').filter((d) => d.length >= maxL + K && !d.subarray(0, maxL + K).includes(eosId)).slice(0, nDocs);
  const out: Int32Array[][] = Array.from({ length: K }, () => []);
  for (const d of docs) {
    for (const L of lengths) {
      const w = new Int32Array(EVAL_CONTEXT + K).fill(eosId);
      w.set(d.subarray(0, L), EVAL_CONTEXT - L);
      w.set(d.subarray(L, L + K), EVAL_CONTEXT);
      out[L % K].push(w);
    }
  }
  return out;
}

// ----- fluency (issue #12 item 6; the metrics and the judge live in src/model/fluency.ts) -----------

/** A held-out prompt for the fluency measurement, with its true continuation. */
export interface FluencyPrompt {
  /** Index among the held-out documents, and the document's title. */
  doc: number;
  title: string;
  text: string;
  ids: number[];
  /** The next `tokens` tokens of the document after the prompt (the tokenizer's ids of the whole text). */
  continuation: number[];
  /** True when the document goes on after the continuation (its last word may be cut). */
  cut: boolean;
}

/**
 * `n` held-out prompts: each is the first sentence of a paragraph of a held-out document, cut at a real
 * sentence end (paragraphPrompts), with minTokens … maxTokens tokens and at least `tokens` more tokens
 * of the same document after it. Taken round-robin over the held-out documents in order (the first
 * usable paragraph of each document, then the second of each, …): stories (700 held-out documents)
 * gets the first sentences of its first documents, austen (11 held-out chapters) paragraph starts
 * spread over all chapters. The continuation is cut from the tokenization of the document's text from
 * the paragraph on, and a prompt is skipped unless that tokenization starts with the prompt's own ids.
 * Deterministic (no random choice).
 */
export function fluencyPrompts(
  heldout: readonly CorpusDocument[], tok: BpeTokenizer, n: number, tokens: number, maxTokens: number, minTokens = 6,
): FluencyPrompt[] {
  const sources = heldout.map((d, doc) => (function* (): Generator<FluencyPrompt> {
    for (const span of paragraphPrompts(d.text)) {
      const text = d.text.slice(span.start, span.end);
      const ids = tok.encode(text);
      if (ids.length < minTokens || ids.length > maxTokens) continue;
      const rest = tok.encode(d.text.slice(span.start));
      if (rest.length < ids.length + tokens || ids.some((t, i) => rest[i] !== t)) continue;
      yield { doc, title: d.title, text, ids, continuation: rest.slice(ids.length, ids.length + tokens), cut: rest.length > ids.length + tokens };
    }
  })());
  return takeRoundRobin(sources, n);
}

/** The words of a set's training split (see words() in src/model/fluency.ts), from the corpus text. */
export function trainingLexicon(train: readonly CorpusDocument[]): Set<string> {
  const lexicon = new Set<string>();
  for (const d of train) addWords(lexicon, d.text);
  return lexicon;
}

/** The five settings of the fluency measurement, in report order. */
export const FLUENCY_SETTINGS = ['heldout', 'calmT1', 'calmTHalf', 'baselineT1', 'baselineTHalf'] as const;
export type FluencySetting = (typeof FLUENCY_SETTINGS)[number];

export interface FluencyOptions {
  /** Batch sampler: T = ½ and N draws per step. */
  temperature: number;
  batchSize: number;
  /** Tokens generated (and held-out tokens scored) per prompt. */
  tokens: number;
  /** Seed of prompt i, setting s: deriveSeed(seedBase + i, s). */
  seedBase: number;
}

export const FLUENCY_DEFAULTS: FluencyOptions = { temperature: 0.5, batchSize: 200, tokens: 64, seedBase: 1000 };

export interface FluencyRun {
  scores: Record<FluencySetting, FluencyScore> & { calmTHalf: FluencyScore & { fallbackRate: number } };
  /** Every prompt with its five continuations as text (for the report). */
  examples: { prompt: string; texts: Record<FluencySetting, string> }[];
  /** Batch-sampler steps in all, and head draws in all. */
  steps: number;
  draws: number;
}

/**
 * Generate and score: for each prompt, CALM at T = 1 (generateCalm: one head draw per step), CALM with
 * the batch sampler at T = ½ (generateCalmTempered, N draws per step), the baseline's softmax at T = 1
 * and ½ (generateBaseline), each `tokens` tokens (CALM: tokens / K steps) from its own seed; then one
 * batched teacher-forced pass of the baseline (the judge) over the true continuation and the four
 * generated ones. A generation that stops at end-of-text is scored on the tokens it produced plus that
 * end-of-text token (the judge also scores the decision to stop); its text has no cut-off last word.
 */
export async function evalFluency(
  calm: { params: Params; cfg: CalmConfig }, ae: { params: Params; cfg: AEConfig }, base: { params: Params; cfg: BaselineConfig },
  tok: BpeTokenizer, prompts: readonly FluencyPrompt[], lexicon: ReadonlySet<string>, opts: FluencyOptions = FLUENCY_DEFAULTS,
  progress?: (done: number) => void,
): Promise<FluencyRun> {
  const eos = tok.eosId;
  const samples: Record<FluencySetting, FluencySample[]> = { heldout: [], calmT1: [], calmTHalf: [], baselineT1: [], baselineTHalf: [] };
  const examples: FluencyRun['examples'] = [];
  let steps = 0;
  let fallbacks = 0;
  let draws = 0;
  for (const [i, p] of prompts.entries()) {
    const seed = (s: FluencySetting) => deriveSeed(opts.seedBase + i, s);
    const gens: Record<Exclude<FluencySetting, 'heldout'>, GenerateResult> = {
      calmT1: generateCalm(calm.params, calm.cfg, ae.params, ae.cfg, p.ids, opts.tokens, eos, new Mulberry32(seed('calmT1'))),
      calmTHalf: await generateCalmTempered(calm.params, calm.cfg, ae.params, ae.cfg, p.ids, opts.tokens, eos, opts.temperature, opts.batchSize, seed('calmTHalf')),
      baselineT1: generateBaseline(base.params, base.cfg, p.ids, opts.tokens, eos, new Mulberry32(seed('baselineT1')), 1),
      baselineTHalf: generateBaseline(base.params, base.cfg, p.ids, opts.tokens, eos, new Mulberry32(seed('baselineTHalf')), opts.temperature),
    };
    const tempered = gens.calmTHalf as TemperedResult;
    steps += tempered.steps;
    fallbacks += tempered.fallbacks;
    draws += tempered.draws;
    const rows: { setting: FluencySetting; text: number[]; scored: number[]; cut: boolean; endOfText: boolean }[] = [
      { setting: 'heldout', text: p.continuation, scored: p.continuation, cut: p.cut, endOfText: false },
    ];
    for (const [setting, g] of Object.entries(gens) as [Exclude<FluencySetting, 'heldout'>, GenerateResult][]) {
      const text = g.ids.slice(0, opts.tokens);
      const ended = g.endOfText && text.length < opts.tokens;
      rows.push({ setting, text, scored: ended ? [...text, eos] : text, cut: !ended, endOfText: ended });
    }
    const ce = judgeCrossEntropy(base.params, base.cfg, p.ids, rows.map((r) => r.scored), eos);
    const texts = {} as Record<FluencySetting, string>;
    rows.forEach((r, j) => {
      const text = tok.decode(r.text, { skipSpecialTokens: true });
      texts[r.setting] = text;
      samples[r.setting].push({ text, cut: r.cut, endOfText: r.endOfText, ...ce[j] });
    });
    examples.push({ prompt: p.text, texts });
    progress?.(i + 1);
  }
  const score = (s: FluencySetting) => scoreFluency(samples[s], lexicon);
  return {
    scores: {
      heldout: score('heldout'), calmT1: score('calmT1'),
      calmTHalf: { ...score('calmTHalf'), fallbackRate: steps > 0 ? fallbacks / steps : NaN },
      baselineT1: score('baselineT1'), baselineTHalf: score('baselineTHalf'),
    },
    examples, steps, draws,
  };
}
