/**
 * Node-only: the frozen autoencoder's posterior (μ and σ) of every chunk of a training stream,
 * computed once and cached on disk (keyed by the autoencoder's weights and the stream), so that a
 * CALM training step no longer runs the encoder (see docs/calm-ablation.md, throughput).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tf } from './tf-node.ts';
import { CACHE_DIR } from './token-data.ts';
import { sha256Of } from './manifest.ts';
import { encode, type AEConfig } from '../../src/model/autoencoder.ts';
import type { Params } from '../../src/model/params.ts';
import { log } from './args.ts';

export interface StreamPosterior {
  /** μ of chunk c at [c·l, (c+1)·l). */
  mu: Float32Array;
  /** σ of chunk c, or null for a non-variational autoencoder. */
  sigma: Float32Array | null;
  latent: number;
}

const BATCH = 4096;

/** μ, σ of every K-token chunk of `stream` (length a multiple of K), from the disk cache when it has them. */
export function streamPosterior(ae: { cfg: AEConfig; params: Params; key: string }, stream: Int32Array, label: string): StreamPosterior {
  const { cfg, params } = ae;
  const K = cfg.K;
  const l = cfg.latent;
  const n = stream.length / K;
  if (!Number.isInteger(n)) throw new Error(`posterior: stream length ${stream.length} is not a multiple of K=${K}`);
  const streamKey = sha256Of(new Uint8Array(stream.buffer, stream.byteOffset, stream.byteLength)).slice(0, 12);
  const file = path.join(CACHE_DIR, `posterior-${ae.key}-${streamKey}.bin`);
  const floats = n * l * (cfg.variational ? 2 : 1);
  if (existsSync(file)) {
    const buf = readFileSync(file);
    if (buf.byteLength === floats * 4) {
      const all = new Float32Array(buf.buffer, buf.byteOffset, floats);
      log(`[posterior] ${label}: ${n} chunks from ${path.basename(file)}`);
      return { mu: all.subarray(0, n * l), sigma: cfg.variational ? all.subarray(n * l) : null, latent: l };
    }
  }
  const t0 = performance.now();
  const all = new Float32Array(floats);
  const mu = all.subarray(0, n * l);
  const sigma = cfg.variational ? all.subarray(n * l) : null;
  for (let s = 0; s < n; s += BATCH) {
    const m = Math.min(BATCH, n - s);
    tf.tidy(() => {
      const post = encode(params, cfg, tf.tensor2d(stream.subarray(s * K, (s + m) * K), [m, K], 'int32'));
      mu.set(post.mu.dataSync(), s * l);
      if (sigma && post.logSigma) sigma.set(tf.exp(post.logSigma).dataSync(), s * l);
    });
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(file, new Uint8Array(all.buffer));
  log(`[posterior] ${label}: ${n} chunks encoded in ${((performance.now() - t0) / 1000).toFixed(1)} s, cached in ${path.basename(file)}`);
  return { mu, sigma, latent: l };
}

/** Copy the posteriors of chunks [c, c + count) into `out` at row offset `row`. */
export function gatherPosterior(src: Float32Array, latent: number, c: number, count: number, out: Float32Array, row: number): void {
  out.set(src.subarray(c * latent, (c + count) * latent), row * latent);
}
