import { readFile } from 'node:fs/promises';
import { test, expect, type Locator, type Page, type Route } from '@playwright/test';
import { AUSTEN_HELDOUT } from '../src/app/presets/text-presets.ts';
import { ready, watchErrors } from './support.ts';

// Figures for slides (issue 14 item 3): every recharts chart has a visible "Save figure" row under it: PNG
// (test id chart-export) and SVG of the figure for a white slide, with its caption and the link that
// reproduces it, and CSV of the data behind it. Each download is caught and its content checked.

interface Saved { png: Buffer; svg: string; csv: string }

async function save(page: Page, button: Locator, file: string): Promise<Buffer> {
  await expect(button).toBeVisible();
  await expect(button).toBeEnabled();
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(dl.suggestedFilename()).toBe(file);
  expect(await dl.failure()).toBeNull();
  return readFile((await dl.path())!);
}

/** Click PNG, SVG and CSV of the chart in `fig` (by test id, or by accessible name where ids are off). */
async function saveAll(page: Page, fig: Locator, stem: string, byTestId = true): Promise<Saved> {
  const btn = (id: string, name: RegExp) => (byTestId ? fig.getByTestId(id) : fig.getByRole('button', { name }));
  const png = await save(page, btn('chart-export', /PNG/), `calm-${stem}.png`);
  const svg = (await save(page, btn('chart-export-svg', /SVG/), `calm-${stem}.svg`)).toString('utf8');
  const csv = (await save(page, btn('chart-export-csv', /CSV/), `calm-${stem}.csv`)).toString('utf8');
  await expect(fig.locator('.chart-export [role="status"]')).toHaveText(`Saved calm-${stem}.csv`);
  return { png, svg, csv };
}

/** The PNG signature, then IHDR's width and height (big-endian, bytes 16–23). */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Parse the SVG in the page (a real XML parser) and report what a slide needs. */
function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const parseError = doc.getElementsByTagName('parsererror').length > 0 || root.nodeName !== 'svg';
    const bg = root.querySelector(':scope > rect');
    const lum = (c: string) => {
      const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(c) ?? /#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(c);
      if (!m) return null;
      const v = [m[1], m[2], m[3]].map((x) => (c.startsWith('#') ? parseInt(x, 16) : Number(x)) / 255).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
    };
    // Text whose fill is too light for white paper (contrast under 3:1).
    const faint: string[] = [];
    for (const t of root.querySelectorAll('text, tspan')) {
      const fill = /(?:^|;)\s*fill:\s*([^;]+)/.exec(t.getAttribute('style') ?? '')?.[1] ?? t.getAttribute('fill');
      const l = fill ? lum(fill) : null;
      if (l !== null && 1.05 / (l + 0.05) < 3 && t.textContent?.trim()) faint.push(`${t.textContent.trim()} (${fill})`);
    }
    // Axes, ticks and reference lines too light for white paper.
    const faintLines: string[] = [];
    for (const el of root.querySelectorAll('.recharts-cartesian-axis *, .recharts-reference-line *')) {
      const stroke = /(?:^|;)\s*stroke:\s*([^;]+)/.exec(el.getAttribute('style') ?? '')?.[1];
      const l = stroke ? lum(stroke) : null;
      if (l !== null && l > 0.7) faintLines.push(`${el.getAttribute('class')} (${stroke})`);
    }
    return {
      parseError,
      faintLines,
      axes: root.querySelectorAll('.recharts-cartesian-axis-line').length,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      background: bg ? `${bg.getAttribute('fill')} ${bg.getAttribute('width')}x${bg.getAttribute('height')}` : null,
      href: root.querySelector('a')?.getAttribute('href') ?? null,
      text: root.textContent ?? '',
      faint,
    };
  }, svg);
}

function csvRows(csv: string): string[][] {
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv.trimEnd().split('\r\n').map((l) => l.split(','));
}

