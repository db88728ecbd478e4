/**
 * The engine's kernel self-check (core op `kernelCheck`): run matMulArgMax (the fused kernel where the
 * backend has one) and the plain tf.argMax(tf.matMul(..)) on seeded data, and compare the two, and both
 * with a float64 reference in JavaScript. Reads back only with `await t.data()` (on WebGPU `dataSync()`
 * returned zeros in our runs). Used by e2e tests on WebGPU and WASM; needs no models.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CalmError } from '../model/errors.ts';
import { hasFusedMatMulArgMax, matMulArgMax } from '../model/matmul-argmax.ts';
import { Mulberry32 } from '../model/random.ts';
import type { KernelCheckCase, KernelCheckCaseResult, KernelCheckResult } from './ops/core.types.ts';

/** The decoder's shapes (4 tokens × 1 and × 200 samples through the tied 4096-token embedding), odd sizes, ties. */
export const DEFAULT_KERNEL_CHECK_CASES: KernelCheckCase[] = [
  { name: 'decode 4 rows', rows: 4, k: 128, n: 4096, bias: false, data: 'random' },
  { name: 'decode 800 rows', rows: 800, k: 128, n: 4096, bias: false, data: 'random' },
  { name: 'odd sizes + bias', rows: 70, k: 33, n: 300, bias: true, data: 'random' },
  { name: 'K over one tile + bias', rows: 5, k: 300, n: 130, bias: true, data: 'random' },
  { name: 'ties, 1 row a group', rows: 16, k: 4, n: 300, bias: true, data: 'ties' },
  { name: 'ties, 4 rows a group', rows: 67, k: 8, n: 4096, bias: false, data: 'ties' },
];

/**
 * 65,537 workgroups of 4 rows: one over WebGPU's 65,535 per dimension, so TF.js folds the dispatch into 2-D.
 * Not a default case: ≈ 40 s on SwiftShader (e2e/kernel.webgpu.spec.ts runs it on its own).
 */
export const DISPATCH_2D_CASE: KernelCheckCase = { name: '2-D dispatch', rows: 4 * 65_537, k: 4, n: 8, bias: false, data: 'random' };

/** Float64 multiply-adds spent on the reference per case (rows are sampled above it; differing rows always). */
const REFERENCE_BUDGET = 20_000_000;
const MAX_CASE_WORK = 2_000_000_000;

function fill(rng: Mulberry32, n: number, data: 'random' | 'ties', scale: number, lo: number, hi: number): Float32Array {
  const a = new Float32Array(n);
  if (data === 'random') for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
  else for (let i = 0; i < n; i++) a[i] = lo + Math.floor(rng.next() * (hi - lo + 1));
  return a;
}

/** Row r's logits in float64. */
function referenceRow(x: Float32Array, w: Float32Array, b: Float32Array | null, r: number, K: number, N: number): Float64Array {
  const out = new Float64Array(N);
  for (let k = 0; k < K; k++) {
    const xv = x[r * K + k];
    if (xv === 0) continue;
    const off = k * N;
    for (let n = 0; n < N; n++) out[n] += xv * w[off + n];
  }
  if (b) for (let n = 0; n < N; n++) out[n] += b[n];
  return out;
}

