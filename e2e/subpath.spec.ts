import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { AUSTEN_HELDOUT } from '../src/app/presets/text-presets.ts';
import { readyApp, watchErrors } from './support.ts';

// Deploy anywhere (issue 14 item 5): `npx vite build --base=/calm/ --outDir <dir>` alone gives the complete app
// in <dir>, and a plain static file server (no COOP/COEP headers, no rewrites) serving it under /calm/ runs it:
// the page is not cross-origin isolated, the WASM backend runs single-threaded, the app gets ready, compresses
// a text, installs its service worker for /calm/ and then opens and computes with the network off. Every
// request stays under /calm/.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE = '/calm/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.bin': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The plainest static host: files from `dir` under BASE, a folder answers with its index.html, the right
 * Content-Type and nothing else (no COOP/COEP, no caching rules, no SPA fallback); anything else is a 404.
 * `seen` gets the path of every request, so the test can say where the app, its workers and the service
 * worker went.
 */
function staticServer(dir: string, seen: string[]): Server {
  return createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    seen.push(pathname);
    const notFound = () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound();
    if (pathname === BASE.slice(0, -1)) {
      res.writeHead(301, { Location: BASE });
      return res.end();
    }
    if (!pathname.startsWith(BASE)) return notFound();
    let file = path.join(dir, pathname.slice(BASE.length));
    if (file !== dir && !file.startsWith(dir + path.sep)) return notFound();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return notFound();
    const body = readFileSync(file);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
}

let tmp = '';
let server: Server | null = null;
let origin = '';
const seen: string[] = [];

test.beforeAll(async () => {
  // The build takes seconds on an idle machine; allow for a loaded one.
  test.setTimeout(600_000);
  tmp = mkdtempSync(path.join(tmpdir(), 'calm-subpath-'));
  const out = path.join(tmp, 'calm');
  // Exactly the documented command (README, "Deploying under a sub-path").
  await new Promise<void>((resolve, reject) => {
    execFile('npx', ['vite', 'build', `--base=${BASE}`, '--outDir', out], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`vite build failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve();
    });
  });
  server = staticServer(out, seen);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
  }
  server = null;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('the build folder holds the complete app, with every URL under the base', () => {
  const out = path.join(tmp, 'calm');
  const index = readFileSync(path.join(out, 'index.html'), 'utf8');
  const refs = [...index.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
  expect(refs.length).toBeGreaterThan(0);
  for (const r of refs) expect(r.startsWith(`${BASE}assets/`), r).toBe(true);
  for (const f of ['sw.js', 'sw-precache.json', 'weights/manifest.json', 'weights/tokenizer.json', 'heldout/stories.json', 'traces/compress.json']) {
    expect(existsSync(path.join(out, f)), f).toBe(true);
  }
  const list = JSON.parse(readFileSync(path.join(out, 'sw-precache.json'), 'utf8')) as { build: string; files: string[] };
  expect(list.files.filter((f) => f.startsWith('tfjs-wasm/') && f.endsWith('.wasm')).length).toBeGreaterThan(0);
  for (const f of list.files) expect(existsSync(path.join(out, f)), f).toBe(true);
  // Every model the manifest lists is there (the engine loads them from weights/ under the base).
  const manifest = readFileSync(path.join(out, 'weights/manifest.json'), 'utf8');
  for (const m of manifest.matchAll(/"path"\s*:\s*"([^"]+)"/g)) expect(existsSync(path.join(out, 'weights', m[1])), m[1]).toBe(true);
});

async function compress(page: Page, text: string, accuracy: RegExp | string, contains: string): Promise<void> {
  await page.getByTestId('compress-input').fill(text);
  await expect(page.getByTestId('recon-accuracy')).toHaveText(accuracy);
  await expect(page.getByTestId('reconstruction')).toContainText(contains);
}

test('served under /calm/ by a plain static server: ready, compresses, then opens and computes offline', async ({ page, context }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  const urls: string[] = [];
  context.on('request', (r) => urls.push(r.url()));

  await test.step('online: ready without cross-origin isolation, and compresses', async () => {
    await page.goto(`${origin}${BASE}?panel=compress`);
    await readyApp(page);
    // No COOP/COEP: not isolated, no SharedArrayBuffer; the WASM backend runs single-threaded all the same.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await expect(page.getByTestId('backend-badge')).toHaveAttribute('data-backend', 'wasm');
    await compress(page, AUSTEN_HELDOUT, '100.0 %', AUSTEN_HELDOUT);
    await expect(page.getByTestId('reconstruction')).toHaveText(AUSTEN_HELDOUT);
  });

  await test.step('the service worker is active for /calm/ and has stored this build', async () => {
    await expect(page.locator('html')).toHaveAttribute('data-offline', 'ready', { timeout: 90_000 });
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 30_000 }).toBe(true);
    const reg = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return { scope: r?.scope ?? '', script: r?.active?.scriptURL ?? '' };
    });
    expect(reg.scope).toBe(`${origin}${BASE}`);
    expect(reg.script.startsWith(`${origin}${BASE}sw.js?build=`)).toBe(true);
  });

  await test.step('offline: a reload gets ready and compresses, with no request reaching the server', async () => {
    const before = seen.length;
    await context.setOffline(true);
    await page.goto(`${origin}${BASE}?panel=compress&text=${encodeURIComponent('Offline, the little dog ran home.')}`);
    await readyApp(page);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    const init = await page.evaluate(() => (performance.getEntriesByName('calm-ready')[0] as PerformanceMark).detail as { fromCache: boolean });
    expect(init.fromCache).toBe(true);
    await expect(page.getByTestId('recon-accuracy')).toHaveText(/^\d{1,3}\.\d %$/);
    await expect(page.getByTestId('reconstruction')).toContainText('dog');
    await compress(page, AUSTEN_HELDOUT, '100.0 %', AUSTEN_HELDOUT);
    expect(seen.slice(before)).toEqual([]);
    await context.setOffline(false);
  });

  // Every request (page, engine worker, service worker) went to this origin, under /calm/; the server agrees.
  const outside = urls.filter((u) => /^https?:/.test(u) && !u.startsWith(`${origin}${BASE}`));
  expect(outside).toEqual([]);
  expect(seen.filter((p) => !p.startsWith(BASE))).toEqual([]);
  for (const p of ['sw.js', 'sw-precache.json', 'tfjs-wasm/', 'weights/manifest.json', 'weights/ae-robust/', 'heldout/', 'traces/']) {
    expect(seen.some((s) => s.startsWith(`${BASE}${p}`)), p).toBe(true);
  }
  expect(errors).toEqual([]);
});
