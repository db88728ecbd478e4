import { test, expect } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';
import { expectAgreement, expectHeadAgreement, runHeadCheck, runKernelCheck } from './kernel-check.ts';
import type { KernelCheckCase } from '../src/engine/ops/core.types.ts';

// Real WebGPU through SwiftShader (project "webgpu"): the fused WGSL matmul + argmax kernel
// (src/engine/webgpu-kernels.ts) against TF.js's own matMul + argMax and a float64 reference, on the
// decoder's shapes ([4,128]·[128,4096], [800,128]·[128,4096]), odd sizes, bias, and exact ties. On the tie
// cases TF.js's own argMax on WebGPU does not always pick the lowest index (its 64-thread reduction keeps the
// lower *thread* on equal values): logged as "plain wrong", not asserted; the fused kernel must pick the lowest.
test.setTimeout(480_000);

test('the fused matmul + argmax WGSL kernel agrees with tf.argMax(tf.matMul) on WebGPU', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await readyApp(page, 300_000);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  const r = await runKernelCheck(page);
  expect(r.backend).toBe('webgpu');
  expect(r.fused).toBe(true); // the registered kernel ran, not the fallback
  expectAgreement(r, 'webgpu');
  // Exact ties: the fused kernel picks the lowest column on every row (wrong === 0 above, checked row by row).
  for (const c of r.cases.filter((c) => c.data === 'ties')) expect(c.refChecked).toBe(c.rows);
  // Second run: same seed, pipelines cached, same answers.
  const again = await runKernelCheck(page);
  expect(again.cases.map((c) => [c.sameAsPlain, c.differRight, c.wrong])).toEqual(r.cases.map((c) => [c.sameAsPlain, c.differRight, c.wrong]));
  expect(r.cases).toHaveLength(6);
  expect(errors).toEqual([]);
});

// The energy head as one WGSL dispatch (src/engine/webgpu-head.ts) against the same prepared head's TF.js
// kernels, on the shipped stories CALM (h from one CALM step) and a random odd-sized head (w 200 > 128 threads,
// 2 blocks, latent 256), for 1, 8 and 200 samples of fixed noise; then 20 timed calls of each path (n = 1).
test('the fused energy-head WGSL kernel agrees with the TF.js head on WebGPU', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await readyApp(page, 300_000);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  const r = await runHeadCheck(page, { set: 'stories', ns: [1, 8, 200], timingCalls: 20 });
  expect(r.backend).toBe('webgpu');
  expect(r.fused).toBe(true); // the registered kernel ran, not the fallback
  expectHeadAgreement(r, 'webgpu');
  expect(r.cases).toHaveLength(6);
  // Against the float64 host model too (the TF.js path is itself float32).
  for (const c of r.cases) expect.soft(c.fusedVsHost, `${c.head} n=${c.n} vs host`).toBeLessThan(1e-4);
  expect(errors).toEqual([]);
});

test('the fused kernel stays right when the dispatch folds into 2-D (over 65,535 workgroups)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await readyApp(page, 300_000);
  // The same case as DISPATCH_2D_CASE in src/engine/kernel-check.ts: 4 rows a workgroup, 65,537 workgroups (≈ 40 s on SwiftShader).
  const cases: KernelCheckCase[] = [{ name: '2-D dispatch', rows: 4 * 65_537, k: 4, n: 8, bias: false, data: 'random' }];
  const r = await runKernelCheck(page, 2, cases);
  expect(r.fused).toBe(true);
  expectAgreement(r, 'webgpu');
  expect(r.cases[0].refChecked).toBe(r.cases[0].rows); // every row against the float64 reference (small K·N)
  expect(errors).toEqual([]);
});
