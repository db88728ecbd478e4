/**
 * `npm run --silent eval:lm -- --json` — BrierLM of CALM, the discrete baseline and a unigram floor on
 * held-out text of each model set, from the committed weights. One JSON object on one line of stdout:
 *   {"contextTokens": c, "stories": S, "austen": S}
 *   S = {"positions": p, "calm": E, "baseline": E, "unigram": E}
 *   E = {"brierLM", "brier": [b1..b4], "stderr": [s1..s4], "paramsM", "flopsPerToken"} (+ CALM "repeatRate")
 *   S.fluency = {"heldout": F, "calmT1": F, "calmTHalf": F, "baselineT1": F, "baselineTHalf": F}
 *   F = {"samples", "words", "lexiconRate", "judgeCE", "distinct2", "tokens", "endOfText"} (+ calmTHalf "fallbackRate")
 * Fluency (src/model/fluency.ts, evalFluency in scripts/lib/lm-eval.ts): 32 held-out prompts (the first
 * sentence of a paragraph, cut at a real sentence end, 6–48 tokens, taken round-robin over the held-out
 * documents: fluencyPrompts), each continued for 64 tokens (seed deriveSeed(1000 + i, setting)) by CALM at
 * T = 1, CALM with the batch sampler at T = ½ (N = 200), the baseline's softmax at T = 1 and ½; scored with
 * the true continuations ("heldout"). lexiconRate: share of words in the training split; judgeCE: nats per
 * token under the set's baseline given the prompt; distinct2: distinct word bigrams / word bigrams.
 * Options: --set stories|austen (one set only), --samples N (CALM draws per position, default 100),
 * --stride-stories N / --stride-austen N (tokens between evaluated positions), --max N (positions cap),
 * --write-manifest (store the metrics in public/weights/manifest.json), --no-fluency (skip fluency),
 * --fluency-prompts N (default 32, at least 20 for the numbers), --fluency-tokens N (default 64,
 * a multiple of K), --no-brier (fluency only, for quick checks: the JSON then lacks the BrierLM keys and
 * the sample generations; not with --write-manifest).
 * --K 1,2,4 (the K dial) instead prints {"contextTokens": c, "stories": {"positions": p, "calmK": {"1": E, "2": E,
 * "4": E}}}: the stories CALM of each K (stories-calm-k1, stories-calm-k2, stories-calm) on the same held-out
 * positions, E as for `calm` plus "backboneFlopsPerToken" (backbone weights + attention per token) and
 * "flopParts"; a K < 4 CALM's 4-token samples are rolled out over 4/K steps (src/model/evaluate.ts). With
 * --write-manifest the K ≠ 4 CALMs get their manifest entries (loaded only by the Bandwidth panel).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { parseArgs, numArg, log } from './lib/args.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { loadAutoencoder } from './lib/ae-eval.ts';
import { readModelDir, assignParams } from './lib/model-files.ts';
import { WEIGHTS_DIR, updateManifest, fileEntry } from './lib/manifest.ts';
import {
  EVAL_CONTEXT, heldoutWindows, evalCalm, evalBaseline, evalUnigram, progressLogger,
  evalFluency, fluencyPrompts, trainingLexicon, FLUENCY_DEFAULTS, FLUENCY_SETTINGS, type FluencyRun,
} from './lib/lm-eval.ts';
import { BASELINE_FRAME, type FluencyScore } from '../src/model/fluency.ts';
import { initCalm, calmShapes, type CalmConfig } from '../src/model/calm.ts';
import type { AEConfig } from '../src/model/autoencoder.ts';
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
const fluencyOn = args['no-fluency'] !== true;
const brierOn = args['no-brier'] !== true;
const fluencyPromptCount = numArg(args, 'fluency-prompts', 32);
const fluencyTokens = numArg(args, 'fluency-tokens', FLUENCY_DEFAULTS.tokens);
if (!brierOn && args['write-manifest'] === true) throw new Error('--no-brier cannot be combined with --write-manifest');
if (!brierOn && !fluencyOn) throw new Error('--no-brier with --no-fluency leaves nothing to do');
if (!(Number.isInteger(fluencyPromptCount) && fluencyPromptCount >= 1)) throw new Error('--fluency-prompts expects a positive integer');
if (!(Number.isInteger(fluencyTokens) && fluencyTokens >= 4 && fluencyTokens % 4 === 0)) throw new Error('--fluency-tokens expects a positive multiple of K = 4');

await initTf('wasm');
const { tok } = loadTokenizer();

function loadLM<C>(name: string, shapes: (c: C) => Map<string, number[]>, init: (c: C) => Params): { cfg: C; params: Params; meta: Record<string, unknown> } {
  const dir = path.join(WEIGHTS_DIR, name);
  const { json, named } = readModelDir(dir, (c) => shapes(c as unknown as C), name);
  const cfg = json.config as unknown as C;
  const params = init(cfg);
  assignParams(params, named);
  return { cfg, params, meta: (json.meta ?? {}) as Record<string, unknown> };
}

/** The autoencoder a CALM was trained with (its model.json records it; older weights used ae-robust). */
function calmAutoencoder(meta: Record<string, unknown>): ReturnType<typeof loadAutoencoder> {
  const name = (meta.training as { autoencoder?: unknown } | undefined)?.autoencoder;
  return loadAutoencoder(typeof name === 'string' ? name : 'robust');
}

