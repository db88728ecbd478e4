/**
 * `npx tsx scripts/ablation-aes-report.ts` — the autoencoders the CALM ablation compares, measured on
 * `stories` held-out text (accuracy at z = μ and under Gaussian noise — σ = 0.3 and 1.0, and 1.0 × the
 * latent RMS, one draw each — learned σ), written into docs/calm-ablation.md between the `<!-- ae-table -->` markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { evaluateAutoencoder } from './lib/ae-eval.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { log } from './lib/args.ts';

const AES: [string, string][] = [
  ['robust', 'ae-robust (shipped): both corpora, β 0.001, clip 0.5, DropToken/DropLatent 0.15'],
  ['checkpoints/ae-out/ae-stories', 'stories only, β 0.001 (the robust recipe)'],
  ['checkpoints/ae-out/ae-stories-kl01', 'stories only, β 0.01'],
  ['checkpoints/ae-out/ae-stories-kl03', 'stories only, β 0.03'],
  ['checkpoints/ae-out/ae-stories-kl01-dl0', 'stories only, β 0.01, no DropLatent'],
];
/** Fewer noise levels than eval:ae (one draw each): what the comparison needs, in ≈ 1 minute per model. */
const LEVELS = { sigmas: ['0.3', '1.0'], relative: ['1.0'], draws: 1 };
await initTf('wasm');
const { tok } = loadTokenizer();
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const rows: string[] = [];
for (const [name, what] of AES) {
  if (name.includes('/') && !existsSync(path.join(REPO_ROOT, name, 'model.json'))) continue;
  const t0 = performance.now();
  const { metrics: m, heldoutTokens } = evaluateAutoencoder(name.includes('/') ? path.join(REPO_ROOT, name) : name, tok.eosId, 1234, ['stories'], LEVELS);
  rows.push(`| ${path.basename(name)} | ${what} | ${pct(m.tokenAccuracy)} | ${pct(m.noise['0.3'])} | ${pct(m.noise['1.0'])} | ${pct(m.noiseRelative['1.0'])} | ${m.meanSigma.toFixed(3)} | ${m.latentRms.toFixed(3)} |`);
  log(`[ae-report] ${name}: ${heldoutTokens} tokens in ${((performance.now() - t0) / 1000).toFixed(0)} s — ${rows[rows.length - 1]}`);
}
const table = `<!-- ae-table -->
| autoencoder | trained on, objective | token accuracy (z = μ) | σ = 0.3 | σ = 1.0 | σ = 1.0 × latent RMS | mean σ | latent RMS |
|---|---|---|---|---|---|---|---|
${rows.join('\n')}
<!-- /ae-table -->`;
const doc = path.join(REPO_ROOT, 'docs', 'calm-ablation.md');
const old = readFileSync(doc, 'utf8');
writeFileSync(doc, old.includes('<!-- ae-table -->') ? old.replace(/<!-- ae-table -->[\s\S]*<!-- \/ae-table -->/, table) : `${old}\n${table}\n`);
log('wrote the autoencoder table into docs/calm-ablation.md');
