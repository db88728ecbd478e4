/**
 * Compress and Noise operations: engine handlers (tensors stay in here; results are plain data).
 *
 * `compress` encodes a text's K-token chunks with both autoencoders and caches μ (and σ) for that
 * text; `noiseDecode` / `noiseSweep` then only decode z = μ + σ_eff·ε (ε seeded per chunk, shared by
 * both models), which keeps a σ move to one batched decode per model. The cache is one entry (the
 * current text); an operation holds the entry while it runs, so replacing it mid-sweep never frees
 * tensors in use. `resetCaches()` drops it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { decodeIds, encode, transposedEmbedding } from '../../model/autoencoder.ts';
import { rightPadToChunks } from '../../model/chunking.ts';
import { CalmError } from '../../model/errors.ts';
import { deriveSeed, makeRng, randNormal } from '../../model/random.ts';
import type { Handlers, OpContext } from '../context.ts';
import type { EngineModels, LoadedAE } from '../models.ts';
import type { AEName } from '../protocol.ts';
import { outsideTrainingChars } from '../../corpus/alphabet.ts';
import type {
  CompressOps, CompressResult, NoiseDecodeArgs, NoiseScaleArg, NoisyDecode, Reconstruction,
} from './compress.types.ts';

/** Longest text (in tokens) the panels encode at once. */
export const MAX_TOKENS = 4096;
const AES: readonly AEName[] = ['robust', 'plain'];

function badInput(message: string, fix: string): CalmError {
  return new CalmError('bad-input', message, fix);
}

interface Encoded {
  ae: LoadedAE;
  /** μ [chunks, l] and the tied output matrix Embᵀ, kept until the entry is disposed. */
  mu: tf.Tensor2D;
  embT: tf.Tensor2D;
  muData: Float32Array;
  logSigmaData: Float32Array | null;
  /** Decoded ids at z = μ. */
  clean: Int32Array;
  /** Held-out latent RMS from the manifest (this text's RMS if the manifest has none). */
  latentRms: number;
  rms: number;
}

interface Entry {
  text: string;
  models: EngineModels;
  backend: string;
  K: number;
  /** The robust slot's latent size, and the width of ε (the larger latent of the two models). */
  l: number;
  epsWidth: number;
  ids: number[];
  chunkIds: Int32Array;
  padded: number;
  chunks: number;
  enc: Record<AEName, Encoded>;
  /** ε [chunks, l] by seed. */
  eps: Map<number, { data: Float32Array; tensor: tf.Tensor2D }>;
  users: number;
  retired: boolean;
}

let current: Entry | null = null;

function disposeEntry(e: Entry): void {
  for (const name of AES) {
    e.enc[name]?.mu.dispose();
    e.enc[name]?.embT.dispose();
  }
  for (const x of e.eps.values()) x.tensor.dispose();
  e.eps.clear();
}

function retire(e: Entry): void {
  e.retired = true;
  if (e.users === 0) disposeEntry(e);
}

/** Drop the cached μ/σ/ε (core op `resetCaches`). */
export function resetCaches(): void {
  if (current) retire(current);
  current = null;
}

function rmsOf(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return x.length ? Math.sqrt(s / x.length) : 0;
}

