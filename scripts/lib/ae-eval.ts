/**
 * Node-only: held-out metrics of an autoencoder, computed from the weights as committed
 * (float16 in public/weights/). Used by `npm run eval:ae` and at the end of `train:ae`.
 */
import path from 'node:path';
import { tf } from './tf-node.ts';
import { corpusChunks } from './token-data.ts';
import { readModelDir, assignParams } from './model-files.ts';
import { WEIGHTS_DIR, sha256Of } from './manifest.ts';
import { readFileSync } from 'node:fs';
import { initAutoencoder, autoencoderShapes, encode, decodeIds, type AEConfig } from '../../src/model/autoencoder.ts';
import { CORPORA, type CorpusName } from '../../src/corpus/corpus.ts';
import { Mulberry32, randNormal } from '../../src/model/random.ts';
import type { Params } from '../../src/model/params.ts';
import { log } from './args.ts';
import type { AEMetrics } from '../../src/model/metrics.ts';

export const NOISE_SIGMAS = ['0.1', '0.2', '0.3', '0.5', '1.0', '2.0'] as const;
export const NOISE_RELATIVE = ['0.1', '0.3', '1.0'] as const;
export const NOISE_DRAWS = 3;
/** The K dial's shorter noise set (`eval:ae --K`): the paper's σ = 0.3, σ = 1 and 1 × latent RMS. */
export const BANDWIDTH_LEVELS = { sigmas: ['0.3', '1.0'], relative: ['1.0'], draws: NOISE_DRAWS } as const;
const BATCH = 1024;

export type { AEMetrics };

/** Held-out chunks of one corpus: each document framed as in training, minus its leading eos chunk. */
export function heldoutChunks(corpus: CorpusName, K: number, eosId: number): Int32Array {
  return corpusChunks(corpus, 'heldout', K, eosId, true);
}

/**
 * A committed autoencoder: 'robust' / 'plain' (public/weights/ae-<name>), another folder name under
 * public/weights (e.g. 'ae-stories'), or a path to a model folder. `key` identifies its weights (for caches).
 */
export function loadAutoencoder(name: string): { cfg: AEConfig; params: Params; key: string; dir: string } {
  const dir = name.includes('/') ? path.resolve(name) : path.join(WEIGHTS_DIR, name.startsWith('ae-') ? name : `ae-${name}`);
  const label = path.basename(dir);
  const { json, named } = readModelDir(dir, (c) => autoencoderShapes(c as unknown as AEConfig), label);
  const cfg = json.config as unknown as AEConfig;
  const params = initAutoencoder(cfg, new Mulberry32(0));
  assignParams(params, named);
  const key = sha256Of(new Uint8Array(readFileSync(path.join(dir, json.weightsManifest[0].paths[0])))).slice(0, 12);
  return { cfg, params, key, dir };
}

/**
 * Decode z (flat [n·l]) in batches; return the number of matching tokens and whole chunks, and
 * (optionally) each chunk's number of matching tokens.
 */
function scoreDecode(params: Params, cfg: AEConfig, z: Float32Array, ids: Int32Array, perChunk?: Uint8Array): { tok: number; chunk: number } {
  const n = ids.length / cfg.K;
  let tok = 0;
  let chunk = 0;
  for (let s = 0; s < n; s += BATCH) {
    const m = Math.min(BATCH, n - s);
    const pred = tf.tidy(() =>
      decodeIds(params, cfg, tf.tensor2d(z.subarray(s * cfg.latent, (s + m) * cfg.latent), [m, cfg.latent])).dataSync(),
    );
    for (let i = 0; i < m; i++) {
      let right = 0;
      for (let k = 0; k < cfg.K; k++) if (pred[i * cfg.K + k] === ids[(s + i) * cfg.K + k]) right++;
      tok += right;
      if (right === cfg.K) chunk++;
      if (perChunk) perChunk[s + i] = right;
    }
  }
  return { tok, chunk };
}

