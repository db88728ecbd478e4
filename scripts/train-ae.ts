/**
 * `npm run train:ae` — trains both chunk autoencoders (CALM.md §1) on the training parts of
 * both corpora: the robust VAE (DropToken, z = μ + σ·ε, DropLatent, clipped KL) and the
 * plain reconstruction-only ablation. By default the two run side by side as two processes
 * (one core each), then both are evaluated on held-out text and the manifest is updated.
 *
 *   --model robust|plain|both   (default both)
 *   --steps N                   training steps (default 2600)
 *   --K N                       tokens per chunk: 1, 2, 4 (default) or 8; the latent defaults to 32·K
 *   --latent N                  latent size (default 32·K)
 *   --batch N                   chunks per step (default 1024/K: 256 at K = 4; half from each corpus)
 *   --seed N                    (default 1)
 *   --fresh                     ignore checkpoints and start over
 *   --ckpt-every N              checkpoint interval in steps (default 200)
 *   --stop-after N              checkpoint and exit after N steps of this run (simulates an interruption)
 *   --ckpt DIR / --out DIR      checkpoint root (default checkpoints/) and output root
 *                               (default public/weights/; the manifest is only updated there)
 *   --corpora stories[,austen]  training corpora (default both; batches split evenly between them)
 *   --name NAME                 output/checkpoint folder name (default ae-<model>), e.g. ae-stories
 *   --kl-weight X --kl-clip X --drop-token X --drop-latent X   override the model's objective
 * Checkpoints: <ckpt>/ae-<model>/ every N steps and at the end; a rerun resumes from them.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { initTf, tf } from './lib/tf-node.ts';
import { parseArgs, numArg, log, fmtDuration } from './lib/args.ts';
import { corpusChunks, loadTokenizer } from './lib/token-data.ts';
import { writeModelDir, readModelDir, paramsToNamed, assignParams } from './lib/model-files.ts';
import { WEIGHTS_DIR } from './lib/manifest.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import {
  initAutoencoder, aeLoss, encode, decodeIds, ROBUST_TRAINING, PLAIN_TRAINING, type AEConfig,
} from '../src/model/autoencoder.ts';
import { AdamW, type AdamWConfig } from '../src/model/optim.ts';
import { countParams } from '../src/model/params.ts';
import { Mulberry32, randInt, deriveSeed } from '../src/model/random.ts';
import { CORPORA, type CorpusName } from '../src/corpus/corpus.ts';
import { finishAutoencoders } from './lib/ae-finish.ts';

/** The shipped chunk size and dimensions; `--K` trains another bandwidth with latent 32·K (the K dial). */
export const AE_DIMS = { d: 128, ffn: 320, latent: 128 };

const args = parseArgs(process.argv.slice(2));
const which = String(args.model ?? 'both');
const steps = numArg(args, 'steps', 2600);
const AE_K = numArg(args, 'K', 4);
if (![1, 2, 4, 8].includes(AE_K)) throw new Error('--K must be 1, 2, 4 or 8');
/** Default batch: 1,024 tokens a step whatever K is, so every K sees the same tokens in the same steps. */
const batch = numArg(args, 'batch', 1024 / AE_K);
const latentSize = numArg(args, 'latent', 32 * AE_K);
const seed = numArg(args, 'seed', 1);
const fresh = args.fresh === true;
const ckptEvery = numArg(args, 'ckpt-every', 200);
const stopAfter = numArg(args, 'stop-after', Infinity);
const ckptRoot = typeof args.ckpt === 'string' ? path.resolve(args.ckpt) : path.join(REPO_ROOT, 'checkpoints');
const outRoot = typeof args.out === 'string' ? path.resolve(args.out) : WEIGHTS_DIR;
const updatesManifest = outRoot === WEIGHTS_DIR && typeof args.name !== 'string' && typeof args.corpora !== 'string' && numArg(args, 'K', 4) === 4;
const corpora: CorpusName[] = typeof args.corpora === 'string' ? (args.corpora.split(',') as CorpusName[]) : [...CORPORA];
for (const c of corpora) if (!CORPORA.includes(c)) throw new Error(`--corpora: unknown corpus ${c}`);

async function runChild(model: string): Promise<void> {
  const extra = process.argv.slice(2).filter((a, i, all) => a !== '--model' && all[i - 1] !== '--model');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--model', model, ...extra], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`training ${model} exited with ${code}`))));
  });
}

