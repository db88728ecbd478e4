/**
 * `npm run train:calm -- --set stories|austen` and `npm run train:baseline -- --set …` — train a CALM
 * language model (energy head over the frozen robust autoencoder's latents) or its discrete twin on
 * the training part of one corpus, for a fixed WALL-TIME budget (equal compute for both models of a
 * set, as the paper compares them), on one core (TF.js WASM).
 *
 *   --arch calm|baseline    (set by the npm script)
 *   --set stories|austen    (default stories)
 *   --minutes M             wall-time budget (default 40); the LR decays over this budget
 *   --batch B --lr X --seed S --warmup N
 *   --micro N               split each batch into N micro-batches (gradient accumulation: the same step with
 *                           less memory; default 1, 4 for a K = 1 CALM, whose activations outgrow WASM's heap)
 *   --d --layers --heads --ffn                backbone
 *   --head-width --head-blocks --noise-dim --samples --targets   (CALM only)
 *   --context T             context in tokens (default 128; CALM: T/K chunk positions)
 *   --tag NAME              a sweep run: writes to checkpoints/sweep/NAME/ only (not public/weights),
 *                           then scores it on held-out text (result.json: Brier-1…4, repeat rate,
 *                           Brier-1 by prompt length mod K)
 *   --ae NAME|DIR           CALM's frozen autoencoder (default public/weights/ae-<set> where it exists,
 *                           else ae-robust)
 *   --pad-docs 1|0          random left padding 0…K−1 eos per document, drawn once (default 1)
 *   --target-noise shared|independent   CALM target ε: one [M,l] per step (default) or per position
 *   --cache-posterior 1|0   CALM: the frozen AE's μ, σ of every training chunk computed once (default 1)
 *   --eval-every MIN        held-out Brier-1 on 512 fixed windows every MIN minutes of training (default
 *                           5; 0 = off), recorded in the history with training FLOPs; excluded from the
 *                           wall time, as is the held-out loss
 *   --fresh, --ckpt DIR, --out DIR, --stop-after N (checkpoint and exit after N steps)
 * Progress on stderr: step, loss, held-out loss, lr, tokens/s, ETA. Checkpoints every 100 steps in
 * checkpoints/<set>-<arch>/ (or the tag's folder); a rerun resumes from the last one.
 */
import { existsSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { initTf, tf } from './lib/tf-node.ts';
import { parseArgs, numArg, log, fmtDuration } from './lib/args.ts';
import { loadTokenizer, corpusChunks } from './lib/token-data.ts';
import { writeModelDir, readModelDir, paramsToNamed, assignParams } from './lib/model-files.ts';
import { WEIGHTS_DIR } from './lib/manifest.ts';
import { loadAutoencoder } from './lib/ae-eval.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import type { CorpusName } from '../src/corpus/corpus.ts';
import { AdamW, warmupCosineLr, type AdamWConfig } from '../src/model/optim.ts';
import { countParams, type Params } from '../src/model/params.ts';
import { Mulberry32, randInt, deriveSeed, type Rng } from '../src/model/random.ts';
import { initCalm, calmLoss, calmLossFromPosterior, makeCalmNoise, calmNoDecay, type CalmConfig } from '../src/model/calm.ts';
import { streamPosterior, gatherPosterior, type StreamPosterior } from './lib/posterior-cache.ts';
import { heldoutWindows, evalCalm, evalBaseline, promptWindowsByResidue } from './lib/lm-eval.ts';
import { calmTrainFlopsPerToken, baselineTrainFlopsPerToken } from '../src/model/flops.ts';
import { initBaseline, baselineLoss, baselineNoDecay, type BaselineConfig } from '../src/model/baseline.ts';
import type { TransformerConfig } from '../src/model/transformer.ts';

const args = parseArgs(process.argv.slice(2));
const arch = String(args.arch ?? '');
if (arch !== 'calm' && arch !== 'baseline') throw new Error('--arch must be calm or baseline');
const set = String(args.set ?? 'stories') as CorpusName;
if (set !== 'stories' && set !== 'austen') throw new Error('--set must be stories or austen');
const minutes = numArg(args, 'minutes', 40);
const seed = numArg(args, 'seed', 1);
const contextTokens = numArg(args, 'context', 128);
const tag = typeof args.tag === 'string' ? args.tag : null;
const stopAfter = numArg(args, 'stop-after', Infinity);
// Default: the set's own autoencoder (npm run train:ae-lm) where it exists, else the shared robust one.
const aeName = String(args.ae ?? (existsSync(path.join(WEIGHTS_DIR, `ae-${set}`, 'model.json')) ? `ae-${set}` : 'robust'));
/** CALM's K is its autoencoder's (the K dial: --ae ae-k1 trains a K = 1 CALM); the baseline frames documents in 4s. */
const K = arch === 'calm' ? autoencoderK(aeName) : 4;
const padDocs = numArg(args, 'pad-docs', 1) !== 0;
const cachePosterior = numArg(args, 'cache-posterior', 1) !== 0;
const targetNoise = String(args['target-noise'] ?? 'shared') as 'shared' | 'independent';
if (targetNoise !== 'shared' && targetNoise !== 'independent') throw new Error('--target-noise must be shared or independent');
const evalEvery = numArg(args, 'eval-every', 5) * 60;

function autoencoderK(name: string): number {
  const dir = name.includes('/') ? path.resolve(name) : path.join(WEIGHTS_DIR, name.startsWith('ae-') ? name : `ae-${name}`);
  return (JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as { config: { K: number } }).config.K;
}

/** Our default sizes (documented in the README; chosen from the sweep and step benchmarks). */
function defaults(): { backbone: TransformerConfig; batch: number; lr: number } {
  // d 128 × 4 layers keeps the backbone above the 4,096-way vocabulary projection per token while
  // fitting the budget on one core (scripts/bench-lm-step.ts; the recipe: docs/calm-ablation.md).
  const d = 128;
  const maxLen = arch === 'calm' ? contextTokens / K : contextTokens;
  return { backbone: { d, layers: 4, heads: 4, ffn: 344, maxLen }, batch: 32, lr: arch === 'calm' ? 3e-3 : 2e-3 };
}

const dflt = defaults();
const backbone: TransformerConfig = {
  d: numArg(args, 'd', dflt.backbone.d),
  layers: numArg(args, 'layers', dflt.backbone.layers),
  heads: numArg(args, 'heads', dflt.backbone.heads),
  ffn: numArg(args, 'ffn', dflt.backbone.ffn),
  ropeTheta: 10000,
  maxLen: dflt.backbone.maxLen,
};
const batch = numArg(args, 'batch', dflt.batch);
/** Micro-batches per step (gradient accumulation; default 1, the K = 1 CALM 4: see batchGrads). */
const micro = numArg(args, 'micro', arch === 'calm' && K === 1 ? 4 : 1);
if (!(Number.isInteger(micro) && micro >= 1 && batch % micro === 0)) throw new Error(`--micro must divide the batch (${batch}), got ${micro}`);
const peakLr = numArg(args, 'lr', dflt.lr);
const name = `${set}-${arch}${K === 4 ? '' : `-k${K}`}`;
const ckptDir = tag
  ? path.join(REPO_ROOT, 'checkpoints', 'sweep', tag)
  : path.join(typeof args.ckpt === 'string' ? path.resolve(args.ckpt) : path.join(REPO_ROOT, 'checkpoints'), name);
const outDir = tag ? path.join(ckptDir, 'final') : path.join(typeof args.out === 'string' ? path.resolve(args.out) : WEIGHTS_DIR, name);

await initTf('wasm');
const { tok } = loadTokenizer();
const V = tok.vocabSize;

// All documents of the set, framed (eos chunk first) and concatenated.
const stream = corpusChunks(set, 'train', K, tok.eosId, false, padDocs);
const heldout = corpusChunks(set, 'heldout', K, tok.eosId);
/** Tokens per training row: CALM needs context/K + 1 chunks; the baseline context + 1 tokens. */
const rowLen = arch === 'calm' ? contextTokens + K : contextTokens + 1;

/** Fill a batch with windows starting at chunk-aligned positions of `src`; `chunkStarts` gets each row's first chunk. */
function fillBatch(src: Int32Array, rng: Rng, out: Int32Array, rows: number, chunkStarts?: Int32Array): void {
  const starts = Math.floor((src.length - rowLen) / K);
  for (let b = 0; b < rows; b++) {
    const c = randInt(rng, starts);
    const s = c * K;
    out.set(src.subarray(s, s + rowLen), b * rowLen);
    if (chunkStarts) chunkStarts[b] = c;
  }
}

let calmCfg: CalmConfig | null = null;
let baseCfg: BaselineConfig | null = null;
let params: Params;
let ae: ReturnType<typeof loadAutoencoder> | null = null;
if (arch === 'calm') {
  ae = loadAutoencoder(aeName);
  calmCfg = {
    K, vocabSize: V, latent: ae.cfg.latent, backbone,
    head: {
      width: numArg(args, 'head-width', backbone.d),
      blocks: numArg(args, 'head-blocks', Math.max(1, Math.floor(backbone.layers / 4))),
      noiseDim: numArg(args, 'noise-dim', 64),
    },
    samples: numArg(args, 'samples', 8),
    targets: numArg(args, 'targets', 100),
    targetNoise,
  };
  params = initCalm(calmCfg, new Mulberry32(deriveSeed(seed, `${name}-init`)));
} else {
  baseCfg = { vocabSize: V, backbone };
  params = initBaseline(baseCfg, new Mulberry32(deriveSeed(seed, `${name}-init`)));
}
const config = (calmCfg ?? baseCfg) as unknown as Record<string, unknown>;
const nameOf = new Map<string, string>();
for (const [n, v] of params) nameOf.set(v.name, n);
const optCfg: AdamWConfig = {
  lr: peakLr, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, clipNorm: 1.0,
  warmupSteps: numArg(args, 'warmup', 100), totalSteps: 1, minLrFraction: 0.1,
  noDecay: arch === 'calm' ? calmNoDecay : baselineNoDecay,
};
const opt = new AdamW(optCfg, params);
let rng = new Mulberry32(deriveSeed(seed, `${name}-batches`));
type Hist = {
  step: number; seconds: number; loss: number; heldoutLoss: number; tokens: number;
  trainFlops?: number; brier1?: number; brier1Stderr?: number;
};
let history: Hist[] = [];
let elapsedBefore = 0;
let tokensSeen = 0;
if (args.fresh === true && existsSync(ckptDir)) rmSync(ckptDir, { recursive: true });
if (existsSync(path.join(ckptDir, 'model.json'))) {
  const { json, named } = readModelDir(ckptDir);
  assignParams(params, named);
  const meta = json.meta as { step: number; rng: number; elapsed: number; history: Hist[]; tokens: number };
  opt.importState(meta.step, named);
  rng = Mulberry32.fromState(meta.rng);
  elapsedBefore = meta.elapsed;
  history = meta.history;
  tokensSeen = meta.tokens;
  log(`[${name}] resumed at step ${meta.step} (${fmtDuration(elapsedBefore)} done)`);
}
const trainable = countParams(params);
log(`[${name}] ${(trainable / 1e6).toFixed(2)}M parameters; ${(stream.length / 1e6).toFixed(2)}M training tokens; batch ${batch} × ${rowLen}; budget ${minutes} min`);

const varList = [...params.values()];
const ids = new Int32Array(batch * rowLen);
const rowStarts = new Int32Array(batch);
/** Chunk positions predicted per row (CALM). */
const T = rowLen / K - 1;
const streamPost = calmCfg && ae && cachePosterior ? streamPosterior(ae, stream, `${set} train`) : null;
const heldoutPost = calmCfg && ae && cachePosterior ? streamPosterior(ae, heldout, `${set} held-out`) : null;
const muBuf = new Float32Array(batch * T * (calmCfg?.latent ?? 0));
const sigmaBuf = new Float32Array(muBuf.length);

/** Loss of `rows` rows of `buf` (first chunks in `starts`, used with a posterior cache of `post`). */
function lossOf(buf: Int32Array, noiseSeed: number, starts: Int32Array, post: StreamPosterior | null, rows = batch): tf.Scalar {
  const idsT = tf.tensor2d(buf.subarray(0, rows * rowLen), [rows, rowLen], 'int32');
  if (calmCfg && ae) {
    const noise = makeCalmNoise(calmCfg, rows * T, noiseSeed, ae.cfg.variational);
    if (!post) return calmLoss(params, calmCfg, ae.params, ae.cfg, idsT, noise).loss;
    const l = calmCfg.latent;
    for (let b = 0; b < rows; b++) {
      gatherPosterior(post.mu, l, starts[b] + 1, T, muBuf, b * T);
      if (post.sigma) gatherPosterior(post.sigma, l, starts[b] + 1, T, sigmaBuf, b * T);
    }
    const inputs = tf.reshape(tf.slice(idsT, [0, 0], [rows, T * K]), [rows, T, K]) as tf.Tensor3D;
    const mu = tf.tensor2d(muBuf.subarray(0, rows * T * l), [rows * T, l]);
    const sigma = post.sigma ? tf.tensor2d(sigmaBuf.subarray(0, rows * T * l), [rows * T, l]) : undefined;
    return calmLossFromPosterior(params, calmCfg, inputs, { mu, sigma }, noise).loss;
  }
  return baselineLoss(params, baseCfg as BaselineConfig, idsT);
}

/**
 * Loss and gradients of one batch, in `micro` equal parts when asked (--micro: the same batch and the same
 * mean loss, with a fraction of the activation memory; the K = 1 CALM needs it on WASM's 4 GB heap).
 */
function batchGrads(buf: Int32Array, noiseSeed: number, starts: Int32Array, post: StreamPosterior | null): { value: tf.Scalar; grads: tf.NamedTensorMap } {
  if (micro === 1) return tf.variableGrads(() => lossOf(buf, noiseSeed, starts, post), varList);
  const rows = batch / micro;
  let value: tf.Scalar | null = null;
  let grads: tf.NamedTensorMap | null = null;
  for (let i = 0; i < micro; i++) {
    const part = buf.subarray(i * rows * rowLen, (i + 1) * rows * rowLen);
    const partStarts = starts.subarray(i * rows, (i + 1) * rows);
    const r = tf.variableGrads(() => lossOf(part, noiseSeed, partStarts, post, rows), varList);
    const scaled = tf.tidy(() => tf.div(r.value, micro) as tf.Scalar);
    r.value.dispose();
    if (value) {
      const v2 = tf.add(value, scaled) as tf.Scalar;
      tf.dispose([value, scaled]);
      value = v2;
    } else value = scaled;
    const next: tf.NamedTensorMap = {};
    for (const [k, g] of Object.entries(r.grads)) {
      next[k] = tf.tidy(() => (grads ? tf.add(grads[k], tf.div(g, micro)) : tf.div(g, micro)));
      g.dispose();
      if (grads) grads[k].dispose();
    }
    grads = next;
  }
  return { value: value!, grads: grads! };
}

/** Mean loss over a fixed set of held-out windows (same windows every time). */
function heldoutLoss(): number {
  const r = new Mulberry32(deriveSeed(seed, 'heldout-windows'));
  const buf = new Int32Array(batch * rowLen);
  const starts = new Int32Array(batch);
  let sum = 0;
  const reps = 4;
  for (let i = 0; i < reps; i++) {
    fillBatch(heldout, r, buf, batch, starts);
    const rows = batch / micro;
    for (let j = 0; j < micro; j++) {
      const part = buf.subarray(j * rows * rowLen, (j + 1) * rows * rowLen);
      sum += tf.tidy(() => lossOf(part, 777 + i, starts.subarray(j * rows, (j + 1) * rows), heldoutPost, rows).dataSync()[0]) / micro;
    }
  }
  return sum / reps;
}

/** Fixed held-out windows for the checkpoint Brier-1 (the frontier in the manifest). */
const ckptWindows = evalEvery > 0 ? heldoutWindows(set, tok.eosId, 64, 512) : [];
function checkpointBrier(): { brier1: number; brier1Stderr: number } {
  if (calmCfg && ae) {
    const r = evalCalm(params, calmCfg, ae.params, ae.cfg, ckptWindows, 8, 4242);
    return { brier1: r.brier[0], brier1Stderr: r.stdErr[0] };
  }
  const r = evalBaseline(params, baseCfg as BaselineConfig, ckptWindows, 4242);
  return { brier1: r.brier[0], brier1Stderr: r.stdErr[0] };
}
const trainFlopsPerToken = calmCfg && ae ? calmTrainFlopsPerToken(calmCfg, ae.cfg, contextTokens) : baselineTrainFlopsPerToken(baseCfg as BaselineConfig, contextTokens);

function save(): void {
  writeModelDir(ckptDir, `${arch}-checkpoint`, config, [...paramsToNamed(params), ...opt.exportState()], {
    float16: false, meta: { step: opt.step, rng: rng.state(), elapsed: elapsed(), history, tokens: tokensSeen },
  });
}

const budget = minutes * 60;
const t0 = performance.now();
const startStep = opt.step;
const tokensAtStart = tokensSeen;
let lossEma = NaN;
/** Milliseconds spent on checkpoint evaluations in this process (not counted as training time). */
let pausedMs = 0;
const elapsed = () => elapsedBefore + (performance.now() - t0 - pausedMs) / 1000;
/** Run an evaluation off the training clock. */
function offClock<R>(f: () => R): R {
  const t = performance.now();
  try {
    return f();
  } finally {
    pausedMs += performance.now() - t;
  }
}
let nextEval = evalEvery > 0 ? (history.length ? history[history.length - 1].seconds : 0) + evalEvery : Infinity;
if (evalEvery > 0 && history.length === 0) {
  const b = offClock(checkpointBrier);
  history.push({ step: 0, seconds: 0, loss: NaN, heldoutLoss: offClock(heldoutLoss), tokens: 0, trainFlops: 0, ...b });
}
while (elapsed() < budget) {
  const step = opt.step;
  fillBatch(stream, rng, ids, batch, rowStarts);
  const { value, grads } = batchGrads(ids, deriveSeed(seed, `${name}-noise-${step}`), rowStarts, streamPost);
  const named: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) named[nameOf.get(k) ?? k] = g;
  const lr = warmupCosineLr(optCfg, step, elapsed() / budget);
  opt.apply(named, lr);
  const loss = (await value.data())[0];
  tf.dispose([value, ...Object.values(grads)]);
  if (!Number.isFinite(loss)) throw new Error(`[${name}] loss is ${loss} at step ${step}`);
  tokensSeen += batch * (rowLen - (arch === 'calm' ? K : 1));
  lossEma = Number.isNaN(lossEma) ? loss : 0.97 * lossEma + 0.03 * loss;
  const done = opt.step;
  if (done % 100 === 0 || elapsed() >= nextEval) {
    const entry: Hist = { step: done, seconds: Math.round(elapsed()), loss: lossEma, heldoutLoss: offClock(heldoutLoss), tokens: tokensSeen, trainFlops: tokensSeen * trainFlopsPerToken };
    if (elapsed() >= nextEval) {
      Object.assign(entry, offClock(checkpointBrier));
      nextEval += evalEvery;
      log(`[${name}] checkpoint: held-out Brier-1 ${entry.brier1?.toFixed(4)} ± ${entry.brier1Stderr?.toFixed(4)}`);
    }
    history.push(entry);
    save();
  }
  if (done % 10 === 0 || process.env.TRAIN_LOG_EVERY_STEP) {
    const sec = (performance.now() - t0 - pausedMs) / 1000;
    const rate = ((done - startStep) * batch * (rowLen - (arch === 'calm' ? K : 1))) / sec;
    const last = history.length ? history[history.length - 1].heldoutLoss.toFixed(4) : '–';
    log(`[${name}] step ${done} loss ${lossEma.toFixed(4)} heldout ${last} lr ${lr.toExponential(2)} ${rate.toFixed(0)} tok/s ${fmtDuration(elapsed())}/${fmtDuration(budget)}`);
  }
  if (done - startStep >= stopAfter) {
    save();
    log(`[${name}] stopped after ${done - startStep} steps; rerun to resume`);
    process.exit(0);
  }
}
const final: Hist = {
  step: opt.step, seconds: Math.round(elapsed()), loss: lossEma, heldoutLoss: offClock(heldoutLoss), tokens: tokensSeen,
  trainFlops: tokensSeen * trainFlopsPerToken, ...(evalEvery > 0 ? offClock(checkpointBrier) : {}),
};
history.push(final);
save();
writeModelDir(outDir, arch, config, paramsToNamed(params), {
  float16: true,
  meta: {
    training: {
      set, steps: opt.step, batch, contextTokens, seed, wallSeconds: Math.round(elapsed()), budgetMinutes: minutes,
      tokensSeen, trainingTokens: stream.length, parameters: trainable, trainFlopsPerToken, trainFlops: tokensSeen * trainFlopsPerToken,
      padDocs, ...(ae ? { autoencoder: path.basename(ae.dir), targetNoise, posteriorCached: cachePosterior } : {}),
      optimizer: { ...optCfg, totalSteps: undefined, noDecay: 'norm gains and biases', schedule: 'linear warm-up, then cosine over the wall-time budget' },
      history,
    },
  },
});
if (tag) {
  mkdirSync(ckptDir, { recursive: true });
  const t = performance.now();
  const scores = scoreRun();
  log(`[${name}] scored in ${((performance.now() - t) / 1000).toFixed(0)} s: ${JSON.stringify(scores)}`);
  const rate = (tokensSeen - tokensAtStart) / Math.max(1, final.seconds - elapsedBefore);
  writeFileSync(path.join(ckptDir, 'result.json'), JSON.stringify({
    tag, arch, set, config, batch, lr: peakLr, seed, ae: ae ? path.basename(ae.dir) : null, padDocs, targetNoise, cachePosterior,
    tokensPerSecond: rate, ...final, scores,
  }) + '\n');
}

