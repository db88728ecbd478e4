/**
 * `npx tsx scripts/bench-lm-step.ts` — time one training step (forward + backward + AdamW) of the
 * discrete baseline and of CALM on the WASM backend, with random weights and random token ids (no
 * tokenizer or trained autoencoder needed), and split each step into its parts.
 *
 *   --model baseline|calm|both   (default both)
 *   --d 256 --layers 4 --heads 4 --ffn 688 --vocab 4096   backbone (shared by both models)
 *   --ctx 128          context in tokens (baseline positions; CALM positions = ctx / K)
 *   --batch 16         rows per step (both models see batch·ctx tokens)
 *   --head-width d --head-blocks 2 --noise 64 --samples 8 --targets 100   CALM energy head and loss
 *   --target-noise independent|shared   target ε per position, or one ε[M,l] per step (see calm.ts)
 *   --cached-posterior   CALM step from precomputed AE posteriors (train-lm.ts's cache) instead of encoding
 *   --ae-d 128 --ae-ffn 320 --latent 128 --k 4                           frozen autoencoder
 *   --steps 3          timed runs of each measurement (after one warm-up run); the fastest is reported
 *   --profile          print the 12 slowest kernels of one step
 *   --zero-copy-identity   replace the WASM Identity kernel (a full copy, run for every tensor that
 *                      autograd saves) by a reference-counted alias, as the cpu backend does
 * Prints one JSON line per model on stdout; the readable report goes to stderr.
 */
import { initTf, tf } from './lib/tf-node.ts';
import { parseArgs, numArg, log } from './lib/args.ts';
import { initAutoencoder, type AEConfig } from '../src/model/autoencoder.ts';
import { baselineLoss, baselineNoDecay, initBaseline, type BaselineConfig } from '../src/model/baseline.ts';
import {
  aePosterior, aeTargets, calmHeadSample, calmHidden, calmLoss, calmLossFromPosterior, calmNoDecay, initCalm, makeCalmNoise, splitChunkStream, type CalmConfig,
} from '../src/model/calm.ts';
import { energyLoss, energyLossGaussian } from '../src/model/energy.ts';
import { baselineFlopsPerToken, baselineParamCounts, calmFlopsPerToken, calmParamCounts } from '../src/model/flops.ts';
import { crossEntropy, embed, linear } from '../src/model/ops.ts';
import { AdamW } from '../src/model/optim.ts';
import type { Params } from '../src/model/params.ts';
import { makeRng, Mulberry32 } from '../src/model/random.ts';
import { transformerForward, type TransformerConfig } from '../src/model/transformer.ts';

const args = parseArgs(process.argv.slice(2));
const which = String(args.model ?? 'both');
const K = numArg(args, 'k', 4);
const V = numArg(args, 'vocab', 4096);
const backbone: TransformerConfig = {
  d: numArg(args, 'd', 256), layers: numArg(args, 'layers', 4), heads: numArg(args, 'heads', 4),
  ffn: numArg(args, 'ffn', 688), maxLen: 4096,
};
const ctx = numArg(args, 'ctx', 128);
const batch = numArg(args, 'batch', 16);
const steps = numArg(args, 'steps', 3);
const ae: AEConfig = {
  K, vocabSize: V, d: numArg(args, 'ae-d', 128), ffn: numArg(args, 'ae-ffn', 320), latent: numArg(args, 'latent', 128), variational: true,
};
const calmCfg: CalmConfig = {
  K, vocabSize: V, latent: ae.latent, backbone,
  head: { width: numArg(args, 'head-width', backbone.d), blocks: numArg(args, 'head-blocks', 2), noiseDim: numArg(args, 'noise', 64) },
  samples: numArg(args, 'samples', 8), targets: numArg(args, 'targets', 100),
  targetNoise: args['target-noise'] === 'shared' ? 'shared' : 'independent',
};
const shared = calmCfg.targetNoise === 'shared';

