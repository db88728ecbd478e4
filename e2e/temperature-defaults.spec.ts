import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// Temperature where the authors use it (issue 12 item 5): Generate and Temperature open with the batch
// sampler at T = ½, N = 200 (URL schema v=2), plain T = 1 is one click away; v=1 links keep their old
// defaults (plain, T = 1); the Race keeps T = 1 and takes raceT (1 or 0.5) from the link.

const notices = (page: Page) => page.getByRole('status', { name: 'Notices' });
const params = (page: Page) => new URL(page.url()).searchParams;
const slider = (page: Page) => page.locator('#panel').getByRole('slider', { name: /^Temperature/ });

test('Generate opens with the batch sampler at T = ½, N = 200; plain T = 1 is one click away', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=generate&prompt=Once%20upon%20a%20time');
  await expect(page.getByTestId('gen-sampler')).toHaveValue('batch');
  await expect(slider(page)).toHaveValue('0.5');
  await expect(page.locator('#panel').getByLabel('Batch N')).toHaveValue('200');
  await expect(page.locator('#panel [data-note="default-temperature"]')).toContainText('runs hotter than its nominal T');
  // The defaults are not written into the link.
  await expect.poll(() => params(page).get('v')).toBe('2');
  expect(params(page).get('sampler')).toBeNull();
  expect(params(page).get('T')).toBeNull();

  await ready(page);
  await page.getByTestId('gen-step').click();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await expect(page.getByText(/Batch approximation at T = 1\/2 \(n = 2\): 200 head samples in one call/)).toBeVisible();

  // One click to plain T = 1 (the last chunk is redrawn with it), one click back.
  await page.getByRole('button', { name: 'Plain T = 1' }).click();
  await expect(page.getByTestId('gen-sampler')).toHaveValue('plain');
  await expect(page.getByRole('button', { name: 'Plain T = 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => params(page).get('sampler')).toBe('plain');
  expect(params(page).get('T')).toBe('1');
  await expect(page.getByText('Plain head sample (T = 1): one draw from the energy head, decoded.')).toBeVisible();
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await page.getByRole('button', { name: /^T = ½, batch N = 200/ }).click();
  await expect(page.getByTestId('gen-sampler')).toHaveValue('batch');
  await expect(slider(page)).toHaveValue('0.5');
  await expect.poll(() => params(page).get('sampler')).toBeNull();
  await expect(notices(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Temperature opens with the batch sampler at T = ½, N = 200; T = 1 is one click away', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=temperature&prompt=Once%20upon%20a%20time');
  await expect(page.getByTestId('temp-T')).toHaveValue('0.5');
  await expect(page.getByTestId('temp-N')).toHaveValue('200');
  await expect(page.locator('#panel').getByRole('combobox', { name: 'Sampler' })).toHaveValue('batch');
  await expect(page.locator('#panel [data-note="default-temperature"]')).toContainText('Why ½');
  await ready(page);
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-level')).toHaveText(/^[12]$/);
  await expect(page.locator('.tp-facts')).toContainText('2 (T = 1/2)');
  await page.getByRole('button', { name: 'T = 1', exact: true }).click();
  await expect(page.getByTestId('temp-T')).toHaveValue('1');
  await expect(page.locator('.tp-facts')).toContainText('1 (T = 1)');
  await expect.poll(() => params(page).get('T')).toBe('1');
  expect(errors).toEqual([]);
});

test('a v=1 link keeps its old defaults: plain, T = 1; the URL is rewritten as v=2 saying so', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?v=1&panel=generate&prompt=Once%20upon%20a%20time&seed=7');
  await expect(page.getByTestId('gen-sampler')).toHaveValue('plain');
  await expect(page.locator('#panel .gn-sampler output')).toHaveText('T = 1 (plain head sample)');
  await expect.poll(() => params(page).get('v')).toBe('2');
  expect(Object.fromEntries(params(page))).toMatchObject({ panel: 'generate', sampler: 'plain', T: '1', seed: '7' });
  await expect(notices(page)).toHaveCount(0);
  // The Temperature panel (no plain sampler) draws with the batch rule at T = 1, as v=1 did.
  await page.locator('[role="tab"][data-panel="temperature"]').click();
  await expect(page.getByTestId('temp-T')).toHaveValue('1');
  // A reload reads the rewritten link: the same view.
  await page.reload();
  await expect(page.getByTestId('temp-T')).toHaveValue('1');
  await page.locator('[role="tab"][data-panel="generate"]').click();
  await expect(page.getByTestId('gen-sampler')).toHaveValue('plain');
  // A link without v is read as the current version.
  await page.goto('/?panel=generate');
  await expect(page.getByTestId('gen-sampler')).toHaveValue('batch');
  expect(errors).toEqual([]);
});

test('the Race keeps T = 1 by default and accepts raceT from the link; a bad raceT gives a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=race');
  await expect(page.getByTestId('race-T')).toHaveValue('1');
  await expect(page.locator('#panel [data-note="race-temperature"]')).toHaveCount(0);

  await page.goto('/?panel=race&raceT=0.5');
  await expect(page.getByTestId('race-T')).toHaveValue('0.5');
  await expect(page.locator('#panel [data-note="race-temperature"]')).toContainText('different things');
  await expect.poll(() => params(page).get('raceT')).toBe('0.5');
  await expect(notices(page)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('race-T')).toHaveValue('0.5');
  // Back to T = 1 from the select: the parameter leaves the link.
  await page.getByTestId('race-T').selectOption('1');
  await expect.poll(() => params(page).get('raceT')).toBeNull();

  await page.goto('/?panel=race&raceT=0.3');
  await expect(notices(page)).toContainText('raceT="0.3" is not one of 1, 0.5; using the default');
  await expect(page.getByTestId('race-T')).toHaveValue('1');
  expect(errors).toEqual([]);
});