async function runCase(c: KernelCheckCase, seed: number): Promise<KernelCheckCaseResult> {
  const { rows: R, k: K, n: N } = c;
  const rng = new Mulberry32(seed);
  const ties = c.data === 'ties';
  const xv = fill(rng, R * K, c.data, 1, -1, 1);
  const wv = fill(rng, K * N, c.data, 0.1, -1, 1);
  const bv = c.bias ? fill(rng, N, c.data, 0.05, 0, 1) : null;
  const x = tf.tensor2d(xv, [R, K]);
  const w = tf.tensor2d(wv, [K, N]);
  const b = bv ? tf.tensor1d(bv) : undefined;
  let fusedIds: Int32Array;
  let plainIds: Int32Array;
  let fusedMs: number;
  let plainMs: number;
  try {
    let t0 = performance.now();
    const f = matMulArgMax(x, w, b);
    try {
      fusedIds = (await f.data()) as Int32Array;
    } finally {
      f.dispose();
    }
    fusedMs = performance.now() - t0;
    t0 = performance.now();
    const p = tf.tidy(() => tf.argMax(b ? tf.add(tf.matMul(x, w), b) : tf.matMul(x, w), 1));
    try {
      plainIds = (await p.data()) as Int32Array;
    } finally {
      p.dispose();
    }
    plainMs = performance.now() - t0;
  } finally {
    tf.dispose([x, w, ...(b ? [b] : [])]);
  }

  // Which rows get the float64 reference: every differing row, every tie-case row, and a spread sample.
  const step = ties ? 1 : Math.max(1, Math.ceil((R * K * N) / REFERENCE_BUDGET));
  let maxAbsW = 0;
  for (let i = 0; i < wv.length; i++) maxAbsW = Math.max(maxAbsW, Math.abs(wv[i]));
  let maxAbsB = 0;
  if (bv) for (let i = 0; i < bv.length; i++) maxAbsB = Math.max(maxAbsB, Math.abs(bv[i]));
  let sameAsPlain = 0;
  let differRight = 0;
  let wrong = 0;
  let plainWrong = 0;
  let refChecked = 0;
  const wrongRows: number[] = [];
  for (let r = 0; r < R; r++) {
    const same = fusedIds[r] === plainIds[r];
    if (same) sameAsPlain++;
    if (same && r % step !== 0) continue;
    refChecked++;
    const ref = referenceRow(xv, wv, bv, r, K, N);
    let m = -Infinity;
    let first = 0;
    for (let n = 0; n < N; n++) if (ref[n] > m) { m = ref[n]; first = n; }
    // Float32 sums of K products, in another order: a few ulps of Σ|x·w| (0 for the integer tie data, exact there).
    let scale = maxAbsB;
    for (let k = 0; k < K; k++) scale += Math.abs(xv[r * K + k]) * maxAbsW;
    const tol = ties ? 0 : 1e-5 * scale;
    const ok = (id: number) => id >= 0 && id < N && (ties ? id === first : ref[id] >= m - tol);
    if (!ok(fusedIds[r])) {
      wrong++;
      if (wrongRows.length < 8) wrongRows.push(r);
    } else if (!same) differRight++;
    if (!ok(plainIds[r])) plainWrong++;
  }
  return { ...c, seed, sameAsPlain, differRight, wrong, wrongRows, plainWrong, refChecked, fusedMs, plainMs };
}

export async function kernelCheck(args: { seed?: number; cases?: KernelCheckCase[] }, step: () => Promise<void>): Promise<KernelCheckResult> {
  const seed = args.seed ?? 1;
  const cases = args.cases ?? DEFAULT_KERNEL_CHECK_CASES;
  for (const c of cases) {
    const dims = [c.rows, c.k, c.n];
    if (dims.some((d) => !Number.isInteger(d) || d < 1) || c.rows * c.k * c.n > MAX_CASE_WORK) {
      throw new CalmError('bad-input', `kernelCheck: case "${c.name}" has sizes ${dims.join('×')}.`, 'Use positive integer sizes with rows·k·n ≤ 2e9.');
    }
  }
  const before = tf.memory().numTensors;
  const results: KernelCheckCaseResult[] = [];
  for (let i = 0; i < cases.length; i++) {
    results.push(await runCase(cases[i], seed * 1000 + i));
    await step();
  }
  const leakedTensors = tf.memory().numTensors - before;
  const ok = leakedTensors === 0 && results.every((r) => r.wrong === 0 && r.sameAsPlain + r.differRight === r.rows);
  return { backend: tf.getBackend(), fused: hasFusedMatMulArgMax(), cases: results, leakedTensors, ok };
}