async function trainOne(model: 'robust' | 'plain'): Promise<void> {
  await initTf('wasm');
  const { tok } = loadTokenizer();
  const cfg: AEConfig = { K: AE_K, vocabSize: tok.vocabSize, ...AE_DIMS, latent: latentSize, variational: model === 'robust' };
  const base = model === 'robust' ? ROBUST_TRAINING : PLAIN_TRAINING;
  const trainCfg = {
    dropToken: numArg(args, 'drop-token', base.dropToken), dropLatent: numArg(args, 'drop-latent', base.dropLatent),
    klWeight: numArg(args, 'kl-weight', base.klWeight), klClip: numArg(args, 'kl-clip', base.klClip),
  };
  const name = typeof args.name === 'string' ? args.name : AE_K === 4 ? `ae-${model}` : `ae-k${AE_K}`;
  const eos = tok.eosId;
  const pools = corpora.map((c) => corpusChunks(c, 'train', AE_K, eos));
  const probes = corpora.map((c) => corpusChunks(c, 'heldout', AE_K, eos).slice(0, 2048 * AE_K));
  log(`[${name}] training chunks: ${corpora.map((c, i) => `${c} ${pools[i].length / AE_K}`).join(', ')}; objective ${JSON.stringify(trainCfg)}`);

  const params = initAutoencoder(cfg, new Mulberry32(deriveSeed(seed, `ae-${model}-init`)));
  const nameOf = new Map<string, string>();
  for (const [n, v] of params) nameOf.set(v.name, n);
  const optCfg: AdamWConfig = {
    lr: 2e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.01, clipNorm: 1.0,
    warmupSteps: 200, totalSteps: steps, minLrFraction: 0.05,
    noDecay: (n) => n.endsWith('.norm') || n.endsWith('.b') || n === 'enc.norm' || n === 'dec.norm',
  };
  const opt = new AdamW(optCfg, params);
  let rng = new Mulberry32(deriveSeed(seed, `ae-${model}-batches`));
  const ckptDir = path.join(ckptRoot, name);
  let history: { step: number; loss: number; heldoutAcc: number; seconds: number }[] = [];
  let elapsedBefore = 0;
  if (fresh && existsSync(ckptDir)) rmSync(ckptDir, { recursive: true });
  if (existsSync(path.join(ckptDir, 'model.json'))) {
    const { json, named } = readModelDir(ckptDir);
    assignParams(params, named);
    const meta = json.meta as { step: number; rng: number; elapsed: number; history: typeof history };
    opt.importState(meta.step, named);
    rng = Mulberry32.fromState(meta.rng);
    elapsedBefore = meta.elapsed;
    history = meta.history;
    log(`[${name}] resumed at step ${meta.step}`);
  }
  log(`[${name}] ${countParams(params)} parameters, ${steps} steps × ${batch} chunks`);

  const varList = [...params.values()];
  const half = Math.floor(batch / corpora.length);
  const ids = new Int32Array(batch * AE_K);
  const t0 = performance.now();
  const startStep = opt.step;
  let lossEma = NaN;
  let accEma = NaN;
  let lastProbe = history.length ? history[history.length - 1].heldoutAcc : NaN;

  const probeAccuracy = (): number => {
    let right = 0;
    let total = 0;
    for (const probe of probes) {
      for (let off = 0; off < probe.length; off += 512 * AE_K) {
        const part = probe.subarray(off, Math.min(probe.length, off + 512 * AE_K));
        const n = part.length / AE_K;
        const pred = tf.tidy(() => {
          const x = tf.tensor2d(part, [n, AE_K], 'int32');
          return decodeIds(params, cfg, encode(params, cfg, x).mu).dataSync();
        });
        for (let i = 0; i < part.length; i++) if (pred[i] === part[i]) right++;
        total += part.length;
      }
    }
    return right / total;
  };

  const save = (): void => {
    const elapsed = elapsedBefore + (performance.now() - t0) / 1000;
    writeModelDir(ckptDir, 'autoencoder-checkpoint', { ...cfg }, [...paramsToNamed(params), ...opt.exportState()], {
      float16: false, meta: { step: opt.step, rng: rng.state(), elapsed, history },
    });
  };

  while (opt.step < steps) {
    const step = opt.step;
    for (let b = 0; b < batch; b++) {
      const pool = pools[Math.min(corpora.length - 1, Math.floor(b / half))];
      const c = randInt(rng, pool.length / AE_K);
      ids.set(pool.subarray(c * AE_K, c * AE_K + AE_K), b * AE_K);
    }
    const s = deriveSeed(seed, `ae-${model}-noise-${step}`);
    let accT: tf.Scalar | null = null;
    const { value, grads } = tf.variableGrads(() => {
      const x = tf.tensor2d(ids, [batch, AE_K], 'int32');
      const r = aeLoss(params, cfg, trainCfg, x, {
        dropTokenU: tf.randomUniform([batch, AE_K], 0, 1, 'float32', s) as tf.Tensor2D,
        eps: tf.randomNormal([batch, cfg.latent], 0, 1, 'float32', s + 1) as tf.Tensor2D,
        dropLatentU: tf.randomUniform([batch, cfg.latent], 0, 1, 'float32', s + 2) as tf.Tensor2D,
      });
      accT = tf.keep(tf.mean(tf.cast(tf.equal(tf.argMax(r.logits, -1), x), 'float32')) as tf.Scalar);
      return r.loss;
    }, varList);
    const named: Record<string, tf.Tensor> = {};
    for (const [k, g] of Object.entries(grads)) named[nameOf.get(k) ?? k] = g;
    opt.apply(named);
    const loss = (await value.data())[0];
    const acc = (await (accT as unknown as tf.Scalar).data())[0];
    tf.dispose([value, ...Object.values(grads), accT as unknown as tf.Tensor]);
    if (!Number.isFinite(loss)) throw new Error(`[${name}] loss is ${loss} at step ${step}`);
    lossEma = Number.isNaN(lossEma) ? loss : 0.95 * lossEma + 0.05 * loss;
    accEma = Number.isNaN(accEma) ? acc : 0.95 * accEma + 0.05 * acc;
    const done = opt.step;
    if (done % ckptEvery === 0 || done === steps) {
      lastProbe = probeAccuracy();
      history.push({ step: done, loss: lossEma, heldoutAcc: lastProbe, seconds: elapsedBefore + (performance.now() - t0) / 1000 });
      save();
    }
    if (done - startStep >= stopAfter && done < steps) {
      save();
      log(`[${name}] stopped after ${done - startStep} steps (checkpoint at step ${done}); rerun to resume`);
      return;
    }
    if (done % 20 === 0 || done === steps) {
      const sec = (performance.now() - t0) / 1000;
      const rate = ((done - startStep) * batch * AE_K) / sec;
      const eta = ((steps - done) * batch * AE_K) / rate;
      log(`[${name}] step ${done}/${steps} loss ${lossEma.toFixed(4)} train-acc ${(accEma * 100).toFixed(2)}% heldout-acc ${(lastProbe * 100).toFixed(3)}% ${rate.toFixed(0)} tok/s ETA ${fmtDuration(eta)}`);
    }
  }
  const wall = elapsedBefore + (performance.now() - t0) / 1000;
  const outDir = path.join(outRoot, name);
  writeModelDir(outDir, 'autoencoder', { ...cfg }, paramsToNamed(params), {
    float16: true,
    meta: {
      training: {
        corpora, steps, batchChunks: batch, seed, wallSeconds: Math.round(wall),
        objective: trainCfg, optimizer: { ...optCfg, noDecay: 'norm gains and biases' },
        parameters: countParams(params), history,
      },
    },
  });
  log(`[${name}] done in ${fmtDuration(wall)}; wrote ${path.relative(REPO_ROOT, outDir)}`);
}

if (which === 'both') {
  const t = performance.now();
  await Promise.all([runChild('robust'), runChild('plain')]);
  log(`[ae] both trained in ${fmtDuration((performance.now() - t) / 1000)}`);
  if (updatesManifest) {
    log('[ae] evaluating on held-out text and updating the manifest…');
    await finishAutoencoders();
  }
} else if (which === 'robust' || which === 'plain') {
  await trainOne(which);
  if (args.finish === true && updatesManifest) await finishAutoencoders();
} else {
  throw new Error(`--model must be robust, plain or both (got ${which})`);
}