/** Held-out scores of a sweep run: Brier-1…4 and repeat rate (1,000 windows), Brier-1 by prompt length mod K. */
function scoreRun(): Record<string, unknown> {
  const windows = heldoutWindows(set, tok.eosId, 48, 1000);
  const byResidue = promptWindowsByResidue(set, tok.eosId, 60, Array.from({ length: 32 }, (_, i) => 4 + i));
  if (calmCfg && ae) {
    const r = evalCalm(params, calmCfg, ae.params, ae.cfg, windows, 100, 11);
    const prompt = byResidue.map((w) => evalCalm(params, calmCfg as CalmConfig, ae!.params, ae!.cfg, w, 20, 12));
    return {
      positions: windows.length, brier: r.brier, stderr: r.stdErr, repeatRate: r.repeatRate,
      promptBrier1: prompt.map((p) => p.brier[0]), promptBrier1Stderr: prompt.map((p) => p.stdErr[0]), promptPositions: byResidue[0].length,
    };
  }
  const r = evalBaseline(params, baseCfg as BaselineConfig, windows, 11);
  const prompt = byResidue.map((w) => evalBaseline(params, baseCfg as BaselineConfig, w, 12));
  return {
    positions: windows.length, brier: r.brier, stderr: r.stdErr,
    promptBrier1: prompt.map((p) => p.brier[0]), promptBrier1Stderr: prompt.map((p) => p.stdErr[0]), promptPositions: byResidue[0].length,
  };
}
log(`[${name}] done: ${opt.step} steps, ${(tokensSeen / 1e6).toFixed(2)}M tokens in ${fmtDuration(elapsed())}; held-out loss ${final.heldoutLoss.toFixed(4)}; wrote ${path.relative(REPO_ROOT, outDir)}`);
