/**
 * Generate operations: vector-by-vector generation with a KV cache (CALM.md §3). The state lives here
 * (module state): the prompt, the KV cache over chunk positions, the hidden state h_j that predicted each
 * chunk j, and what every step showed. Results are plain data; tensors never leave.
 *
 * Lazy feeding: a step first feeds the previous chunk to the backbone (one position), then draws the next
 * chunk from the head. So the last chunk is not yet in the cache, and redrawing it with another T, N,
 * sampler or seed (genResample) needs only the cached h, the head and the decoder, never the backbone.
 * Invariant: cache.length = prefixChunks + hs.length − 1, and hs.length ∈ {max(1, steps), steps + 1}
 * (steps + 1 after the Temperature panel asked for the context after the last chunk).
 */
import * as tf from '@tensorflow/tfjs-core';
import { calmStep, newCalmCache } from '../../model/calm.ts';
import { decodeIds, transposedEmbedding } from '../../model/autoencoder.ts';
import { calmDeps, type CalmDrawerDeps, type CalmDrawerStats } from '../../model/calm-sampler.ts';
import { leftPadPrompt } from '../../model/chunking.ts';
import { bufferedDrawer } from '../../model/draw-buffer.ts';
import { CalmError } from '../../model/errors.ts';
import { recordingDrawer } from '../../model/latent-drawer.ts';
import { deriveSeed, makeRng } from '../../model/random.ts';
import { outcomeKey, sampleBatch, sampleExact, splitTemperature, type DrawBatch, type Outcome } from '../../model/sampling/index.ts';
import type { KVCache } from '../../model/transformer.ts';
import type { EngineModels, LoadedLMSet } from '../models.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { ModelSetName } from '../protocol.ts';
import type {
  CandidateView, ExactLogView, GenCounters, GenerateOps, GenSamplerArgs, GenStateView, GenStepResult, GenStepView, HeadSampleView,
  SamplerTeaching,
} from './generate.types.ts';

/** Head samples shown per step (the head is a distribution). */
export const SHOWN_SAMPLES = 8;
/** A long prompt is cut from the front so that at least this many steps fit in the context. */
export const MIN_ROOM = 8;
/** Cap on draws of the exact sampler per chunk (it gives up with a message beyond). */
export const EXACT_MAX_DRAWS = 4000;
/** The exact sampler's small requests are served from head calls of this size. */
const EXACT_REFILL = 256;

interface GenState {
  set: ModelSetName;
  prompt: string;
  seed: number;
  promptIds: number[];
  droppedTokens: number;
  promptText: string;
  /** eos chunk + left-padded prompt. */
  prefix: Int32Array;
  prefixChunks: number;
  cache: KVCache;
  /** hs[j]: hidden state [1,d] that predicts generated chunk j. */
  hs: tf.Tensor2D[];
  steps: GenStepView[];
  stats: CalmDrawerStats;
  backbonePositions: number;
}

let state: GenState | null = null;
/** Operations on the state run one at a time (ops are async and could interleave at awaits). */
let queue: Promise<unknown> = Promise.resolve();

/** Run f after every earlier state operation has finished. */
export function exclusive<T>(f: () => Promise<T>): Promise<T> {
  const run = queue.then(f, f);
  queue = run.catch(() => undefined);
  return run;
}

export function lmSet(models: EngineModels, set: ModelSetName): LoadedLMSet {
  const lm = models.sets[set];
  if (!lm) throw new CalmError('bad-input', `The ${set} models are not loaded yet.`, 'Wait until loading finishes (or choose the model set again), then retry.');
  return lm;
}

/**
 * The head and decoder of a set for one operation: the decoder's output matrix Embᵀ is transposed once
 * for the whole operation (not once per decode) and freed afterwards.
 */