const round = (x: number, d = 6) => Number(x.toPrecision(d));
/** A fluency score for the JSON: rates rounded; NaN (no words, no bigrams) becomes null. */
function fluencyEntry(f: FluencyScore & { fallbackRate?: number }): Record<string, number | null> {
  const r = (x: number) => (Number.isFinite(x) ? round(x) : null);
  return {
    samples: f.samples, words: f.words, lexiconRate: r(f.lexiconRate), judgeCE: r(f.judgeCE), distinct2: r(f.distinct2),
    tokens: f.tokens, endOfText: f.endOfText, ...(f.fallbackRate !== undefined ? { fallbackRate: r(f.fallbackRate) } : {}),
  };
}

/** The fluency block of the stderr report: one row per setting, then the first two prompts' texts. */
function logFluency(set: string, run: FluencyRun, prompts: number, seconds: number): void {
  const label: Record<string, string> = {
    heldout: 'held-out text', calmT1: 'CALM T=1', calmTHalf: `CALM T=${FLUENCY_DEFAULTS.temperature} (batch N=${FLUENCY_DEFAULTS.batchSize})`,
    baselineT1: 'baseline T=1', baselineTHalf: `baseline T=${FLUENCY_DEFAULTS.temperature}`,
  };
  const fmt = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const lines = [
    `[eval-lm] ${set} fluency: ${prompts} held-out prompts × ${fluencyTokens} tokens, judge = ${set} baseline (${seconds.toFixed(0)}s; batch sampler ${run.steps} steps, ${run.draws} draws)`,
    `  ${'setting'.padEnd(30)} ${'samples'.padStart(7)} ${'words'.padStart(6)} ${'lexicon'.padStart(7)} ${'judgeCE'.padStart(7)} ${'distinct2'.padStart(9)} ${'eos'.padStart(4)} ${'fallback'.padStart(8)}`,
  ];
  for (const k of FLUENCY_SETTINGS) {
    const f = run.scores[k] as FluencyScore & { fallbackRate?: number };
    lines.push(`  ${label[k].padEnd(30)} ${String(f.samples).padStart(7)} ${String(f.words).padStart(6)} ${fmt(f.lexiconRate, 4).padStart(7)} ` +
      `${fmt(f.judgeCE, 3).padStart(7)} ${fmt(f.distinct2, 4).padStart(9)} ${String(f.endOfText).padStart(4)} ${(f.fallbackRate !== undefined ? fmt(f.fallbackRate, 3) : '').padStart(8)}`);
  }
  for (const ex of run.examples.slice(0, 3)) {
    lines.push(`  prompt: ${ex.prompt}`);
    for (const k of FLUENCY_SETTINGS) lines.push(`    ${label[k]}: ${JSON.stringify(ex.texts[k])}`);
  }
  log(lines.join('\n'));
}