async function encodeWith(ae: LoadedAE, chunkIds: Int32Array, chunks: number): Promise<Encoded> {
  const { K, latent } = ae.cfg;
  const { mu, logSigma, clean, embT } = tf.tidy(() => {
    const post = encode(ae.params, ae.cfg, tf.tensor2d(chunkIds, [chunks, K], 'int32'));
    const embT = transposedEmbedding(ae.params);
    const out: { mu: tf.Tensor2D; embT: tf.Tensor2D; clean: tf.Tensor2D; logSigma?: tf.Tensor2D } = {
      mu: post.mu, embT, clean: decodeIds(ae.params, ae.cfg, post.mu, embT),
    };
    if (post.logSigma) out.logSigma = post.logSigma;
    return out;
  });
  try {
    const [muData, lsData, cleanData] = await Promise.all([mu.data(), logSigma?.data(), clean.data()]);
    if (muData.length !== chunks * latent) throw new Error(`encode gave ${muData.length} numbers, expected ${chunks * latent}`);
    const rms = rmsOf(muData as Float32Array);
    const fromManifest = ae.manifest.metrics?.latentRms;
    return {
      ae, mu, embT, rms,
      muData: muData as Float32Array,
      logSigmaData: (lsData as Float32Array | undefined) ?? null,
      clean: Int32Array.from(cleanData as Int32Array),
      latentRms: typeof fromManifest === 'number' && fromManifest > 0 ? fromManifest : rms,
    };
  } catch (e) {
    mu.dispose();
    embT.dispose();
    throw e;
  } finally {
    logSigma?.dispose();
    clean.dispose();
  }
}

/** The autoencoder in the robust slot: the shipped robust one, or the custom one when asked for. */
function robustSlot(models: EngineModels, custom: boolean | undefined): LoadedAE {
  if (!custom) return models.ae.robust;
  if (!models.custom) throw badInput('No autoencoder of your own is in use.', 'Train one in the Train panel and press "Use in Compress and Noise", or load a downloaded one there.');
  return models.custom;
}

async function buildEntry(models: EngineModels, text: string, robustAE: LoadedAE): Promise<Entry> {
  if (typeof text !== 'string' || text.trim() === '') {
    throw badInput('There is no text to compress.', 'Type a sentence or pick a preset.');
  }
  const tok = models.tokenizer;
  const ids = tok.encode(text);
  if (ids.length > MAX_TOKENS) {
    throw badInput(`The text has ${ids.length} tokens; the panels encode at most ${MAX_TOKENS} at once.`, 'Use a shorter text.');
  }
  const K = models.ae.robust.cfg.K;
  const { ids: chunkIds, padded } = rightPadToChunks(ids, K, tok.eosId);
  const chunks = chunkIds.length / K;
  const robust = await encodeWith(robustAE, chunkIds, chunks);
  let plain: Encoded;
  try {
    plain = await encodeWith(models.ae.plain, chunkIds, chunks);
  } catch (e) {
    robust.mu.dispose();
    robust.embT.dispose();
    throw e;
  }
  return {
    text, models, backend: tf.getBackend(), K, l: robustAE.cfg.latent, epsWidth: Math.max(robustAE.cfg.latent, models.ae.plain.cfg.latent),
    ids, chunkIds, padded, chunks,
    enc: { robust, plain }, eps: new Map(), users: 0, retired: false,
  };
}

function usable(e: Entry | null, models: EngineModels, robustAE: LoadedAE): e is Entry {
  return !!e && !e.retired && e.models === models && e.backend === tf.getBackend() && e.enc.robust.ae === robustAE;
}

function customLabel(e: Entry): string | null {
  return e.enc.robust.ae === e.models.custom ? e.models.custom.info.label : null;
}

/** One build per text at a time: a noiseDecode and a noiseSweep asking for the same new text share it. */
let building: { text: string; models: EngineModels; robustAE: LoadedAE; promise: Promise<Entry> } | null = null;

function sharedBuild(models: EngineModels, text: string, robustAE: LoadedAE): Promise<Entry> {
  if (building && building.text === text && building.models === models && building.robustAE === robustAE) return building.promise;
  const promise = buildEntry(models, text, robustAE).then((e) => {
    if (current && current !== e) retire(current);
    current = e;
    return e;
  });
  const mine = { text, models, robustAE, promise };
  building = mine;
  const clear = () => {
    if (building === mine) building = null;
  };
  promise.then(clear, clear);
  return promise;
}

