/**
 * The engine's energy-head self-check (core op `headCheck`): the prepared head's sample() with the fused
 * kernel where the backend registers one (WebGPU: one WGSL dispatch, src/engine/webgpu-head.ts) against the
 * same head's TF.js path (`sample(.., 'tfjs')`) and a float64 host model (energy-head-kernel.ts), on the
 * shipped CALM's head (h from one CALM step on an end-of-text chunk) and on a random odd-sized head
 * (w = 200 > the kernel's 128 threads, 2 blocks, latent 256), for several sample counts and fixed noise.
 * Then times `timingCalls` calls of each path with n = 1 (each read back with `await data()`; on WebGPU
 * `dataSync()` returned zeros in our runs). Needs the set's prepared CALM.
 */
import * as tf from '@tensorflow/tfjs-core';
import { headConfig, headNoise, newCalmCache } from '../model/calm.ts';
import { energyHeadShapes, type EnergyHeadConfig } from '../model/energy.ts';
import { energyHeadAttrs, energyHeadHost, hasFusedEnergyHead, packEnergyHead } from '../model/energy-head-kernel.ts';
import { CalmError } from '../model/errors.ts';
import { FastHead } from '../model/fast/head.ts';
import type { Params } from '../model/params.ts';
import { Mulberry32 } from '../model/random.ts';
import type { HeadCheckArgs, HeadCheckCaseResult, HeadCheckResult } from './ops/core.types.ts';
import type { LoadedLMSet } from './models.ts';

/** The fused and TF.js paths must agree this closely (float32, different summation orders). */
export const HEAD_CHECK_TOL = 1e-4;

const SYNTHETIC: EnergyHeadConfig = { d: 96, width: 200, blocks: 2, noiseDim: 10, latent: 256 };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = Math.abs(a[i] - b[i]);
    m = Math.max(m, Number.isNaN(d) ? Infinity : d);
  }
  return m;
}

function syntheticParams(seed: number): Params {
  const rng = new Mulberry32(seed);
  const params: Params = new Map();
  for (const [name, shape] of energyHeadShapes(SYNTHETIC, 'hd')) {
    const size = shape.reduce((a, b) => a * b, 1);
    const scale = name.endsWith('.g') ? 0.3 : shape.length === 2 ? 1 / Math.sqrt(shape[0]) : 0.2;
    const v = Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * scale + (name.endsWith('.g') ? 1 : 0));
    params.set(name, tf.tidy(() => tf.variable(tf.tensor(v, shape), false)));
  }
  return params;
}

