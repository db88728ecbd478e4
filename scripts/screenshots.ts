/**
 * `npm run screenshots`: pictures of every panel from the live app, for the README and for slides.
 *
 * Builds nothing: it serves the production build in dist/ (run `npm run build` first; --dist DIR for another
 * folder) with `vite preview`, opens it in Debian's Chromium (CHROMIUM_PATH to override) in presenter mode at
 * 1920 × 1080 (--size WxH), drives each panel to a state worth showing (a few Generate steps, a Temperature
 * sample, a finished 64-token Race, …) and writes docs/screenshots/<panel>.png (--out DIR; --panels a,b to
 * take some; --url URL to shoot an app served elsewhere, e.g. the dev server; --suffix S for <panel>S.png). Only the
 * viewport is captured: what a projector shows without scrolling. Logs on stderr; prints the files written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { parseArgs } from './lib/args.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';

const args = parseArgs(process.argv.slice(2));
const dist = path.resolve(REPO_ROOT, typeof args.dist === 'string' ? args.dist : 'dist');
const out = path.resolve(REPO_ROOT, typeof args.out === 'string' ? args.out : 'docs/screenshots');
const [width, height] = (typeof args.size === 'string' ? args.size : '1920x1080').split('x').map(Number);
const port = Number(args.port ?? 4390);
const presenter = args['no-presenter'] !== true;
const only = typeof args.panels === 'string' ? args.panels.split(',') : null;
/** --url: shoot an app that is already served (e.g. `npm run dev`) instead of serving dist/. */
const given = typeof args.url === 'string' ? args.url : null;
const log = (m: string) => process.stderr.write(`[screenshots] ${m}\n`);

if (!given && !existsSync(path.join(dist, 'index.html'))) {
  log(`no build in ${path.relative(REPO_ROOT, dist) || dist}: run npm run build first`);
  process.exit(1);
}

/** What each panel shows before its picture is taken. */
const SHOTS: { panel: string; query?: string; prepare?: (p: Page) => Promise<void> }[] = [
  { panel: 'compress' },
  { panel: 'noise', prepare: async (p) => void (await p.getByTestId('noise-curve').and(p.locator('[data-complete="true"]')).waitFor({ timeout: 120_000 })) },
  {
    panel: 'generate',
    prepare: async (p) => {
      for (let i = 1; i <= 4; i++) {
        await p.getByTestId('gen-step').click();
        await p.getByTestId('gen-steps').filter({ hasText: new RegExp(`^${i}$`) }).waitFor({ timeout: 60_000 });
      }
    },
  },
  {
    panel: 'temperature',
    prepare: async (p) => {
      await p.getByTestId('temp-sample').click();
      await p.getByTestId('temp-candidates').first().waitFor({ timeout: 60_000 });
    },
  },
    // The compute frontier (or, for weights trained before it was recorded, the sentence saying so).
  { panel: 'evaluate', prepare: async (p) => void (await p.locator('[data-testid="eval-frontier"], [data-frontier="missing"]').first().waitFor({ timeout: 60_000 })) },
  {
    panel: 'race',
    prepare: async (p) => {
      await p.getByLabel('Tokens each').selectOption('64');
      await p.getByTestId('race-run').click();
      await p.getByTestId('race-calm-tps').waitFor({ timeout: 120_000 });
      await p.getByTestId('race-baseline-tps').waitFor({ timeout: 120_000 });
    },
  },
  { panel: 'models', prepare: async (p) => void (await p.locator('[data-manifest="ready"]').waitFor()) },
];

function serve(): ChildProcess {
  const child = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], detached: true,
  });
  return child;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

const server = given ? null : serve();
const written: string[] = [];
try {
  const base = given ?? `http://127.0.0.1:${port}/`;
  await waitForServer(base);
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width, height } });
  for (const shot of SHOTS) {
    if (only && !only.includes(shot.panel)) continue;
    const q = `panel=${shot.panel}${presenter ? '&presenter=1' : ''}${shot.query ? `&${shot.query}` : ''}`;
    await page.goto(`${base}?${q}`);
    await page.locator('.app[data-state="ready"]').waitFor({ timeout: 120_000 });
    await shot.prepare?.(page);
    await page.waitForTimeout(300);
    const file = path.join(out, `${shot.panel}${typeof args.suffix === 'string' ? args.suffix : ''}.png`);
    await page.screenshot({ path: file });
    written.push(path.relative(REPO_ROOT, file));
    log(`${shot.panel}: ${path.relative(REPO_ROOT, file)}`);
  }
  await browser.close();
} finally {
  // npx starts vite as a child: end the whole process group, or the port stays taken.
  if (server?.pid) process.kill(-server.pid, 'SIGTERM');
}
process.stdout.write(JSON.stringify({ size: `${width}x${height}`, presenter, files: written }) + '\n');
