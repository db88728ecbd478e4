import { test, expect, type Page, type Route } from '@playwright/test';
import { watchErrors } from './support.ts';

// Precomputed traces (issue 8 item 4): while the weights are held back, every panel shows its trace from
// public/traces/ under a banner that says so, and none of the test-contract ids (those mark live results
// only); once the weights arrive, the live results replace it. The traces must be current: after retraining,
// `npm run traces` (scripts/make-traces.test.ts fails until it has run).

const WEIGHTS = '**/weights/**/weights.bin';

/** Test ids that may appear before the model is ready: inputs and buttons, never results. */
const CONTROL_IDS = new Set([
  'compress-input', 'noise-input', 'noise-sigma', 'gen-prompt', 'gen-sampler', 'gen-step', 'gen-back', 'gen-reset',
  'temp-T', 'temp-N', 'temp-sample', 'temp-sweep', 'temp-sweep-cancel', 'backend-badge', 'gen-stop-at-end',
]);
/** Result ids of the four panels: each must be absent while a trace is shown. */
const RESULT_IDS = [
  'chunk', 'reconstruction', 'recon-accuracy', 'chunk-accuracy', 'noise-accuracy', 'noise-accuracy-plain', 'noisy-decode',
  'noisy-decode-plain', 'noise-curve', 'gen-output', 'gen-chunk', 'gen-steps', 'gen-tokens', 'temp-candidates', 'temp-level',
  'temp-attempts', 'temp-draws', 'temp-sweep-chart',
];

/** Hold every weight file until `release()` (the engine stays in "loading"). */
async function holdWeights(page: Page): Promise<{ release(): Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route(WEIGHTS, (route) => (released ? route.continue() : void held.push(route)));
  return {
    async release() {
      released = true;
      for (const r of held.splice(0)) await r.continue();
    },
  };
}

const tab = (page: Page, panel: string) => page.locator(`[role="tab"][data-panel="${panel}"]`).click();
const banner = (page: Page) => page.locator('#panel [data-trace="shown"]');

