import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

const memory = (page: Page) => page.evaluate(() => (window as unknown as { __calm: { memory(): Promise<{ numTensors: number }> } }).__calm.memory());

test('a held-out evaluation shows BrierLM above 0 for both stories models, the four terms and the paper table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=evaluate&set=stories');
  await ready(page);
  // 2,000 held-out tokens (250 positions) keep the test short; the default is 10,000.
  await page.getByLabel('Held-out tokens').selectOption('2000');
  await page.getByTestId('eval-run').click();
  const calm = page.getByTestId('eval-calm-brierlm');
  const base = page.getByTestId('eval-baseline-brierlm');
  await expect(calm).toHaveText(/^\d+\.\d\d$/, { timeout: 110_000 });
  await expect(base).toHaveText(/^\d+\.\d\d$/);
  expect(Number(await calm.textContent())).toBeGreaterThan(0);
  expect(Number(await base.textContent())).toBeGreaterThan(0);
  for (const m of ['calm', 'baseline', 'unigram']) {
    for (let n = 1; n <= 4; n++) await expect(page.getByTestId(`eval-${m}-brier${n}`)).toHaveText(/^-?\d/);
  }
  // The unigram floor's Brier-1 is far below both trained models'.
  const b1 = async (m: string) => Number(await page.getByTestId(`eval-${m}-brier1`).textContent());
  expect(await b1('unigram')).toBeLessThan(await b1('calm'));
  expect(await b1('unigram')).toBeLessThan(await b1('baseline'));
  await expect(page.getByText('250 positions, one every 8 tokens')).toBeVisible();
  await expect(page.getByText("The paper's numbers at their scale")).toBeVisible();
  await expect(page.getByRole('row', { name: /CALM-XL/ })).toContainText('8.53');
  await expect(page.getByText('Why BrierLM can read 0.')).toBeVisible();
  await expect(page.getByTestId('eval-calm-params')).toHaveText(/^\d+(\.\d+)?M$/);
  await expect(page.getByTestId('eval-baseline-flops')).toHaveText(/^\d+(\.\d+)?M$/);
  expect(errors).toEqual([]);
});

test('pasted text is evaluated chunk by chunk; a cancelled run leaves no tensors behind', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=evaluate&set=stories');
  await ready(page);
  await page.getByLabel('My own text').check();
  await expect(page.getByTestId('eval-run')).toBeDisabled();
  await page.getByTestId('eval-text').fill('Once upon a time, there was a little dog named Max. Max liked to run in the park with his friend Lily. One day, they found a big red ball under a tree.');
  await page.getByTestId('eval-run').click();
  await expect(page.getByTestId('eval-baseline-brierlm')).toHaveText(/^\d+\.\d\d$/, { timeout: 60_000 });
  await expect(page.getByText(/positions: every 4-token chunk of your text/)).toBeVisible();

  const before = await memory(page);
  await page.getByRole('radio', { name: /Held-out stories passages/ }).check();
  await page.getByLabel('Held-out tokens').selectOption('20000');
  await page.getByTestId('eval-run').click();
  await expect(page.locator('progress')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('eval-cancel').click();
  await expect(page.getByText('Cancelled.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('eval-run')).toBeEnabled();
  expect((await memory(page)).numTensors).toBe(before.numTensors);
  expect(errors).toEqual([]);
});
