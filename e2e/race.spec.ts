import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

test('a short race finishes: CALM takes tokens/K backbone steps, the baseline one per token, both tokens/s shown', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=race&set=stories&prompt=Once%20upon%20a%20time%2C&seed=3');
  await ready(page);
  await page.getByLabel('Tokens each').selectOption('32');
  const run = page.getByTestId('race-run');
  await expect(run).toHaveText('Start race');
  await run.click();
  await expect(page.getByTestId('race-calm-tps')).toHaveText(/^\d+(\.\d)?$/, { timeout: 60_000 });
  await expect(page.getByTestId('race-baseline-tps')).toHaveText(/^\d+(\.\d)?$/);
  await expect(page.getByTestId('race-calm-steps')).toHaveText('8');
  await expect(page.getByTestId('race-baseline-steps')).toHaveText('32');
  expect(Number(await page.getByTestId('race-calm-tps').textContent())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('race-baseline-tps').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('race-step-ratio')).toHaveText('4.0×');
  await expect(page.getByTestId('race-speed-ratio')).toHaveText(/^\d+(\.\d)?×$/);
  await expect(page.getByTestId('race-calm-text')).not.toBeEmpty();
  await expect(page.getByRole('img', { name: /CALM: 8 of 8 backbone steps for 32 tokens/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /Discrete baseline: 32 of 32 backbone steps/ })).toBeVisible();
  await expect(run).toHaveText('Race again');
  expect(errors).toEqual([]);
});

test('Start becomes Stop while racing; stopping keeps the page usable and a new race runs', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=race&set=stories&prompt=The%20dog');
  await ready(page);
  await page.getByLabel('Tokens each').selectOption('256');
  const run = page.getByTestId('race-run');
  await run.click();
  await expect(run).toHaveText('Stop');
  // Live counters appear while it runs.
  await expect(page.getByTestId('race-baseline-steps')).toBeVisible({ timeout: 30_000 });
  await run.click();
  await expect(page.getByText('Stopped.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('race-calm-tps')).toHaveCount(0);
  await page.getByLabel('Tokens each').selectOption('32');
  await run.click();
  await expect(page.getByTestId('race-calm-steps')).toHaveText('8', { timeout: 60_000 });
  await expect(page.getByTestId('race-baseline-tps')).toBeVisible();
  expect(errors).toEqual([]);
});

test('raceT=0.5: CALM samples with the batch sampler (N = 200), the baseline with softmax temperature, labelled as such; tokens/s shown', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=race&set=stories&prompt=Once%20upon%20a%20time%2C&seed=3&raceT=0.5');
  await ready(page);
  await expect(page.getByTestId('race-T')).toHaveValue('0.5');
  await page.getByLabel('Tokens each').selectOption('32');
  const calm = page.getByRole('region', { name: 'CALM', exact: true });
  const baseline = page.getByRole('region', { name: 'Discrete baseline', exact: true });
  await expect(calm.locator('.rc-sampling')).toHaveText(/T = ½ by the batch sampler: 200 head samples per step/);
  await expect(baseline.locator('.rc-sampling')).toHaveText(/T = ½ by softmax temperature/);
  await page.getByTestId('race-run').click();
  await expect(page.getByTestId('race-calm-tps')).toHaveText(/^\d+(\.\d)?$/, { timeout: 90_000 });
  await expect(page.getByTestId('race-baseline-tps')).toHaveText(/^\d+(\.\d)?$/);
  await expect(page.getByTestId('race-calm-steps')).toHaveText('8');
  await expect(page.getByTestId('race-baseline-steps')).toHaveText('32');
  expect(Number(await page.getByTestId('race-calm-tps').textContent())).toBeGreaterThan(0);
  await expect(page.getByTestId('race-step-ratio')).toHaveText('4.0×');
  await expect(page.getByTestId('race-speed-ratio')).toHaveText(/^\d+(\.\d+)?×$/);
  await expect(page.locator('.rc-summary')).toContainText('at T = ½ (CALM by its batch sampler, the baseline by softmax temperature)');
  await expect(page.locator('#panel [data-note="race-temperature"]')).toContainText('different things');
  await expect(page.getByTestId('race-calm-text')).not.toBeEmpty();
  expect(errors).toEqual([]);
});