export async function withDeps<T>(lm: LoadedLMSet, f: (deps: CalmDrawerDeps) => Promise<T>): Promise<T> {
  const fastHead = lm.calm.fast;
  const fastDecoder = lm.ae.fast;
  if (fastHead && fastDecoder) {
    // The prepared head and decoder (src/model/fast/): the same samples and ids in fewer kernels.
    return f({ head: (h, count, seed) => fastHead.sample(h, count, seed), decode: (z) => fastDecoder.decodeIds(z) });
  }
  const embT = transposedEmbedding(lm.ae.params);
  try {
    const head = calmDeps(lm.calm.params, lm.calm.cfg, lm.ae.params, lm.ae.cfg).head;
    return await f({ head, decode: (z) => decodeIds(lm.ae.params, lm.ae.cfg, z, embT) });
  } finally {
    embT.dispose();
  }
}

function notStarted(): CalmError {
  return new CalmError('bad-input', 'No generation is in progress.', 'Press Step (or Reset) to start from the prompt.');
}

/** Feed `chunks` (n·K ids) to the backbone; returns the last position's h [1,d]. */
function feed(st: GenState, lm: LoadedLMSet, chunks: ArrayLike<number>): tf.Tensor2D {
  const { K, backbone } = lm.calm.cfg;
  const n = chunks.length / K;
  let h: tf.Tensor3D;
  if (n === 1 && lm.calm.fast) {
    h = lm.calm.fast.step(chunks, st.cache);
  } else {
    const x = tf.tensor3d(Int32Array.from(chunks), [1, n, K], 'int32');
    try {
      h = calmStep(lm.calm.params, lm.calm.cfg, x, st.cache);
    } finally {
      x.dispose();
    }
  }
  st.backbonePositions += n;
  try {
    return tf.tidy(() => tf.reshape(tf.slice(h, [0, n - 1, 0], [1, 1, backbone.d]), [1, backbone.d]) as tf.Tensor2D);
  } finally {
    h.dispose();
  }
}

/**
 * Cut the KV cache back to `length` positions: slice the cached keys/values when they have the layout
 * [B·H, length, hd] (exact: the same numbers as before), else recompute the prefix.
 */
function truncateCache(st: GenState, lm: LoadedLMSet, length: number): void {
  const c = st.cache;
  if (c.length === length) return;
  const layers = c.layers;
  if (layers && length > 0 && layers.every((l) => l.k.rank === 3 && l.v.rank === 3 && l.k.shape[1] === c.length && l.v.shape[1] === c.length)) {
    c.layers = layers.map((l) => ({
      k: tf.slice(l.k, [0, 0, 0], [l.k.shape[0], length, l.k.shape[2]]) as tf.Tensor3D,
      v: tf.slice(l.v, [0, 0, 0], [l.v.shape[0], length, l.v.shape[2]]) as tf.Tensor3D,
    }));
    tf.dispose(layers.flatMap((l) => [l.k, l.v]));
    c.length = length;
    return;
  }
  c.dispose();
  const K = lm.calm.cfg.K;
  const chunks = [...st.prefix];
  for (let j = 0; chunks.length < length * K; j++) chunks.push(...st.steps[j].ids);
  feed(st, lm, chunks.slice(0, length * K)).dispose();
}

function setHs(st: GenState, lm: LoadedLMSet, count: number): void {
  while (st.hs.length > count) st.hs.pop()!.dispose();
  truncateCache(st, lm, st.prefixChunks + st.hs.length - 1);
}

function maxSteps(st: GenState, lm: LoadedLMSet): number {
  return lm.calm.cfg.backbone.maxLen - st.prefixChunks + 1;
}