/** Held-out metrics of an autoencoder (see loadAutoencoder for `name`) on the held-out text of `corpora`. */
export function evaluateAutoencoder(
  name: string, eosId: number, seed = 1234, corpora: readonly CorpusName[] = CORPORA,
  levels: { sigmas: readonly string[]; relative: readonly string[]; draws: number } = { sigmas: NOISE_SIGMAS, relative: NOISE_RELATIVE, draws: NOISE_DRAWS },
): { metrics: AEMetrics; heldoutTokens: number; parameters: number } {
  const { cfg, params } = loadAutoencoder(name);
  let parameters = 0;
  for (const v of params.values()) parameters += v.size;
  const corpusIds = corpora.map((c) => heldoutChunks(c, cfg.K, eosId));
  const ids = new Int32Array(corpusIds.reduce((a, c) => a + c.length, 0));
  let off = 0;
  for (const c of corpusIds) {
    ids.set(c, off);
    off += c.length;
  }
  const n = ids.length / cfg.K;
  const l = cfg.latent;
  const mu = new Float32Array(n * l);
  const sigma = new Float32Array(n * l);
  for (let s = 0; s < n; s += BATCH) {
    const m = Math.min(BATCH, n - s);
    const [muv, sv] = tf.tidy(() => {
      const post = encode(params, cfg, tf.tensor2d(ids.subarray(s * cfg.K, (s + m) * cfg.K), [m, cfg.K], 'int32'));
      return [post.mu.dataSync(), post.logSigma ? tf.exp(post.logSigma).dataSync() : new Float32Array(m * l)];
    });
    mu.set(muv, s * l);
    sigma.set(sv, s * l);
  }
  let sq = 0;
  let sig = 0;
  for (let i = 0; i < mu.length; i++) {
    sq += mu[i] * mu[i];
    sig += sigma[i];
  }
  const latentRms = Math.sqrt(sq / mu.length);
  const meanSigma = sig / sigma.length;
  const perChunk = new Uint8Array(n);
  const clean = scoreDecode(params, cfg, mu, ids, perChunk);
  const byCorpus = {} as Record<CorpusName, number>;
  let start = 0;
  corpora.forEach((c, i) => {
    const chunks = corpusIds[i].length / cfg.K;
    let right = 0;
    for (let j = start; j < start + chunks; j++) right += perChunk[j];
    byCorpus[c] = right / corpusIds[i].length;
    start += chunks;
  });
  const rng = new Mulberry32(seed);
  const noisyAccuracy = (sd: number): number => {
    let right = 0;
    for (let d = 0; d < levels.draws; d++) {
      // ε ~ N(0, I) by Box–Muller from the seeded generator (fast in plain JS).
      const z = new Float32Array(n * l);
      for (let i = 0; i < z.length; i++) z[i] = mu[i] + sd * randNormal(rng);
      right += scoreDecode(params, cfg, z, ids).tok;
    }
    return right / (levels.draws * ids.length);
  };
  const noise: Record<string, number> = {};
  for (const s of levels.sigmas) {
    noise[s] = noisyAccuracy(Number(s));
    log(`[eval-ae ${name}] σ=${s}: ${(noise[s] * 100).toFixed(3)}%`);
  }
  const noiseRelative: Record<string, number> = {};
  for (const r of levels.relative) {
    noiseRelative[r] = noisyAccuracy(Number(r) * latentRms);
    log(`[eval-ae ${name}] σ=${r}·rms: ${(noiseRelative[r] * 100).toFixed(3)}%`);
  }
  for (const v of params.values()) v.dispose();
  return {
    heldoutTokens: ids.length,
    parameters,
    metrics: {
      tokenAccuracy: clean.tok / ids.length, chunkAccuracy: clean.chunk / n, meanSigma, latentRms, noise, noiseRelative, byCorpus,
    },
  };
}
