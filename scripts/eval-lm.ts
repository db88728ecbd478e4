/**
 * `npm run --silent eval:lm -- --json` — BrierLM of CALM, the discrete baseline and a unigram floor on
 * held-out text of each model set, from the committed weights. One JSON object on one line of stdout:
 *   {"contextTokens": c, "stories": S, "austen": S}
 *   S = {"positions": p, "calm": E, "baseline": E, "unigram": E}
 *   E = {"brierLM", "brier": [b1..b4], "stderr": [s1..s4], "paramsM", "flopsPerToken"} (+ CALM "repeatRate")
 * Options: --set stories|austen (one set only), --samples N (CALM draws per position, default 100),
 * --stride-stories N / --stride-austen N (tokens between evaluated positions), --max N (positions cap),
 * --write-manifest (store the metrics in public/weights/manifest.json).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { parseArgs, numArg, log } from './lib/args.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { loadAutoencoder } from './lib/ae-eval.ts';
import { readModelDir, assignParams } from './lib/model-files.ts';
import { WEIGHTS_DIR, updateManifest, fileEntry } from './lib/manifest.ts';
import { EVAL_CONTEXT, heldoutWindows, evalCalm, evalBaseline, evalUnigram, progressLogger } from './lib/lm-eval.ts';
import { initCalm, calmShapes, type CalmConfig } from '../src/model/calm.ts';
import { initBaseline, baselineShapes, type BaselineConfig } from '../src/model/baseline.ts';
import { calmFlopsPerToken, baselineFlopsPerToken, calmParamCounts, baselineParamCounts } from '../src/model/flops.ts';
import { Mulberry32, deriveSeed } from '../src/model/random.ts';
import type { BrierSummary } from '../src/model/brier.ts';
import type { CorpusName } from '../src/corpus/corpus.ts';
import type { Params } from '../src/model/params.ts';
import { generateCalm, generateBaseline } from '../src/model/generate.ts';
import { splitCorpus } from '../src/corpus/corpus.ts';
import { firstSentence } from '../src/corpus/sentences.ts';
import { loadCorpus } from '../src/corpus/load-node.ts';

const args = parseArgs(process.argv.slice(2));
const sets: CorpusName[] = typeof args.set === 'string' ? [args.set as CorpusName] : ['stories', 'austen'];
const samples = numArg(args, 'samples', 100);
const maxPositions = numArg(args, 'max', Infinity);
const strides: Record<CorpusName, number> = { stories: numArg(args, 'stride-stories', 64), austen: numArg(args, 'stride-austen', 16) };

await initTf('wasm');
const { tok } = loadTokenizer();
const ae = loadAutoencoder('robust');

function loadLM<C>(name: string, shapes: (c: C) => Map<string, number[]>, init: (c: C) => Params): { cfg: C; params: Params } {
  const dir = path.join(WEIGHTS_DIR, name);
  const { json, named } = readModelDir(dir, (c) => shapes(c as unknown as C), name);
  const cfg = json.config as unknown as C;
  const params = init(cfg);
  assignParams(params, named);
  return { cfg, params };
}

const round = (x: number, d = 6) => Number(x.toPrecision(d));
function entry(s: BrierSummary, paramsM: number, flops: number, extra: Record<string, number> = {}) {
  return {
    brierLM: round(s.brierLM), brier: s.brier.map((b) => round(b)), stderr: s.stdErr.map((b) => round(b)),
    paramsM: round(paramsM, 4), flopsPerToken: Math.round(flops), ...extra,
  };
}

const out: Record<string, unknown> = { contextTokens: EVAL_CONTEXT };
for (const set of sets) {
  const calmName = `${set}-calm`;
  const baseName = `${set}-baseline`;
  if (!existsSync(path.join(WEIGHTS_DIR, calmName, 'model.json')) || !existsSync(path.join(WEIGHTS_DIR, baseName, 'model.json'))) {
    log(`[eval-lm] ${set}: models missing in public/weights (train them with npm run train:calm / train:baseline -- --set ${set}); skipped`);
    out[set] = null;
    continue;
  }
  const windows = heldoutWindows(set, tok.eosId, strides[set], maxPositions);
  log(`[eval-lm] ${set}: ${windows.length} held-out positions (stride ${strides[set]} tokens, context ${EVAL_CONTEXT})`);
  const t0 = performance.now();
  const calm = loadLM<CalmConfig>(calmName, calmShapes, (c) => initCalm(c, new Mulberry32(0)));
  const calmRes = evalCalm(calm.params, calm.cfg, ae.params, ae.cfg, windows, samples, deriveSeed(7, `${set}-calm`), progressLogger(`${set} calm`, windows.length));
  const base = loadLM<BaselineConfig>(baseName, baselineShapes, (c) => initBaseline(c, new Mulberry32(0)));
  const baseRes = evalBaseline(base.params, base.cfg, windows, deriveSeed(7, `${set}-baseline`), progressLogger(`${set} baseline`, windows.length));
  const uniRes = evalUnigram(set, tok.vocabSize, windows, deriveSeed(7, `${set}-unigram`));
  const s = {
    positions: windows.length,
    calm: entry(calmRes, calmParamCounts(calm.cfg).total / 1e6, calmFlopsPerToken(calm.cfg, ae.cfg, EVAL_CONTEXT).total, { repeatRate: round(calmRes.repeatRate) }),
    baseline: entry(baseRes, baselineParamCounts(base.cfg).total / 1e6, baselineFlopsPerToken(base.cfg, EVAL_CONTEXT).total),
    unigram: entry(uniRes, 0, 0),
  };
  out[set] = s;
  log(`[eval-lm] ${set} done in ${((performance.now() - t0) / 1000).toFixed(0)}s: CALM brier ${s.calm.brier.join(' / ')} (BrierLM ${s.calm.brierLM}, repeatRate ${round(calmRes.repeatRate)}); baseline ${s.baseline.brier.join(' / ')} (BrierLM ${s.baseline.brierLM}); unigram ${s.unigram.brier.join(' / ')}`);
  // Generations from held-out prompts (the first sentence of held-out documents), plain sampling, seeded.
  const prompts = splitCorpus(loadCorpus(set).documents).heldout.slice(0, 3).map((d) => firstSentence(d.text, 160) + ' ');
  const samplesOut = prompts.map((prompt, i) => {
    const ids = tok.encode(prompt.trimEnd());
    const c = generateCalm(calm.params, calm.cfg, ae.params, ae.cfg, ids, 64, tok.eosId, new Mulberry32(deriveSeed(100 + i, 'calm')));
    const b = generateBaseline(base.params, base.cfg, ids, 64, tok.eosId, new Mulberry32(deriveSeed(100 + i, 'baseline')));
    return { prompt: prompt.trimEnd(), calm: tok.decode(c.ids), calmSteps: c.steps, baseline: tok.decode(b.ids), baselineSteps: b.steps };
  });
  for (const g of samplesOut) log(`[eval-lm] ${set} prompt: ${g.prompt}\n  CALM (${g.calmSteps} steps): ${g.calm}\n  baseline (${g.baselineSteps} steps): ${g.baseline}`);
  if (args['write-manifest'] === true) {
    updateManifest((m) => {
      m.samples = { ...(m.samples as Record<string, unknown> | undefined), [set]: { seed: 'deriveSeed(100 + i, model)', maxTokens: 64, sampler: 'plain (T = 1)', generations: samplesOut } };
    });
    for (const [name, which] of [[calmName, 'calm'], [baseName, 'baseline']] as const) {
      const { json } = readModelDir(path.join(WEIGHTS_DIR, name), undefined, name);
      updateManifest((m) => {
        m.models[name] = {
          kind: which === 'calm' ? 'calm' : 'baseline',
          description: which === 'calm'
            ? `CALM language model on ${set}: input module, Llama-style backbone over chunk positions, energy head (CALM.md §2)`
            : `Discrete baseline on ${set}: the same kind of backbone over tokens, untied softmax head`,
          config: json.config,
          files: [fileEntry(`${name}/model.json`), fileEntry(`${name}/weights.bin`)],
          training: json.meta?.training,
          metrics: { contextTokens: EVAL_CONTEXT, positions: s.positions, ...s[which], unigram: s.unigram },
        };
      });
    }
  }
  for (const p of [calm.params, base.params]) for (const v of p.values()) v.dispose();
}
process.stdout.write(JSON.stringify(out) + '\n');
