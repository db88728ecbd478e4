/**
 * `npm run --silent eval:ae -- --json` — recompute the autoencoders' held-out metrics from the
 * committed weights (both models side by side, one core each). Prints one JSON object on one line
 * of stdout; logs go to stderr:
 *   {"heldoutTokens": n, "robust": M, "plain": M}
 * --model robust|plain evaluates one model in this process ({"heldoutTokens", "metrics"});
 * --write-manifest also records the metrics in public/weights/manifest.json.
 */
import { initTf } from './lib/tf-node.ts';
import { evaluateAutoencoder } from './lib/ae-eval.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { evaluateBoth, recordInManifest } from './lib/ae-finish.ts';
import { parseArgs, log } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2));
const t0 = performance.now();
if (args.model === 'robust' || args.model === 'plain') {
  await initTf('wasm');
  const { tok } = loadTokenizer();
  process.stdout.write(JSON.stringify(evaluateAutoencoder(args.model, tok.eosId)) + '\n');
} else {
  const out = await evaluateBoth();
  log(`[eval-ae] done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
  for (const name of ['robust', 'plain'] as const) {
    const m = out[name];
    log(`${name}: token acc ${(m.tokenAccuracy * 100).toFixed(3)}%, chunk acc ${(m.chunkAccuracy * 100).toFixed(3)}%, mean σ ${m.meanSigma.toFixed(3)}, latent rms ${m.latentRms.toFixed(3)}`);
    log(`  noise: ${Object.entries(m.noise).map(([s, a]) => `σ=${s} ${(a * 100).toFixed(2)}%`).join(', ')}`);
    log(`  relative: ${Object.entries(m.noiseRelative).map(([s, a]) => `${s}·rms ${(a * 100).toFixed(2)}%`).join(', ')}`);
  }
  if (args['write-manifest'] === true) recordInManifest(out);
  process.stdout.write(JSON.stringify(out) + '\n');
}
