import { test, expect } from '@playwright/test';

test('the app shell paints and lists the trained models from the weights manifest', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'CALM Playground' })).toBeVisible();
  await expect(page.locator('[data-manifest="ready"]')).toBeVisible();
  await expect(page.getByTestId('weights-version')).toHaveText(/^[0-9a-f]{16}$/);
  for (const name of ['ae-robust', 'ae-plain']) {
    const card = page.locator(`[data-model="${name}"]`);
    await expect(card).toBeVisible();
    // Metrics come from the manifest written by training: a held-out accuracy with a % sign.
    await expect(card).toContainText(/Held-out token accuracy\s*\d+\.\d+ %/);
  }
  expect(errors).toEqual([]);
});

test('a missing manifest shows an error, not a blank page', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/weights/manifest.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  // Both the models section and the engine say so.
  const alerts = page.getByRole('alert');
  await expect(alerts).toHaveCount(2);
  for (const a of await alerts.all()) await expect(a).toContainText('manifest.json');
  await expect(page.locator('.app')).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
  expect(errors).toEqual([]);
});
