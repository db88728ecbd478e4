/**
 * Fluency, measured (`npm run eval:lm`, issue #12 item 6). Continuations of held-out prompts (CALM at
 * T = 1 and, with the batch sampler, at T = ½; the baseline's softmax at T = 1 and ½; and the true
 * held-out continuation) are scored with:
 *  - lexiconRate: the share of their words that occur in the set's training split;
 *  - judgeCE: the mean per-token cross-entropy (nats) of the continuation under the set's baseline
 *    model given the prompt (teacher-forced; the baseline flatters its own samples, so the number is
 *    for comparing CALM's settings with each other and with held-out text);
 *  - distinct2: distinct word bigrams ÷ all word bigrams (bigrams within a sample, pooled over
 *    samples): loops push it down;
 *  - for the batch sampler, fallbackRate: the share of steps at which no chunk occurred twice in the
 *    batch, so the rule fell back to level 1 (a uniform pick among N distinct draws: a plain draw).
 *
 * Words: lower-cased text, runs of /[a-z']+/ (ASCII letters and the ASCII apostrophe; both corpora
 * are ASCII-cleaned), with apostrophes stripped from both ends of a run, because the corpora also use
 * the ASCII apostrophe as a single quotation mark ('Tis → tis, 'Yes,' → yes, dogs' → dogs) while inner
 * apostrophes stay (don't, Anne's). A run of apostrophes alone is no word. The lexicon is built by the
 * same function, so generated and training words are cut the same way.
 *
 * Pure: no DOM, no Node. The text metrics need no TensorFlow.js; the judge pass and the batch-sampler
 * generation below use it (like generate.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, transposedEmbedding, type AEConfig } from './autoencoder.ts';
import { baselineLogits, type BaselineConfig } from './baseline.ts';
import { calmDeps, calmChunkDrawer } from './calm-sampler.ts';
import { calmStep, newCalmCache, type CalmConfig } from './calm.ts';
import { framePrompt, type GenerateResult } from './generate.ts';
import type { Params } from './params.ts';
import { Mulberry32, deriveSeed } from './random.ts';
import { sampleBatch } from './sampling/batch.ts';
import { DEFAULT_MAX_DRAWS } from './sampling/types.ts';
import { firstSentence } from '../corpus/sentences.ts';

// ----- words ---------------------------------------------------------------------------------------

const WORD_RUNS = /[a-z']+/g;
const EDGE_APOSTROPHES = /^'+|'+$/g;

/** The words of a text: lower-cased runs of [a-z'], apostrophes stripped from both ends (see above). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(WORD_RUNS) ?? []) {
    const w = run.replace(EDGE_APOSTROPHES, '');
    if (w) out.push(w);
  }
  return out;
}

/**
 * The words of one sample that are counted. A sample cut off by the token budget (`cut`: it did not
 * end at end-of-text) may end inside a word ("the happ…"); when the text ends in a word run, that last
 * word is not counted, for generated and held-out samples alike.
 */
