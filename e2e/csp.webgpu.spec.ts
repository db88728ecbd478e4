import { test, expect } from '@playwright/test';

// Runs with --enable-unsafe-webgpu (project "webgpu"): the engine reaches ready on WebGPU (SwiftShader)
// under the app's Content Security Policy, with no violation reported and no request off the origin.
test.setTimeout(300_000);

test('WebGPU starts under the Content Security Policy with no violation', async ({ page, context }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto('/?backend=webgpu');
  await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(errors).toEqual([]);
});
