import { test, expect, type Page } from '@playwright/test';
import { AUSTEN_HELDOUT } from '../src/app/presets/text-presets.ts';
import { ready, watchErrors } from './support.ts';

// The bad-input matrix, panel rows (issue 8 item 5), for Compress, Noise, Generate and Temperature: σ and T
// at their limits, N at 1 and 1000, a prompt shorter than K, blank text and prompts, emoji / CJK / RTL,
// rapid repeated clicks, a cancelled sweep. Each gives a clear message, keeps what was shown, throws nothing
// uncaught, and leaves the engine's tf.memory() at the baseline taken right after ready once the caches
// are dropped. (Shell, URL and weight-file rows: hardening.spec.ts.)

type Mem = { numTensors: number; numBytes: number };
type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown>; memory(): Promise<Mem> } };

const call = (page: Page, op: string, args: unknown) =>
  page.evaluate(([o, a]) => (window as unknown as Hook).__calm.call(o as string, a), [op, args] as const);
const memory = (page: Page) => page.evaluate(() => (window as unknown as Hook).__calm.memory());
const alert = (page: Page) => page.locator('#panel [role="alert"]');
const notices = (page: Page) => page.getByRole('status', { name: 'Notices' });
const promptBox = (page: Page) => page.getByLabel('Prompt', { exact: true });

/**
 * Open a link, wait for the model, let the panel's own first calls finish (the Noise panel's σ sweep runs
 * in slices: wait for its end), drop the caches: the baseline.
 */
async function openAtBaseline(page: Page, query: string): Promise<Mem> {
  await page.goto(`/?${query}`);
  await ready(page);
  if (/panel=noise/.test(query)) await expect(page.getByTestId('noise-curve')).toHaveAttribute('data-complete', 'true');
  await settle(page);
  await call(page, 'resetCaches', {});
  return memory(page);
}

/** Wait until the engine is idle: a call queued behind everything else only returns then. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(400);
  await call(page, 'memory', {});
}

/** After the interactions: drop the caches; tf.memory() must be back at the baseline. */
async function expectBaseline(page: Page, base: Mem): Promise<void> {
  await settle(page);
  await call(page, 'resetCaches', {});
  expect(await memory(page)).toEqual(base);
}

/** Sum of the Count column of the live batch table. */
async function countSum(page: Page): Promise<number> {
  const counts = await page.locator('[data-testid="temp-candidates"] td:nth-child(2)').allTextContents();
  return counts.reduce((a, c) => a + Number(c), 0);
}

