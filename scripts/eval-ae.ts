/**
 * `npm run --silent eval:ae -- --json` — recompute the autoencoders' held-out metrics from
 * the committed weights. Prints one JSON object on one line of stdout; logs go to stderr.
 *   {"heldoutTokens": n, "robust": M, "plain": M}
 */
import { initTf } from './lib/tf-node.ts';
import { evaluateAutoencoder } from './lib/ae-eval.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { parseArgs, log } from './lib/args.ts';

const args = parseArgs(process.argv.slice(2));
await initTf('wasm');
const { tok } = loadTokenizer();
const t0 = performance.now();
const robust = evaluateAutoencoder('robust', tok.eosId);
const plain = evaluateAutoencoder('plain', tok.eosId);
const out = { heldoutTokens: robust.heldoutTokens, robust: robust.metrics, plain: plain.metrics };
log(`[eval-ae] done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
if (args.json === true) {
  process.stdout.write(JSON.stringify(out) + '\n');
} else {
  for (const name of ['robust', 'plain'] as const) {
    const m = out[name];
    log(`${name}: token acc ${(m.tokenAccuracy * 100).toFixed(3)}%, chunk acc ${(m.chunkAccuracy * 100).toFixed(3)}%, mean σ ${m.meanSigma.toFixed(3)}, latent rms ${m.latentRms.toFixed(3)}`);
    log(`  noise: ${Object.entries(m.noise).map(([s, a]) => `σ=${s} ${(a * 100).toFixed(2)}%`).join(', ')}`);
    log(`  relative: ${Object.entries(m.noiseRelative).map(([s, a]) => `${s}·rms ${(a * 100).toFixed(2)}%`).join(', ')}`);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
