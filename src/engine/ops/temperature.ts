/**
 * Temperature operations (CALM.md §5).
 *
 * tempSample: for the current context (the generation state's text; its hidden state is cached there),
 * draw a batch of N chunks and apply the paper's C(count, m) rule, or run the exact sampler. Only the
 * head and the decoder run; the backbone runs at most once per context.
 *
 * tempSweep: over held-out contexts, two independent samples per setting and context, scored against each
 * other (collision → diversity) and against the held-out continuation (first-token / whole-chunk match):
 * CALM with the batch sampler at each (T, N), the discrete baseline with softmax temperature T. Draws are
 * shared as common random numbers: per context and pair, two pools of max(N) head samples; a smaller N
 * uses a prefix of the pool and every T reuses the same pools (each point is still an unbiased estimate
 * for its own setting; neighbouring points are just positively correlated, which smooths the curves).
 * Results are cached by (set, settings) as plain numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import { calmStep, newCalmCache } from '../../model/calm.ts';
import { calmChunkDrawer, type CalmDrawerDeps, type CalmDrawerStats } from '../../model/calm-sampler.ts';
import { documentStream } from '../../model/chunking.ts';
import { prefixedDrawer } from '../../model/draw-buffer.ts';
import { CalmError } from '../../model/errors.ts';
import { deriveSeed, makeRng } from '../../model/random.ts';
import { sampleBatch, splitTemperature, type Outcome } from '../../model/sampling/index.ts';
import { chooseContexts, newTally, scorePair, summarize, type SweepContext, type Tally } from '../../model/sweep.ts';
import { sampleBaselineContinuations } from '../../model/baseline-continue.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { EngineModels, LoadedLMSet } from '../models.ts';
import type { ModelSetName } from '../protocol.ts';
import { chunkView, currentContext, exclusive, generationCounters, generationKey, lmSet, runSampler, startGeneration, withDeps } from './generate.ts';
import type { SweepPoint, TemperatureOps, TempSampleResult, TempSweepArgs, TempSweepResult } from './temperature.types.ts';

/** The held-out file's shape (public/heldout/<set>.json). */
export interface HeldoutFile {
  set: string;
  passages: { title: string; text: string }[];
}

type HeldoutSource = (set: ModelSetName) => Promise<HeldoutFile>;

const fetchHeldout: HeldoutSource = async (set) => {
  const base = (import.meta as { env?: { BASE_URL?: string } }).env?.BASE_URL ?? '/';
  const url = `${base}heldout/${set}.json`;
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new CalmError('missing-file', `The held-out passages (${url}) could not be fetched: ${(e as Error).message}.`, 'Check the connection to the app and retry.', url);
  }
  if (!res.ok) throw new CalmError('missing-file', `The held-out passages (${url}) are missing (HTTP ${res.status}).`, 'Restore public/heldout/ and reload.', url);
  return (await res.json()) as HeldoutFile;
};

let heldoutSource: HeldoutSource = fetchHeldout;
/** Tokenized held-out passages per set (plain numbers). */
const heldout = new Map<ModelSetName, { stream: Int32Array; textTokens: number }[]>();
/** Finished sweeps by their settings. */
const sweeps = new Map<string, TempSweepResult>();
const tempStats: CalmDrawerStats = { headCalls: 0, decodeCalls: 0, draws: 0 };

/** Node tests read the file from disk instead of fetching it. */
export function setHeldoutSource(source: HeldoutSource | null): void {
  heldoutSource = source ?? fetchHeldout;
  heldout.clear();
}

/** Cached sweeps and held-out tokens are plain data; dropping them frees memory, never tensors. */
export function resetCaches(): void {
  sweeps.clear();
  heldout.clear();
}

async function heldoutStreams(models: EngineModels, set: ModelSetName, K: number) {
  const have = heldout.get(set);
  if (have) return have;
  const file = await heldoutSource(set);
  if (!file || !Array.isArray(file.passages) || file.passages.length === 0) {
    throw new CalmError('bad-format', `The held-out file for ${set} lists no passages.`, 'Restore public/heldout/ and reload.', `heldout/${set}.json`);
  }
  const eos = models.tokenizer.eosId;
  const streams = file.passages.map((p) => {
    const ids = models.tokenizer.encode(p.text);
    return { stream: documentStream(ids, K, eos), textTokens: ids.length };
  });
  heldout.set(set, streams);
  return streams;
}

