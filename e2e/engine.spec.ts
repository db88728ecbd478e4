import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

/** Uncaught page errors collected for the whole test (there must be none). */

test('the app loads its models, reaches ready on WASM and names its backend with a reason', async ({ page }) => {
  const errors = watchErrors(page);
  const weightRequests: string[] = [];
  const hosts = new Set<string>();
  page.on('request', (r) => {
    hosts.add(new URL(r.url()).host);
    if (r.url().includes('/weights/') && !r.url().endsWith('manifest.json')) weightRequests.push(r.url());
  });
  await page.goto('/');
  await ready(page);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  const badge = page.getByTestId('backend-badge');
  await expect(badge).toHaveText('wasm');
  await expect(page.locator('.engine-reason')).toContainText(/using WASM|WASM/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  const first = await page.evaluate(() => {
    const m = performance.getEntriesByName('calm-ready')[0] as PerformanceMark;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    return { readyMs: m.startTime, paintMs: paint?.startTime, init: m.detail };
  });
  expect(first.init.fromCache).toBe(false);
  expect(first.init.weightBytes).toBeGreaterThan(1e6);
  expect(weightRequests.length).toBeGreaterThan(4);

  // The engine answers through the test hook and frees what it makes.
  const mem = await page.evaluate(() => (window as unknown as { __calm: { memory(): Promise<{ numTensors: number }> } }).__calm.memory());
  expect(mem.numTensors).toBeGreaterThan(10);

  // Reload: every weight file now comes from the versioned browser cache.
  weightRequests.length = 0;
  await page.reload();
  await ready(page);
  const second = await page.evaluate(() => {
    const m = performance.getEntriesByName('calm-ready')[0] as PerformanceMark;
    return { readyMs: m.startTime, init: m.detail };
  });
  expect(second.init.fromCache).toBe(true);
  expect(weightRequests).toEqual([]);
  // Privacy: nothing but the app's own origin was asked for anything (the worker's requests included).
  expect([...hosts]).toEqual([new URL(page.url()).host]);
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames).toEqual([`calm-weights-${second.init.manifestVersion}`]);
  console.log(`[measure] first load: ready ${first.readyMs.toFixed(0)} ms, first paint ${first.paintMs?.toFixed(0)} ms, ` +
    `${first.init.weightBytes} weight bytes, timings ${JSON.stringify(first.init.timings)}; cached reload: ready ${second.readyMs.toFixed(0)} ms, timings ${JSON.stringify(second.init.timings)}`);
  expect(errors).toEqual([]);
});

test('weights load with a byte-level progress bar', async ({ page }) => {
  const errors = watchErrors(page);
  // Hold back the last file of the start-up set a little, so the bar can be read mid-way.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/weights/stories-baseline/weights.bin', async (r) => {
    await held;
    await r.continue();
  });
  await page.goto('/');
  const bar = page.getByRole('progressbar');
  await expect(page.locator('.engine-progress-text')).toContainText('stories-baseline/weights.bin');
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+\.\d MB of \d+\.\d MB$/);
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'loading');
  // Everything before that file is in: well past the start, short of the end.
  const pct = Number(await bar.getAttribute('aria-valuenow'));
  expect(pct).toBeGreaterThan(10);
  expect(pct).toBeLessThan(100);
  release();
  await ready(page);
  await expect(bar).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('?set=austen loads that set at start; the other set loads on demand', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?set=austen');
  await ready(page);
  type Hook = { __calm: { call(op: string, args: unknown): Promise<{ set: string; weightBytes: number }> } };
  const again = await page.evaluate(() => (window as unknown as Hook).__calm.call('loadSet', { set: 'austen' }));
  expect(again).toEqual({ set: 'austen', weightBytes: 0 }); // already there
  const other = await page.evaluate(() => (window as unknown as Hook).__calm.call('loadSet', { set: 'stories' }));
  expect(other.weightBytes).toBeGreaterThan(1e6);
  expect(errors).toEqual([]);
});

test('?backend=cpu runs on the CPU backend and says it was asked for', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=cpu');
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu');
  await expect(page.locator('.engine-reason')).toContainText('You asked for CPU');
  await expect(page.getByLabel('Backend')).toHaveValue('cpu');
  expect(errors).toEqual([]);
});

test('?backend=webgpu without WebGPU says it cannot start and falls back to WASM', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  await expect(page.locator('.engine-warning')).toContainText(/WebGPU could not start: no WebGPU adapter.*Running on wasm instead/);
  expect(errors).toEqual([]);
});

test('changing the backend in the UI restarts the engine on it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  await page.getByLabel('Backend').selectOption('cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu', { timeout: 90_000 });
  await ready(page);
  expect(page.url()).toContain('backend=cpu');
  expect(errors).toEqual([]);
});

test('a missing weight file shows the error naming it, and Retry works once it is back', async ({ page }) => {
  const errors = watchErrors(page);
  const route = '**/weights/ae-robust/weights.bin';
  await page.route(route, (r) => r.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('ae-robust/weights.bin', { timeout: 90_000 });
  await expect(alert).toContainText('HTTP 404');
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error');
  await page.unroute(route);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await ready(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  expect(errors).toEqual([]);
});

test('a corrupted weight file fails its hash check with the error naming it, and Retry works', async ({ page }) => {
  const errors = watchErrors(page);
  const route = '**/weights/ae-robust/weights.bin';
  await page.route(route, async (r) => {
    const res = await r.fetch();
    const body = Buffer.from(await res.body());
    body[1000] ^= 0xff;
    await r.fulfill({ response: res, body });
  });
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/"ae-robust\/weights\.bin" is corrupted/, { timeout: 90_000 });
  await expect(alert).toContainText('git checkout public/weights');
  await page.unroute(route);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await ready(page);
  expect(errors).toEqual([]);
});
