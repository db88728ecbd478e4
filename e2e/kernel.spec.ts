import { test, expect } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';
import { expectAgreement, runKernelCheck } from './kernel-check.ts';

// WASM: matMulArgMax has no fused kernel here and runs tf.argMax(tf.matMul) itself; the same engine
// check as kernel.webgpu.spec.ts, so the two backends are held to one standard (float64 reference, ties).
test('matMulArgMax takes the plain path on WASM and matches the float64 reference', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=wasm');
  await readyApp(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  const r = await runKernelCheck(page);
  expect(r.backend).toBe('wasm');
  expect(r.fused).toBe(false);
  expectAgreement(r, 'wasm');
  for (const c of r.cases) expect(c.sameAsPlain).toBe(c.rows);
  for (const c of r.cases) expect(c.plainWrong).toBe(0);
  expect(r.cases).toHaveLength(6);
  expect(errors).toEqual([]);
});
