import { test, expect, type Page } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';

// Real WebGPU through SwiftShader (project "webgpu"): a software fallback, ≈ 10 s per training step of both
// runs here. Tiny work: one step through the panel, one more through the engine hook, compared with WASM.
test.setTimeout(420_000);

type Hook = { __calm: { call(op: string, args: unknown): Promise<{ a: { loss: number }; b: { loss: number }; step: number }> } };
const SETUP = {
  a: { beta: 0.001, klClip: 0.5, dropToken: 0.15, dropLatent: 0.15, latent: 64 },
  b: { beta: 0, klClip: 0, dropToken: 0, dropLatent: 0, latent: 64 },
  seed: 1,
};
const firstStep = (page: Page) => page.evaluate(async (setup) => {
  const call = (window as unknown as Hook).__calm.call;
  await call('trainReset', {});
  const r = await call('trainStep', { setup, fromStep: 0 });
  await call('trainReset', {});
  return { a: r.a.loss, b: r.b.loss };
}, SETUP);

test('Train on WebGPU: the panel trains a step on the GPU backend, and a first step matches WASM', async ({ page, browser }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=train&backend=webgpu');
  await readyApp(page, 240_000);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('train-start').click();
  await expect(page.getByTestId('train-accuracy')).toHaveText(/^\d{1,3}\.\d %$/, { timeout: 240_000 });
  await page.getByTestId('train-pause').click();
  await expect(page.getByTestId('train-start')).toHaveText('Resume', { timeout: 120_000 });
  expect(Number(await page.getByTestId('train-steps').textContent())).toBeGreaterThanOrEqual(1);
  await page.getByTestId('train-reset').click();
  await expect(page.getByTestId('train-steps')).toHaveCount(0);

  // The same first step (seed, batch, noise) on WebGPU and on WASM gives the same losses.
  const gpu = await firstStep(page);
  const other = await browser.newPage();
  await other.goto('/?panel=train&backend=wasm');
  await readyApp(other);
  const cpu = await firstStep(other);
  console.log(`[measure] first-step loss A ${gpu.a} (webgpu) vs ${cpu.a} (wasm); B ${gpu.b} vs ${cpu.b}`);
  expect(Math.abs(gpu.a - cpu.a) / cpu.a).toBeLessThan(1e-3);
  expect(Math.abs(gpu.b - cpu.b) / cpu.b).toBeLessThan(1e-3);
  await other.close();
  expect(errors).toEqual([]);
});
