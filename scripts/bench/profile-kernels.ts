/**
 * `npx tsx scripts/bench/profile-kernels.ts [--set stories]` — kernel-level profile (tf.profile) of one
 * CALM generation step (backbone, head, decode) and one baseline step (backbone + softmax head) at a
 * mid-generation context, WASM backend: first the general path (calm.ts, autoencoder.ts, baseline.ts),
 * then the prepared one the app generates with (src/model/fast/). Prints kernels grouped by name with
 * count and total ms (profiled times are inflated; the counts are exact).
 */
import { initTf, tf } from '../lib/tf-node.ts';
import { parseArgs, log } from '../lib/args.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { calmStep, newCalmCache, sampleChunks } from '../../src/model/calm.ts';
import { baselineStep, newBaselineCache } from '../../src/model/baseline.ts';
import { decodeIds } from '../../src/model/autoencoder.ts';
import type { ModelSetName } from '../../src/engine/protocol.ts';
import { FastBaseline, FastCalm } from '../../src/model/fast/lm.ts';
import { FastDecoder } from '../../src/model/fast/decoder.ts';

const args = parseArgs(process.argv.slice(2));
const set = String(args.set ?? 'stories') as ModelSetName;
await initTf('wasm');
const models = await loadNodeModels([set]);
const { calm, baseline, ae } = models.sets[set]!;
const eos = models.tokenizer.eosId;

async function report(label: string, f: () => void, reps = 5): Promise<void> {
  f();
  const wall: number[] = [];
  const byKernel = new Map<string, { n: number; ms: number }>();
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const info = await tf.profile(f);
    wall.push(performance.now() - t0);
    for (const k of info.kernels) {
      const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
      e.n++;
      e.ms += (k.kernelTimeMs as number) || 0;
      byKernel.set(k.name, e);
    }
  }
  const rows = [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const kernels = rows.reduce((a, [, e]) => a + e.n, 0) / reps;
  const kms = rows.reduce((a, [, e]) => a + e.ms, 0) / reps;
  log(`\n${label}: ${kernels} kernels, kernel time ${kms.toFixed(2)} ms, wall (profiled) ${Math.min(...wall).toFixed(2)} ms`);
  for (const [name, e] of rows.slice(0, 14)) log(`  ${name.padEnd(22)} ×${(e.n / reps).toString().padStart(4)}  ${(e.ms / reps).toFixed(3)} ms`);
}

const calmCache = newCalmCache(calm.cfg);
tf.dispose(calmStep(calm.params, calm.cfg, tf.tensor3d(new Int32Array(64).fill(eos), [1, 16, 4], 'int32'), calmCache));
const chunk = tf.tensor3d(new Int32Array(4).fill(eos), [1, 1, 4], 'int32');
// Profile a step on a copy-free cache: run the step and then drop the appended position by resetting length.
await report('CALM backbone step (16 chunks cached)', () => {
  const saved = calmCache.layers!.map((l) => ({ k: tf.clone(l.k), v: tf.clone(l.v) }));
  const len = calmCache.length;
  tf.dispose(calmStep(calm.params, calm.cfg, chunk, calmCache));
  tf.dispose(calmCache.layers!.flatMap((l) => [l.k, l.v]));
  calmCache.layers = saved;
  calmCache.length = len;
});
const h = tf.randomNormal([1, calm.cfg.backbone.d]);
await report('CALM head sample', () => tf.dispose(sampleChunks(calm.params, calm.cfg, h, 1, 7)));
const z = sampleChunks(calm.params, calm.cfg, h, 1, 7);
await report('AE decode (ids)', () => tf.tidy(() => void decodeIds(ae.params, ae.cfg, z).dataSync()));
const bCache = newBaselineCache(baseline.cfg);
tf.dispose(baselineStep(baseline.params, baseline.cfg, tf.tensor2d(new Int32Array(64).fill(eos), [1, 64], 'int32'), bCache));
const tok = tf.tensor2d([eos], [1, 1], 'int32');
await report('baseline step (64 tokens cached) + softmax', () => {
  const saved = bCache.layers!.map((l) => ({ k: tf.clone(l.k), v: tf.clone(l.v) }));
  const len = bCache.length;
  tf.tidy(() => {
    const logits = baselineStep(baseline.params, baseline.cfg, tok, bCache);
    tf.softmax(tf.reshape(logits, [-1])).dataSync();
  });
  tf.dispose(bCache.layers!.flatMap((l) => [l.k, l.v]));
  bCache.layers = saved;
  bCache.length = len;
});

log('\n— prepared path (src/model/fast/, what the app generates with) —');
const fastCalm = await FastCalm.prepare(calm.params, calm.cfg);
const fastBase = await FastBaseline.prepare(baseline.params, baseline.cfg);
const fastDec = await FastDecoder.prepare(ae.params, ae.cfg);
await report('CALM backbone step, prepared (16 chunks cached)', () => {
  const saved = calmCache.layers!.map((l) => ({ k: tf.clone(l.k), v: tf.clone(l.v) }));
  const len = calmCache.length;
  tf.dispose(fastCalm.step([eos, eos, eos, eos], calmCache));
  tf.dispose(calmCache.layers!.flatMap((l) => [l.k, l.v]));
  calmCache.layers = saved;
  calmCache.length = len;
});
await report('CALM head sample, prepared', () => tf.dispose(fastCalm.sample(h, 1, 7)));
await report('AE decode (ids), prepared', () => tf.tidy(() => void fastDec.decodeIds(z).dataSync()));
await report('baseline step (64 tokens cached) + softmax, prepared', () => {
  const saved = bCache.layers!.map((l) => ({ k: tf.clone(l.k), v: tf.clone(l.v) }));
  const len = bCache.length;
  tf.tidy(() => {
    tf.softmax(fastBase.step(eos, bCache)).dataSync();
  });
  tf.dispose(bCache.layers!.flatMap((l) => [l.k, l.v]));
  bCache.layers = saved;
  bCache.length = len;
});