/** Check and normalise sweep settings (clear messages for bad input). */
export function sweepSettings(args: TempSweepArgs): Required<TempSweepArgs> {
  const bad = (what: string, fix: string) => new CalmError('bad-input', what, fix);
  const Ts = [...new Set(args.Ts)];
  const Ns = [...new Set(args.Ns)].sort((a, b) => a - b);
  if (Ts.length === 0 || Ts.length > 12 || !Ts.every((T) => typeof T === 'number' && T > 0 && T <= 1)) {
    throw bad(`Sweep temperatures must be 1 to 12 values in (0, 1], got ${JSON.stringify(args.Ts)}.`, 'Pick temperatures between 0.05 and 1.');
  }
  if (Ns.length === 0 || Ns.length > 8 || !Ns.every((N) => Number.isInteger(N) && N >= 1 && N <= 1000)) {
    throw bad(`Sweep batch sizes must be 1 to 8 whole numbers from 1 to 1000, got ${JSON.stringify(args.Ns)}.`, 'Pick batch sizes between 1 and 1000.');
  }
  if (!Number.isInteger(args.contexts) || args.contexts < 1 || args.contexts > 1000) {
    throw bad(`The number of contexts must be a whole number from 1 to 1000, got ${String(args.contexts)}.`, 'Pick between 1 and 1000 contexts.');
  }
  const pairs = args.pairs ?? 2;
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > 8) throw bad(`Pairs per context must be 1…8, got ${String(pairs)}.`, 'Pick 1 to 8 pairs.');
  if (!Number.isInteger(args.seed) || args.seed < 0) throw bad(`The seed must be a whole number ≥ 0, got ${String(args.seed)}.`, 'Pick another seed.');
  return { set: args.set, Ts: [...Ts].sort((a, b) => b - a), Ns, contexts: args.contexts, pairs, seed: args.seed };
}

export function sweepKey(s: Required<TempSweepArgs>): string {
  return JSON.stringify([s.set, s.Ts, s.Ns, s.contexts, s.pairs, s.seed]);
}

/** CALM's hidden state after a context's chunks [1,d] (own KV cache, disposed). */
function contextHidden(lm: LoadedLMSet, c: SweepContext): tf.Tensor2D {
  const { K, backbone } = lm.calm.cfg;
  const cache = newCalmCache(lm.calm.cfg);
  const x = tf.tensor3d(c.tokens, [1, c.chunks, K], 'int32');
  try {
    const h = calmStep(lm.calm.params, lm.calm.cfg, x, cache);
    try {
      return tf.tidy(() => tf.reshape(tf.slice(h, [0, c.chunks - 1, 0], [1, 1, backbone.d]), [1, backbone.d]) as tf.Tensor2D);
    } finally {
      h.dispose();
    }
  } finally {
    x.dispose();
    cache.dispose();
  }
}

/** Fresh draws per side and context for the extension's stage-2 coin (its budget per sample). */
export const SWEEP_FRESH_DRAWS = 256;

/** Serve a fixed list of draws in order; past its end the run gives up (sampleBatch's maxDraws stops it first). */
function listDrawer(list: ReadonlyArray<Outcome>): (n: number) => Promise<ReadonlyArray<Outcome>> {
  let pos = 0;
  return async (n) => {
    if (pos + n > list.length) throw new Error('sweep: fresh draws exhausted');
    const out = list.slice(pos, pos + n);
    pos += n;
    return out;
  };
}

/**
 * Score CALM's batch sampler at every (N, T) on one context. Per pair and side one pool of max(N) head
 * samples (a smaller N takes a prefix); for fractional 1/T, per side one pool of fresh draws for the
 * stage-2 coin, read from its start by every run of that side (independent of the run's own batch and
 * of the other side, so the two samples of a pair stay independent).
 */
async function calmContext(
  lm: LoadedLMSet, deps: CalmDrawerDeps, s: Required<TempSweepArgs>, c: SweepContext, i: number, tallies: Map<string, Tally>,
): Promise<void> {
  const h = contextHidden(lm, c);
  try {
    const maxN = s.Ns[s.Ns.length - 1];
    const draw = calmChunkDrawer(deps, h, makeRng(deriveSeed(s.seed, `calm-pool-${i}`)));
    const pools: ReadonlyArray<Outcome>[] = [];
    for (let p = 0; p < 2 * s.pairs; p++) pools.push(await draw(maxN));
    const fractional = s.Ts.some((T) => splitTemperature(T).a > 0);
    const fresh = fractional ? [await draw(SWEEP_FRESH_DRAWS), await draw(SWEEP_FRESH_DRAWS)] : [[], []];
    for (const N of s.Ns) {
      for (const T of s.Ts) {
        const tally = tallies.get(`${N}|${T}`)!;
        for (let p = 0; p < s.pairs; p++) {
          const pick = async (side: number) => {
            const r = await sampleBatch(prefixedDrawer(pools[2 * p + side].slice(0, N), listDrawer(fresh[side])), T, N,
              makeRng(deriveSeed(s.seed, `calm-pick-${i}-${N}-${T}-${p}-${side}`)), { maxDraws: N + SWEEP_FRESH_DRAWS, maxLog: 0 });
            return r.outcome;
          };
          scorePair(tally, await pick(0), await pick(1), c.target);
        }
      }
    }
  } finally {
    h.dispose();
  }
}

