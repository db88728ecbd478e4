import { test, expect, type Page } from '@playwright/test';
import { AUSTEN_HELDOUT } from '../src/app/presets/text-presets.ts';

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 90_000 });
}

test('moving σ changes the noisy decode and the accuracy', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await open(page, `panel=noise&sigma=0&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  const slider = page.getByTestId('noise-sigma');
  await expect(slider).toHaveValue('0');
  await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
  await expect(page.getByTestId('noisy-decode')).toHaveText(AUSTEN_HELDOUT);
  // Drag to the far end with the keyboard (σ = 2): much of the text breaks.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('2');
  await expect(page.getByTestId('noise-accuracy')).not.toHaveText('100.0 %');
  await expect(page.getByTestId('noisy-decode')).not.toHaveText(AUSTEN_HELDOUT);
  await expect(page.getByTestId('noisy-decode').locator('mark.cz-flipped').first()).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('sigma')).toBe('2');
  // A burst of moves ends on the last value chosen.
  for (let i = 0; i < 15; i++) await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('1.85');
  await expect(page.getByText(/Decoded at σ = 1\.85/)).toBeVisible();
  // Back to σ = 0: intact again.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('noise-accuracy')).toHaveText('100.0 %');
  expect(errors).toEqual([]);
});

test('the accuracy-vs-σ curve renders both models (41 points), absolute and relative', async ({ page }) => {
  await open(page, `panel=noise&sigma=0.5&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  const curve = page.getByTestId('noise-curve');
  await expect(curve).toHaveAttribute('data-complete', 'true');
  await expect(curve).toHaveAttribute('data-points', '41');
  await expect(curve.locator('.recharts-line path.recharts-line-curve, .recharts-line path.recharts-curve')).toHaveCount(2);
  await expect(curve).toContainText('robust (VAE)');
  await expect(curve).toContainText('plain (reconstruction only)');
  // The text alternative holds the same 41 points.
  await expect(curve.locator('tbody tr')).toHaveCount(41);
  await page.getByLabel('relative to each model’s latent scale').check();
  await expect.poll(() => new URL(page.url()).searchParams.get('noise')).toBe('rel');
  await expect(curve).toContainText('Relative σ scales the noise');
  await expect(curve).toHaveAttribute('data-complete', 'true');
  // "New noise" draws a new ε (a new seed in the link).
  await page.getByRole('button', { name: /New noise/ }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('seed')).toBe('2');
  await expect(page.getByText(/noise seed 2/)).toBeVisible();
});

test('compress, noise and sweep leak no tensors once the caches are dropped', async ({ page }) => {
  await open(page, 'panel=compress');
  const counts = await page.evaluate(async (text) => {
    const calm = (window as unknown as { __calm: { call(op: string, a: unknown): Promise<{ numTensors: number }> } }).__calm;
    const before = (await calm.call('resetCaches', {})).numTensors;
    await calm.call('compress', { text });
    for (const sigma of [0, 0.4, 1.3]) await calm.call('noiseDecode', { sigma, seed: 9, scale: 'rel' });
    await calm.call('noiseSweep', { points: 5, maxSigma: 2, seed: 9, scale: 'abs' });
    await calm.call('compress', { text: text + ' Again.' });
    const held = (await calm.call('memory', {})).numTensors;
    const after = (await calm.call('resetCaches', {})).numTensors;
    return { before, held, after };
  }, AUSTEN_HELDOUT);
  expect(counts.held).toBeGreaterThan(counts.before); // the μ cache lives in the engine…
  expect(counts.after).toBe(counts.before); // …and is all freed by resetCaches
});