async function checkFigure(page: Page, saved: Saved, captionBit: string, panel: string) {
  const info = await inspectSvg(page, saved.svg);
  expect(info.parseError).toBe(false);
  expect(saved.svg).toContain('<svg');
  expect(info.background).toBe(`#ffffff ${info.width}x${info.height}`);
  expect(info.text).toContain(captionBit);
  expect(info.href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
  expect(info.href).toContain(`panel=${panel}`);
  expect(saved.svg).toContain('http://127.0.0.1:');
  expect(info.faint, 'text too light for a white slide').toEqual([]);
  expect(info.faintLines, 'axes too light for a white slide').toEqual([]);
  expect(info.axes).toBeGreaterThanOrEqual(2);
  // The PNG is the same figure at 2×.
  const size = pngSize(saved.png);
  expect(size.width).toBe(2 * info.width);
  expect(size.height).toBe(2 * info.height);
  expect(size.width).toBeGreaterThan(0);
  expect(size.height).toBeGreaterThan(0);
  return info;
}

test('noise curve: PNG, SVG and CSV of the accuracy-vs-σ chart', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto(`/?panel=noise&sigma=0.5&text=${encodeURIComponent(AUSTEN_HELDOUT)}`);
  await ready(page);
  const fig = page.getByTestId('noise-curve');
  await expect(fig).toHaveAttribute('data-complete', 'true');
  // The row is visible with the chart, under it, not over it.
  const row = fig.locator('.chart-export');
  const chartBox = (await fig.locator('.recharts-wrapper').boundingBox())!;
  const rowBox = (await row.boundingBox())!;
  expect(rowBox.y).toBeGreaterThanOrEqual(chartBox.y + chartBox.height - 1);
  await expect(fig.getByTestId('chart-export')).toHaveText('PNG');
  await expect(fig.getByTestId('chart-export')).toHaveAttribute('title', /PNG/);

  const saved = await saveAll(page, fig, 'noise-curve');
  const info = await checkFigure(page, saved, 'counts the tokens that come back right', 'noise');
  expect(info.href).toContain('sigma=0.5');
  expect(info.text).toContain('Token accuracy as the noise grows');
  expect(info.text).toContain('robust (VAE)'); // the legend comes along
  expect(info.text).toContain('plain (reconstruction only)');

  const rows = csvRows(saved.csv);
  expect(rows[0]).toEqual(['sigma_absolute', 'robust_vae_accuracy', 'plain_accuracy']);
  expect(rows.length - 1).toBe(41);
  for (const r of rows.slice(1)) for (const v of r) expect(Number.isFinite(Number(v)) && v !== '', `CSV cell "${v}"`).toBe(true);
  expect(Number(rows[1][0])).toBe(0);
  expect(Number(rows[1][1])).toBeGreaterThan(0.9);
  expect(errors).toEqual([]);
});

// --- The compute frontier, from a manifest fixture (as in frontier.spec.ts): dark theme, presenter mode. ---

type Entry = { step: number; seconds: number; loss: number | null; heldoutLoss: number; tokens: number; trainFlops: number; brier1: number; brier1Stderr: number };
const history = (flopsPerMinute: number, brier: number[]): Entry[] =>
  brier.map((b, i) => ({ step: i * 100, seconds: i * 300, loss: i === 0 ? null : 3 - 0.1 * i, heldoutLoss: 3.1 - 0.1 * i, tokens: i * 400_000, trainFlops: i * 5 * flopsPerMinute, brier1: b, brier1Stderr: 0.012 }));
const FIXTURE: Record<string, Entry[]> = {
  'stories-calm': history(4e12, [0.001, 0.16, 0.24, 0.3]),
  'stories-baseline': history(2e12, [0.002, 0.15, 0.22, 0.26]),
};

