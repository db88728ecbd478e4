/**
 * `npx tsx scripts/ablation-fluency.ts TAG [TAG …]` — fluency of finished ablation runs
 * (checkpoints/sweep/<tag>/final): CALM at T = 1 and with the batch sampler at T = ½, N = 200, on the
 * same 20 held-out `stories` prompts × 64 tokens that `eval:lm` uses (src/model/fluency.ts), judged by
 * the shipped stories baseline. Adds `fluency` to each run's result.json (skips runs that have it).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { loadAutoencoder } from './lib/ae-eval.ts';
import { readModelDir, assignParams } from './lib/model-files.ts';
import { WEIGHTS_DIR } from './lib/manifest.ts';
import { evalFluency, fluencyPrompts, trainingLexicon, FLUENCY_DEFAULTS } from './lib/lm-eval.ts';
import { initCalm, calmShapes, type CalmConfig } from '../src/model/calm.ts';
import { initBaseline, baselineShapes, type BaselineConfig } from '../src/model/baseline.ts';
import { BASELINE_FRAME } from '../src/model/fluency.ts';
import { Mulberry32 } from '../src/model/random.ts';
import { splitCorpus } from '../src/corpus/corpus.ts';
import { loadCorpus, REPO_ROOT } from '../src/corpus/load-node.ts';
import { log } from './lib/args.ts';

await initTf('wasm');
const { tok } = loadTokenizer();
const split = splitCorpus(loadCorpus('stories').documents);
const lexicon = trainingLexicon(split.train);
const bj = readModelDir(path.join(WEIGHTS_DIR, 'stories-baseline'), (c) => baselineShapes(c as unknown as BaselineConfig));
const baseCfg = bj.json.config as unknown as BaselineConfig;
const base = { cfg: baseCfg, params: initBaseline(baseCfg, new Mulberry32(0)) };
assignParams(base.params, bj.named);
const tokens = FLUENCY_DEFAULTS.tokens;
for (const tag of process.argv.slice(2)) {
  const dir = path.join(REPO_ROOT, 'checkpoints', 'sweep', tag);
  const resFile = path.join(dir, 'result.json');
  if (!existsSync(resFile)) continue;
  const res = JSON.parse(readFileSync(resFile, 'utf8'));
  if (res.fluency) continue;
  const { json, named } = readModelDir(path.join(dir, 'final'), (c) => calmShapes(c as unknown as CalmConfig));
  const cfg = json.config as unknown as CalmConfig;
  const calm = { cfg, params: initCalm(cfg, new Mulberry32(0)) };
  assignParams(calm.params, named);
  // The run's autoencoder: an ablation one (checkpoints/ae-out/<name>) or a committed one.
  const aeName = String(res.ae ?? 'ae-robust');
  const aeOut = path.join(REPO_ROOT, 'checkpoints', 'ae-out', aeName);
  const ae = loadAutoencoder(existsSync(aeOut) ? aeOut : aeName);
  const room = Math.min(48, (cfg.backbone.maxLen - 1 - (tokens / cfg.K - 1)) * cfg.K, baseCfg.backbone.maxLen - BASELINE_FRAME - tokens);
  const prompts = fluencyPrompts(split.heldout, tok, 20, tokens, room);
  const t0 = performance.now();
  const run = await evalFluency(calm, ae, base, tok, prompts, lexicon, FLUENCY_DEFAULTS);
  const pick = (k: 'heldout' | 'calmT1' | 'calmTHalf') => run.scores[k];
  res.fluency = { heldout: pick('heldout'), calmT1: pick('calmT1'), calmTHalf: pick('calmTHalf'), examples: run.examples.slice(0, 3).map((e) => ({ prompt: e.prompt, calmT1: e.texts.calmT1, calmTHalf: e.texts.calmTHalf })) };
  writeFileSync(resFile, JSON.stringify(res) + '\n');
  log(`[ablation-fluency] ${tag} (${ae.dir.split('/').pop()}) in ${((performance.now() - t0) / 1000).toFixed(0)} s: T=1 lexicon ${pick('calmT1').lexiconRate.toFixed(3)}, T=½ lexicon ${pick('calmTHalf').lexiconRate.toFixed(3)} judgeCE ${pick('calmTHalf').judgeCE.toFixed(2)} (held-out ${pick('heldout').judgeCE.toFixed(2)}) distinct2 ${pick('calmTHalf').distinct2.toFixed(2)} fallback ${run.scores.calmTHalf.fallbackRate.toFixed(2)}`);
  for (const v of calm.params.values()) v.dispose();
  for (const v of ae.params.values()) v.dispose();
}
