import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// The bad-input matrix, shell / engine / URL rows (issue 8 item 5): each gives a clear message, loses no
// state, and throws nothing uncaught. Panel rows (σ/T at their limits inside panels, a prompt shorter than K,
// rapid clicks on Step, cancel) live in e2e/panel-hardening.spec.ts and e2e/lm-panel-hardening.spec.ts.

const notices = (page: Page) => page.getByRole('status', { name: 'Notices' });
const params = (page: Page) => new URL(page.url()).searchParams;
type Hook = { __calm: { call(op: string, args: unknown): Promise<{ numTensors: number }>; memory(): Promise<{ numTensors: number }> } };
const resetCaches = (page: Page) => page.evaluate(() => (window as unknown as Hook).__calm.call('resetCaches', {}));

test('malformed and out-of-range link values: notices, defaults or limits, and no control past its limits', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=x&panel=temperature&sigma=-1&T=7&N=0&seed=abc&sampler=zzz&set=moon&backend=tpu&presenter=maybe&noise=loud');
  for (const key of ['v', 'sigma', 'T', 'N', 'seed', 'sampler', 'set', 'backend', 'presenter', 'noise']) {
    await expect(notices(page)).toContainText(`${key}="`);
  }
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'temperature');
  await expect(page.getByTestId('temp-T')).toHaveValue('1');
  await expect(page.getByTestId('temp-N')).toHaveValue('1');
  // Typing past a limit in a control is clamped too.
  await page.getByTestId('temp-N').fill('99999');
  await expect(page.getByTestId('temp-N')).toHaveValue('1000');
  await expect.poll(() => params(page).get('N')).toBe('1000');
  await page.keyboard.press('Escape');
  await page.locator('#panel h2').click();
  await page.keyboard.press('2');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0');
  for (const [id, min, max] of [['noise-sigma', '0', '2']] as const) {
    await expect(page.getByTestId(id)).toHaveAttribute('min', min);
    await expect(page.getByTestId(id)).toHaveAttribute('max', max);
  }
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  expect(errors).toEqual([]);
});

test('100,000 characters of text in a link are truncated with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  const huge = 'The cat sat on the mat. '.repeat(5000).slice(0, 100_000);
  // The test server (Node) refuses a request line this long (431), as many hosts would; serve the page for
  // it here, as a permissive host (or, after the first visit, the service worker) does. The app then reads
  // the link itself.
  await page.route((u) => u.pathname === '/' && u.search.length > 8000, async (route) => {
    const res = await route.fetch({ url: new URL('/', route.request().url()).href });
    await route.fulfill({ response: res });
  });
  await page.goto(`/?text=${encodeURIComponent(huge)}`);
  await expect(notices(page)).toContainText('longer than 4000 characters and was truncated');
  await expect(page.getByTestId('compress-input')).toHaveValue(huge.slice(0, 4000));
  await expect.poll(() => params(page).get('text')?.length).toBe(4000);
  await ready(page);
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/, { timeout: 90_000 });
  expect(errors).toEqual([]);
});

test('after the first visit, a link too long for the server still opens (the service worker answers)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 60_000 });
  const huge = '你好，小猫。'.repeat(2000); // 12,000 characters, ~108 KB percent-encoded: the server answers 431
  await page.goto(`/?panel=noise&text=${encodeURIComponent(huge)}`);
  await expect(notices(page)).toContainText('truncated');
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'noise');
  await ready(page);
  // 4,000 CJK characters are still ~36 KB as a link: copying it warns that some servers refuse it.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toContainText('some servers refuse links over 8,000');
  expect(errors).toEqual([]);
});

test('100,000 characters typed (pasted) into the text box are truncated with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  const huge = 'Lily ran to the park with her dog. '.repeat(3000).slice(0, 100_000);
  const box = page.getByTestId('compress-input');
  await box.fill(huge);
  await expect(notices(page)).toContainText('only the first 4000 are used');
  await expect(box).toHaveValue(huge.slice(0, 4000));
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/, { timeout: 90_000 });
  expect(errors).toEqual([]);
});