/** Why Step cannot go on: the context is full, or (with stopAtEnd) the last chunk holds end-of-text. */
function blockedReason(st: GenState, lm: LoadedLMSet, stopAtEnd = true): string | null {
  const last = st.steps[st.steps.length - 1];
  if (last?.endOfText && stopAtEnd) return 'The model wrote <|endoftext|>: this text is finished. Go Back or Reset, or switch off "stop at end of text" to let it start another.';
  if (st.steps.length >= maxSteps(st, lm)) {
    const cap = lm.calm.cfg.backbone.maxLen;
    return `The context is full: the model sees at most ${cap} chunk positions (${cap * lm.calm.cfg.K} tokens). Go Back or Reset.`;
  }
  return null;
}

function counters(st: GenState | null, models: EngineModels): GenCounters {
  const lm = st ? models.sets[st.set] : undefined;
  const K = lm?.calm.cfg.K ?? 4;
  const steps = st?.steps.length ?? 0;
  return {
    steps,
    tokens: steps * K,
    K,
    backbonePositions: st?.backbonePositions ?? 0,
    headCalls: st?.stats.headCalls ?? 0,
    decodeCalls: st?.stats.decodeCalls ?? 0,
    draws: st?.stats.draws ?? 0,
    contextChunks: st ? st.prefixChunks + steps : 0,
    maxChunks: lm?.calm.cfg.backbone.maxLen ?? 0,
  };
}

/** End-of-text tokens that fill the prompt's first chunk on the left (0 … K−1). */
function padTokens(st: GenState, lm: LoadedLMSet): number {
  return st.prefix.length - lm.calm.cfg.K - st.promptIds.length;
}

function view(models: EngineModels): GenStateView {
  const st = state;
  const lm = st ? models.sets[st.set] : undefined;
  return {
    started: st !== null,
    set: st?.set ?? null,
    prompt: st?.prompt ?? '',
    seed: st?.seed ?? 0,
    promptText: st?.promptText ?? '',
    promptTokens: st?.promptIds.length ?? 0,
    droppedTokens: st?.droppedTokens ?? 0,
    padTokens: st && lm ? padTokens(st, lm) : 0,
    steps: st ? [...st.steps] : [],
    counters: counters(st, models),
    blocked: st && lm ? blockedReason(st, lm) : null,
  };
}

/** Decoded text of a chunk, stopping at end-of-text. */
export function chunkText(models: EngineModels, ids: readonly number[]): string {
  const eos = models.tokenizer.eosId;
  const cut = ids.indexOf(eos);
  return models.tokenizer.decode(cut >= 0 ? ids.slice(0, cut) : ids);
}

export function chunkView(models: EngineModels, ids: readonly number[]): { ids: number[]; tokens: string[]; text: string } {
  return { ids: [...ids], tokens: models.tokenizer.tokenStrings(ids), text: chunkText(models, ids) };
}

/** `count` independent head samples for h, decoded (one head call, one decoder call). */
async function headSamples(deps: CalmDrawerDeps, models: EngineModels, h: tf.Tensor2D, count: number, seed: number, stats: CalmDrawerStats): Promise<HeadSampleView[]> {
  const z = deps.head(h, count, seed);
  let ids: tf.Tensor2D | null = null;
  try {
    ids = deps.decode(z);
    stats.headCalls++;
    stats.decodeCalls++;
    stats.draws += count;
    const [zd, idd] = await Promise.all([z.data() as Promise<Float32Array>, ids.data() as Promise<Int32Array>]);
    const l = z.shape[1];
    const K = ids.shape[1];
    return Array.from({ length: count }, (_, i) => ({
      latent: zd.slice(i * l, (i + 1) * l),
      ...chunkView(models, Array.from(idd.subarray(i * K, (i + 1) * K))),
    }));
  } finally {
    z.dispose();
    ids?.dispose();
  }
}

function candidateViews(models: EngineModels, candidates: { outcome: Outcome; key: string; count: number; weight: number; logWeight: number; probability: number }[], chosenKey: string | null): CandidateView[] {
  return candidates.map((c) => ({
    ...chunkView(models, c.outcome),
    count: c.count,
    weight: c.weight,
    logWeight: c.logWeight,
    probability: c.probability,
    chosen: c.key === chosenKey,
  }));
}