async function read(t: tf.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

/** Compare the paths of one prepared head for each n. */
async function compareHead(label: string, head: FastHead, params: Params, cfg: EnergyHeadConfig, prefix: string, h: tf.Tensor,
  ns: number[], seed: number, step: () => Promise<void>): Promise<HeadCheckCaseResult[]> {
  const { data, layout } = await packEnergyHead(params, cfg, prefix);
  const attrs = energyHeadAttrs(cfg, layout);
  const hv = await h.data();
  const out: HeadCheckCaseResult[] = [];
  for (const n of ns) {
    const noiseV = new Float32Array(n * cfg.noiseDim);
    const rng = new Mulberry32(seed * 7919 + n);
    for (let i = 0; i < noiseV.length; i++) noiseV[i] = rng.next() - 0.5;
    const noise = tf.tensor2d(noiseV, [n, cfg.noiseDim]);
    let fused: Float32Array;
    let plain: Float32Array;
    let fusedMs: number;
    let tfjsMs: number;
    try {
      let t0 = performance.now();
      fused = await read(tf.tidy(() => head.sample(h, noise)));
      fusedMs = performance.now() - t0;
      t0 = performance.now();
      plain = await read(tf.tidy(() => head.sample(h, noise, 'tfjs')));
      tfjsMs = performance.now() - t0;
    } finally {
      noise.dispose();
    }
    const host = energyHeadHost(data, attrs, hv, noiseV, n);
    out.push({
      head: label, n, maxAbsDiff: maxAbsDiff(fused, plain), fusedVsHost: maxAbsDiff(fused, host), tfjsVsHost: maxAbsDiff(plain, host),
      fusedMs, tfjsMs,
    });
    await step();
  }
  return out;
}

/** Mean ms per call of `calls` head calls (n = 1), each read back, after one untimed call. */
async function timeCalls(head: FastHead, h: tf.Tensor, noiseDim: number, calls: number, path: 'auto' | 'tfjs'): Promise<number> {
  const noise = tf.tensor2d(Float32Array.from({ length: noiseDim }, (_, i) => ((i * 37) % 64) / 64 - 0.5), [1, noiseDim]);
  try {
    await read(tf.tidy(() => head.sample(h, noise, path)));
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await read(tf.tidy(() => head.sample(h, noise, path)));
    return (performance.now() - t0) / calls;
  } finally {
    noise.dispose();
  }
}

export async function headCheck(lm: LoadedLMSet, eosId: number, args: HeadCheckArgs, step: () => Promise<void>): Promise<HeadCheckResult> {
  const ns = args.ns ?? [1, 8, 200];
  const seed = args.seed ?? 1;
  const timingCalls = args.timingCalls ?? 20;
  if (ns.length === 0 || ns.some((n) => !Number.isInteger(n) || n < 1 || n > 4096) || !Number.isInteger(timingCalls) || timingCalls < 0 || timingCalls > 1000) {
    throw new CalmError('bad-input', `headCheck: sample counts ${ns.join(', ')}, ${timingCalls} timing calls.`, 'Use 1..4096 samples and 0..1000 timing calls.');
  }
  const fast = lm.calm.fast;
  if (!fast) throw new CalmError('bad-input', `headCheck: the ${lm.set} CALM has no prepared path.`, 'Load the set on a backend that prepares it.');
  const before = tf.memory().numTensors;
  const cases: HeadCheckCaseResult[] = [];
  let timing: HeadCheckResult['timing'] = null;
  // h: CALM's hidden state after one end-of-text chunk (a realistic scale).
  const cache = newCalmCache(lm.calm.cfg);
  let h: tf.Tensor | null = null;
  try {
    h = fast.step(new Array<number>(lm.calm.cfg.K).fill(eosId), cache);
    const cfg = headConfig(lm.calm.cfg);
    cases.push(...await compareHead(`${lm.set} CALM`, fast.head, lm.calm.params, cfg, 'head', h, ns, seed, step));
    if (timingCalls > 0) {
      const tfjsMsPerCall = await timeCalls(fast.head, h, cfg.noiseDim, timingCalls, 'tfjs');
      const fusedMsPerCall = await timeCalls(fast.head, h, cfg.noiseDim, timingCalls, 'auto');
      timing = { calls: timingCalls, n: 1, fused: fast.head.fused, fusedMsPerCall, tfjsMsPerCall };
    }
  } finally {
    cache.dispose();
    h?.dispose();
  }
  if (args.synthetic ?? true) {
    const params = syntheticParams(seed);
    let head: FastHead | null = null;
    const hs = tf.tensor2d(Float32Array.from({ length: SYNTHETIC.d }, (_, i) => Math.sin(0.7 * i + seed)), [1, SYNTHETIC.d]);
    try {
      head = await FastHead.prepare(params, SYNTHETIC, 'hd');
      cases.push(...await compareHead('random w200 d96 2 blocks latent 256', head, params, SYNTHETIC, 'hd', hs, ns, seed, step));
    } finally {
      head?.dispose();
      hs.dispose();
      for (const v of params.values()) v.dispose();
    }
  }
  const leakedTensors = tf.memory().numTensors - before;
  const ok = leakedTensors === 0 && cases.every((c) => c.maxAbsDiff < HEAD_CHECK_TOL);
  return { backend: tf.getBackend(), fused: hasFusedEnergyHead() && fast.head.fused, cases, timing, leakedTensors, ok };
}