/** Run `fn` with the entry for `text` (or the cached one), held so that nothing frees it meanwhile. */
async function withEntry<R>(ctx: OpContext, text: string | undefined, custom: boolean | undefined, fn: (e: Entry) => Promise<R>): Promise<R> {
  const robustAE = robustSlot(ctx.models, custom);
  let entry: Entry | null = null;
  // A newer text finishing its build in the gap after our await could retire ours: then build again.
  for (let tries = 0; !entry || entry.retired; tries++) {
    const e = current;
    if (text !== undefined ? usable(e, ctx.models, robustAE) && e.text === text : usable(e, ctx.models, robustAE)) entry = e;
    else if (text === undefined && current && !current.retired && current.enc.robust.ae !== robustAE) entry = await sharedBuild(ctx.models, current.text, robustAE);
    else if (text === undefined) throw badInput('No text has been compressed yet.', 'Compress a text first (the Compress panel).');
    else if (tries > 3) throw new Error('compress: the text keeps changing under this operation');
    else entry = await sharedBuild(ctx.models, text, robustAE);
  }
  entry.users++;
  try {
    return await fn(entry);
  } finally {
    entry.users--;
    if (entry.retired && entry.users === 0) disposeEntry(entry);
  }
}

/** ε for chunk c comes from its own stream: the same seed gives the same ε per chunk, whatever the text length. */
export function chunkEps(seed: number, chunk: number, l: number, out?: Float32Array, offset = 0): Float32Array {
  const rng = makeRng(deriveSeed(seed >>> 0, `eps/${chunk}`));
  const v = out ?? new Float32Array(l);
  for (let j = 0; j < l; j++) v[offset + j] = randNormal(rng);
  return v;
}

function epsFor(e: Entry, seed: number): { data: Float32Array; tensor: tf.Tensor2D } {
  let x = e.eps.get(seed);
  if (!x) {
    const w = e.epsWidth;
    const data = new Float32Array(e.chunks * w);
    for (let c = 0; c < e.chunks; c++) chunkEps(seed, c, w, data, c * w);
    x = { data, tensor: tf.tensor2d(data, [e.chunks, w]) };
    if (e.eps.size >= 4 && e.users <= 1) {
      const [oldSeed, old] = e.eps.entries().next().value!;
      old.tensor.dispose();
      e.eps.delete(oldSeed);
    }
    e.eps.set(seed, x);
  }
  return x;
}

function sigmaEffOf(enc: Encoded, sigma: number, scale: NoiseScaleArg): number {
  return scale === 'rel' ? sigma * enc.latentRms : sigma;
}

/**
 * Start decoding z = μ + s·ε (s = 0: z = μ). ε is as wide as the larger latent; a smaller model takes its
 * first columns (chunk c's ε is one seeded stream, so that is the same draw as one made at its size).
 * The caller awaits `.data()` and disposes.
 */
function startDecode(enc: Encoded, eps: tf.Tensor2D, s: number): tf.Tensor2D {
  return tf.tidy(() => {
    const l = enc.ae.cfg.latent;
    const e = eps.shape[1] === l ? eps : tf.slice(eps, [0, 0], [eps.shape[0], l]);
    return decodeIds(enc.ae.params, enc.ae.cfg, s === 0 ? enc.mu : (tf.add(enc.mu, tf.mul(e, s)) as tf.Tensor2D), enc.embT);
  });
}

async function readIds(t: tf.Tensor2D): Promise<Int32Array> {
  try {
    return Int32Array.from((await t.data()) as Int32Array);
  } finally {
    t.dispose();
  }
}

/** Token and chunk accuracy of `decoded` against the entry's input (padding excluded). */
function score(e: Entry, decoded: ArrayLike<number>) {
  const n = e.ids.length;
  let correctTokens = 0;
  let correctChunks = 0;
  for (let c = 0; c < e.chunks; c++) {
    let ok = true;
    for (let k = 0; k < e.K; k++) {
      const i = c * e.K + k;
      if (i >= n) break;
      if (decoded[i] === e.chunkIds[i]) correctTokens++;
      else ok = false;
    }
    if (ok) correctChunks++;
  }
  return { correctTokens, tokenAccuracy: correctTokens / n, correctChunks, chunkAccuracy: correctChunks / e.chunks };
}