test('σ at 0 and at 2 decode; a link’s sigma=5 is clamped to 2 with a notice', async ({ page }) => {
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, `panel=noise&sigma=5&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  await expect(notices(page)).toContainText('sigma="5"');
  const slider = page.getByTestId('noise-sigma');
  await expect(slider).toHaveValue('2');
  await expect(page.getByText(/Decoded at σ = 2\.00/)).toBeVisible();
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/^\d{1,3}\.\d %$/);
  await expect(page.getByTestId('noise-accuracy')).not.toHaveText('100.0 %');
  await slider.fill('0');
  await expect(page.getByText(/Decoded at σ = 0\.00/)).toBeVisible();
  await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
  await expect(page.getByTestId('noisy-decode')).toHaveText(AUSTEN_HELDOUT);
  await slider.fill('2');
  await expect(page.getByText(/Decoded at σ = 2\.00/)).toBeVisible();
  await expect(page.getByTestId('noise-accuracy')).not.toHaveText('100.0 %');
  await expect.poll(() => new URL(page.url()).searchParams.get('sigma')).toBe('2');
  // The keyboard cannot push it past either end.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('2');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('0');
  await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
  await expect(alert(page)).toHaveCount(0);
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('Temperature: a draw at T = 0.05 and 1 and N = 1 and 1000; the exact sampler at T = 0.05 gives up cleanly', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, 'panel=temperature&prompt=Once%20upon%20a%20time&sampler=batch&T=0.05&N=1&seed=3');
  const T = page.getByTestId('temp-T');
  const N = page.getByTestId('temp-N');
  await expect(T).toHaveValue('0.05');
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates')).toHaveCount(1);
  await expect(page.locator('.tp-facts')).toContainText('20 (T = 1/20)');
  await expect(page.getByTestId('temp-level')).toHaveText('1');
  await N.fill('1000');
  await expect.poll(() => countSum(page), { timeout: 30_000 }).toBe(1000);
  await T.fill('1');
  await expect(page.locator('.tp-facts')).toContainText('1 (T = 1)');
  await expect.poll(() => countSum(page)).toBe(1000);
  await expect(page.getByTestId('temp-level')).toHaveText('1');
  await N.fill('1');
  await expect(page.getByTestId('temp-candidates')).toHaveCount(1);
  // Past the limits, typed: clamped.
  await N.fill('5000');
  await expect(N).toHaveValue('1000');
  await expect.poll(() => countSum(page), { timeout: 30_000 }).toBe(1000);

  // The exact sampler: T = 1 accepts the first draw; T = 0.05 needs 20 identical draws, gives up within its cap.
  await page.getByRole('combobox', { name: 'Sampler' }).selectOption('exact');
  await expect(page.getByTestId('temp-attempts')).toHaveText('1');
  await T.fill('0.05');
  await expect(page.locator('.tp-exact')).toContainText('gave up', { timeout: 60_000 });
  await expect(page.locator('.tp-exact')).toContainText(/gave up after \d+ draws/);
  await expect(page.locator('.tp-exact')).toContainText('runs stop after 4000 draws');
  await expect(alert(page)).toHaveCount(0);
  // Not frozen: the page answers at once, and a draw at T = 1 works right after.
  await page.locator('[role="tab"][data-panel="generate"]').click();
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await T.fill('1');
  await expect(page.getByTestId('temp-attempts')).toHaveText('1');
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('a prompt shorter than K ("Hi") in Generate and Temperature: padded, and the panel says so', async ({ page }) => {
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, 'panel=generate&prompt=Hi&seed=2');
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await expect(page.getByTestId('gen-output')).toContainText('Hi');
  await expect(page.locator('[data-note="padding"]')).toContainText('The prompt is only 1 token, shorter than one chunk of K = 4: 3 end-of-text tokens');
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('2');
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await expect(promptBox(page)).toHaveValue('Hi'); // the prompt is shared
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible();
  await expect(page.locator('[data-note="padding"]')).toContainText('only 1 token');
  await expect(alert(page)).toHaveCount(0);
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('empty and whitespace-only text and prompts: a message, and the previous result stays', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, `panel=noise&sigma=0&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  // Noise and Compress: the engine refuses blank text; the last decode stays.
  await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
  for (const blank of ['', '  \n\t ']) {
    await page.getByTestId('noise-input').fill(blank);
    await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe(blank);
    await expect(alert(page).filter({ hasText: /no text/i }).first()).toBeVisible();
    await expect(alert(page).filter({ hasText: 'The previous result is still shown' })).toHaveCount(1);
    await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
    await expect(page.getByTestId('noisy-decode')).toHaveText(AUSTEN_HELDOUT);
  }
  await page.locator('[role="tab"][data-panel="compress"]').click();
  await expect(page.getByTestId('compress-input')).toHaveValue('  \n\t ');
  await expect(alert(page).filter({ hasText: /no text/i })).toHaveCount(1);
  // Typed and the tab switched at once (within the text box's debounce): nothing typed is lost.
  await page.getByTestId('compress-input').fill('');
  await page.locator('[role="tab"][data-panel="noise"]').click();
  await expect(page.getByTestId('noise-input')).toHaveValue('');
  await expect(alert(page).filter({ hasText: /no text/i }).first()).toBeVisible();

  // Generate: Step on a blank prompt is refused; the text generated so far stays on screen.
  await page.locator('[role="tab"][data-panel="generate"]').click();
  const prompt = page.getByTestId('gen-prompt');
  await prompt.fill('Once upon a time');
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('2');
  const text = await page.getByTestId('gen-output').textContent();
  for (const blank of ['', '   \n ']) {
    await prompt.fill(blank);
    await expect(page.locator('[data-note="blank-prompt"]')).toBeVisible();
    await page.getByTestId('gen-step').click();
    await expect(alert(page)).toContainText('The prompt is empty');
    await expect(page.getByTestId('gen-output')).toHaveText(text!);
    await expect(page.getByTestId('gen-steps')).toHaveText('2');
    await expect(page.getByText('still showing the text generated from the prompt “Once upon a time”')).toBeVisible();
    // Space does the same (focus off the text box).
    await page.locator('#panel h2').click();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('gen-steps')).toHaveText('2');
  }
  // The prompt back: the generation continues where it was; the message goes.
  await prompt.fill('Once upon a time');
  await expect(alert(page)).toHaveCount(0);
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('3');
  await expect(page.getByTestId('gen-output')).toContainText(text!);

  // Temperature: Draw on a blank prompt is refused; the last batch stays.
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible();
  const rows = await page.getByTestId('temp-candidates').allTextContents();
  for (const blank of ['', ' \t ']) {
    await promptBox(page).fill(blank);
    await page.getByTestId('temp-sample').click();
    await expect(alert(page)).toContainText('The prompt is empty');
    expect(await page.getByTestId('temp-candidates').allTextContents()).toEqual(rows);
    // Changing a setting does not redraw on a blank prompt either.
    await page.getByTestId('temp-N').fill('17');
    await page.waitForTimeout(400);
    expect(await page.getByTestId('temp-candidates').allTextContents()).toEqual(rows);
  }
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('emoji, CJK and RTL in Compress and as a prompt: results, and an honest outside-the-training-data note', async ({ page }) => {
  const errors = watchErrors(page);
  const odd = 'Hi 🙃 你好世界 שלום مرحبا.';
  const base = await openAtBaseline(page, 'panel=compress');
  await page.getByTestId('compress-input').fill(odd);
  await expect(page.locator('#panel [data-note="outside-training"]')).toContainText('This text has characters outside the training data');
  await expect(page.locator('#panel [data-note="outside-training"]')).toContainText('“🙃”');
  await expect(page.getByTestId('recon-accuracy')).toHaveText(/^\d{1,3}\.\d %$/);
  expect(await page.getByTestId('chunk').count()).toBeGreaterThan(3);

  await page.locator('[role="tab"][data-panel="generate"]').click();
  await page.getByTestId('gen-prompt').fill(odd);
  await expect(page.locator('#panel [data-note="outside-training"]')).toContainText('The prompt has characters outside the training data');
  await expect(page.locator('#panel [data-note="outside-training"]')).toContainText('“你”');
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await expect(page.locator('#panel [data-note="outside-training"]')).toContainText('“ש”');
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible();
  // Plain ASCII: no note.
  await promptBox(page).fill('Once upon a time');
  await expect(page.locator('#panel [data-note="outside-training"]')).toHaveCount(0);
  await expect(alert(page)).toHaveCount(0);
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('20 fast clicks on Step and on Draw: a consistent count, the last draw shown, no error', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, 'panel=generate&prompt=Once%20upon%20a%20time&seed=5&sampler=batch&T=0.5&N=50');
  /** Click a button `n` times, `gapMs` apart, without waiting for anything (disabled clicks are ignored by the browser). */
  const burst = (id: string, n: number, gapMs: number) =>
    page.evaluate(async ([sel, count, gap]) => {
      const b = document.querySelector<HTMLButtonElement>(`[data-testid="${sel}"]`)!;
      for (let i = 0; i < (count as number); i++) {
        b.click();
        await new Promise((r) => setTimeout(r, gap as number));
      }
    }, [id, n, gapMs] as const);

  await burst('gen-step', 20, 10);
  await expect(page.getByTestId('gen-step')).toBeEnabled({ timeout: 60_000 });
  await expect(page.locator('.gn-status:not(.gn-compare .gn-status)')).toHaveText('');
  // Keyboard too: Space held down fires repeats.
  await page.locator('#panel h2').click();
  for (let i = 0; i < 20; i++) await page.keyboard.press('Space', { delay: 0 });
  await expect(page.getByTestId('gen-step')).toBeEnabled({ timeout: 60_000 });
  await settle(page);
  await expect(page.locator('.gn-status:not(.gn-compare .gn-status)')).toHaveText('');
  const n = Number(await page.getByTestId('gen-steps').textContent());
  expect(n).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('gen-chunk')).toHaveCount(n);
  await expect(page.getByTestId('gen-tokens')).toHaveText(String(4 * n));
  const state = (await call(page, 'genState', {})) as { steps: { text: string }[]; counters: { steps: number } };
  expect(state.counters.steps).toBe(n);
  expect(await page.getByTestId('gen-chunk').allTextContents()).toEqual(state.steps.map((s) => s.text));
  await expect(alert(page)).toHaveCount(0);

  // Draw: twenty presses; the batch shown is the twentieth press's (reproducible through the hook).
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await burst('temp-sample', 20, 10);
  await expect(page.locator('#panel .gn-status:not(.gn-compare .gn-status)')).toHaveText('', { timeout: 60_000 });
  await settle(page);
  await expect(page.locator('#panel .gn-status:not(.gn-compare .gn-status)')).toHaveText('');
  const shown = (await page.locator('[data-testid="temp-candidates"] td:nth-child(2)').allTextContents()).map(Number);
  const twentieth = (await call(page, 'tempSample', { set: 'stories', prompt: 'Once upon a time', sampler: 'batch', T: 0.5, N: 50, seed: 5, draw: 20 })) as {
    sampler: { candidates: { count: number }[] };
  };
  expect(shown).toEqual(twentieth.sampler.candidates.map((c) => c.count));
  expect(shown.reduce((a, b) => a + b, 0)).toBe(50);
  await expect(alert(page)).toHaveCount(0);
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});

