/**
 * `npm run golden` — golden fixtures for cross-checking the browser against Node:
 * a few held-out chunks → μ, log σ, decoded ids (at z = μ and at z = μ + 0.3·ε for a stored ε),
 * computed in Node from the committed weights. Written to e2e/fixtures/ae-golden.json.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf, tf } from './lib/tf-node.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { loadAutoencoder } from './lib/ae-eval.ts';
import { readManifest } from './lib/manifest.ts';
import { encode, decodeIds } from '../src/model/autoencoder.ts';
import { rightPadToChunks } from '../src/model/chunking.ts';
import { makeRng, randNormal } from '../src/model/random.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { log } from './lib/args.ts';

export const GOLDEN_TEXTS = [
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.',
  'Once upon a time, a little girl named Lily found a red ball in the park.',
  'The GPU crashed during the video call 🙃',
];

/** SHA-256 of each autoencoder's files as listed in the manifest (what the fixtures were computed from). */
export function aeWeightHashes(): Record<string, string> {
  const m = readManifest();
  const out: Record<string, string> = {};
  for (const name of ['ae-robust', 'ae-plain']) for (const f of m.models[name]?.files ?? []) out[f.path] = f.sha256;
  return out;
}

export function goldenPath(): string {
  return path.join(REPO_ROOT, 'e2e', 'fixtures', 'ae-golden.json');
}

export function computeGolden(texts: string[] = GOLDEN_TEXTS) {
  const { tok, sha } = loadTokenizer();
  const rng = makeRng(20261128);
  const models: Record<string, unknown> = {};
  const cases = texts.map((text) => {
    const ids = tok.encode(text);
    return { text, ids, chunks: Array.from(rightPadToChunks(ids, 4, tok.eosId).ids) };
  });
  for (const name of ['robust', 'plain'] as const) {
    const { cfg, params } = loadAutoencoder(name);
    models[name] = cases.map((c) => {
      const n = c.chunks.length / cfg.K;
      const eps = Array.from({ length: n * cfg.latent }, () => randNormal(rng));
      const out = tf.tidy(() => {
        const post = encode(params, cfg, tf.tensor2d(c.chunks, [n, cfg.K], 'int32'));
        const noisy = tf.add(post.mu, tf.mul(0.3, tf.tensor2d(eps, [n, cfg.latent]))) as tf.Tensor2D;
        return [post.mu, post.logSigma ?? tf.zeros([0]), decodeIds(params, cfg, post.mu), decodeIds(params, cfg, noisy)];
      });
      const [mu, logSigma, decoded, decodedNoisy03] = out.map((t) => Array.from(t.dataSync()));
      tf.dispose(out);
      return { mu, logSigma: cfg.variational ? logSigma : null, decoded, eps, decodedNoisy03 };
    });
    for (const v of params.values()) v.dispose();
  }
  return { weights: aeWeightHashes(), tokenizerSha256: sha, noiseSigma: 0.3, cases, models };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'scripts', 'make-golden.ts')) {
  await initTf('wasm');
  const g = computeGolden();
  writeFileSync(goldenPath(), JSON.stringify(g) + '\n');
  log(`wrote ${path.relative(REPO_ROOT, goldenPath())} (${g.cases.length} texts)`);
}