function reconstruction(e: Entry, name: AEName): Reconstruction {
  const enc = e.enc[name];
  const decoded = Array.from(enc.clean);
  const s = score(e, decoded);
  return {
    mu: enc.muData.slice(),
    logSigma: enc.logSigmaData ? enc.logSigmaData.slice() : null,
    sigma: enc.logSigmaData ? enc.logSigmaData.map(Math.exp) : null,
    decoded,
    decodedTokens: e.models.tokenizer.tokenStrings(decoded),
    correct: decoded.map((id, i) => id === e.chunkIds[i]),
    ...s,
    rms: enc.rms,
  };
}

function compressResult(e: Entry): CompressResult {
  const tok = e.models.tokenizer;
  const chunkIds = Array.from(e.chunkIds);
  return {
    text: e.text, custom: customLabel(e), K: e.K, latent: e.l, ids: e.ids.slice(), tokens: tok.tokenStrings(e.ids), chunkIds,
    chunkTokens: tok.tokenStrings(chunkIds), padId: tok.eosId, padToken: tok.tokenStrings([tok.eosId])[0],
    padded: e.padded, chunks: e.chunks,
    robust: reconstruction(e, 'robust'),
    plain: reconstruction(e, 'plain'),
    compression: {
      tokens: e.ids.length, vectors: e.chunks, tokensPerVector: e.K,
      stepsDiscrete: e.ids.length, stepsCalm: e.chunks, stepsSaved: e.ids.length - e.chunks,
      numbersPerVector: e.l, utf8Bytes: new TextEncoder().encode(e.text).length,
    },
    unusualChars: outsideTrainingChars(e.text),
  };
}

function cosines(enc: Encoded, eps: Float32Array, s: number, chunks: number, epsWidth: number): number[] {
  const out: number[] = [];
  const l = enc.ae.cfg.latent;
  for (let c = 0; c < chunks; c++) {
    let dot = 0, mm = 0, zz = 0;
    for (let j = 0; j < l; j++) {
      const m = enc.muData[c * l + j];
      const z = m + s * eps[c * epsWidth + j];
      dot += m * z; mm += m * m; zz += z * z;
    }
    out.push(mm > 0 && zz > 0 ? dot / Math.sqrt(mm * zz) : 1);
  }
  return out;
}

function checkNoiseArgs(a: { sigma?: number; seed: number; scale: NoiseScaleArg }): void {
  if (a.sigma !== undefined && !(Number.isFinite(a.sigma) && a.sigma >= 0 && a.sigma <= 100)) {
    throw badInput(`σ must be a number from 0 to 100 (got ${String(a.sigma)}).`, 'Use the slider (0 to 2).');
  }
  if (!(Number.isInteger(a.seed) && a.seed >= 0 && a.seed <= 0xffffffff)) {
    throw badInput(`The noise seed must be a whole number from 0 to 4294967295 (got ${String(a.seed)}).`, 'Press "new noise".');
  }
  if (a.scale !== 'abs' && a.scale !== 'rel') throw badInput(`The σ scale must be "abs" or "rel" (got ${String(a.scale)}).`, 'Pick absolute or relative σ.');
}

