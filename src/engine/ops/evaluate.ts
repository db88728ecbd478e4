/**
 * Evaluate operations: BrierLM (CALM.md §4) of CALM, the discrete baseline and a unigram floor, live.
 *
 * Positions: windows of 124 context tokens + the 4 predicted (src/model/evaluate.ts). Held-out source:
 * the set's held-out passages (public/heldout/<set>.json, never trained on) framed as training documents
 * and concatenated; windows every `stride` tokens over the first `tokens` tokens of that stream. Text
 * source: every chunk of the pasted text (the first from an eos context). Unigram floor: token counts of
 * the TRAINING split shipped as public/heldout/<set>-unigram.json (`npm run unigram`), add-one smoothed.
 * The evaluators run one batch of 32 windows between `ctx.yield()`s (progress, cancel), reading results
 * back with `await data()` (fine on every backend). No tensor outlives a batch; the tokenized held-out stream and unigram table are cached as plain numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CalmError } from '../../model/errors.ts';
import {
  BaselineBrierEval, CalmBrierEval, documentsStream, EVAL_CONTEXT, EVAL_K, streamWindows, textWindows, UnigramBrierEval, unigramProbabilities,
  type BrierEvaluator,
} from '../../model/evaluate.ts';
import type { BrierSummary } from '../../model/brier.ts';
import { baselineFlopsPerToken, baselineParamCounts, calmFlopsPerToken, calmParamCounts } from '../../model/flops.ts';
import { deriveSeed } from '../../model/random.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { EngineModels, LoadedLMSet } from '../models.ts';
import type { ModelSetName } from '../protocol.ts';
import { EVAL_DEFAULTS, EVAL_LIMITS, type BrierView, type EvaluateArgs, type EvaluateOps, type EvaluateResult } from './evaluate.types.ts';

/** public/heldout/<set>.json and <set>-unigram.json as the op reads them. */
export interface HeldoutPassages {
  passages: { title?: string; text: string }[];
}
export interface UnigramFile {
  tokens: number;
  vocabSize: number;
  counts: number[];
}

/** Where the op reads its data files (the app: fetch from its own origin; Node tests: the disk). */
export type EvalDataSource = (file: string) => Promise<unknown>;

const fetchData: EvalDataSource = async (file) => {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const url = `${base}heldout/${file}`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new CalmError('missing-file', `${url} could not be fetched: ${(e as Error).message}.`, 'Check the connection to the app and retry.', url);
  }
  if (!res.ok) throw new CalmError('missing-file', `${url} is missing (HTTP ${res.status}).`, 'Restore public/heldout/ (npm run heldout, npm run unigram) and reload.', url);
  return res.json();
};

let dataSource: EvalDataSource = fetchData;
const streams = new Map<ModelSetName, { stream: Int32Array }>();
const unigrams = new Map<ModelSetName, { p: Float64Array; tokens: number }>();

/** Node tests read public/heldout/ from disk instead of fetching it. */
export function setEvalDataSource(source: EvalDataSource | null): void {
  dataSource = source ?? fetchData;
  resetCaches();
}

/** Cached held-out tokens and unigram tables are plain numbers (no tensors): dropping them frees memory. */
export function resetCaches(): void {
  streams.clear();
  unigrams.clear();
}

async function heldoutStream(models: EngineModels, set: ModelSetName): Promise<Int32Array> {
  const have = streams.get(set);
  if (have) return have.stream;
  const file = (await dataSource(`${set}.json`)) as HeldoutPassages;
  if (!file || !Array.isArray(file.passages) || file.passages.length === 0) {
    throw new CalmError('bad-format', `heldout/${set}.json lists no passages.`, 'Restore public/heldout/ (npm run heldout) and reload.', `heldout/${set}.json`);
  }
  const stream = documentsStream(file.passages.map((p) => models.tokenizer.encode(p.text)), models.tokenizer.eosId);
  streams.set(set, { stream });
  return stream;
}

