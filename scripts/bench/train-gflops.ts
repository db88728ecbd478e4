/**
 * `npx tsx scripts/bench/train-gflops.ts` (part of `npm run bench`'s Node half): the single-thread WASM matmul
 * peak (a 512³ float32 matmul, median of 9 after warm-up) and the training speed of the chunk autoencoders —
 * the shipped robust one's configuration (d 128, l 128, 256 chunks a step) and the Train panel's live one
 * (d 64, l 64, 64 chunks a step) — through src/model/ae-trainer.ts, as achieved GFLOP/s (analytic training
 * FLOPs, src/model/flops.ts). Prints one JSON line per measurement on stdout.
 */
import { initTf, tf } from '../lib/tf-node.ts';
import { log } from '../lib/args.ts';
import { AETrainer } from '../../src/model/ae-trainer.ts';
import { ROBUST_TRAINING } from '../../src/model/autoencoder.ts';
import { aeTrainFlopsPerToken } from '../../src/model/flops.ts';
import { Mulberry32, randInt } from '../../src/model/random.ts';

await initTf('wasm');
const median = (x: number[]) => [...x].sort((a, b) => a - b)[Math.floor(x.length / 2)];

{
  const n = 512;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let r = 0; r < 12; r++) {
    const t0 = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
    if (r >= 3) times.push(performance.now() - t0);
  }
  tf.dispose([a, b]);
  const ms = median(times);
  const gflops = (2 * n ** 3) / (ms / 1000) / 1e9;
  log(`[train-gflops] matmul ${n}³: ${ms.toFixed(2)} ms, ${gflops.toFixed(1)} GFLOP/s`);
  process.stdout.write(JSON.stringify({ kind: 'matmul-peak', n, ms, gflops }) + '\n');
}

for (const m of [
  { model: 'autoencoder (shipped ae-robust configuration)', d: 128, ffn: 320, latent: 128, batch: 256 },
  { model: 'autoencoder (Train panel, live)', d: 64, ffn: 160, latent: 64, batch: 64 },
]) {
  const arch = { K: 4, vocabSize: 4096, d: m.d, ffn: m.ffn, latent: m.latent, variational: true };
  const t = new AETrainer({ arch, objective: ROBUST_TRAINING, seed: 1, lr: 1e-3, warmupSteps: 10, totalSteps: 100 });
  const rng = new Mulberry32(3);
  const ids = Int32Array.from({ length: m.batch * 4 }, () => randInt(rng, 4096));
  const times: number[] = [];
  for (let s = 0; s < 8; s++) {
    const t0 = performance.now();
    await t.trainStep(ids, 100 + s);
    if (s >= 2) times.push(performance.now() - t0);
  }
  t.dispose();
  const stepMs = median(times);
  const tokensPerSecond = (m.batch * 4) / (stepMs / 1000);
  const flopsPerToken = aeTrainFlopsPerToken(arch);
  const gflops = (flopsPerToken * tokensPerSecond) / 1e9;
  log(`[train-gflops] ${m.model}: ${stepMs.toFixed(1)} ms a step, ${tokensPerSecond.toFixed(0)} tokens/s, ${gflops.toFixed(2)} GFLOP/s`);
  process.stdout.write(JSON.stringify({ kind: 'ae-training', model: m.model, batchChunks: m.batch, stepMs, tokensPerSecond, flopsPerToken, gflops }) + '\n');
}
