/**
 * Bandwidth operations (the K dial; contract in bandwidth.types.ts). Nothing is fetched before the panel
 * asks: `bandwidthInfo` reads the manifest only; `bandwidthLoad` fetches the K autoencoders; `bandwidthRace`
 * fetches the K CALMs (and the stories set) on its first run. The models live in `models.bandwidth`
 * (src/engine/models.ts) and are freed with the others.
 *
 * - bandwidthRoundTrip: the text's tokens cut into chunks of K (the last right-padded with end-of-text),
 *   encoded to μ and decoded by K's autoencoder; accuracy over the text's own tokens.
 * - bandwidthSweep: for each loaded K, z = μ + σ·ε with σ = r × that K's held-out latent RMS (the
 *   manifest's; this text's where none) and one seeded ε per K (the same for every r), token accuracy per r.
 * - bandwidthRace: the K = 1, 2, 4 `stories` CALMs and the baseline continue one prompt for the same
 *   number of tokens at T = 1, interleaved (the lane with the least time on its clock steps next), each on
 *   its own clock (prefill excluded), with the Race panel's lanes (race.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, encode, transposedEmbedding } from '../../model/autoencoder.ts';
import type { CalmConfig } from '../../model/calm.ts';
import type { AEConfig } from '../../model/autoencoder.ts';
import type { BaselineConfig } from '../../model/baseline.ts';
import { rightPadToChunks } from '../../model/chunking.ts';
import { CalmError } from '../../model/errors.ts';
import { baselineFlopsPerToken, calmFlopsPerToken } from '../../model/flops.ts';
import type { ByteSource } from '../../model/load.ts';
import { deriveSeed, makeRng, randNormal } from '../../model/random.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { ManifestModel } from '../manifest.ts';
import {
  loadBandwidthAE, loadBandwidthLM, loadLMSet, setBytes, type EngineModels, type LoadedAE, type LoadedLMSet,
} from '../models.ts';
import { runtime } from '../runtime.ts';
import { EVAL_CONTEXT } from '../../model/evaluate.ts';
import { MAX_TOKENS } from './compress.ts';
import { BaselineLane, CalmLane, laneText, runInterleaved, warmUp, type ClockedLane, type Lane } from './race.ts';
import {
  BANDWIDTH_KS, BANDWIDTH_LIMITS, BANDWIDTH_LM_KS, BANDWIDTH_RACE_DEFAULTS, bandwidthAEName, bandwidthLMName,
  type BandwidthAEInfo, type BandwidthInfoResult, type BandwidthK, type BandwidthLMInfo, type BandwidthLmK,
  type BandwidthLoadResult, type BandwidthOps, type BandwidthRaceArgs, type BandwidthRaceLane, type BandwidthRaceResult,
  type BandwidthRoundTripArgs, type BandwidthRoundTripResult, type BandwidthSweepArgs, type BandwidthSweepResult,
} from './bandwidth.types.ts';

/** How the op fetches extra weights: the runtime's verified, counted source (tests substitute a file source). */
export type ExtraLoader = <T>(
  ctx: OpContext, total: number, label: string, load: (source: ByteSource, models: EngineModels) => Promise<T>,
) => Promise<T>;

const runtimeLoader: ExtraLoader = async (ctx, total, label, load) => (await runtime.loadExtra(total, label, ctx, load)).value;
let loader: ExtraLoader = runtimeLoader;

/** Tests: load through another byte source (null restores the runtime's). */
export function setBandwidthLoader(l: ExtraLoader | null): void {
  loader = l ?? runtimeLoader;
}

