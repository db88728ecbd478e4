import { test, expect, type Page } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';

type Hook = { __calm: { call(op: string, args: unknown): Promise<{ numTensors: number }> } };
const numTensors = (page: Page) => page.evaluate(async () => (await (window as unknown as Hook).__calm.call('memory', {})).numTensors);
const PERCENT = /^\d{1,3}\.\d %$/;

test('Train: both runs step together on WASM, Pause acts at once, Reset frees every tensor; the switches live in the URL', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?panel=train&aDropTok=0.2&bLatent=32&seed=5');
  await readyApp(page);
  // The recorded replay shows before anything is trained, marked as such, without test ids.
  await expect(page.locator('.tr-replay')).toContainText('Replay (recorded, not live)');
  await expect(page.locator('.tr-replay [data-testid]')).toHaveCount(0);
  await expect(page.getByRole('slider', { name: 'Run A DropToken rate' })).toHaveValue('0.2');
  await expect(page.getByRole('combobox', { name: 'Run B latent size' })).toHaveValue('32');
  const base = await numTensors(page);

  const start = page.getByTestId('train-start');
  await expect(start).toBeEnabled({ timeout: 60_000 });
  await start.click();
  const steps = page.getByTestId('train-steps');
  await expect.poll(async () => Number(await steps.textContent()), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('train-accuracy')).toHaveText(PERCENT);
  await expect(page.getByTestId('train-accuracy-b')).toHaveText(PERCENT);
  await expect(page.getByTestId('train-chart')).toBeVisible();
  // Locked while a run exists: the switches say so.
  await expect(page.getByRole('slider', { name: 'Run A DropToken rate' })).toBeDisabled();
  // Memory is flat across steps (the runs' tensors are made once).
  const during = await numTensors(page);
  await expect.poll(async () => Number(await steps.textContent())).toBeGreaterThanOrEqual(6);
  expect(await numTensors(page)).toBe(during);

  await page.getByTestId('train-pause').click();
  const paused = Number(await steps.textContent());
  // At most the step in flight finishes after Pause.
  await page.waitForTimeout(1500);
  const after = Number(await steps.textContent());
  expect(after - paused).toBeLessThanOrEqual(1);
  await expect(start).toHaveText('Resume');
  await start.click();
  await expect.poll(async () => Number(await steps.textContent()), { timeout: 30_000 }).toBeGreaterThan(after);
  // Hiding the tab pauses training by itself, and says so.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await expect(page.locator('.tr-panel .cz-status')).toHaveText(/Paused because the tab was hidden/);
  await expect(start).toHaveText('Resume');
  await expect(page.getByTestId('train-pause')).toBeDisabled();

  await page.getByTestId('train-reset').click();
  await expect(steps).toHaveCount(0);
  await expect.poll(() => numTensors(page)).toBe(base);
  await expect(page.getByRole('slider', { name: 'Run A DropToken rate' })).toBeEnabled();
  await page.getByRole('combobox', { name: 'Run A latent size' }).selectOption('32');
  await expect(page).toHaveURL(/[?&]aLatent=32(&|$)/);
  expect(errors).toEqual([]);
});

test('Train: a run goes to Compress and Noise as "your autoencoder", downloads as three files, and loads back; a corrupted file is named', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?panel=train');
  await readyApp(page);
  await page.getByTestId('train-start').click();
  await expect.poll(async () => Number(await page.getByTestId('train-steps').textContent()), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);

  // While training goes on: send run A to Compress and Noise, and use them.
  await page.getByRole('button', { name: 'Use run A in Compress and Noise' }).click();
  await expect(page.locator('.tr-files')).toContainText('your autoencoder (run A, step');
  const left = Number(await page.getByTestId('train-steps').textContent());
  await page.keyboard.press('1');
  await expect(page.locator('.tr-custom-banner')).toContainText('your autoencoder (run A');
  await expect(page.getByTestId('recon-accuracy')).toHaveText(PERCENT, { timeout: 30_000 });
  await page.keyboard.press('2');
  await expect(page.locator('.tr-custom-banner')).toContainText('your autoencoder (run A');
  await page.getByRole('tab', { name: /Train/ }).click();
  // Training went on while another panel was open.
  await expect.poll(async () => Number(await page.getByTestId('train-steps').textContent())).toBeGreaterThan(left);
  await page.getByTestId('train-pause').click();

  const downloads: { name: string; bytes: Buffer }[] = [];
  page.on('download', async (d) => {
    const p = await d.path();
    const { readFileSync } = await import('node:fs');
    downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(p) });
  });
  await page.getByRole('button', { name: 'Download run A' }).click();
  await expect.poll(() => downloads.length, { timeout: 30_000 }).toBe(3);
  expect(downloads.map((d) => d.name).sort()).toEqual([expect.stringMatching(/\.manifest\.json$/), expect.stringMatching(/\.model\.json$/), expect.stringMatching(/\.weights\.bin$/)]);

  const picker = page.getByLabel('Pick the .manifest.json, .model.json and .weights.bin files');
  const bad = downloads.map((d) => ({ name: d.name, mimeType: 'application/octet-stream', buffer: Buffer.from(d.bytes) }));
  const bin = bad.find((f) => f.name.endsWith('.bin'))!;
  bin.buffer[64] ^= 0xff;
  await picker.setInputFiles(bad);
  await expect(page.locator('.tr-files .cz-note')).toContainText(`Not loaded: ${bin.name} is corrupted`);
  await picker.setInputFiles(downloads.map((d) => ({ name: d.name, mimeType: 'application/octet-stream', buffer: d.bytes })));
  await expect(page.locator('.tr-files .cz-note')).toContainText('Loaded. Compress and Noise now use your autoencoder (file calm-ae-a-step');
  await page.getByRole('button', { name: 'Back to the shipped autoencoder' }).first().click();
  await expect(page.locator('.tr-files')).toContainText('Compress and Noise use the shipped autoencoder');
  expect(errors).toEqual([]);
});
