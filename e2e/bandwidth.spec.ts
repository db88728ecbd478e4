import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';

interface Golden { cases: { text: string; ids: number[] }[] }
const golden = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ae-golden.json'), 'utf8')) as Golden;
const manifest = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'weights', 'manifest.json'), 'utf8')) as { models: Record<string, unknown> };
const shippedKs = [1, 2, 4, 8].filter((K) => K === 4 || manifest.models[`ae-k${K}`]);

test('the K dial: the same text in chunks of K, vectors and accuracy per K, the choice in the URL; its models load only with the panel', async ({ page }) => {
  const errors = watchErrors(page);
  const kFiles: string[] = [];
  page.on('request', (r) => {
    if (/\/weights\/(ae-k\d|stories-calm-k\d)\//.test(r.url())) kFiles.push(r.url());
  });
  await page.goto('/?panel=compress');
  await readyApp(page);
  expect(kFiles).toEqual([]); // nothing of the K dial before its panel opens
  const c = golden.cases.find((x) => x.ids.length % 4 !== 0 && x.ids.length % 2 !== 0) ?? golden.cases[0];
  const n = c.ids.length;
  await page.getByTestId('compress-input').fill(c.text);
  await page.goto(`/?panel=bandwidth&K=2&text=${encodeURIComponent(c.text)}`);
  await readyApp(page);
  const acc = page.getByTestId('bw-accuracy');
  const vectors = page.getByTestId('bw-vectors');
  const dial = page.getByTestId('bw-k');
  if (shippedKs.includes(2)) {
    await expect(acc).toHaveText(/^\d{1,3}\.\d %$/, { timeout: 60_000 });
    await expect(vectors).toHaveText(String(Math.ceil(n / 2)));
    expect(kFiles.some((u) => u.includes('/ae-k2/'))).toBe(true);
  }
  await expect(dial).toHaveValue('2');
  await dial.selectOption('4');
  await expect(vectors).toHaveText(String(Math.ceil(n / 4)));
  await expect(acc).toHaveText(/^\d{1,3}\.\d %$/);
  await expect(page).not.toHaveURL(/[?&]K=/); // K = 4 is the default: left out of the link
  for (const K of shippedKs.filter((k) => k !== 4)) {
    await dial.selectOption(String(K));
    await expect(vectors).toHaveText(String(Math.ceil(n / K)));
    await expect(page).toHaveURL(new RegExp(`[?&]K=${K}(&|$)`));
    // The shipped autoencoders reconstruct a golden sentence (≥ 99.9 % held-out at K = 1, 2).
    await expect(acc).toHaveText(/^(9\d|100)\.\d %$/);
  }
  // One chunk card per vector, K tokens each.
  await expect(page.locator('.bw-chunk')).toHaveCount(Math.ceil(n / Number(await dial.inputValue())));
  // Accuracy against relative σ: one line per shipped K; the compute chart: a point per model with metrics.
  await expect(page.locator('.bw-figure .recharts-line')).toHaveCount(shippedKs.length);
  const chart = page.getByTestId('bw-chart');
  await expect(chart).toBeVisible();
  expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(2); // K = 4 and the baseline at least
  await chart.getByLabel('BrierLM').check();
  await expect(chart).toHaveAttribute('data-metric', 'brierLM');
  expect(errors).toEqual([]);
});

test('the K race: every shipped K CALM and the baseline write the same number of tokens, K tokens a step', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto('/?panel=bandwidth&prompt=Once%20upon%20a%20time');
  await readyApp(page);
  await expect(page.getByTestId('bw-accuracy')).toHaveText(/%$/, { timeout: 60_000 });
  await page.getByRole('button', { name: /^Race K = 1, 2, 4/ }).click();
  const table = page.locator('.bw-race-table');
  await expect(table).toBeVisible({ timeout: 200_000 });
  const rows = table.locator('tbody tr');
  const lms = [1, 2].filter((K) => manifest.models[`stories-calm-k${K}`]);
  await expect(rows).toHaveCount(lms.length + 2);
  await expect(rows.filter({ hasText: 'CALM K = 4' }).locator('td').first()).toHaveText('16');
  await expect(rows.filter({ hasText: 'baseline' }).locator('td').first()).toHaveText('64');
  for (const K of lms) await expect(rows.filter({ hasText: `CALM K = ${K}` }).locator('td').first()).toHaveText(String(64 / K));
  expect(errors).toEqual([]);
});
