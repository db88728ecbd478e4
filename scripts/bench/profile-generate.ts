/**
 * `npx tsx scripts/bench/profile-generate.ts [--set stories] [--tokens 128] [--reps 5]` — where the time
 * of generation goes, CALM vs the discrete baseline, on the WASM backend in Node (one thread):
 *  - each model's lane of the Race panel (src/engine/ops/race.ts) generating `tokens` tokens alone, with
 *    per-stage times (CALM: energy head, AE decode + read-back, backbone step; baseline: softmax +
 *    read-back, sampling, backbone step + softmax head); CALM and baseline runs alternate and the median
 *    run of each is reported;
 *  - the same stages stand-alone at a mid-generation context (16 chunks / 64 tokens cached), medians,
 *    including the AE decode that transposes the embedding on every call (what it did before);
 *  - end to end: the raceRun op (lanes interleaved, as in the app), median ratio of reps runs.
 * Prints a table on stderr and one JSON line on stdout.
 */
import { initTf, tf } from '../lib/tf-node.ts';
import { parseArgs, numArg, log } from '../lib/args.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { calmStep, newCalmCache, sampleChunks } from '../../src/model/calm.ts';
import { baselineStep, newBaselineCache } from '../../src/model/baseline.ts';
import { decodeIds, transposedEmbedding } from '../../src/model/autoencoder.ts';
import type { KVCache } from '../../src/model/transformer.ts';
import { plainContext } from '../../src/engine/context.ts';
import { handlers as race, BaselineLane, CalmLane, type Lane } from '../../src/engine/ops/race.ts';
import type { ModelSetName } from '../../src/engine/protocol.ts';

const args = parseArgs(process.argv.slice(2));
const set = String(args.set ?? 'stories') as ModelSetName;
const tokens = numArg(args, 'tokens', 128);
const reps = numArg(args, 'reps', 5);

await initTf('wasm');
const models = await loadNodeModels([set]);
const lm = models.sets[set]!;
const { calm, baseline, ae } = lm;
const eos = models.tokenizer.eosId;

/** Median of `reps` timings of f (after one warm-up). */
function median(f: () => void): number {
  f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}

/** Median time of one cached step on a cache of fixed length (the cache is restored after each run). */
function stepOnCache(cache: KVCache, f: () => void): number {
  const dts: number[] = [];
  for (let i = 0; i <= reps; i++) {
    const saved = cache.layers!.map((l) => ({ k: tf.clone(l.k), v: tf.clone(l.v) }));
    const len = cache.length;
    const t0 = performance.now();
    f();
    if (i > 0) dts.push(performance.now() - t0); // the first run warms up
    tf.dispose(cache.layers!.flatMap((l) => [l.k, l.v]));
    cache.layers = saved;
    cache.length = len;
  }
  dts.sort((a, b) => a - b);
  return dts[Math.floor(dts.length / 2)];
}

/** Generate `tokens` tokens with one lane (the Race panel's code), stage times per token. */
async function laneRun(make: () => Lane): Promise<{ msPerToken: number; stages: Record<string, number> }> {
  const lane = make();
  lane.stages = {};
  try {
    await lane.prefill();
    const steps = Math.ceil(tokens / lane.tokensPerStep);
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) await lane.step(i + 1 === steps);
    const ms = performance.now() - t0;
    const per: Record<string, number> = {};
    for (const [k, v] of Object.entries(lane.stages)) per[k] = v / tokens;
    return { msPerToken: ms / tokens, stages: per };
  } finally {
    lane.dispose();
  }
}

const prompt = models.tokenizer.encode('Once upon a time,');
/**
 * CALM and baseline lanes run alternately (so load changes on a shared machine hit both alike); the
 * median run of each (by ms per token) is reported with its stage split.
 */
async function alternate() {
  const calmRuns: Awaited<ReturnType<typeof laneRun>>[] = [];
  const baseRuns: Awaited<ReturnType<typeof laneRun>>[] = [];
  await laneRun(() => new CalmLane(lm, prompt, eos, tokens, 0)); // warm-up
  await laneRun(() => new BaselineLane(lm, prompt, eos, tokens, 0, calm.cfg.K));
  for (let i = 1; i <= reps; i++) {
    calmRuns.push(await laneRun(() => new CalmLane(lm, prompt, eos, tokens, i)));
    baseRuns.push(await laneRun(() => new BaselineLane(lm, prompt, eos, tokens, i, calm.cfg.K)));
  }
  const mid = (rs: typeof calmRuns) => [...rs].sort((a, b) => a.msPerToken - b.msPerToken)[Math.floor(rs.length / 2)];
  return { calm: mid(calmRuns), baseline: mid(baseRuns) };
}
const lanes = await alternate();
const calmLane = lanes.calm;
const baseLane = lanes.baseline;