async function unigram(models: EngineModels, set: ModelSetName): Promise<{ p: Float64Array; tokens: number }> {
  const have = unigrams.get(set);
  if (have) return have;
  const f = (await dataSource(`${set}-unigram.json`)) as UnigramFile;
  const V = models.tokenizer.vocabSize;
  if (!f || !Array.isArray(f.counts) || f.counts.length !== V) {
    throw new CalmError('bad-format', `heldout/${set}-unigram.json does not hold ${V} token counts.`, 'Regenerate it with npm run unigram.', `heldout/${set}-unigram.json`);
  }
  const u = { p: unigramProbabilities(f.counts), tokens: f.tokens };
  unigrams.set(set, u);
  return u;
}

/** The set's models (the UI loads them first with the core op loadSet). */
function lmSetFor(ctx: OpContext, set: ModelSetName): LoadedLMSet {
  const have = ctx.models.sets[set];
  if (!have) throw new CalmError('bad-input', `The ${set} models are not loaded yet.`, 'Wait until they finish loading (or choose the model set again), then retry.');
  return have;
}

function bad(message: string, fix: string): CalmError {
  return new CalmError('bad-input', message, fix);
}

/** Checked, defaulted arguments. */
export function evalSettings(args: EvaluateArgs): Required<Omit<EvaluateArgs, 'source'>> & Pick<EvaluateArgs, 'source'> {
  const tokens = args.tokens ?? EVAL_DEFAULTS.tokens;
  const stride = args.stride ?? EVAL_DEFAULTS.stride;
  const samples = args.samples ?? EVAL_DEFAULTS.samples;
  const seed = args.seed ?? EVAL_DEFAULTS.seed;
  if (args.set !== 'stories' && args.set !== 'austen') throw bad(`Unknown model set ${JSON.stringify(args.set)}.`, 'Choose stories or austen.');
  if (!Number.isInteger(tokens) || tokens < EVAL_LIMITS.minTokens || tokens > EVAL_LIMITS.maxTokens) {
    throw bad(`The held-out span must be a whole number of tokens from ${EVAL_LIMITS.minTokens} to ${EVAL_LIMITS.maxTokens}, got ${String(tokens)}.`, 'Pick a span such as 10,000 tokens.');
  }
  if (!Number.isInteger(stride) || stride < EVAL_K || stride % EVAL_K !== 0 || stride > 256) {
    throw bad(`The stride must be a multiple of ${EVAL_K} tokens from ${EVAL_K} to 256, got ${String(stride)}.`, `Pick ${EVAL_K}, 8, 16 or 32.`);
  }
  if (!Number.isInteger(samples) || samples < 2 || samples % 2 !== 0 || samples > EVAL_LIMITS.maxSamples) {
    throw bad(`CALM's draws per position must be an even number from 2 to ${EVAL_LIMITS.maxSamples}, got ${String(samples)}.`, 'Use 8 (four two-sample pairs).');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw bad(`The seed must be a whole number from 0 to 4294967295, got ${String(seed)}.`, 'Use a seed such as 7.');
  if (args.source !== 'heldout') {
    const text = (args.source as { text?: unknown } | null)?.text;
    if (typeof text !== 'string') throw bad('The text to evaluate is missing.', 'Paste some text, or evaluate the held-out passages.');
    if (text.trim().length === 0) throw bad('The text to evaluate is empty.', 'Paste a paragraph or more of text.');
    const chars = text.length > EVAL_LIMITS.maxTextChars ? Array.from(text).length : text.length;
    if (chars > EVAL_LIMITS.maxTextChars) {
      throw bad(`The text is ${chars} characters long; the limit is ${EVAL_LIMITS.maxTextChars}.`, 'Evaluate a shorter part of it.');
    }
  }
  return { set: args.set, source: args.source, tokens, stride, samples, seed };
}

function view(s: BrierSummary): BrierView {
  return { count: s.count, brier: s.brier, stdErr: s.stdErr, brierLM: s.brierLM, brierLMStdErr: Number.isFinite(s.brierLMStdErr) ? s.brierLMStdErr : null };
}

/** Step an evaluator to the end, yielding after each batch; returns its engine milliseconds. */
async function drive(e: BrierEvaluator, ctx: OpContext, label: string, offset: number, total: number): Promise<number> {
  let ms = 0;
  for (;;) {
    const t0 = performance.now();
    const more = await e.stepAsync();
    ms += performance.now() - t0;
    ctx.progress({ done: offset + e.done, total, label: `${label}: ${e.done} / ${e.total} positions` });
    await ctx.yield();
    if (!more) return ms;
  }
}

async function evaluate(args: EvaluateArgs, ctx: OpContext): Promise<EvaluateResult> {
  const s = evalSettings(args);
  const t0 = performance.now();
  const lm = lmSetFor(ctx, s.set);
  const models = ctx.models;
  const eos = models.tokenizer.eosId;
  let windows: Int32Array[];
  let tokensCovered: number;
  let stride = s.stride;
  if (s.source === 'heldout') {
    const stream = await heldoutStream(models, s.set);
    const span = Math.min(stream.length, s.tokens + EVAL_CONTEXT);
    // Windows whose predicted tokens fall within the first `tokens` tokens after the first full context.
    windows = streamWindows(stream.subarray(0, span), stride);
    tokensCovered = span - EVAL_CONTEXT;
  } else {
    const ids = models.tokenizer.encode(s.source.text);
    if (ids.length < EVAL_LIMITS.minTextTokens) {
      throw bad(
        `The text is only ${ids.length} token${ids.length === 1 ? '' : 's'} long; an evaluation needs at least ${EVAL_LIMITS.minTextTokens} (${EVAL_LIMITS.minTextTokens / EVAL_K} chunks of ${EVAL_K}) to score the models on.`,
        'Paste a longer text: a sentence or two is enough.',
      );
    }
    windows = textWindows(ids, eos);
    tokensCovered = ids.length;
    stride = EVAL_K;
  }
  if (windows.length === 0) throw bad('There is nothing to evaluate in this text.', 'Paste a longer text.');
  const uni = await unigram(models, s.set);
  const total = 2 * windows.length;
  ctx.progress({ done: 0, total, label: `CALM: 0 / ${windows.length} positions` });
  await ctx.yield();

  const calmEval = new CalmBrierEval(lm.calm, lm.ae, windows, s.samples, deriveSeed(s.seed, `${s.set}-calm`));
  const calmMs = await drive(calmEval, ctx, 'CALM', 0, total);
  const baseEval = new BaselineBrierEval(lm.baseline, windows, deriveSeed(s.seed, `${s.set}-baseline`));
  const baseMs = await drive(baseEval, ctx, 'Baseline', windows.length, total);
  const uniEval = new UnigramBrierEval(uni.p, windows, deriveSeed(s.seed, `${s.set}-unigram`));
  while (await uniEval.stepAsync());

  const c = calmEval.result();
  const cParams = calmParamCounts(lm.calm.cfg, lm.ae.cfg);
  const cFlops = calmFlopsPerToken(lm.calm.cfg, lm.ae.cfg, EVAL_CONTEXT);
  const bParams = baselineParamCounts(lm.baseline.cfg);
  const bFlops = baselineFlopsPerToken(lm.baseline.cfg, EVAL_CONTEXT);
  return {
    set: s.set,
    source: s.source === 'heldout' ? 'heldout' : 'text',
    positions: windows.length,
    tokensCovered,
    stride,
    contextTokens: EVAL_CONTEXT,
    samples: s.samples,
    seed: s.seed,
    calm: {
      ...view(c), repeatRate: c.repeatRate, pairsPerPosition: c.pairsPerPosition,
      params: cParams.total, paramParts: cParams.parts, autoencoderParams: cParams.autoencoder,
      flopsPerToken: cFlops.total, flopParts: cFlops.parts, ms: calmMs,
    },
    baseline: {
      ...view(baseEval.result()),
      params: bParams.total, paramParts: bParams.parts, flopsPerToken: bFlops.total, flopParts: bFlops.parts, ms: baseMs,
    },
    unigram: { ...view(uniEval.result()), trainingTokens: uni.tokens },
    ms: performance.now() - t0,
    backend: tf.getBackend(),
  };
}

export const handlers: Handlers<EvaluateOps> = { evaluate };