/** Score the baseline at every T on one context: all samples of all temperatures in one batched run. */
async function baselineContext(lm: LoadedLMSet, s: Required<TempSweepArgs>, c: SweepContext, i: number, tallies: Tally[]): Promise<void> {
  const per = 2 * s.pairs;
  const temps = s.Ts.flatMap((T) => Array.from({ length: per }, () => T));
  const rows = await sampleBaselineContinuations(lm.baseline.params, lm.baseline.cfg, c.tokens, temps, lm.calm.cfg.K, makeRng(deriveSeed(s.seed, `base-${i}`)));
  s.Ts.forEach((_, t) => {
    for (let p = 0; p < s.pairs; p++) scorePair(tallies[t], rows[t * per + 2 * p], rows[t * per + 2 * p + 1], c.target);
  });
}

function point(model: 'calm' | 'baseline', T: number, N: number | null, tally: Tally): SweepPoint {
  const sum = summarize(tally);
  const inv = 1 / T;
  const extension = model === 'calm' && Math.abs(inv - Math.round(inv)) > 1e-9;
  return { model, T, N, extension, collision: sum.collision, diversity: sum.diversity, firstToken: sum.firstToken, chunk: sum.chunk, pairs: sum.pairs, failed: sum.failed };
}

/** Longest context (in chunks, eos chunk included) both models can score. */
function maxContextChunks(lm: LoadedLMSet): number {
  const K = lm.calm.cfg.K;
  return Math.min(24, lm.calm.cfg.backbone.maxLen, Math.floor((lm.baseline.cfg.backbone.maxLen - K + 1) / K));
}

export async function runSweep(args: TempSweepArgs, ctx: OpContext): Promise<TempSweepResult> {
  const s = sweepSettings(args);
  const key = sweepKey(s);
  const cached = sweeps.get(key);
  if (cached) return { ...cached, fromCache: true };
  const lm = lmSet(ctx.models, s.set);
  const K = lm.calm.cfg.K;
  const t0 = performance.now();
  const streams = await heldoutStreams(ctx.models, s.set, K);
  const contexts = chooseContexts(streams, s.contexts, K, makeRng(deriveSeed(s.seed, 'contexts')), { minChunks: 2, maxChunks: maxContextChunks(lm) });
  if (contexts.length === 0) throw new CalmError('bad-input', 'No held-out passage is long enough for a context.', 'Use the other model set.');
  const calmT = new Map<string, Tally>();
  for (const N of s.Ns) for (const T of s.Ts) calmT.set(`${N}|${T}`, newTally());
  const baseT = s.Ts.map(() => newTally());
  await withDeps(lm, async (deps) => {
    for (let i = 0; i < contexts.length; i++) {
      await ctx.yield();
      ctx.progress({ done: i, total: contexts.length, label: `context ${i + 1} of ${contexts.length}` });
      await calmContext(lm, deps, s, contexts[i], i, calmT);
      await ctx.yield();
      await baselineContext(lm, s, contexts[i], i, baseT);
    }
  });
  ctx.progress({ done: contexts.length, total: contexts.length, label: 'done' });
  const lens = contexts.map((c) => c.tokens.length);
  const result: TempSweepResult = {
    set: s.set, Ts: s.Ts, Ns: s.Ns, contexts: contexts.length, pairs: s.pairs, seed: s.seed, K,
    contextTokens: { min: Math.min(...lens), max: Math.max(...lens), mean: lens.reduce((a, b) => a + b, 0) / lens.length },
    calm: s.Ns.flatMap((N) => s.Ts.map((T) => point('calm', T, N, calmT.get(`${N}|${T}`)!))),
    baseline: s.Ts.map((T, t) => point('baseline', T, null, baseT[t])),
    freshDraws: SWEEP_FRESH_DRAWS,
    ms: performance.now() - t0,
    fromCache: false,
  };
  sweeps.set(key, result);
  return result;
}

export const handlers: Handlers<TemperatureOps> = {
  tempSample: (args, ctx) =>
    exclusive(async (): Promise<TempSampleResult> => {
      if (args.sampler !== 'batch' && args.sampler !== 'exact') {
        throw new CalmError('bad-input', `Unknown sampler "${String(args.sampler)}".`, 'Pick the batch or the exact sampler.');
      }
      const have = generationKey();
      if (!have || have.set !== args.set || have.prompt !== args.prompt) startGeneration(ctx.models, args.set, args.prompt, args.seed);
      const cur = currentContext(ctx.models);
      const lm = lmSet(ctx.models, cur.set);
      const t0 = performance.now();
      const run = await withDeps(lm, (deps) =>
        runSampler(deps, ctx.models, ctx, cur.h, { sampler: args.sampler, T: args.T, N: args.N }, deriveSeed(args.seed, `temp-${args.draw ?? 0}`), tempStats));
      const ms = performance.now() - t0;
      if (run.teaching.kind === 'plain') throw new Error('unreachable: plain sampler in tempSample');
      const chosen = run.outcome ? chunkView(ctx.models, run.outcome) : null;
      return {
        context: { text: cur.text, chunks: cur.contextChunks, promptTokens: cur.promptTokens, padTokens: cur.padTokens, K: lm.calm.cfg.K },
        sampler: run.teaching,
        chosen,
        backbonePositions: generationCounters(ctx.models).backbonePositions,
        ms,
      };
    }),

  tempSweep: (args, ctx) => runSweep(args, ctx),
};
