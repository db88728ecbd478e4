import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

const memory = (page: Page) =>
  page.evaluate(() => (window as unknown as { __calm: { memory(): Promise<{ numTensors: number; numBytes: number }> } }).__calm.memory());

/** Sum of the Count column of the distinct-chunk list. */
async function countSum(page: Page): Promise<number> {
  const counts = await page.locator('[data-testid="temp-candidates"] td:nth-child(2)').allTextContents();
  return counts.reduce((a, c) => a + Number(c), 0);
}

test('N = 1 gives one candidate; N = 200 gives a batch whose counts sum to 200; the exact sampler shows its attempts', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=temperature&prompt=Once%20upon%20a%20time&sampler=batch&T=0.5&N=1&seed=3');
  await ready(page);
  await expect(page.getByTestId('temp-N')).toHaveValue('1');
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates')).toHaveCount(1);
  await expect(page.getByTestId('temp-candidates')).toContainText('chosen');
  await expect(page.getByTestId('temp-level')).toHaveText('1');

  // Changing N redraws at once (head and decoder only).
  await page.getByTestId('temp-N').fill('200');
  await expect.poll(() => countSum(page)).toBe(200);
  expect(await page.getByTestId('temp-candidates').count()).toBeGreaterThan(1);
  await expect(page.locator('[data-testid="temp-candidates"].tp-chosen')).toHaveCount(1);

  // T = 1/3 from the slider's 0.33: the rule uses n = 3.
  await page.getByTestId('temp-T').fill('0.33');
  await expect(page.getByText('n = ⌊1/T⌋')).toBeVisible();
  await expect(page.locator('.tp-facts')).toContainText('3 (T = 1/3)');

  // The exact sampler at T = 1/2: attempts of two draws.
  await page.getByRole('combobox', { name: 'Sampler' }).selectOption('exact');
  await page.getByTestId('temp-T').fill('0.5');
  await expect(page.getByTestId('temp-attempts')).toHaveText(/^\d+$/);
  const attempts = Number(await page.getByTestId('temp-attempts').textContent());
  const draws = Number(await page.getByTestId('temp-draws').textContent());
  expect(attempts).toBeGreaterThanOrEqual(1);
  expect(draws).toBeGreaterThanOrEqual(2 * attempts - 2);
  expect(errors).toEqual([]);
});

test('a small sweep completes and plots CALM and the baseline; asking again is instant', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=temperature&prompt=Once%20upon%20a%20time&seed=2');
  await ready(page);
  await page.getByLabel('Held-out contexts').selectOption('8');
  await page.getByRole('checkbox', { name: '200', exact: true }).uncheck();
  await page.getByTestId('temp-sweep').click();
  const chart = page.getByTestId('temp-sweep-chart');
  await expect(chart).toBeVisible({ timeout: 110_000 });
  await expect(chart).toHaveAttribute('data-series', 'calm-50,baseline');
  // Both models are drawn: a line per series and their points.
  await expect(chart.locator('.recharts-scatter')).toHaveCount(2);
  expect(await chart.locator('.recharts-scatter-symbol').count()).toBeGreaterThanOrEqual(8);
  await expect(chart.locator('.recharts-legend-item')).toHaveCount(2);
  const rows = chart.locator('table tbody tr');
  await expect(rows).toHaveCount(10);
  await expect(rows.filter({ hasText: 'baseline' })).toHaveCount(5);
  await expect(rows.filter({ hasText: 'CALM, N = 50' })).toHaveCount(5);
  await expect(chart).toContainText('8 held-out contexts');
  // Same settings again: the engine's cache answers.
  await page.getByTestId('temp-sweep').click();
  await expect(chart).toContainText('From the engine’s cache');
  expect(errors).toEqual([]);
});

test('a cancelled sweep leaves the page responsive and no tensors behind', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=temperature&prompt=Once%20upon%20a%20time&seed=4&N=50');
  await ready(page);
  const base = await memory(page);
  await page.getByLabel('Held-out contexts').selectOption('256');
  await page.getByTestId('temp-sweep').click();
  await expect(page.getByTestId('temp-sweep-progress')).toBeVisible();
  await expect.poll(async () => Number(await page.getByTestId('temp-sweep-progress').getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(1);
  await page.getByTestId('temp-sweep-cancel').click();
  await expect(page.getByRole('alert')).toContainText('Sweep cancelled');
  await expect(page.getByTestId('temp-sweep-progress')).toHaveCount(0);
  await expect(page.getByTestId('temp-sweep-chart')).toHaveCount(0);
  expect(await memory(page)).toEqual(base);
  // Responsive: a draw still works right away.
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible({ timeout: 10_000 });
  expect(errors).toEqual([]);
});

// About half a minute: runs only when asked (CALM_MEASURE=1), for the numbers in the report.
test('measure: the default sweep on WASM', async ({ page }) => {
  test.skip(!process.env.CALM_MEASURE, 'set CALM_MEASURE=1 to time the default sweep');
  test.setTimeout(300_000);
  await page.goto('/?panel=temperature&prompt=Once%20upon%20a%20time');
  await ready(page);
  const t0 = Date.now();
  await page.getByTestId('temp-sweep').click();
  await expect(page.getByTestId('temp-sweep-chart')).toBeVisible({ timeout: 280_000 });
  const ms = Date.now() - t0;
  const table = await page.locator('[data-testid="temp-sweep-chart"] table tbody tr').allTextContents();
  console.log(`[measure] default sweep (${await page.getByLabel('Held-out contexts').inputValue()} contexts, 5 T × N = 50, 200, 2 pairs): ${(ms / 1000).toFixed(1)} s\n  ${table.join('\n  ')}`);
});
