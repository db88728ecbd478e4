import { test, expect } from '@playwright/test';

test('the app shell paints; the Models page lists the trained models from the weights manifest', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'CALM Playground' })).toBeVisible();
  // Every panel links to the Models page instead of repeating the cards.
  await expect(page.locator('[data-model]')).toHaveCount(0);
  await page.getByRole('link', { name: /the Models page/ }).click();
  await expect(page).toHaveURL(/panel=models/);
  await expect(page.locator('[data-manifest="ready"]')).toBeVisible();
  await expect(page.getByTestId('weights-version')).toHaveText(/^[0-9a-f]{16}$/);
  for (const name of ['ae-robust', 'ae-plain']) {
    const card = page.locator(`[data-model="${name}"]`);
    await expect(card).toBeVisible();
    // Metrics come from the manifest written by training: a held-out accuracy with a % sign.
    await expect(card).toContainText(/Token accuracy\s*\d+\.\d+ %/);
  }
  for (const set of ['stories', 'austen']) {
    for (const kind of ['calm', 'baseline']) {
      const card = page.locator(`[data-model="${set}-${kind}"]`);
      // fmtBrier (the Evaluate panel's format): three decimals from 0.1, four below.
      await expect(card).toContainText(/Brier-1…4\s*0\.\d{3,4} ± 0\.\d{3,4}/);
      await expect(card).toContainText(/Training time\s*\d+\.\d min on one CPU core/);
      // The training curve, recorded by train-lm, is drawn (two loss lines at least).
      await expect(card.locator('.recharts-line')).not.toHaveCount(0);
    }
  }
  // Readable: no value in a card is squeezed into a column narrower than 12 characters.
  const narrow = await page.locator('.md-row dd').evaluateAll((dds) =>
    dds.filter((d) => d.getBoundingClientRect().width < 12 * parseFloat(getComputedStyle(d).fontSize) * 0.5).length);
  expect(narrow).toBe(0);
  expect(errors).toEqual([]);
});

test('a missing manifest shows an error, not a blank page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/weights/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/?panel=models');
  // Both the Models page and the engine say so.
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(2);
  for (const a of await alerts.all()) await expect(a).toContainText('manifest.json');
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  expect(errors).toEqual([]);
});