async function serveFixture(page: Page): Promise<void> {
  await page.route('**/weights/manifest.json', async (route: Route) => {
    const res = await route.fetch();
    const m = (await res.json()) as { models: Record<string, { training?: Record<string, unknown> }> };
    for (const [name, h] of Object.entries(FIXTURE)) m.models[name].training = { ...m.models[name].training, history: h };
    const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !['content-length', 'content-encoding', 'etag', 'last-modified'].includes(k.toLowerCase())));
    await route.fulfill({ status: 200, headers, json: m });
  });
}

/** Hold the weights: the engine stays loading (the frontier and the precomputed traces do not need it). */
const holdWeights = (page: Page) => page.route('**/weights/**/weights.bin', () => undefined);

test('compute frontier in dark presenter mode: the figure is still dark-on-white; CSV holds every checkpoint', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await serveFixture(page);
  await holdWeights(page);
  await page.goto('/?panel=evaluate&set=stories&presenter=1');
  const fig = page.getByTestId('eval-frontier');
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(2);
  // The page really is dark: the axes are drawn in a light colour there (the figure must not keep them).
  const axisStroke = await fig.locator('.recharts-cartesian-axis-line').first().evaluate((el) => getComputedStyle(el).stroke);
  expect(axisStroke).toMatch(/rgb\(2[0-5]\d, 2[0-5]\d, 2[0-5]\d\)/);

  const saved = await saveAll(page, fig, 'compute-frontier');
  const info = await checkFigure(page, saved, "the baseline's held-out Brier-1 is above CALM's", 'evaluate');
  expect(info.href).toContain('presenter=1'); // (stories is the default set: not in the link)
  expect(info.text).toContain('The compute frontier');
  expect(info.text).toContain('Discrete baseline');
  expect(info.text).toContain('training FLOPs (cumulative)');

  const rows = csvRows(saved.csv);
  expect(rows[0]).toEqual(['model', 'step', 'tokens', 'train_flops', 'train_seconds', 'brier1', 'brier1_stderr', 'train_loss', 'heldout_loss']);
  expect(rows.length - 1).toBe(8);
  for (const r of rows.slice(1)) for (const i of [1, 2, 3, 4, 5, 6]) expect(Number.isFinite(Number(r[i])) && r[i] !== '').toBe(true);
  expect(rows.filter((r) => r[0] === 'CALM').map((r) => Number(r[5]))).toEqual([0.001, 0.16, 0.24, 0.3]);
  expect(rows.filter((r) => r[0] === 'discrete baseline').map((r) => Number(r[3]))).toEqual([0, 10e12, 20e12, 30e12]);
  expect(errors).toEqual([]);
});

test('temperature sweep (the precomputed trace): the buttons work from the keyboard too', async ({ page }) => {
  const errors = watchErrors(page);
  await holdWeights(page);
  await page.goto('/?panel=temperature');
  const fig = page.locator('#panel .tp-figure');
  await expect(fig.locator('.recharts-scatter').first()).toBeVisible({ timeout: 60_000 });
  // A trace carries no test ids (the app's contract), but the same three buttons.
  await expect(fig.locator('[data-testid^="chart-export"]')).toHaveCount(0);
  const png = fig.getByRole('button', { name: /PNG/ });
  await png.focus();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(dl.suggestedFilename()).toBe('calm-temperature-sweep.png');
  pngSize(await readFile((await dl.path())!));

  const saved = await saveAll(page, fig, 'temperature-sweep', false);
  await checkFigure(page, saved, 'Lowering T should move a model up and to the left', 'temperature');
  const rows = csvRows(saved.csv);
  expect(rows[0].slice(0, 5)).toEqual(['model', 'N', 'T', 'extension', 'diversity']);
  expect(rows.length - 1).toBeGreaterThanOrEqual(2);
  for (const r of rows.slice(1)) for (const i of [2, 4, 5, 6, 7, 8]) expect(Number.isFinite(Number(r[i])) && r[i] !== '').toBe(true);
  expect(errors).toEqual([]);
});
