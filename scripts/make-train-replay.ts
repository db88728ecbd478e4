/**
 * `npm run train-replay` — records the Train panel's default run (A = the paper's recipe, B = reconstruction
 * only, seed 1) with the same model code the page uses (src/model/live-training.ts), on TF.js WASM in Node
 * (one thread), and writes public/train/replay.json: held-out accuracy of both runs every 25 steps, their
 * accuracy against relative σ every 100 steps, the losses, and the training seconds (evaluations excluded).
 * The panel shows it, marked as a replay, before the engine is ready or where the machine is too slow to train.
 *
 *   --steps N   (default: the live run's length, LIVE_MODEL.totalSteps)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { initTf } from './lib/tf-node.ts';
import { parseArgs, numArg, log } from './lib/args.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { LivePair, LIVE_EVAL_EVERY, LIVE_MODEL, PAPER_RECIPE, RECONSTRUCTION_ONLY } from '../src/model/live-training.ts';
import { decodeTrainSample, parseTrainSampleMeta } from '../src/model/train-sample.ts';
import type { TrainReplay } from '../src/app/panels/train/replay.ts';

const args = parseArgs(process.argv.slice(2));
const steps = numArg(args, 'steps', LIVE_MODEL.totalSteps);
await initTf('wasm');
const dir = path.join(REPO_ROOT, 'public', 'train');
const meta = parseTrainSampleMeta(readFileSync(path.join(dir, 'stories.json'), 'utf8'), 'stories.json');
const sample = decodeTrainSample(meta, new Uint8Array(readFileSync(path.join(dir, meta.file))), meta.vocabSize);
const seed = 1;
const pair = new LivePair(sample.train, sample.heldout, meta.vocabSize, { a: { ...PAPER_RECIPE }, b: { ...RECONSTRUCTION_ONLY } }, seed);
const replay: TrainReplay = {
  format: 'calm-playground-train-replay',
  recorded: new Date().toISOString().slice(0, 10),
  machine: `${os.cpus()[0]?.model.trim() ?? 'CPU'}, TF.js WASM in Node ${process.version} (one thread), the same model code as the page`,
  setup: { a: { ...PAPER_RECIPE }, b: { ...RECONSTRUCTION_ONLY }, seed },
  model: { ...LIVE_MODEL },
  params: { a: pair.a.trainableCount, b: pair.b.trainableCount },
  points: [],
  sweeps: [],
};
let seconds = 0;
let lossA = 0;
let lossB = 0;
for (let s = 1; s <= steps; s++) {
  const t0 = performance.now();
  const r = await pair.trainStep();
  seconds += (performance.now() - t0) / 1000;
  lossA = r.a.loss;
  lossB = r.b.loss;
  if (s === 1 || s % LIVE_EVAL_EVERY === 0 || s === steps) {
    const sweep = s === 1 || s % 100 === 0 || s === steps;
    const e = await pair.evaluate(sweep);
    replay.points.push({ step: s, seconds: Number(seconds.toFixed(2)), lossA, lossB, a: e.a.accuracy, b: e.b.accuracy });
    if (sweep) replay.sweeps.push({ step: s, seconds: Number(seconds.toFixed(2)), a: e.a.byRelativeSigma, b: e.b.byRelativeSigma, sigmaA: e.a.meanSigma, rmsA: e.a.latentRms, rmsB: e.b.latentRms });
    if (s % 100 === 0 || s === 1) {
      const r1 = (x: typeof e.a) => x.byRelativeSigma.find((p) => p.s === 1)?.accuracy;
      log(`[train-replay] step ${s} ${seconds.toFixed(0)} s: A ${(e.a.accuracy * 100).toFixed(2)} % (σ = 1×RMS ${((r1(e.a) ?? NaN) * 100).toFixed(1)} %), B ${(e.b.accuracy * 100).toFixed(2)} % (${((r1(e.b) ?? NaN) * 100).toFixed(1)} %)`);
    }
  }
}
pair.dispose();
writeFileSync(path.join(dir, 'replay.json'), JSON.stringify(replay) + '\n');
log(`[train-replay] ${steps} steps in ${seconds.toFixed(0)} s of training; wrote public/train/replay.json`);
