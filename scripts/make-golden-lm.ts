/**
 * `npm run golden:lm` — golden fixtures for the language models: for each set, a fixed prompt →
 * CALM's last hidden state, a head sample for fixed noise, its decoded chunk, and the baseline's top
 * next-token logits, computed in Node from the committed weights (e2e/fixtures/lm-golden.json).
 * The browser tests check the engine against them; tests/golden-lm.test.ts recomputes them in Node.
 */
import { lmAutoencoderName } from '../src/engine/models.ts';
import type { WeightsManifest } from '../src/engine/manifest.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { readManifest } from './lib/manifest.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { probeLM, type LMProbe } from '../src/model/probe.ts';
import { loadNodeModels } from '../tests/helpers/node-models.ts';
import { disposeModels } from '../src/engine/models.ts';
import { log } from './lib/args.ts';

export const LM_GOLDEN_PROMPTS: Record<'stories' | 'austen', string> = {
  stories: 'Once upon a time, there was a little dog named Max.',
  austen: 'It was a fine morning, and Elizabeth walked',
};
export const LM_GOLDEN_NOISE_SEED = 20261130;

export function lmGoldenPath(): string {
  return path.join(REPO_ROOT, 'e2e', 'fixtures', 'lm-golden.json');
}

export function lmWeightHashes(): Record<string, string> {
  const m = readManifest();
  const out: Record<string, string> = {};
  // The language models and every autoencoder their CALMs decode with (ae-robust, or a set's own).
  const aes = new Set(['ae-robust', ...(['stories', 'austen'] as const).map((s) => lmAutoencoderName(m as unknown as WeightsManifest, s))]);
  for (const name of ['stories-calm', 'stories-baseline', 'austen-calm', 'austen-baseline', ...aes]) {
    for (const f of m.models[name]?.files ?? []) out[f.path] = f.sha256;
  }
  return out;
}

export async function computeLMGolden() {
  const models = await loadNodeModels(['stories', 'austen']);
  try {
    const sets: Record<string, { prompt: string; promptIds: number[]; probe: LMProbe }> = {};
    for (const set of ['stories', 'austen'] as const) {
      const s = models.sets[set]!;
      const prompt = LM_GOLDEN_PROMPTS[set];
      const promptIds = models.tokenizer.encode(prompt);
      // The fixture holds the general path's numbers (no prepared models passed); tests compare the prepared path to it.
      const general = { calm: { params: s.calm.params, cfg: s.calm.cfg }, baseline: { params: s.baseline.params, cfg: s.baseline.cfg }, ae: { params: s.ae.params, cfg: s.ae.cfg } };
      sets[set] = { prompt, promptIds, probe: await probeLM(general, promptIds, models.tokenizer.eosId, LM_GOLDEN_NOISE_SEED) };
    }
    return { weights: lmWeightHashes(), noiseSeed: LM_GOLDEN_NOISE_SEED, sets };
  } finally {
    disposeModels(models);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(REPO_ROOT, 'scripts', 'make-golden-lm.ts')) {
  await initTf('wasm');
  const g = await computeLMGolden();
  writeFileSync(lmGoldenPath(), JSON.stringify(g) + '\n');
  log(`wrote ${path.relative(REPO_ROOT, lmGoldenPath())}`);
}
