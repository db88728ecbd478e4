import { test, expect, type BrowserContext, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// Privacy and the Content Security Policy (issue 8 item 5): every request the page, its engine worker and
// the service worker make goes to the app's own origin; the policy in index.html is in force, and the app
// runs under it on every backend with no violation.

/** Every request of the context: the page, its dedicated worker and the service worker. */
function watchRequests(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** CSP violations reported in the page (collected from the first script on). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown> } };

test('no request leaves the app’s origin while every panel is used', async ({ page, context }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  const urls = watchRequests(context);
  const violations = await watchViolations(page);
  await page.goto('/');
  await ready(page);
  const origin = new URL(page.url()).origin;
  // Touch every panel, and make the engine fetch what it fetches on demand (held-out data, the other set).
  for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9']) {
    await page.keyboard.press(key);
    await page.waitForTimeout(150);
  }
  await page.evaluate(() => (window as unknown as Hook).__calm.call('loadSet', { set: 'austen' }));
  await page.keyboard.press('3');
  await page.locator('#panel h2').click();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 60_000 });

  const foreign = urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  // The requests did include the worker's and the service worker's.
  expect(urls.some((u) => u.includes('/weights/ae-robust/'))).toBe(true);
  expect(urls.some((u) => u.includes('/tfjs-wasm/'))).toBe(true);
  expect(urls.some((u) => u.includes('/sw-precache.json'))).toBe(true);
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test('the Content Security Policy is in force: other origins, eval and inline scripts are blocked', async ({ page }) => {
  const errors = watchErrors(page);
  const violations = await watchViolations(page);
  // A same-origin script (allowed) that tries eval (not allowed). DevTools' own evaluate is exempt from the
  // policy, so the attempt must come from a script the page loads.
  await page.route('**/csp-probe.js', (r) =>
    r.fulfill({
      contentType: 'text/javascript',
      body: "try { (0, eval)('1 + 1'); window.__evalProbe = 'allowed'; } catch (e) { window.__evalProbe = 'blocked'; }",
    }),
  );
  await page.goto('/');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const d of ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'", "object-src 'none'", "form-action 'none'"]) {
    expect(policy).toContain(d);
  }
  const probe = await page.evaluate(async () => {
    const out: Record<string, string> = {};
    try {
      await fetch('http://example.invalid/x');
      out.fetch = 'allowed';
    } catch {
      out.fetch = 'blocked';
    }
    const probeScript = document.createElement('script');
    probeScript.src = '/csp-probe.js';
    await new Promise((resolve) => {
      probeScript.onload = probeScript.onerror = resolve;
      document.body.append(probeScript);
    });
    out.eval = (window as unknown as { __evalProbe?: string }).__evalProbe ?? 'did not run';
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    out.inline = (window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'allowed' : 'blocked';
    return out;
  });
  expect(probe).toEqual({ fetch: 'blocked', eval: 'blocked', inline: 'blocked' });
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^connect-src/), expect.stringMatching(/^script-src/)]));
  expect(errors).toEqual([]);
});

for (const backend of ['wasm', 'webgl', 'cpu'] as const) {
  test(`the engine starts on ${backend} under the policy with no violation`, async ({ page }) => {
    const errors = watchErrors(page);
    const violations = await watchViolations(page);
    await page.goto(`/?backend=${backend}`);
    await ready(page);
    await expect(page.getByTestId('backend-badge')).toHaveText(backend);
    await expect(page.getByTestId('recon-accuracy')).toHaveText(/%$/);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
  });
}
