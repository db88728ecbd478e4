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
 *   --d --layers --heads --ffn                backbone
 *   --head-width --head-blocks --noise-dim --samples --targets   (CALM only)
 *   --context T             context in tokens (default 128; CALM: T/K chunk positions)
 *   --tag NAME              a sweep run: writes to checkpoints/sweep/NAME/ only (not public/weights)
 *   --fresh, --ckpt DIR, --out DIR, --stop-after N (checkpoint and exit after N steps)
 * Progress on stderr: step, loss, held-out loss, lr, tokens/s, ETA. Checkpoints every 100 steps in
 * checkpoints/<set>-<arch>/ (or the tag's folder); a rerun resumes from the last one.
 */
import { existsSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
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
import { initCalm, calmLoss, makeCalmNoise, calmNoDecay, type CalmConfig } from '../src/model/calm.ts';
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
const K = 4;

/** Our default sizes (documented in the README; chosen from the sweep and step benchmarks). */
function defaults(): { backbone: TransformerConfig; batch: number; lr: number } {
  // d 128 × 4 layers keeps the backbone above the 4,096-way vocabulary projection per token while
  // fitting a ≤ 45-minute budget on one core (scripts/bench-lm-step.ts; docs/calm-sweep.md).
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
const peakLr = numArg(args, 'lr', dflt.lr);
const name = `${set}-${arch}`;
const ckptDir = tag
  ? path.join(REPO_ROOT, 'checkpoints', 'sweep', tag)
  : path.join(typeof args.ckpt === 'string' ? path.resolve(args.ckpt) : path.join(REPO_ROOT, 'checkpoints'), name);
const outDir = tag ? path.join(ckptDir, 'final') : path.join(typeof args.out === 'string' ? path.resolve(args.out) : WEIGHTS_DIR, name);

await initTf('wasm');
const { tok } = loadTokenizer();
const V = tok.vocabSize;

// All documents of the set, framed (eos chunk first) and concatenated.
const stream = corpusChunks(set, 'train', K, tok.eosId);
const heldout = corpusChunks(set, 'heldout', K, tok.eosId);
/** Tokens per training row: CALM needs context/K + 1 chunks; the baseline context + 1 tokens. */
const rowLen = arch === 'calm' ? contextTokens + K : contextTokens + 1;

/** Fill a batch with windows starting at chunk-aligned positions of `src`. */
function fillBatch(src: Int32Array, rng: Rng, out: Int32Array, rows: number): void {
  const starts = Math.floor((src.length - rowLen) / K);
  for (let b = 0; b < rows; b++) {
    const s = randInt(rng, starts) * K;
    out.set(src.subarray(s, s + rowLen), b * rowLen);
  }
}

let calmCfg: CalmConfig | null = null;
let baseCfg: BaselineConfig | null = null;
let params: Params;
let ae: ReturnType<typeof loadAutoencoder> | null = null;
if (arch === 'calm') {
  ae = loadAutoencoder('robust');
  calmCfg = {
    K, vocabSize: V, latent: ae.cfg.latent, backbone,
    head: {
      width: numArg(args, 'head-width', backbone.d),
      blocks: numArg(args, 'head-blocks', Math.max(1, Math.floor(backbone.layers / 4))),
      noiseDim: numArg(args, 'noise-dim', 64),
    },
    samples: numArg(args, 'samples', 8),
    targets: numArg(args, 'targets', 100),
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
type Hist = { step: number; seconds: number; loss: number; heldoutLoss: number; tokens: number };
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

function lossOf(idsT: tf.Tensor2D, noiseSeed: number): tf.Scalar {
  if (calmCfg && ae) {
    const noise = makeCalmNoise(calmCfg, batch * (rowLen / K - 1), noiseSeed, ae.cfg.variational);
    return calmLoss(params, calmCfg, ae.params, ae.cfg, idsT, noise).loss;
  }
  return baselineLoss(params, baseCfg as BaselineConfig, idsT);
}

/** Mean loss over a fixed set of held-out windows (same windows every time). */
function heldoutLoss(): number {
  const r = new Mulberry32(deriveSeed(seed, 'heldout-windows'));
  const buf = new Int32Array(batch * rowLen);
  let sum = 0;
  const reps = 4;
  for (let i = 0; i < reps; i++) {
    fillBatch(heldout, r, buf, batch);
    sum += tf.tidy(() => lossOf(tf.tensor2d(buf, [batch, rowLen], 'int32'), 777 + i).dataSync()[0]);
  }
  return sum / reps;
}

function save(): void {
  const elapsed = elapsedBefore + (performance.now() - t0) / 1000;
  writeModelDir(ckptDir, `${arch}-checkpoint`, config, [...paramsToNamed(params), ...opt.exportState()], {
    float16: false, meta: { step: opt.step, rng: rng.state(), elapsed, history, tokens: tokensSeen },
  });
}

const budget = minutes * 60;
const t0 = performance.now();
const startStep = opt.step;
let lossEma = NaN;
const elapsed = () => elapsedBefore + (performance.now() - t0) / 1000;
while (elapsed() < budget) {
  const step = opt.step;
  fillBatch(stream, rng, ids, batch);
  const { value, grads } = tf.variableGrads(() => lossOf(tf.tensor2d(ids, [batch, rowLen], 'int32'), deriveSeed(seed, `${name}-noise-${step}`)), varList);
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
  if (done % 100 === 0) {
    history.push({ step: done, seconds: Math.round(elapsed()), loss: lossEma, heldoutLoss: heldoutLoss(), tokens: tokensSeen });
    save();
  }
  if (done % 10 === 0) {
    const sec = (performance.now() - t0) / 1000;
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
const final = { step: opt.step, seconds: Math.round(elapsed()), loss: lossEma, heldoutLoss: heldoutLoss(), tokens: tokensSeen };
history.push(final);
save();
writeModelDir(outDir, arch, config, paramsToNamed(params), {
  float16: true,
  meta: {
    training: {
      set, steps: opt.step, batch, contextTokens, seed, wallSeconds: Math.round(elapsed()), budgetMinutes: minutes,
      tokensSeen, trainingTokens: stream.length, parameters: trainable,
      optimizer: { ...optCfg, totalSteps: undefined, noDecay: 'norm gains and biases', schedule: 'linear warm-up, then cosine over the wall-time budget' },
      history,
    },
  },
});
if (tag) {
  mkdirSync(ckptDir, { recursive: true });
  writeFileSync(path.join(ckptDir, 'result.json'), JSON.stringify({ tag, arch, set, config, batch, lr: peakLr, ...final }) + '\n');
}
log(`[${name}] done: ${opt.step} steps, ${(tokensSeen / 1e6).toFixed(2)}M tokens in ${fmtDuration(elapsed())}; held-out loss ${final.heldoutLoss.toFixed(4)}; wrote ${path.relative(REPO_ROOT, outDir)}`);