function entry(s: BrierSummary, paramsM: number, flops: number, extra: Record<string, number> = {}) {
  return {
    brierLM: round(s.brierLM), brier: s.brier.map((b) => round(b)), stderr: s.stdErr.map((b) => round(b)),
    paramsM: round(paramsM, 4), flopsPerToken: Math.round(flops), ...extra,
  };
}

/** BrierLM of CALM, the baseline and the unigram floor on one set, and three plain generations (as before fluency). */
function brierAndSamples(
  set: CorpusName, calm: { cfg: CalmConfig; params: Params }, base: { cfg: BaselineConfig; params: Params },
  ae: { cfg: AEConfig; params: Params },
): { s: Record<string, unknown>; samplesOut: unknown[] } {
  const windows = heldoutWindows(set, tok.eosId, strides[set], maxPositions);
  log(`[eval-lm] ${set}: ${windows.length} held-out positions (stride ${strides[set]} tokens, context ${EVAL_CONTEXT})`);
  const t0 = performance.now();
  const calmRes = evalCalm(calm.params, calm.cfg, ae.params, ae.cfg, windows, samples, deriveSeed(7, `${set}-calm`), progressLogger(`${set} calm`, windows.length));
  const baseRes = evalBaseline(base.params, base.cfg, windows, deriveSeed(7, `${set}-baseline`), progressLogger(`${set} baseline`, windows.length));
  const uniRes = evalUnigram(set, tok.vocabSize, windows, deriveSeed(7, `${set}-unigram`));
  const s = {
    positions: windows.length,
    calm: entry(calmRes, calmParamCounts(calm.cfg).total / 1e6, calmFlopsPerToken(calm.cfg, ae.cfg, EVAL_CONTEXT).total, { repeatRate: round(calmRes.repeatRate) }),
    baseline: entry(baseRes, baselineParamCounts(base.cfg).total / 1e6, baselineFlopsPerToken(base.cfg, EVAL_CONTEXT).total),
    unigram: entry(uniRes, 0, 0),
  };
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
  return { s, samplesOut };
}

if (args.K !== undefined) {
  const Ks = String(args.K).split(',').map(Number);
  for (const K of Ks) if (![1, 2, 4].includes(K)) throw new Error(`--K: expected 1, 2 or 4, got ${K}`);
  process.stdout.write(JSON.stringify({ contextTokens: EVAL_CONTEXT, stories: evalByK(Ks) }) + '\n');
  process.exit(0);
}