function bad(message: string, fix: string): CalmError {
  return new CalmError('bad-input', message, fix);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const nums = (v: unknown): number[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : null);

function bytesOf(m: ManifestModel | undefined): number {
  return m ? m.files.reduce((a, f) => a + f.bytes, 0) : 0;
}

function checkK(K: unknown): BandwidthK {
  const k = BANDWIDTH_KS.find((x) => x === K);
  if (k === undefined) throw bad(`K must be one of ${BANDWIDTH_KS.join(', ')}, got ${String(K)}.`, 'Choose K on the dial.');
  return k;
}

/** The config of the autoencoder a K's CALM decodes with (K = 4: the stories CALM's own). */
function lmAEConfig(models: EngineModels, K: BandwidthLmK): AEConfig | null {
  const name = K === 4
    ? String((models.manifest.models['stories-calm']?.training as { autoencoder?: unknown } | undefined)?.autoencoder ?? 'ae-robust')
    : bandwidthAEName(K);
  return (models.manifest.models[name]?.config as unknown as AEConfig | undefined) ?? null;
}

function aeInfo(models: EngineModels, K: BandwidthK): BandwidthAEInfo {
  const name = bandwidthAEName(K);
  const m = models.manifest.models[name];
  const met = (m?.metrics ?? {}) as Record<string, unknown>;
  const noise = (met.noise ?? {}) as Record<string, unknown>;
  const rel = (met.noiseRelative ?? {}) as Record<string, unknown>;
  return {
    K, name, latent: num(m?.config.latent) ?? 32 * K, bytes: bytesOf(m), available: m !== undefined,
    tokenAccuracy: num(met.tokenAccuracy), noise03: num(noise['0.3']), noiseRel1: num(rel['1.0']), latentRms: num(met.latentRms),
    params: num(m?.training?.parameters),
  };
}

function lmInfo(models: EngineModels, K: BandwidthLmK | 'baseline'): BandwidthLMInfo {
  const name = K === 'baseline' ? 'stories-baseline' : bandwidthLMName(K);
  const m = models.manifest.models[name];
  const met = (m?.metrics ?? {}) as Record<string, unknown>;
  const t = (m?.training ?? {}) as Record<string, unknown>;
  let flops: { total: number; backbone: number } | null = null;
  if (m) {
    if (K === 'baseline') {
      const f = baselineFlopsPerToken(m.config as unknown as BaselineConfig, EVAL_CONTEXT);
      flops = { total: f.total, backbone: f.parts.backbone + f.parts.attention };
    } else {
      const ae = lmAEConfig(models, K);
      if (ae) {
        const f = calmFlopsPerToken(m.config as unknown as CalmConfig, ae, EVAL_CONTEXT);
        flops = { total: f.total, backbone: f.parts.backbone + f.parts.attention };
      }
    }
  }
  const wall = num(t.wallSeconds);
  return {
    K, name, bytes: bytesOf(m), available: m !== undefined,
    brier: nums(met.brier), stderr: nums(met.stderr), brierLM: num(met.brierLM),
    flopsPerToken: flops?.total ?? null, backboneFlopsPerToken: flops?.backbone ?? null,
    params: num(t.parameters), trainMinutes: wall === null ? null : wall / 60, tokensSeen: num(t.tokensSeen),
  };
}

function loadedKs(models: EngineModels): BandwidthK[] {
  return BANDWIDTH_KS.filter((K) => K === 4 || models.bandwidth?.aes.has(K));
}

async function bandwidthInfo(_args: unknown, ctx: OpContext): Promise<BandwidthInfoResult> {
  const models = ctx.models;
  const aes = BANDWIDTH_KS.map((K) => aeInfo(models, K));
  const lms = [...BANDWIDTH_LM_KS.map((K) => lmInfo(models, K)), lmInfo(models, 'baseline')];
  const aeBytesToLoad = aes.filter((a) => a.K !== 4 && a.available && !models.bandwidth?.aes.has(a.K)).reduce((s, a) => s + a.bytes, 0);
  let lmBytesToLoad = models.sets.stories ? 0 : setBytes(models.manifest, 'stories');
  for (const K of BANDWIDTH_LM_KS) {
    if (K === 4) continue;
    const lm = lms.find((l) => l.K === K)!;
    if (!lm.available || models.bandwidth?.lms.has(K)) continue;
    lmBytesToLoad += lm.bytes;
    if (!models.bandwidth?.aes.has(K)) lmBytesToLoad += aes.find((a) => a.K === K)!.bytes;
  }
  return { aes, lms, aeBytesToLoad, lmBytesToLoad, loaded: loadedKs(models) };
}

async function bandwidthLoad(_args: unknown, ctx: OpContext): Promise<BandwidthLoadResult> {
  const t0 = performance.now();
  const models = ctx.models;
  const want = BANDWIDTH_KS.filter((K) => K !== 4 && models.manifest.models[bandwidthAEName(K)] && !models.bandwidth?.aes.has(K));
  const total = want.reduce((s, K) => s + bytesOf(models.manifest.models[bandwidthAEName(K)]), 0);
  const failed: BandwidthLoadResult['failed'] = [];
  if (want.length > 0) {
    await loader(ctx, total, 'the K dial\u2019s autoencoders', async (source, m) => {
      for (const K of want) {
        try {
          await loadBandwidthAE(m, source, K);
        } catch (e) {
          failed.push({ K, message: (e as Error).message });
        }
        await ctx.yield();
      }
    });
  }
  for (const K of BANDWIDTH_KS) {
    if (K !== 4 && !models.manifest.models[bandwidthAEName(K)]) failed.push({ K, message: `This checkout ships no autoencoder for K = ${K} (${bandwidthAEName(K)}).` });
  }
  return { loaded: loadedKs(models), failed, ms: performance.now() - t0 };
}

function aeFor(models: EngineModels, K: BandwidthK): LoadedAE {
  const ae = K === 4 ? models.ae.robust : models.bandwidth?.aes.get(K);
  if (!ae) throw bad(`The autoencoder for K = ${K} is not loaded.`, 'Wait until the Bandwidth panel has loaded its models, then try again.');
  return ae;
}

function tokenize(models: EngineModels, text: unknown): number[] {
  if (typeof text !== 'string' || text.trim() === '') throw bad('There is no text to compress.', 'Type a sentence or pick a preset.');
  const ids = models.tokenizer.encode(text);
  if (ids.length > MAX_TOKENS) throw bad(`The text has ${ids.length} tokens; the panels encode at most ${MAX_TOKENS} at once.`, 'Use a shorter text.');
  return ids;
}

/** μ [chunks, l] of a text's chunks under K's autoencoder, and its decode at z = μ. */
async function encodeText(ae: LoadedAE, chunkIds: Int32Array): Promise<{ mu: Float32Array; decoded: Int32Array }> {
  const { K } = ae.cfg;
  const n = chunkIds.length / K;
  const [mu, dec] = tf.tidy(() => {
    const post = encode(ae.params, ae.cfg, tf.tensor2d(chunkIds, [n, K], 'int32'));
    return [post.mu, decodeIds(ae.params, ae.cfg, post.mu)];
  });
  try {
    const [m, d] = await Promise.all([mu.data(), dec.data()]);
    return { mu: m as Float32Array, decoded: Int32Array.from(d as Int32Array) };
  } finally {
    tf.dispose([mu, dec]);
  }
}

function accuracy(decoded: ArrayLike<number>, chunkIds: Int32Array, textTokens: number, K: number): { tok: number; chunk: number } {
  let right = 0;
  let chunksRight = 0;
  const chunks = chunkIds.length / K;
  for (let c = 0; c < chunks; c++) {
    let ok = true;
    for (let k = 0; k < K; k++) {
      const i = c * K + k;
      if (i >= textTokens) break;
      if (decoded[i] === chunkIds[i]) right++;
      else ok = false;
    }
    if (ok) chunksRight++;
  }
  return { tok: textTokens ? right / textTokens : 0, chunk: chunks ? chunksRight / chunks : 0 };
}

async function bandwidthRoundTrip(args: BandwidthRoundTripArgs, ctx: OpContext): Promise<BandwidthRoundTripResult> {
  const K = checkK(args.K);
  const models = ctx.models;
  const ae = aeFor(models, K);
  const ids = tokenize(models, args.text);
  const t0 = performance.now();
  const tok = models.tokenizer;
  const { ids: chunkIds, padded } = rightPadToChunks(ids, K, tok.eosId);
  const { decoded } = await encodeText(ae, chunkIds);
  const ms = performance.now() - t0;
  const acc = accuracy(decoded, chunkIds, ids.length, K);
  return {
    text: args.text, K, tokens: tok.tokenStrings(ids), vectors: chunkIds.length / K, padded,
    decodedTokens: tok.tokenStrings(Array.from(decoded)), correct: Array.from(chunkIds, (t, i) => decoded[i] === t),
    tokenAccuracy: acc.tok, chunkAccuracy: acc.chunk, latent: ae.cfg.latent, ms,
  };
}

async function bandwidthSweep(args: BandwidthSweepArgs, ctx: OpContext): Promise<BandwidthSweepResult> {
  const points = args.points;
  if (!Number.isInteger(points) || points < 2 || points > BANDWIDTH_LIMITS.maxPoints) {
    throw bad(`The sweep needs 2 to ${BANDWIDTH_LIMITS.maxPoints} points, got ${String(points)}.`, 'Use 13 points.');
  }
  if (!(args.maxRel > 0 && args.maxRel <= BANDWIDTH_LIMITS.maxRel)) {
    throw bad(`The largest σ must be above 0 and at most ${BANDWIDTH_LIMITS.maxRel} × the latent RMS, got ${String(args.maxRel)}.`, 'Sweep up to 1.5 × RMS.');
  }
  const seed = Number.isInteger(args.seed) && args.seed >= 0 ? args.seed : 1;
  const models = ctx.models;
  const ids = tokenize(models, args.text);
  const relSigmas = Array.from({ length: points }, (_, i) => Number(((args.maxRel * i) / (points - 1)).toFixed(6)));
  const byK: Record<string, number[]> = {};
  for (const K of loadedKs(models)) {
    const ae = aeFor(models, K);
    const { ids: chunkIds } = rightPadToChunks(ids, K, models.tokenizer.eosId);
    const n = chunkIds.length / K;
    const l = ae.cfg.latent;
    const { mu } = await encodeText(ae, chunkIds);
    let sq = 0;
    for (const v of mu) sq += v * v;
    const rms = num(ae.manifest.metrics?.latentRms) ?? Math.sqrt(sq / mu.length);
    const rng = makeRng(deriveSeed(seed, `bandwidth-eps-${K}`));
    const eps = new Float32Array(n * l);
    for (let i = 0; i < eps.length; i++) eps[i] = randNormal(rng);
    const muT = tf.tensor2d(mu, [n, l]);
    const epsT = tf.tensor2d(eps, [n, l]);
    const embT = transposedEmbedding(ae.params);
    try {
      const accs: number[] = [];
      for (const r of relSigmas) {
        const dec = tf.tidy(() => decodeIds(ae.params, ae.cfg, tf.add(muT, tf.mul(epsT, r * rms)) as tf.Tensor2D, embT));
        let d: Int32Array;
        try {
          d = (await dec.data()) as Int32Array;
        } finally {
          dec.dispose();
        }
        accs.push(accuracy(d, chunkIds, ids.length, K).tok);
      }
      byK[String(K)] = accs;
    } finally {
      tf.dispose([muT, epsT, embT]);
    }
    await ctx.yield();
  }
  return { text: args.text, relSigmas, byK };
}

function raceArgs(args: BandwidthRaceArgs): { prompt: string; tokens: number; seed: number } {
  const tokens = args.tokens ?? BANDWIDTH_RACE_DEFAULTS.tokens;
  const seed = args.seed ?? BANDWIDTH_RACE_DEFAULTS.seed;
  if (typeof args.prompt !== 'string') throw bad('The prompt is missing.', 'Type a prompt (it may be empty).');
  if (args.prompt.length > 1000) throw bad(`The prompt is ${args.prompt.length} characters long; the limit is 1000.`, 'Shorten the prompt.');
  if (!Number.isInteger(tokens) || tokens < BANDWIDTH_LIMITS.minTokens || tokens > BANDWIDTH_LIMITS.maxTokens || tokens % 4 !== 0) {
    throw bad(`Tokens to generate must be a multiple of 4 from ${BANDWIDTH_LIMITS.minTokens} to ${BANDWIDTH_LIMITS.maxTokens}, got ${String(tokens)}.`, 'Race 64 tokens.');
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 4294967295) throw bad(`The seed must be a whole number from 0 to 4294967295, got ${String(seed)}.`, 'Use a seed such as 1.');
  return { prompt: args.prompt, tokens, seed };
}


async function bandwidthRace(args: BandwidthRaceArgs, ctx: OpContext): Promise<BandwidthRaceResult> {
  const s = raceArgs(args);
  const models = ctx.models;
  const ks = BANDWIDTH_LM_KS.filter((K) => K === 4 || models.manifest.models[bandwidthLMName(K)]);
  const missing = ks.filter((K) => K !== 4 && !models.bandwidth?.lms.has(K));
  if (missing.length > 0 || !models.sets.stories) {
    const info = await bandwidthInfo({}, ctx);
    await loader(ctx, info.lmBytesToLoad, 'the K dial\u2019s language models', async (source, m) => {
      if (!m.sets.stories) await loadLMSet(m, source, 'stories');
      for (const K of missing) await loadBandwidthLM(m, source, K);
    });
  }
  const stories = models.sets.stories as LoadedLMSet;
  const tok = models.tokenizer;
  const prompt = tok.encode(s.prompt);
  /** A K's CALM as the race lanes take it (the stories set with another CALM and autoencoder). */
  const setFor = (K: BandwidthLmK): LoadedLMSet => {
    if (K === 4) return stories;
    const lm = models.bandwidth!.lms.get(K)!;
    return { ...stories, calm: lm.calm, ae: lm.ae, ownAE: false };
  };
  const make = (K: BandwidthLmK | 'baseline', tokens: number, seed: number): Lane => (K === 'baseline'
    ? new BaselineLane(stories, prompt, tok.eosId, tokens, seed, 4)
    : new CalmLane(setFor(K), prompt, tok.eosId, tokens, seed));
  const order: (BandwidthLmK | 'baseline')[] = [...ks, 'baseline'];
  type State = ClockedLane & { K: BandwidthLmK | 'baseline' };
  const states: State[] = [];
  try {
    for (const K of order) {
      await warmUp(make(K, 8, 0));
      await ctx.yield();
    }
    for (const K of order) {
      const lane = make(K, s.tokens, deriveSeed(s.seed, `bandwidth-race-${K}`));
      states.push({ K, lane, ids: [], steps: 0, ms: 0, need: Math.ceil(s.tokens / lane.tokensPerStep) });
    }
    for (const st of states) await st.lane.prefill();
    const total = states.reduce((a, st) => a + st.need, 0);
    await runInterleaved(states, ctx, () => ctx.progress({ done: states.reduce((a, st) => a + st.steps, 0), total, label: 'race' }));
    const lanes: BandwidthRaceLane[] = states.map((st) => {
      const ids = st.ids.slice(0, s.tokens);
      return {
        K: st.K, steps: st.steps, tokens: ids.length, ms: st.ms,
        tokensPerSecond: st.ms > 0 ? (ids.length / st.ms) * 1000 : 0, text: laneText(ctx, ids),
      };
    });
    return { prompt: s.prompt, tokens: s.tokens, lanes, backend: tf.getBackend() };
  } finally {
    for (const st of states) st.lane.dispose();
  }
}

export const handlers: Handlers<BandwidthOps> = { bandwidthInfo, bandwidthLoad, bandwidthRoundTrip, bandwidthSweep, bandwidthRace };
