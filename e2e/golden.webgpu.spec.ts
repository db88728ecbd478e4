import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';

interface GoldenModel { mu: number[]; logSigma: number[] | null; decoded: number[] }
interface Golden { cases: { text: string; ids: number[]; chunks: number[] }[]; models: Record<'robust' | 'plain', GoldenModel[]> }
const golden = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'ae-golden.json'), 'utf8')) as Golden;

// WebGPU through SwiftShader is slow (PLATFORM.md): one short golden case, generous timeouts.
test('one golden case matches within 1e-4 on WebGPU', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/?panel=compress&backend=webgpu&text=' + encodeURIComponent('Hi'));
  await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 480_000 });
  await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'webgpu');
  // The shortest case: 16 tokens, 4 chunks.
  const i = golden.cases.reduce((best, c, k) => (c.ids.length < golden.cases[best].ids.length ? k : best), 0);
  const c = golden.cases[i];
  const r = await page.evaluate(async (text) => {
    const calm = (window as unknown as { __calm: { call(op: string, a: unknown): Promise<unknown> } }).__calm;
    const x = (await calm.call('compress', { text })) as {
      ids: number[]; robust: { mu: Float32Array; logSigma: Float32Array; decoded: number[] }; plain: { mu: Float32Array; decoded: number[] };
    };
    return { ids: x.ids, mu: Array.from(x.robust.mu), logSigma: Array.from(x.robust.logSigma), decoded: x.robust.decoded, plainMu: Array.from(x.plain.mu), plainDecoded: x.plain.decoded };
  }, c.text);
  expect(r.ids).toEqual(c.ids);
  const g = golden.models.robust[i];
  const p = golden.models.plain[i];
  const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, j) => Math.abs(v - b[j])));
  expect(r.mu).toHaveLength(g.mu.length);
  expect(maxDiff(r.mu, g.mu)).toBeLessThan(1e-4);
  expect(maxDiff(r.logSigma, g.logSigma!)).toBeLessThan(1e-4);
  expect(r.decoded).toEqual(g.decoded);
  expect(maxDiff(r.plainMu, p.mu)).toBeLessThan(1e-4);
  expect(r.plainDecoded).toEqual(p.decoded);
});