export interface SamplerRun {
  outcome: Outcome | null;
  latent: Float32Array | null;
  teaching: SamplerTeaching;
}

/**
 * Draw the next chunk after h with a sampler: plain (one head sample, T = 1), the batch approximation
 * (N draws in one head call; fractional 1/T runs the labelled extension) or the exact sampler (capped).
 * Seeds come from `seed` only, so the same seed and settings give the same chunk.
 */
export async function runSampler(
  deps: CalmDrawerDeps, models: EngineModels, ctx: OpContext, h: tf.Tensor2D, args: GenSamplerArgs, seed: number, stats: CalmDrawerStats,
): Promise<SamplerRun> {
  const rec = recordingDrawer(deps, h, makeRng(deriveSeed(seed, 'draw')), stats, 8192);
  const pickRng = makeRng(deriveSeed(seed, 'pick'));
  if (args.sampler === 'plain') {
    const [o] = await rec.draw(1);
    return { outcome: o, latent: rec.latentOf(outcomeKey(o)) ?? null, teaching: { kind: 'plain', draws: 1 } };
  }
  const T = checkT(args.T);
  if (args.sampler === 'batch') {
    const N = checkN(args.N);
    const { a } = splitTemperature(T);
    const draw: DrawBatch = a > 0 ? bufferedDrawer(rec.draw, 64, () => ctx.yield()).draw : rec.draw;
    const r = await sampleBatch(draw, T, N, pickRng, { maxDraws: Math.max(EXACT_MAX_DRAWS, N + 1), maxLog: 0 });
    return {
      outcome: r.outcome,
      latent: r.key ? rec.latentOf(r.key) ?? null : null,
      teaching: {
        kind: 'batch', T, N, n: r.n, a: r.a, level: r.level, fellBack: r.fellBack, distinct: r.distinct,
        candidates: candidateViews(models, r.candidates, r.key),
        extensionLabel: r.extensionLabel,
        stage2: r.stage2 ? { steps: r.stage2.steps, rejections: r.stage2.rejections, picks: r.stage2.picks } : null,
        draws: r.draws, status: r.status, message: r.message,
      },
    };
  }
  const draw = bufferedDrawer(rec.draw, EXACT_REFILL, () => ctx.yield()).draw;
  const r = await sampleExact(draw, T, pickRng, { maxDraws: EXACT_MAX_DRAWS, maxLog: 32 });
  const log: ExactLogView[] = r.log.map((e) =>
    e.stage === 1
      ? { stage: 1, attempt: e.attempt, texts: e.outcomes.map((o) => chunkText(models, o)), drawn: e.drawn, distinct: e.distinct, result: e.result }
      : { stage: 2, attempt: e.attempt, step: e.step, texts: [chunkText(models, e.outcome)], matched: e.matched, rejectProbability: e.rejectProbability, result: e.result },
  );
  return {
    outcome: r.outcome,
    latent: r.key ? rec.latentOf(r.key) ?? null : null,
    teaching: {
      kind: 'exact', T, n: r.n, a: r.a, draws: r.draws, maxDraws: r.maxDraws, attempts: r.stage1Attempts,
      stage1Rejections: r.stage1Rejections, stage2Steps: r.stage2Steps, stage2Rejections: r.stage2Rejections,
      log, logOmitted: r.logOmitted, status: r.status, message: r.message,
    },
  };
}

function checkT(T: number): number {
  if (typeof T !== 'number' || !(T > 0) || !(T <= 1)) {
    throw new CalmError('bad-input', `Temperature must be in (0, 1], got ${String(T)}.`, 'Pick T between 0.05 and 1.');
  }
  return T;
}

function checkN(N: number): number {
  if (!Number.isInteger(N) || N < 1 || N > 1000) {
    throw new CalmError('bad-input', `The batch size N must be a whole number from 1 to 1000, got ${String(N)}.`, 'Pick N between 1 and 1000.');
  }
  return N;
}