async function noiseDecode(args: NoiseDecodeArgs, ctx: OpContext) {
  checkNoiseArgs(args);
  return withEntry(ctx, args.text, args.custom, async (e) => {
    const eps = epsFor(e, args.seed);
    const s = AES.map((n) => sigmaEffOf(e.enc[n], args.sigma, args.scale));
    const pending = AES.map((n, i) => startDecode(e.enc[n], eps.tensor, s[i]));
    const decodedAll = await Promise.all(pending.map(readIds));
    const out = {} as Record<AEName, NoisyDecode>;
    AES.forEach((name, i) => {
      const enc = e.enc[name];
      const decoded = Array.from(decodedAll[i]);
      const flipped: number[] = [];
      const wrong: number[] = [];
      decoded.forEach((id, p) => {
        if (id !== enc.clean[p]) flipped.push(p);
        if (p < e.ids.length && id !== e.chunkIds[p]) wrong.push(p);
      });
      const sc = score(e, decoded);
      out[name] = {
        sigmaEff: s[i], latentRms: enc.latentRms, decoded, decodedTokens: e.models.tokenizer.tokenStrings(decoded),
        flipped, wrong, cosine: cosines(enc, eps.data, s[i], e.chunks, e.epsWidth),
        tokenAccuracy: sc.tokenAccuracy, correctTokens: sc.correctTokens, chunkAccuracy: sc.chunkAccuracy,
      };
    });
    return {
      text: e.text, custom: customLabel(e), sigma: args.sigma, seed: args.seed, scale: args.scale, K: e.K, chunks: e.chunks,
      tokens: e.models.tokenizer.tokenStrings(e.ids), chunkIds: Array.from(e.chunkIds), padded: e.padded,
      unusualChars: outsideTrainingChars(e.text), ...out,
    };
  });
}

export const handlers: Handlers<CompressOps> = {
  compress: async (args, ctx) => withEntry(ctx, args?.text ?? '', args?.custom, async (e) => compressResult(e)),
  noiseDecode,
  noiseSweep: async (args, ctx) => {
    checkNoiseArgs(args);
    if (!(Number.isInteger(args.points) && args.points >= 2 && args.points <= 201)) {
      throw badInput(`A sweep needs 2 to 201 points (got ${String(args.points)}).`, 'Use 41 points.');
    }
    if (!(Number.isFinite(args.maxSigma) && args.maxSigma > 0 && args.maxSigma <= 100)) {
      throw badInput(`The largest σ must be above 0 and at most 100 (got ${String(args.maxSigma)}).`, 'Use 2.');
    }
    const first = args.first ?? 0;
    const count = args.count ?? args.points - first;
    if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 1 && first + count <= args.points)) {
      throw badInput(`Sweep slice ${String(first)}+${String(count)} is outside 0…${args.points - 1}.`, 'Ask for points inside the sweep.');
    }
    return withEntry(ctx, args.text, args.custom, async (e) => {
      const eps = tf.clone(epsFor(e, args.seed).tensor); // ours even if the ε cache is trimmed meanwhile
      try {
        const sigmas = Array.from({ length: count }, (_, i) => Number(((args.maxSigma * (first + i)) / (args.points - 1)).toFixed(6)));
        const acc: Record<AEName, number[]> = { robust: [], plain: [] };
        for (let i = 0; i < sigmas.length; i++) {
          const pending = AES.map((n) => startDecode(e.enc[n], eps, sigmaEffOf(e.enc[n], sigmas[i], args.scale)));
          const decoded = await Promise.all(pending.map(readIds));
          AES.forEach((n, j) => acc[n].push(score(e, decoded[j]).tokenAccuracy));
          ctx.progress({ done: i + 1, total: sigmas.length, label: `σ = ${sigmas[i].toFixed(2)}` });
          if (i < sigmas.length - 1) await ctx.yield();
        }
        const meanSigma = e.enc.robust.ae.manifest.metrics?.meanSigma;
        return {
          text: e.text, custom: customLabel(e), seed: args.seed, scale: args.scale, first, points: args.points, sigmas, ...acc,
          latentRms: { robust: e.enc.robust.latentRms, plain: e.enc.plain.latentRms },
          meanSigma: typeof meanSigma === 'number' ? meanSigma : null,
        };
      } finally {
        eps.dispose();
      }
    });
  },
};