/** The K dial: each K's stories CALM on the same held-out positions. */
function evalByK(Ks: number[]): Record<string, unknown> {
  const set: CorpusName = 'stories';
  const windows = heldoutWindows(set, tok.eosId, strides[set], maxPositions);
  log(`[eval-lm] K dial: ${windows.length} stories held-out positions, ${samples} samples each`);
  const calmK: Record<string, unknown> = {};
  for (const K of Ks) {
    const name = K === 4 ? 'stories-calm' : `stories-calm-k${K}`;
    if (!existsSync(path.join(WEIGHTS_DIR, name, 'model.json'))) {
      log(`[eval-lm] K=${K}: ${name} missing (npm run train:k); skipped`);
      calmK[String(K)] = null;
      continue;
    }
    const calm = loadLM<CalmConfig>(name, calmShapes, (c) => initCalm(c, new Mulberry32(0)));
    const ae = calmAutoencoder(calm.meta);
    const t0 = performance.now();
    const res = evalCalm(calm.params, calm.cfg, ae.params, ae.cfg, windows, samples, deriveSeed(7, `${set}-calm-k${K}`), progressLogger(`K=${K} calm`, windows.length));
    const f = calmFlopsPerToken(calm.cfg, ae.cfg, EVAL_CONTEXT);
    const e = entry(res, calmParamCounts(calm.cfg).total / 1e6, f.total, { repeatRate: round(res.repeatRate) });
    calmK[String(K)] = {
      ...e, backboneFlopsPerToken: Math.round(f.parts.backbone + f.parts.attention),
      flopParts: Object.fromEntries(Object.entries(f.parts).map(([k, v]) => [k, Math.round(v)])), autoencoder: path.basename(ae.dir),
    };
    log(`[eval-lm] K=${K} (${name}, ${path.basename(ae.dir)}) in ${((performance.now() - t0) / 1000).toFixed(0)}s: brier ${e.brier.join(' / ')} ± ${e.stderr.join(' / ')}, BrierLM ${e.brierLM}, ${e.flopsPerToken} FLOPs/token (backbone ${Math.round(f.parts.backbone + f.parts.attention)})`);
    if (args['write-manifest'] === true && K !== 4) {
      const { json } = readModelDir(path.join(WEIGHTS_DIR, name), undefined, name);
      updateManifest((m) => {
        m.models[name] = {
          kind: 'calm',
          description: `The K dial's CALM on stories with K = ${K} (${128 / K} chunk positions of ${K} tokens, over ${path.basename(ae.dir)}): loaded only by the Bandwidth panel`,
          config: json.config,
          files: [fileEntry(`${name}/model.json`), fileEntry(`${name}/weights.bin`)],
          training: json.meta?.training,
          metrics: { contextTokens: EVAL_CONTEXT, positions: windows.length, ...(calmK[String(K)] as object) },
        };
      });
    }
    for (const v of calm.params.values()) v.dispose();
    for (const v of ae.params.values()) v.dispose();
  }
  return { positions: windows.length, calmK };
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
  const calm = loadLM<CalmConfig>(calmName, calmShapes, (c) => initCalm(c, new Mulberry32(0)));
  const base = loadLM<BaselineConfig>(baseName, baselineShapes, (c) => initBaseline(c, new Mulberry32(0)));
  const ae = calmAutoencoder(calm.meta);
  const { s, samplesOut } = brierOn ? brierAndSamples(set, calm, base, ae) : { s: {} as Record<string, unknown>, samplesOut: [] };
  if (fluencyOn) {
    const t1 = performance.now();
    const split = splitCorpus(loadCorpus(set).documents);
    const lexicon = trainingLexicon(split.train);
    // Prompt length cap: CALM's context (eos chunk + prompt chunks + the generated chunks but the last)
    // and the baseline's (BASELINE_FRAME eos + prompt + generated tokens) must fit; at most 48 tokens.
    const K = calm.cfg.K;
    const calmRoom = (calm.cfg.backbone.maxLen - 1 - (fluencyTokens / K - 1)) * K;
    const baseRoom = base.cfg.backbone.maxLen - BASELINE_FRAME - fluencyTokens;
    const fp = fluencyPrompts(split.heldout, tok, fluencyPromptCount, fluencyTokens, Math.min(48, calmRoom, baseRoom));
    if (fp.length < fluencyPromptCount) log(`[eval-lm] ${set} fluency: only ${fp.length} usable held-out prompts (asked for ${fluencyPromptCount})`);
    log(`[eval-lm] ${set} fluency: ${fp.length} prompts from ${new Set(fp.map((p) => p.doc)).size} held-out documents, ${lexicon.size} training words; generating…`);
    let lastTick = performance.now();
    const tick = (done: number) => {
      if (performance.now() - lastTick < 10_000 && done < fp.length) return;
      lastTick = performance.now();
      log(`[eval-lm] ${set} fluency: ${done}/${fp.length} prompts, ${((lastTick - t1) / 1000).toFixed(0)}s`);
    };
    const run = await evalFluency(calm, ae, base, tok, fp, lexicon, { ...FLUENCY_DEFAULTS, tokens: fluencyTokens }, tick);
    s.fluency = Object.fromEntries(FLUENCY_SETTINGS.map((k) => [k, fluencyEntry(run.scores[k])]));
    logFluency(set, run, fp.length, (performance.now() - t1) / 1000);
  }
  out[set] = s;
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
          metrics: {
            contextTokens: EVAL_CONTEXT, positions: s.positions, ...(s[which] as object), unigram: s.unigram,
            ...(which === 'calm' && s.fluency ? { fluency: s.fluency } : {}),
          },
        };
      });
    }
  }
  for (const p of [calm.params, base.params]) for (const v of p.values()) v.dispose();
}
process.stdout.write(JSON.stringify(out) + '\n');