/** Draw chunk `index` from h: the chosen chunk plus the samples and data the panel shows. */
async function drawStep(st: GenState, models: EngineModels, ctx: OpContext, index: number, args: GenSamplerArgs, seed: number): Promise<GenStepView> {
  const lm = lmSet(models, st.set);
  const h = st.hs[index];
  const stepSeed = deriveSeed(seed, `step-${index}`);
  const { run, samples } = await withDeps(lm, async (deps) => {
    const run = await runSampler(deps, models, ctx, h, args, stepSeed, st.stats);
    if (!run.outcome || !run.latent) {
      const msg = run.teaching.kind === 'plain' ? 'no sample' : run.teaching.message;
      throw new CalmError('bad-input', `The exact sampler found no chunk within ${EXACT_MAX_DRAWS} draws at T = ${args.T} (${msg}).`,
        'Raise T, or use the batch sampler (it always returns a chunk).');
    }
    return { run, samples: await headSamples(deps, models, h, SHOWN_SAMPLES, deriveSeed(stepSeed, 'shown'), st.stats) };
  });
  const hidden = (await h.data()) as Float32Array;
  const chunk = chunkView(models, run.outcome!);
  const eos = models.tokenizer.eosId;
  const end = chunk.ids.indexOf(eos);
  return {
    index,
    ...chunk,
    endOfText: end >= 0,
    afterEnd: end >= 0 ? models.tokenizer.decode(chunk.ids.slice(end + 1).filter((id) => id !== eos)) : '',
    hidden: hidden.slice(),
    samples,
    chosen: run.latent!,
    sampler: run.teaching,
    settings: { sampler: args.sampler, T: args.T, N: args.N },
    seed,
  };
}

function disposeState(): void {
  if (!state) return;
  for (const h of state.hs) h.dispose();
  state.cache.dispose();
  state = null;
}

/** Start a generation (prefill); replaces any earlier one. */
export function startGeneration(models: EngineModels, set: ModelSetName, prompt: string, seed: number): void {
  const lm = lmSet(models, set);
  if (typeof prompt !== 'string') throw new CalmError('bad-input', 'The prompt must be text.', 'Type a prompt.');
  if (!Number.isInteger(seed) || seed < 0) throw new CalmError('bad-input', `The seed must be a whole number ≥ 0, got ${String(seed)}.`, 'Pick another seed.');
  disposeState();
  const { K, backbone } = lm.calm.cfg;
  const eos = models.tokenizer.eosId;
  const all = models.tokenizer.encode(prompt);
  const keepTokens = (backbone.maxLen - MIN_ROOM) * K;
  const promptIds = all.length > keepTokens ? all.slice(all.length - keepTokens) : all;
  const body = promptIds.length > 0 ? leftPadPrompt(promptIds, K, eos) : new Int32Array(0);
  const prefix = new Int32Array(K + body.length).fill(eos);
  prefix.set(body, K);
  const st: GenState = {
    set, prompt, seed, promptIds, droppedTokens: all.length - promptIds.length,
    promptText: models.tokenizer.decode(promptIds),
    prefix, prefixChunks: prefix.length / K, cache: newCalmCache(lm.calm.cfg), hs: [], steps: [],
    stats: { headCalls: 0, decodeCalls: 0, draws: 0 }, backbonePositions: 0,
  };
  try {
    st.hs.push(feed(st, lm, prefix));
  } catch (e) {
    st.cache.dispose();
    throw e;
  }
  state = st;
}

/**
 * The hidden state after the whole text so far (prompt + every generated chunk), feeding the last chunk
 * to the backbone if that has not happened yet (cached: at most once per context). For the Temperature
 * panel. Call inside `exclusive`. The caller must not dispose the tensor.
 */