test('cancel the temperature sweep, then run it again: it completes', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  const base = await openAtBaseline(page, 'panel=temperature&prompt=Once%20upon%20a%20time&seed=6');
  await page.getByLabel('Held-out contexts').selectOption('256');
  await page.getByTestId('temp-sweep').click();
  await expect.poll(async () => Number(await page.getByTestId('temp-sweep-progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByTestId('temp-sweep-cancel').click();
  await expect(alert(page)).toContainText('Sweep cancelled');
  await expect(page.getByTestId('temp-sweep-progress')).toHaveCount(0);
  await expect(page.getByTestId('temp-sweep')).toBeEnabled();
  // Twice in a row, then a small one to the end.
  await page.getByTestId('temp-sweep').click();
  await expect(page.getByTestId('temp-sweep-progress')).toBeVisible();
  await page.getByTestId('temp-sweep-cancel').click();
  await expect(alert(page)).toContainText('Sweep cancelled');
  await page.getByLabel('Held-out contexts').selectOption('8');
  await page.getByRole('checkbox', { name: '200', exact: true }).uncheck();
  await page.getByTestId('temp-sweep').click();
  await expect(page.getByTestId('temp-sweep-chart')).toBeVisible({ timeout: 120_000 });
  await expect(alert(page)).toHaveCount(0);
  await expect(page.getByTestId('temp-sweep-chart').locator('table tbody tr')).toHaveCount(10);
  await expectBaseline(page, base);
  expect(errors).toEqual([]);
});
