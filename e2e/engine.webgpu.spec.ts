import { test, expect, type Page } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';

// Runs with --enable-unsafe-webgpu (project "webgpu"): WebGPU exists here, on SwiftShader, a software
// fallback ≈ 50× slower than WASM (PLATFORM.md). Keep the work tiny and the timeouts generous.
test.setTimeout(300_000);

const ready = (page: Page) => readyApp(page, 240_000);

test('auto picks WASM because the WebGPU adapter is a software fallback, and says so', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  const reason = page.locator('.engine-reason');
  await expect(reason).toContainText('software fallback');
  await expect(reason).toContainText('swiftshader');
  await expect(page.locator('.engine-warning')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('?backend=webgpu reaches ready on WebGPU, and a lost device moves the engine to WASM', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  await expect(page.locator('.engine-reason')).toContainText('You asked for WebGPU');
  const measured = await page.evaluate(() => {
    const m = performance.getEntriesByName('calm-ready')[0] as PerformanceMark;
    return { readyMs: m.startTime, timings: m.detail.timings };
  });
  console.log(`[measure] webgpu (SwiftShader) ready ${measured.readyMs.toFixed(0)} ms, timings ${JSON.stringify(measured.timings)}`);

  // Recovery: destroy the GPU device the way a driver reset would.
  type Hook = { __calm: { call(op: string, args: unknown): Promise<{ lost?: boolean; numTensors?: number; backendOnlyTensors?: number }> } };
  // Model tensors only (panels may hold cached results: drop those first).
  const before = await page.evaluate(() => (window as unknown as Hook).__calm.call('resetCaches', {}));
  const res = await page.evaluate(() => (window as unknown as Hook).__calm.call('loseDevice', {}));
  expect(res.lost).toBe(true);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm', { timeout: 120_000 });
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('The GPU stopped working');
  await expect(page.locator('.engine-reason')).toContainText('GPU device was lost');
  // The engine keeps working on the new backend, with the same models loaded. WebGPU alone packs the energy
  // head's weights for its fused kernel (one tensor per loaded CALM): WASM has none of those.
  const after = await page.evaluate(() => (window as unknown as Hook).__calm.call('resetCaches', {}));
  expect(before.backendOnlyTensors).toBeGreaterThan(0);
  expect(after.backendOnlyTensors).toBe(0);
  expect(after.numTensors).toBe(before.numTensors! - before.backendOnlyTensors!);
  expect(errors).toEqual([]);
});