test('emoji, CJK, RTL and control characters in text and prompt do not break anything', async ({ page }) => {
  const errors = watchErrors(page);
  const text = 'Hi 🙃👩‍👩‍👧 你好世界 שלום עולם مرحبا \u202Eevil\u202C tab\there bell\u0007 nul\u0000 end.';
  await page.goto(`/?text=${encodeURIComponent(text)}`);
  await ready(page);
  // C0 controls (other than tab and newline) are dropped on the way in; the rest is kept as typed.
  const cleaned = text.replace(/[\u0000-\u0008\u000b-\u001f]/g, '');
  await expect(page.getByTestId('compress-input')).toHaveValue(cleaned);
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/);
  await expect(page.getByTestId('chunk').first()).toBeVisible();
  // Typed into the box too.
  await page.getByTestId('compress-input').fill('مرحبا 🙃 東京 \u200F\u200D');
  await expect(page.getByTestId('reconstruction')).toBeVisible();
  // The generator's prompt.
  await page.goto(`/?panel=generate&prompt=${encodeURIComponent('🙃 你好 שלום')}`);
  await ready(page);
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  expect(errors).toEqual([]);
});

test('empty and whitespace-only text: no crash, the app stays usable', async ({ page }) => {
  const errors = watchErrors(page);
  for (const t of ['', '   \n\t  ']) {
    await page.goto(`/?text=${encodeURIComponent(t)}`);
    await ready(page);
    await expect(page.getByTestId('compress-input')).toHaveValue(t);
    await page.keyboard.press('2');
    await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'noise');
    await page.keyboard.press('1');
    // The panel says what is missing; the engine itself is fine.
    await expect(page.locator('#panel [role="alert"]')).toContainText(/text/i);
    await expect(page.locator('.engine-error')).toHaveCount(0);
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'ready');
  }
  expect(errors).toEqual([]);
});

test('a truncated weight file fails with its name and a Retry, and the link’s state survives', async ({ page }) => {
  const errors = watchErrors(page);
  const route = '**/weights/ae-plain/weights.bin';
  await page.route(route, async (r) => {
    const res = await r.fetch();
    const body = Buffer.from(await res.body());
    await r.fulfill({ response: res, body: body.subarray(0, Math.floor(body.length / 2)), headers: { ...res.headers(), 'content-length': String(Math.floor(body.length / 2)) } });
  });
  await page.goto('/?panel=noise&sigma=0.7');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('ae-plain/weights.bin', { timeout: 90_000 });
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.7');
  await page.unroute(route);
  await alert.getByRole('button', { name: 'Retry' }).click();
  await ready(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(Object.fromEntries(params(page))).toMatchObject({ panel: 'noise', sigma: '0.7' });
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/%$/);
  expect(errors).toEqual([]);
});

test('a tampered tokenizer fails its hash check with its name', async ({ page }) => {
  const errors = watchErrors(page);
  await page.route('**/weights/tokenizer.json', async (r) => {
    const res = await r.fetch();
    const body = (await res.text()).replace('"model"', '"modle"');
    await r.fulfill({ response: res, body });
  });
  await page.goto('/');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('tokenizer.json', { timeout: 90_000 });
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error');
  expect(errors).toEqual([]);
});

test('WebGPU missing: ?backend=webgpu falls back to WASM, says so, and keeps the rest of the link', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu&panel=noise&sigma=0.7&presenter=1');
  await ready(page);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm');
  await expect(page.locator('.engine-warning')).toContainText('WebGPU could not start');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.7');
  expect(Object.fromEntries(params(page))).toMatchObject({ backend: 'webgpu', panel: 'noise', sigma: '0.7', presenter: '1' });
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/%$/);
  expect(errors).toEqual([]);
});

test('rapid repeated tab switching leaves the app responsive and no tensors behind', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  const baseline = await resetCaches(page);
  const tabs = page.getByRole('tab');
  for (let i = 0; i < 60; i++) await tabs.nth((i * 5) % 6).click({ delay: 0 });
  for (let i = 0; i < 60; i++) await page.keyboard.press(String((i % 6) + 1));
  await page.keyboard.press('2');
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'noise');
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/%$/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await resetCaches(page)).numTensors).toBe(baseline.numTensors);
  expect(errors).toEqual([]);
});

test('rapid repeated backend switching ends on the last choice, ready, without errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await ready(page);
  const baseline = await resetCaches(page);
  const select = page.getByLabel('Backend');
  for (const b of ['cpu', 'wasm', 'webgl', 'cpu', 'auto', 'cpu', 'wasm']) await select.selectOption(b);
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm', { timeout: 90_000 });
  await ready(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(params(page).get('backend')).toBe('wasm');
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/);
  // The new engine holds the same models, nothing more.
  await expect.poll(async () => (await resetCaches(page)).numTensors).toBe(baseline.numTensors);
  expect(errors).toEqual([]);
});
