/**
 * `npm run --silent eval:ae -- --json` — recompute the autoencoders' held-out metrics from the
 * committed weights (both models side by side, one core each). Prints one JSON object on one line
 * of stdout; logs go to stderr:
 *   {"heldoutTokens": n, "robust": M, "plain": M, "lmAutoencoder": {"stories": M', "austen": M'}}
 * (M' = M plus the autoencoder's name and held-out token count: the autoencoder each set's CALM was
 * trained with, measured on that set's held-out text)
 * --model NAME|DIR [--corpora stories] evaluates one model in this process ({"heldoutTokens", "metrics"});
 * --write-manifest also records the metrics in public/weights/manifest.json.
 * --K 1,2,4,8 (the K dial) instead prints {"byK": {"1": A, …}}: each K's autoencoder (ae-k1, ae-k2,
 * ae-robust, ae-k8) on the held-out text of both corpora, A = {params, tokenAccuracy, chunkAccuracy,
 * meanSigma, latentRms, noise: {"0.3", "1.0"}, noiseRelative: {"1.0"}, heldoutTokens}; with
 * --write-manifest, each K ≠ 4 gets its manifest entry (lazy: loaded by the Bandwidth panel only).
 */
import { initTf } from './lib/tf-node.ts';
import { evaluateAutoencoder, BANDWIDTH_LEVELS } from './lib/ae-eval.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { evaluateBoth, recordInManifest, evaluateBandwidth, recordBandwidth } from './lib/ae-finish.ts';
import { parseArgs, log } from './lib/args.ts';
import { CORPORA, type CorpusName } from '../src/corpus/corpus.ts';

const args = parseArgs(process.argv.slice(2));
const t0 = performance.now();
if (typeof args.model === 'string') {
  // One model in this process: a committed name (robust, plain, ae-stories, …) or a model folder;
  // --corpora stories[,austen] limits the held-out text (default both corpora).
  await initTf('wasm');
  const { tok } = loadTokenizer();
  const corpora = typeof args.corpora === 'string' ? (args.corpora.split(',') as CorpusName[]) : CORPORA;
  const levels = args['short-noise'] === true ? BANDWIDTH_LEVELS : undefined;
  process.stdout.write(JSON.stringify(evaluateAutoencoder(args.model, tok.eosId, 1234, corpora, levels)) + '\n');
} else if (args.K !== undefined) {
  const Ks = String(args.K).split(',').map(Number);
  for (const K of Ks) if (![1, 2, 4, 8].includes(K)) throw new Error(`--K: expected 1, 2, 4 or 8, got ${K}`);
  const byK = await evaluateBandwidth(Ks);
  for (const [K, a] of Object.entries(byK)) {
    log(`[eval-ae] K=${K}: ${a.params} parameters, token acc ${(a.tokenAccuracy * 100).toFixed(3)}%, σ=0.3 ${(a.noise['0.3'] * 100).toFixed(3)}%, σ=1 ${(a.noise['1.0'] * 100).toFixed(2)}%, 1·rms ${(a.noiseRelative['1.0'] * 100).toFixed(2)}%`);
  }
  log(`[eval-ae] done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  if (args['write-manifest'] === true) recordBandwidth(byK);
  process.stdout.write(JSON.stringify({ byK }) + '\n');
} else {
  const out = await evaluateBoth();
  log(`[eval-ae] done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  for (const name of ['robust', 'plain'] as const) {
    const m = out[name];
    log(`${name}: token acc ${(m.tokenAccuracy * 100).toFixed(3)}%, chunk acc ${(m.chunkAccuracy * 100).toFixed(3)}%, mean σ ${m.meanSigma.toFixed(3)}, latent rms ${m.latentRms.toFixed(3)}`);
    log(`  noise: ${Object.entries(m.noise).map(([s, a]) => `σ=${s} ${(a * 100).toFixed(2)}%`).join(', ')}`);
    log(`  relative: ${Object.entries(m.noiseRelative).map(([s, a]) => `${s}·rms ${(a * 100).toFixed(2)}%`).join(', ')}`);
  }
  for (const [set, m] of Object.entries(out.lmAutoencoder)) {
    if (!m) continue;
    log(`${set} CALM's autoencoder ${m.name} on ${set} held-out text: token acc ${(m.tokenAccuracy * 100).toFixed(3)}%, σ=0.3 ${(m.noise['0.3'] * 100).toFixed(3)}%, mean σ ${m.meanSigma.toFixed(3)}, latent rms ${m.latentRms.toFixed(3)}`);
  }
  if (args['write-manifest'] === true) recordInManifest(out);
  process.stdout.write(JSON.stringify(out) + '\n');
}