export function sampleWords(text: string, cut: boolean): string[] {
  const w = words(text);
  if (cut && w.length > 0) {
    const tail = /[a-z']+$/.exec(text.toLowerCase());
    if (tail && tail[0].replace(EDGE_APOSTROPHES, '') !== '') w.pop();
  }
  return w;
}

/** Add the words of `text` to a lexicon (a set of words); returns the lexicon. */
export function addWords(lexicon: Set<string>, text: string): Set<string> {
  for (const w of words(text)) lexicon.add(w);
  return lexicon;
}

// ----- metrics -------------------------------------------------------------------------------------

/** Share of all words (pooled over samples) that are in the lexicon; NaN when there are no words. */
export function lexiconRate(samples: ReadonlyArray<readonly string[]>, lexicon: ReadonlySet<string>): number {
  let total = 0;
  let known = 0;
  for (const s of samples) {
    for (const w of s) {
      total++;
      if (lexicon.has(w)) known++;
    }
  }
  return total > 0 ? known / total : NaN;
}

/**
 * Distinct word bigrams ÷ all word bigrams. Bigrams are formed within each sample (never across two
 * samples) and pooled: a bigram counts once however many samples hold it. NaN when there are none.
 */
export function distinct2(samples: ReadonlyArray<readonly string[]>): number {
  const seen = new Set<string>();
  let total = 0;
  for (const s of samples) {
    for (let i = 1; i < s.length; i++) {
      total++;
      seen.add(`${s[i - 1]} ${s[i]}`);
    }
  }
  return total > 0 ? seen.size / total : NaN;
}

/** Summed cross-entropy (nats) of one sample's scored tokens, and how many tokens were scored. */
export interface TokenCE {
  nats: number;
  tokens: number;
}

/** Mean per-token cross-entropy pooled over samples: Σ nats / Σ tokens (NaN when no token was scored). */
export function meanCrossEntropy(parts: ReadonlyArray<TokenCE>): number {
  let nats = 0;
  let tokens = 0;
  for (const p of parts) {
    nats += p.nats;
    tokens += p.tokens;
  }
  return tokens > 0 ? nats / tokens : NaN;
}

/** One scored continuation. */
export interface FluencySample extends TokenCE {
  /** Decoded text of the continuation (special tokens dropped). */
  text: string;
  /** True when the token budget cut it (it did not stop at end-of-text; held-out: the document goes on). */
  cut: boolean;
  /** True when generation stopped at end-of-text before the budget. */
  endOfText: boolean;
}

/** The scores of one setting. */
export interface FluencyScore {
  /** Continuations scored (one per prompt). */
  samples: number;
  /** Words counted (pooled). */
  words: number;
  lexiconRate: number;
  judgeCE: number;
  distinct2: number;
  /** Tokens the judge scored (pooled; an end-of-text that stopped generation counts as one). */
  tokens: number;
  /** Samples that stopped at end-of-text before the budget. */
  endOfText: number;
}

export function scoreFluency(samples: ReadonlyArray<FluencySample>, lexicon: ReadonlySet<string>): FluencyScore {
  const ws = samples.map((s) => sampleWords(s.text, s.cut));
  return {
    samples: samples.length,
    words: ws.reduce((a, w) => a + w.length, 0),
    lexiconRate: lexiconRate(ws, lexicon),
    judgeCE: meanCrossEntropy(samples),
    distinct2: distinct2(ws),
    tokens: samples.reduce((a, s) => a + s.tokens, 0),
    endOfText: samples.filter((s) => s.endOfText).length,
  };
}

// ----- prompts ---------------------------------------------------------------------------------------

/** A prompt inside a document's text: characters [start, end). */
export interface PromptSpan {
  start: number;
  end: number;
}

const SENTENCE_END = /[.!?]["'\u201d\u2019)]*$/;

/**
 * Prompt candidates of one document: for each paragraph (paragraphs are separated by a blank line),
 * its first sentence when it ends at a real sentence end (firstSentence's rule: [.!?] plus closing
 * quotes, followed by white space, not a title such as "Mrs."). A paragraph with no sentence end gives
 * none (firstSentence would cut it at a word instead).
 */
export function paragraphPrompts(text: string): PromptSpan[] {
  const out: PromptSpan[] = [];
  const re = /\n\s*\n/g;
  let start = 0;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    const para = text.slice(start, end);
    const lead = para.length - para.trimStart().length;
    const body = para.trim();
    if (body) {
      // With no length limit, firstSentence returns a sentence that ends at a real boundary, or the whole paragraph.
      const s = firstSentence(body, Infinity);
      if (s.length < body.length || SENTENCE_END.test(body)) out.push({ start: start + lead, end: start + lead + s.length });
    }
    if (!m) break;
    start = m.index + m[0].length;
  }
  return out;
}

/**
 * Take up to n items round-robin from several lazy sources: the first item of each source in turn,
 * then the second of each, and so on (a source that runs dry is skipped). Sources are only advanced
 * as far as needed.
 */
export function takeRoundRobin<T>(sources: ReadonlyArray<Iterable<T>>, n: number): T[] {
  const its: (Iterator<T> | null)[] = sources.map((s) => s[Symbol.iterator]());
  const out: T[] = [];
  let live = its.length;
  while (out.length < n && live > 0) {
    for (let i = 0; i < its.length && out.length < n; i++) {
      const it = its[i];
      if (!it) continue;
      const r = it.next();
      if (r.done) {
        its[i] = null;
        live--;
      } else out.push(r.value);
    }
  }
  return out;
}

// ----- the judge -----------------------------------------------------------------------------------

/** End-of-text tokens before a prompt: how generateBaseline frames it (training documents start so). */
export const BASELINE_FRAME = 4;

/**
 * Teacher-forced cross-entropy of continuations under the baseline, all after the same prompt: row r
 * is [eos × BASELINE_FRAME, prompt, continuations[r]] (rows right-padded to one length; a causal model
 * never looks right, so the padding changes nothing), and only the continuation's tokens are scored,
 * each given everything before it. A continuation that stopped at end-of-text should include that
 * eos as its last token (the caller appends it): the judge then also scores the decision to stop.
 * One batched full pass; returns per row the summed nats and the token count. Manages its memory.
 */
export function judgeCrossEntropy(
  params: Params, cfg: BaselineConfig, prompt: ArrayLike<number>, continuations: ReadonlyArray<ArrayLike<number>>, eosId: number,
): TokenCE[] {
  const R = continuations.length;
  const start = BASELINE_FRAME + prompt.length;
  const C = Math.max(0, ...continuations.map((c) => c.length));
  if (R === 0 || C === 0) return continuations.map(() => ({ nats: 0, tokens: 0 }));
  // The last token is only predicted, never fed: inputs are start + C − 1 positions.
  const L = start + C - 1;
  if (L > cfg.backbone.maxLen) throw new RangeError(`judge: ${start} framed prompt tokens + ${C} scored exceed maxLen ${cfg.backbone.maxLen} + 1`);
  const ids = new Int32Array(R * L).fill(eosId);
  continuations.forEach((c, r) => {
    for (let i = 0; i < prompt.length; i++) ids[r * L + BASELINE_FRAME + i] = prompt[i];
    for (let i = 0; i < Math.min(c.length, C - 1); i++) ids[r * L + start + i] = c[i];
  });
  const V = cfg.vocabSize;
  // Positions start − 1 … start + C − 2 predict continuation tokens 0 … C − 1.
  const lp = tf.tidy(() => {
    const logits = baselineLogits(params, cfg, tf.tensor2d(ids, [R, L], 'int32'));
    return tf.logSoftmax(tf.slice(logits, [0, start - 1, 0], [R, C, V]));
  });
  const data = lp.dataSync();
  lp.dispose();
  return continuations.map((c, r) => {
    let nats = 0;
    for (let t = 0; t < c.length; t++) nats -= data[(r * C + t) * V + c[t]];
    return { nats, tokens: c.length };
  });
}

// ----- CALM with the batch sampler -----------------------------------------------------------------

export interface TemperedResult extends GenerateResult {
  /** Steps at which the batch rule fell back below n = 1/T (no chunk occurred n times in the batch). */
  fallbacks: number;
  /** Head draws in all. */
  draws: number;
}

/**
 * CALM generation with the batch approximation of temperature T (CALM.md §5, sampling/batch.ts) at
 * every step: N head draws in one call, decoded in one call, the weighting rule for n = 1/T. Framing,
 * stopping and the context limit as generateCalm ([eos × K, leftPadPrompt(prompt)], stop at the first
 * end-of-text token, whose chunk's remaining tokens are dropped). Seeded: the draws' noise and the
 * picks come from two streams derived from `seed`. For fractional 1/T the labelled extension runs.
 */
export async function generateCalmTempered(
  calm: Params, cfg: CalmConfig, ae: Params, aeCfg: AEConfig, prompt: ArrayLike<number>, maxTokens: number, eosId: number,
  T: number, N: number, seed: number,
): Promise<TemperedResult> {
  const K = cfg.K;
  const { padded, maxSteps } = framePrompt(cfg, prompt, maxTokens, eosId);
  const d = cfg.backbone.d;
  const drawRng = new Mulberry32(deriveSeed(seed, 'draw'));
  const pickRng = new Mulberry32(deriveSeed(seed, 'pick'));
  const cache = newCalmCache(cfg);
  const embT = transposedEmbedding(ae);
  const deps = { ...calmDeps(calm, cfg, ae, aeCfg), decode: (z: tf.Tensor2D) => decodeIds(ae, aeCfg, z, embT) };
  const feed = (chunks: ArrayLike<number>): tf.Tensor2D => {
    const n = chunks.length / K;
    const x = tf.tensor3d(Int32Array.from(chunks), [1, n, K], 'int32');
    let h: tf.Tensor3D;
    try {
      h = calmStep(calm, cfg, x, cache);
    } finally {
      x.dispose();
    }
    try {
      return tf.tidy(() => tf.reshape(tf.slice(h, [0, n - 1, 0], [1, 1, d]), [1, d]) as tf.Tensor2D);
    } finally {
      h.dispose();
    }
  };
  const ids: number[] = [];
  let steps = 0;
  let fallbacks = 0;
  let draws = 0;
  let endOfText = false;
  let h: tf.Tensor2D | null = null;
  try {
    if (maxSteps > 0) h = feed(padded);
    while (h && steps < maxSteps) {
      const r = await sampleBatch(calmChunkDrawer(deps, h, drawRng), T, N, pickRng, { maxDraws: Math.max(DEFAULT_MAX_DRAWS, N + 1), maxLog: 0 });
      h.dispose();
      h = null;
      if (r.status !== 'ok') throw new Error(`generateCalmTempered: the batch sampler gave up (${r.message})`);
      steps++;
      draws += r.draws;
      if (r.fellBack) fallbacks++;
      const chunk = [...r.outcome];
      const eos = chunk.indexOf(eosId);
      if (eos >= 0) {
        ids.push(...chunk.slice(0, eos));
        endOfText = true;
        break;
      }
      ids.push(...chunk);
      if (steps < maxSteps) h = feed(chunk);
    }
  } finally {
    (h as tf.Tensor2D | null)?.dispose();
    cache.dispose();
    embT.dispose();
  }
  return { ids, steps, endOfText, fallbacks, draws };
}