// Stand-alone stage timings at a mid-generation context (16 chunks / 64 tokens cached).
const stages: Record<string, number> = {};
{
  const cache = newCalmCache(calm.cfg);
  tf.dispose(calmStep(calm.params, calm.cfg, tf.tensor3d(new Int32Array(64).fill(eos), [1, 16, 4], 'int32'), cache));
  const chunk = tf.tensor3d(new Int32Array(4).fill(eos), [1, 1, 4], 'int32');
  stages.calmBackboneStep = stepOnCache(cache, () => {
    const h = calmStep(calm.params, calm.cfg, chunk, cache);
    h.dataSync();
    h.dispose();
  });
  const h = tf.randomNormal([1, calm.cfg.backbone.d]);
  stages.calmHeadSample = median(() => {
    const z = sampleChunks(calm.params, calm.cfg, h, 1, 7);
    z.dataSync();
    z.dispose();
  });
  const z = sampleChunks(calm.params, calm.cfg, h, 1, 7);
  const embT = transposedEmbedding(ae.params);
  stages.aeDecode = median(() => tf.tidy(() => void decodeIds(ae.params, ae.cfg, z, embT).dataSync()));
  stages.aeDecodeTransposingEachCall = median(() => tf.tidy(() => void decodeIds(ae.params, ae.cfg, z).dataSync()));
  tf.dispose([h, z, embT, chunk]);
  cache.dispose();
}
{
  const cache = newBaselineCache(baseline.cfg);
  tf.dispose(baselineStep(baseline.params, baseline.cfg, tf.tensor2d(new Int32Array(64).fill(eos), [1, 64], 'int32'), cache));
  const tok = tf.tensor2d([eos], [1, 1], 'int32');
  stages.baselineBackboneStep = stepOnCache(cache, () => {
    const l = baselineStep(baseline.params, baseline.cfg, tok, cache);
    l.dataSync();
    l.dispose();
  });
  const V = baseline.cfg.vocabSize;
  const logits = tf.randomNormal([V]);
  stages.baselineSoftmaxReadback = median(() => void tf.tidy(() => tf.softmax(logits).dataSync()));
  tf.dispose([logits, tok]);
  cache.dispose();
}

const runs: { calmTps: number; baselineTps: number; ratio: number }[] = [];
for (let i = 0; i < reps; i++) {
  const r = await race.raceRun({ set, prompt: 'Once upon a time,', tokens, seed: i + 1 }, plainContext(models));
  runs.push({ calmTps: r.calm!.tokensPerSecond, baselineTps: r.baseline!.tokensPerSecond, ratio: r.speedRatio! });
}
runs.sort((a, b) => a.ratio - b.ratio);
const mid = runs[Math.floor(runs.length / 2)];

const fmt = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');
log(`lanes, ${tokens} tokens, median of ${reps} alternating runs (ms per token):`);
log(`  CALM     ${calmLane.msPerToken.toFixed(3)} = ${fmt(calmLane.stages)}`);
log(`  baseline ${baseLane.msPerToken.toFixed(3)} = ${fmt(baseLane.stages)}`);
log(`  ratio ${(baseLane.msPerToken / calmLane.msPerToken).toFixed(2)}× (CALM tokens/s ÷ baseline tokens/s)`);
log(`stand-alone stages at a mid context (median of ${reps}, ms per call): ${fmt(stages)}`);
log(`raceRun ${tokens} tokens (median run of ${reps}): CALM ${mid.calmTps.toFixed(0)} tok/s, baseline ${mid.baselineTps.toFixed(0)} tok/s, ratio ${mid.ratio.toFixed(2)}× (range ${runs[0].ratio.toFixed(2)}–${runs.at(-1)!.ratio.toFixed(2)})`);
log(`tensors: ${tf.memory().numTensors}`);
process.stdout.write(JSON.stringify({
  set, backend: tf.getBackend(), tokens, lanes: { calm: calmLane, baseline: baseLane, ratio: baseLane.msPerToken / calmLane.msPerToken }, stages,
  race: { ...mid, runs },
}) + '\n');