await initTf('wasm');
if (args['zero-copy-identity'] === true) {
  // tfjs-core clones every tensor it saves for the backward pass; on WASM the Identity kernel copies.
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    kernelName: 'Identity', backendName: 'wasm',
    kernelFunc: ({ inputs, backend }) => {
      const x = inputs.x as tf.TensorInfo;
      (backend as unknown as { incRef(id: tf.DataId): void }).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
}

function randomIds(rows: number, cols: number, seed: number): tf.Tensor2D {
  const rng = makeRng(seed);
  return tf.tensor2d(Int32Array.from({ length: rows * cols }, () => Math.floor(rng.next() * V)), [rows, cols], 'int32');
}

function optimizer(params: Params, noDecay: (n: string) => boolean): AdamW {
  return new AdamW({
    lr: 3e-4, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, clipNorm: 1, warmupSteps: 10, totalSteps: 1000,
    minLrFraction: 0.1, noDecay,
  }, params);
}

/**
 * Fastest wall time (ms) of `f` over `steps` runs after one warm-up run: the minimum is the most
 * robust estimate when other processes (trainings) share the machine.
 */
function timeIt(f: () => void, n = steps): number {
  f();
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** Forward + backward of `loss` w.r.t. `vars` (gradients disposed), synchronised by reading the loss. */
function fwdBwd(loss: () => tf.Scalar, vars: tf.Variable[]): void {
  const { value, grads } = tf.variableGrads(loss, vars);
  value.dataSync();
  tf.dispose([value, ...Object.values(grads)]);
}

/** One full training step: gradients by parameter name, AdamW update. */
function trainStep(params: Params, opt: AdamW, loss: () => tf.Scalar): number {
  const nameOf = new Map([...params].map(([n, v]) => [v.name, n]));
  const { value, grads } = tf.variableGrads(loss, [...params.values()]);
  const named: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) named[nameOf.get(k) ?? k] = g;
  opt.apply(named);
  const l = value.dataSync()[0];
  tf.dispose([value, ...Object.values(grads)]);
  return l;
}

async function profileStep(label: string, f: () => void): Promise<void> {
  const prof = await tf.profile(() => {
    f();
    return tf.scalar(0);
  });
  const byKernel = new Map<string, { ms: number; calls: number }>();
  for (const k of prof.kernels) {
    const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    const e = byKernel.get(key) ?? { ms: 0, calls: 0 };
    e.ms += ms;
    e.calls++;
    byKernel.set(key, e);
  }
  const byName = new Map<string, { ms: number; calls: number }>();
  for (const [k, e] of byKernel) {
    const name = k.split(' ')[0];
    const t = byName.get(name) ?? { ms: 0, calls: 0 };
    t.ms += e.ms;
    t.calls += e.calls;
    byName.set(name, t);
  }
  const show = (m: Map<string, { ms: number; calls: number }>, title: string) => {
    log(`[bench] ${label}: ${title}`);
    for (const [k, e] of [...m].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) log(`   ${e.ms.toFixed(1).padStart(8)} ms  ×${e.calls}  ${k}`);
  };
  show(byKernel, 'slowest kernels (by input shapes) of one step');
  show(byName, 'time by kernel (custom-gradient scopes "forward" / "unnamed scope" include their inner kernels)');
}

const pct = (x: number, total: number) => `${((100 * x) / total).toFixed(0)}%`;

async function benchBaseline(): Promise<void> {
  const cfg: BaselineConfig = { vocabSize: V, backbone };
  const params = initBaseline(cfg, new Mulberry32(1));
  const opt = optimizer(params, baselineNoDecay);
  const ids = randomIds(batch, ctx + 1, 2);
  const tokens = batch * ctx;
  const stepMs = timeIt(() => trainStep(params, opt, () => baselineLoss(params, cfg, ids)));
  // Parts: backbone (embedding + decoder) fwd+bwd; softmax head + cross-entropy fwd+bwd; optimizer.
  const bbVars = [...params].filter(([n]) => n !== 'out').map(([, v]) => v);
  const inputs = tf.slice(ids, [0, 0], [batch, ctx]) as tf.Tensor2D;
  const labels = tf.reshape(tf.slice(ids, [0, 1], [batch, ctx]), [tokens]) as tf.Tensor1D;
  const rnd = tf.randomNormal([batch, ctx, backbone.d], 0, 1, 'float32', 3);
  const backboneMs = timeIt(() => fwdBwd(() => tf.sum(tf.mul(transformerForward(params, backbone, 'bb', embed(params.get('emb') as tf.Variable, inputs)), rnd)) as tf.Scalar, bbVars));
  const hConst = tf.randomNormal([tokens, backbone.d], 0, 1, 'float32', 4) as tf.Tensor2D;
  const headMs = timeIt(() => fwdBwd(() => crossEntropy(linear(hConst, params.get('out') as tf.Variable) as tf.Tensor2D, labels), [params.get('out') as tf.Variable]));
  const rest = stepMs - backboneMs - headMs;
  const flops = baselineFlopsPerToken(cfg, ctx / 2);
  const counts = baselineParamCounts(cfg);
  log(`[bench] baseline d=${backbone.d} L=${backbone.layers} H=${backbone.heads} ffn=${backbone.ffn} V=${V}, ${counts.total} params, batch ${batch} × ${ctx} tokens`);
  log(`[bench]   step ${stepMs.toFixed(0)} ms → ${(tokens / (stepMs / 1000)).toFixed(0)} tokens/s`);
  log(`[bench]   backbone ${backboneMs.toFixed(0)} ms (${pct(backboneMs, stepMs)}), softmax head + CE ${headMs.toFixed(0)} ms (${pct(headMs, stepMs)}), optimizer + rest ${rest.toFixed(0)} ms (${pct(rest, stepMs)})`);
  process.stdout.write(JSON.stringify({
    model: 'baseline', backbone, vocab: V, batch, ctx, params: counts, stepMs, tokensPerSec: tokens / (stepMs / 1000),
    partsMs: { backbone: backboneMs, head: headMs, rest }, inferenceFlopsPerTokenAtHalfCtx: flops.total,
  }) + '\n');
  if (args.profile === true) await profileStep('baseline', () => trainStep(params, opt, () => baselineLoss(params, cfg, ids)));
  tf.dispose([ids, inputs, labels, rnd, hConst]);
  opt.dispose();
  for (const v of params.values()) v.dispose();
}

async function benchCalm(): Promise<void> {
  if (ctx % K !== 0) throw new Error('--ctx must be a multiple of K');
  const T = ctx / K;
  const params = initCalm(calmCfg, new Mulberry32(1));
  // A non-zero output layer, as after the first steps (the zero init makes parts of the backward trivial).
  params.get('head.final2.w')?.assign(tf.randomNormal([calmCfg.head.width, calmCfg.latent], 0, 0.05, 'float32', 9));
  const aeParams = initAutoencoder(ae, new Mulberry32(2));
  const opt = optimizer(params, calmNoDecay);
  const ids = randomIds(batch, (T + 1) * K, 3);
  const P = batch * T;
  const tokens = P * K;
  let seed = 100;
  // --cached-posterior: the frozen AE's μ, σ of the targets precomputed once (as train-lm.ts does with
  // its posterior cache); each step then uploads them as constants instead of running the encoder.
  const cached = args['cached-posterior'] === true;
  const post0 = cached ? tf.tidy(() => {
    const p = aePosterior(aeParams, ae, splitChunkStream(ids, K).targets);
    return { mu: p.mu.dataSync().slice(), sigma: p.sigma.dataSync().slice() };
  }) : null;
  const inputs0 = tf.reshape(tf.slice(ids, [0, 0], [batch, T * K]), [batch, T, K]) as tf.Tensor3D;
  const stepMs = timeIt(() => {
    const noise = makeCalmNoise(calmCfg, P, seed++);
    trainStep(params, opt, () => (post0
      ? calmLossFromPosterior(params, calmCfg, inputs0, { mu: tf.tensor2d(post0.mu, [P, ae.latent]), sigma: tf.tensor2d(post0.sigma, [P, ae.latent]) }, noise)
      : calmLoss(params, calmCfg, aeParams, ae, ids, noise)).loss);
    tf.dispose([noise.head, noise.targets as tf.Tensor]);
  });
  // Parts.
  const { inputs, targets } = splitChunkStream(ids, K);
  const bbVars = [...params].filter(([n]) => !n.startsWith('head.')).map(([, v]) => v);
  const headVars = [...params].filter(([n]) => n.startsWith('head.')).map(([, v]) => v);
  const rnd = tf.randomNormal([batch, T, backbone.d], 0, 1, 'float32', 4);
  const backboneMs = timeIt(() => fwdBwd(() => tf.sum(tf.mul(calmHidden(params, calmCfg, inputs), rnd)) as tf.Scalar, bbVars));
  const hConst = tf.randomNormal([P, backbone.d], 0, 1, 'float32', 5) as tf.Tensor2D;
  const noise0 = makeCalmNoise(calmCfg, P, 7);
  const rndZ = tf.randomNormal([P, calmCfg.samples, calmCfg.latent], 0, 1, 'float32', 6);
  const headMs = timeIt(() => fwdBwd(() => tf.sum(tf.mul(calmHeadSample(params, calmCfg, hConst, noise0.head), rndZ)) as tf.Scalar, headVars));
  const xVar = tf.variable(tf.randomNormal([P, calmCfg.samples, calmCfg.latent], 0, 0.3, 'float32', 8) as tf.Tensor3D);
  const x3 = xVar as unknown as tf.Tensor3D;
  const { mu, sigma } = aePosterior(aeParams, ae, targets);
  // Shared noise: the loss works from μ, σ and ε[M,l]; independent: from y = μ + σ·ε [P,M,l].
  const y = shared ? null : tf.tidy(() => aeTargets(aeParams, ae, targets, noise0.targets as tf.Tensor3D));
  const lossMs = timeIt(() => fwdBwd(() => (y
    ? energyLoss(x3, y) : energyLossGaussian(x3, mu, sigma, noise0.targets as tf.Tensor2D)).loss, [xVar]));
  const noiseMs = timeIt(() => {
    const n = makeCalmNoise(calmCfg, P, seed++);
    tf.dispose([n.head, n.targets as tf.Tensor]);
  });
  const aeMs = cached ? 0 : timeIt(() => tf.tidy(() => {
    if (shared) tf.sum(aePosterior(aeParams, ae, targets).sigma).dataSync();
    else tf.sum(aeTargets(aeParams, ae, targets, noise0.targets as tf.Tensor3D)).dataSync();
  }));
  const rest = stepMs - backboneMs - headMs - lossMs - noiseMs - aeMs;
  const counts = calmParamCounts(calmCfg, ae);
  const flops = calmFlopsPerToken(calmCfg, ae, ctx / 2);
  log(`[bench] CALM K=${K} d=${backbone.d} L=${backbone.layers} H=${backbone.heads} ffn=${backbone.ffn}, head w=${calmCfg.head.width} ×${calmCfg.head.blocks} noise ${calmCfg.head.noiseDim}, N=${calmCfg.samples} M=${calmCfg.targets} (${calmCfg.targetNoise} target noise), ${counts.total} params (+${counts.autoencoder} frozen AE), batch ${batch} × ${T} chunks`);
  log(`[bench]   step ${stepMs.toFixed(0)} ms → ${(tokens / (stepMs / 1000)).toFixed(0)} tokens/s`);
  log(`[bench]   input module + backbone ${backboneMs.toFixed(0)} ms (${pct(backboneMs, stepMs)}), energy head ${headMs.toFixed(0)} ms (${pct(headMs, stepMs)}), energy loss ${lossMs.toFixed(0)} ms (${pct(lossMs, stepMs)}), AE targets: noise ${noiseMs.toFixed(0)} ms (${pct(noiseMs, stepMs)}) + encode ${aeMs.toFixed(0)} ms (${pct(aeMs, stepMs)}), optimizer + rest ${rest.toFixed(0)} ms (${pct(rest, stepMs)})`);
  process.stdout.write(JSON.stringify({
    model: 'calm', backbone, head: calmCfg.head, samples: calmCfg.samples, targets: calmCfg.targets, targetNoise: calmCfg.targetNoise, K, vocab: V, batch, chunks: T,
    params: counts, stepMs, tokensPerSec: tokens / (stepMs / 1000),
    partsMs: { backbone: backboneMs, head: headMs, energyLoss: lossMs, targetNoise: noiseMs, aeEncode: aeMs, rest },
    inferenceFlopsPerTokenAtHalfCtx: flops.total,
  }) + '\n');
  if (args.profile === true) {
    await profileStep('calm', () => {
      const noise = makeCalmNoise(calmCfg, P, seed++);
      trainStep(params, opt, () => calmLoss(params, calmCfg, aeParams, ae, ids, noise).loss);
      tf.dispose([noise.head, noise.targets as tf.Tensor]);
    });
  }
  tf.dispose([ids, inputs, targets, rnd, hConst, noise0.head, noise0.targets as tf.Tensor, rndZ, xVar, mu, sigma]);
  if (y) y.dispose();
  opt.dispose();
  for (const v of [...params.values(), ...aeParams.values()]) v.dispose();
}

if (which === 'baseline' || which === 'both') await benchBaseline();
if (which === 'calm' || which === 'both') await benchCalm();
