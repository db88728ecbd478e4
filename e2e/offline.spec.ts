import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// Works before the model and offline after the first visit (issue 8 item 4): the shell paints before the
// models load; after one visit the service worker (public/sw.js) has the app, and the engine's own cache
// has the weights, so a reload with the network off reaches ready — cross-origin isolated as before.

test('the shell paints before any weight has arrived', async ({ page }) => {
  const errors = watchErrors(page);
  // Hold every weight file: the engine cannot finish, the shell must still be there and usable.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/weights/**/*.bin', async (r) => {
    await held;
    await r.continue();
  });
  await page.goto('/?panel=noise');
  await expect(page.getByRole('heading', { name: 'CALM Playground' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Noise' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.app')).not.toHaveAttribute('data-state', 'ready');
  const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  expect(paint).not.toBeNull();
  // Controls answer while the models load: switch panels, open the shortcuts list.
  await page.keyboard.press('3');
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'generate');
  release();
  await ready(page);
  console.log(`[measure] first contentful paint ${paint!.toFixed(0)} ms (weights held back)`);
  expect(errors).toEqual([]);
});

test('after one visit, a reload with the network off reaches ready and computes', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?panel=compress');
  await ready(page);
  // The service worker is installed once the engine is ready, and has stored this build.
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 60_000 });
  await expect(page.getByText('Saved for offline use')).toBeVisible();
  const online = await page.evaluate(() => ({ isolated: crossOriginIsolated, controller: !!navigator.serviceWorker.controller }));
  expect(online.controller).toBe(true); // clients.claim(): this page is already controlled
  expect(online.isolated).toBe(true); // vite preview sends COOP/COEP, as deployment must

  await context.setOffline(true);
  // The network is really gone, for the page and for the service worker: a weight file (which the worker
  // passes through) fails, and the manifest is answered from the worker's stored copy.
  expect(await page.evaluate(() => fetch('/weights/ae-robust/weights.bin', { cache: 'no-store' }).then(() => 'reached', () => 'failed'))).toBe('failed');
  expect(await page.evaluate(() => fetch('/weights/manifest.json', { cache: 'no-cache' }).then((r) => r.headers.get('X-Calm-Offline')))).toMatch(/^stored /);

  await page.goto('/?panel=compress&text=' + encodeURIComponent('Offline, the little dog ran home.'));
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  // Same isolation as online: the stored responses kept their COOP/COEP headers.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(online.isolated);
  const init = await page.evaluate(() => (performance.getEntriesByName('calm-ready')[0] as PerformanceMark).detail);
  expect(init.fromCache).toBe(true);
  // The live model runs offline: the reconstruction of a text never seen before.
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/^\d+(\.\d+)? %$/);
  await expect(page.getByTestId('reconstruction')).toContainText('dog');
  // Held-out data (fetched by the engine on demand) comes from the stored copy too.
  type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown> } };
  const heldout = await page.evaluate(async () => {
    const r = await fetch('/heldout/stories.json');
    return r.ok ? ((await r.json()) as { passages: unknown[] }).passages.length : -1;
  });
  expect(heldout).toBeGreaterThan(0);
  // So does the Train panel's training sample (read and SHA-256-checked by the engine).
  const sample = await page.evaluate(() => (window as unknown as Hook).__calm.call('trainInfo', {})) as { sampleTokens: number };
  expect(sample.sampleTokens).toBe(262144);
  const mem = await page.evaluate(() => (window as unknown as Hook).__calm.call('memory', {}));
  expect(mem).toHaveProperty('numTensors');
  // The Cache API holds only the engine's weights cache; the service worker keeps its files in IndexedDB.
  const cacheNames = await page.evaluate(() => caches.keys());
  expect(cacheNames).toEqual([`calm-weights-${init.manifestVersion}`]);
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('the service worker is registered for this build, with the file list the build wrote', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 60_000 });
  const reg = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const list = (await (await fetch('/sw-precache.json')).json()) as { build: string; files: string[] };
    return { script: r?.active?.scriptURL ?? '', build: list.build, files: list.files };
  });
  expect(new URL(reg.script).searchParams.get('build')).toBe(reg.build);
  expect(reg.files).toContain('index.html');
  expect(reg.files.some((f) => f.startsWith('tfjs-wasm/'))).toBe(true);
  expect(reg.files.filter((f) => f.startsWith('weights/'))).toEqual(['weights/manifest.json']);
  expect(errors).toEqual([]);
});