/** No result id anywhere on the page, and every test id inside the panel is a control's. */
async function expectNoContractIds(page: Page): Promise<void> {
  for (const id of RESULT_IDS) await expect(page.getByTestId(id), `${id} on a trace`).toHaveCount(0);
  const ids = await page.locator('#panel [data-testid]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
  expect(ids.filter((id) => !CONTROL_IDS.has(id))).toEqual([]);
}

test('with the weights held back each panel shows its trace, marked and without test ids; then the live results replace it', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const weights = await holdWeights(page);
  await page.goto('/?panel=compress');
  const app = page.locator('.app');

  // Compress: the default sentence, chunk cards and the reconstruction, under the banner.
  await expect(banner(page)).toBeVisible();
  await expect(banner(page)).toContainText('Precomputed trace, not the live model');
  await expect(banner(page)).toContainText('live model is loading');
  await expect(banner(page).locator('.trace-differs')).toHaveCount(0);
  await expect(page.locator('#panel .cz-chunk').first()).toBeVisible();
  expect(await page.locator('#panel .cz-chunk').count()).toBeGreaterThan(3);
  await expect(page.locator('#panel .cz-tokentext')).toContainText('Lily');
  await expect(page.locator('#panel .cz-summary')).toContainText('%');
  await expectNoContractIds(page);
  await expect(app).not.toHaveAttribute('data-state', 'ready');

  // Noise: both decodes at σ = 0.3 and the 41-point curve.
  await tab(page, 'noise');
  await expect(banner(page)).toContainText('σ = 0.3');
  await expect(page.locator('#panel .nz-decode')).toHaveCount(2);
  await expect(page.locator('#panel .nz-figure')).toHaveAttribute('data-points', '41');
  await expect(page.locator('#panel .nz-figure tbody tr')).toHaveCount(41);
  await expectNoContractIds(page);

  // Generate: the default prompt and six chunks, with the step details; Step waits for the model.
  await tab(page, 'generate');
  await expect(banner(page)).toContainText('stepped 6 times');
  await expect(page.locator('#panel .gn-output')).toContainText('Once upon a time');
  await expect(page.locator('#panel .gn-chunk')).toHaveCount(6);
  await expect(page.getByRole('img', { name: /^hidden state of step 6: 128 numbers/ })).toBeVisible();
  await expect(page.getByTestId('gen-step')).toBeDisabled();
  await expectNoContractIds(page);

  // Temperature: one batch draw (N = 200) and a small sweep; Draw and Sweep wait for the model.
  await tab(page, 'temperature');
  await expect(banner(page)).toHaveCount(2);
  await expect(banner(page).first()).toContainText('N = 200');
  const counts = await page.locator('#panel .tp-result tbody tr td:nth-child(2)').allTextContents();
  expect(counts.reduce((a, c) => a + Number(c), 0)).toBe(200);
  await expect(page.locator('#panel .tp-figure .recharts-scatter').first()).toBeVisible();
  await expect(page.getByTestId('temp-sample')).toBeDisabled();
  await expect(page.getByTestId('temp-sweep')).toBeDisabled();
  await expectNoContractIds(page);
  await expect(app).not.toHaveAttribute('data-state', 'ready');

  // The weights arrive: the traces go, live results come with their test ids.
  await weights.release();
  await expect(app).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(banner(page)).toHaveCount(0);
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible();
  await tab(page, 'generate');
  await expect(banner(page)).toHaveCount(0);
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await expect(page.getByTestId('gen-chunk')).toHaveCount(1);
  await tab(page, 'noise');
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/%$/);
  await expect(page.getByTestId('noise-curve')).toHaveAttribute('data-complete', 'true');
  await expect(banner(page)).toHaveCount(0);
  await tab(page, 'compress');
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/);
  expect(await page.getByTestId('chunk').count()).toBeGreaterThan(3);
  await expect(banner(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link with other settings: the trace says it shows the default example', async ({ page }) => {
  const errors = watchErrors(page);
  await holdWeights(page);
  await page.goto('/?panel=noise&sigma=1.2&text=Hello%20there.');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('1.2');
  await expect(banner(page).locator('.trace-differs')).toContainText('Your link asks for a different text and σ: the trace shows the default example');
  await tab(page, 'compress');
  await expect(banner(page).locator('.trace-differs')).toHaveAttribute('data-trace-differs', 'text');
  await tab(page, 'generate');
  await page.getByTestId('gen-prompt').fill('Hi');
  await expect(banner(page).locator('.trace-differs')).toHaveAttribute('data-trace-differs', 'prompt');
  await tab(page, 'temperature');
  await expect(banner(page).first().locator('.trace-differs')).toHaveAttribute('data-trace-differs', 'prompt');
  // The sweep's trace does not depend on the prompt.
  await expect(banner(page).nth(1).locator('.trace-differs')).toHaveCount(0);
  await expectNoContractIds(page);
  expect(errors).toEqual([]);
});

test('a trace of other weights is never shown; when the weights fail, the trace says the live model could not start', async ({ page }) => {
  const errors = watchErrors(page);
  // A stale trace: computed from other weights than the ones served.
  await page.route('**/traces/compress.json', async (route) => {
    const res = await route.fetch();
    const body = (await res.text()).replace(/"manifestVersion":"[^"]*"/, '"manifestVersion":"not-these-weights"');
    await route.fulfill({ response: res, body });
  });
  await page.route(WEIGHTS, (route) => route.abort('failed'));
  await page.goto('/?panel=compress');
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(banner(page)).toHaveCount(0);
  await expect(page.locator('#panel .cz-chunk')).toHaveCount(0);
  await tab(page, 'noise');
  await expect(banner(page)).toContainText('could not start');
  await expect(page.locator('#panel .nz-decode')).toHaveCount(2);
  await expectNoContractIds(page);
  expect(errors).toEqual([]);
});
