import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { AUSTEN_HELDOUT } from '../src/app/presets/text-presets.ts';
import { watchErrors } from './support.ts';

interface GoldenModel { mu: number[]; logSigma: number[] | null; decoded: number[] }
interface Golden { cases: { text: string; ids: number[]; chunks: number[] }[]; models: Record<'robust' | 'plain', GoldenModel[]> }
const golden = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ae-golden.json'), 'utf8')) as Golden;

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`/?${query}`);
  await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 90_000 });
}

test('a held-out Austen sentence from the URL reconstructs at 100.0 % without a click', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, `panel=compress&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  await expect(page.getByTestId('recon-accuracy')).toHaveText('100.0 %');
  await expect(page.getByTestId('reconstruction')).toHaveText(AUSTEN_HELDOUT);
  await expect(page.getByTestId('compress-input')).toHaveValue(AUSTEN_HELDOUT);
  // Every chunk has a μ and a σ heatmap with a text alternative.
  const first = page.getByTestId('chunk').first();
  await expect(first.getByRole('img', { name: /^μ of chunk 1: 128 numbers/ })).toBeVisible();
  await expect(first.getByRole('img', { name: /^σ of chunk 1: 128 numbers/ })).toBeVisible();
  expect(errors).toEqual([]);
});

test('one chunk per 4 tokens, the short tail padded visibly', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, 'panel=compress');
  const input = page.getByTestId('compress-input');
  for (const c of golden.cases) {
    await input.fill(c.text);
    const chunks = Math.ceil(c.ids.length / 4);
    await expect(page.getByTestId('chunk')).toHaveCount(chunks);
    const pads = chunks * 4 - c.ids.length;
    await expect(page.getByTestId('chunk').last().locator('.cz-pad')).toHaveCount(pads);
    await expect(page.getByTestId('recon-accuracy')).toHaveText(/^\d{1,3}\.\d %$/);
  }
  // The URL follows the text box (debounced).
  await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe(golden.cases.at(-1)!.text);
  expect(errors).toEqual([]);
});

test('empty text shows a message and keeps the last result', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page, `panel=compress&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  await expect(page.getByTestId('recon-accuracy')).toHaveText('100.0 %');
  await page.getByTestId('compress-input').fill('   ');
  await expect(page.getByRole('alert').filter({ hasText: /no text/i })).toBeVisible();
  await expect(page.getByTestId('recon-accuracy')).toHaveText('100.0 %');
  await expect(page.getByTestId('reconstruction')).toHaveText(AUSTEN_HELDOUT);
  // Typing again recovers.
  await page.getByTestId('compress-input').fill(golden.cases[1].text);
  await expect(page.getByRole('alert').filter({ hasText: /no text/i })).toHaveCount(0);
  await expect(page.getByTestId('chunk')).toHaveCount(Math.ceil(golden.cases[1].ids.length / 4));
  expect(errors).toEqual([]);
});

test('in-browser μ, log σ and decoded ids match the golden fixtures within 1e-4 (WASM)', async ({ page }) => {
  await open(page, 'panel=compress');
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
  for (const [i, c] of golden.cases.entries()) {
    const r = await page.evaluate(async (text) => {
      const calm = (window as unknown as { __calm: { call(op: string, a: unknown): Promise<Record<string, unknown>> } }).__calm;
      const x = (await calm.call('compress', { text })) as {
        ids: number[]; chunkIds: number[];
        robust: { mu: Float32Array; logSigma: Float32Array; decoded: number[] };
        plain: { mu: Float32Array; logSigma: null; decoded: number[] };
      };
      return {
        ids: x.ids, chunkIds: x.chunkIds,
        robust: { mu: Array.from(x.robust.mu), logSigma: Array.from(x.robust.logSigma), decoded: x.robust.decoded },
        plain: { mu: Array.from(x.plain.mu), logSigma: x.plain.logSigma, decoded: x.plain.decoded },
      };
    }, c.text);
    expect(r.ids).toEqual(c.ids);
    expect(r.chunkIds).toEqual(c.chunks);
    for (const name of ['robust', 'plain'] as const) {
      const g = golden.models[name][i];
      const got = r[name];
      expect(got.decoded).toEqual(g.decoded);
      expect(got.mu).toHaveLength(g.mu.length);
      expect(Math.max(...got.mu.map((v, j) => Math.abs(v - g.mu[j])))).toBeLessThan(1e-4);
      if (g.logSigma) expect(Math.max(...got.logSigma!.map((v, j) => Math.abs(v - g.logSigma![j])))).toBeLessThan(1e-4);
      else expect(got.logSigma).toBeNull();
    }
  }
});