export function currentContext(models: EngineModels): {
  h: tf.Tensor2D; set: ModelSetName; text: string; contextChunks: number; key: string; promptTokens: number; padTokens: number;
} {
  const st = state;
  if (!st) throw notStarted();
  const lm = lmSet(models, st.set);
  const s = st.steps.length;
  if (s > 0 && st.hs.length === s) {
    if (st.prefixChunks + s > lm.calm.cfg.backbone.maxLen) throw new CalmError('bad-input', blockedReason(st, lm) ?? 'The context is full.', 'Go Back or Reset.');
    st.hs.push(feed(st, lm, st.steps[s - 1].ids));
  }
  return {
    h: st.hs[s],
    set: st.set,
    text: st.promptText + st.steps.map((x) => x.text).join(''),
    contextChunks: st.prefixChunks + s,
    key: `${st.set}|${st.prompt}|${st.steps.map((x) => x.ids.join(',')).join(';')}`,
    promptTokens: st.promptIds.length,
    padTokens: padTokens(st, lm),
  };
}

/** Counters of the current generation (backbone positions, head calls, …). */
export function generationCounters(models: EngineModels): GenCounters {
  return counters(state, models);
}

/** The state's identity (set, prompt), or null. */
export function generationKey(): { set: ModelSetName; prompt: string } | null {
  return state ? { set: state.set, prompt: state.prompt } : null;
}

/** Drop the generation state (core op resetCaches). */
export function resetCaches(): void {
  disposeState();
}

export const handlers: Handlers<GenerateOps> = {
  genStart: (args, ctx) =>
    exclusive(async () => {
      startGeneration(ctx.models, args.set, args.prompt, args.seed);
      return view(ctx.models);
    }),

  genStep: (args, ctx) =>
    exclusive(async (): Promise<GenStepResult> => {
      const st = state;
      if (!st) throw notStarted();
      const lm = lmSet(ctx.models, st.set);
      const stopAtEnd = args.stopAtEnd !== false;
      const blocked = blockedReason(st, lm, stopAtEnd);
      if (blocked) throw new CalmError('bad-input', blocked, 'Go Back or Reset.');
      const index = st.steps.length;
      if (st.hs.length === index) st.hs.push(feed(st, lm, st.steps[index - 1].ids));
      const step = await drawStep(st, ctx.models, ctx, index, args, st.seed);
      st.steps.push(step);
      return { step, counters: counters(st, ctx.models), blocked: blockedReason(st, lm, stopAtEnd) };
    }),

  genResample: (args, ctx) =>
    exclusive(async (): Promise<GenStepResult> => {
      const st = state;
      if (!st) throw notStarted();
      if (st.steps.length === 0) throw new CalmError('bad-input', 'There is no step to redraw yet.', 'Press Step first.');
      const lm = lmSet(ctx.models, st.set);
      if (!Number.isInteger(args.seed) || args.seed < 0) throw new CalmError('bad-input', `The seed must be a whole number ≥ 0, got ${String(args.seed)}.`, 'Pick another seed.');
      const i = st.steps.length - 1;
      const step = await drawStep(st, ctx.models, ctx, i, args, args.seed);
      // Only now (the draw succeeded) change the state: the redrawn chunk is not in the cache.
      setHs(st, lm, i + 1);
      st.steps[i] = step;
      st.seed = args.seed;
      return { step, counters: counters(st, ctx.models), blocked: blockedReason(st, lm) };
    }),

  genBack: (_args, ctx) =>
    exclusive(async () => {
      const st = state;
      if (st && st.steps.length > 0) {
        const lm = lmSet(ctx.models, st.set);
        st.steps.pop();
        setHs(st, lm, Math.max(1, st.steps.length));
      }
      return view(ctx.models);
    }),

  genReset: (_args, ctx) =>
    exclusive(async () => {
      disposeState();
      return view(ctx.models);
    }),

  genState: (_args, ctx) => exclusive(async () => view(ctx.models)),
};
