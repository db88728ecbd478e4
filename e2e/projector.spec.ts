/**
 * Projector-grade (issue 14 item 1): in presenter mode at 1920 × 1080 and 1280 × 720, each panel's working set
 * is on screen without scrolling, the header is one row and captions start as one line with a toggle. Every
 * element named below must lie inside the viewport (bounding boxes) with the page scrolled to the top.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
];

interface Panel {
  panel: string;
  query?: string;
  prepare?: (p: Page) => Promise<void>;
  /** The working set: what the class must see. */
  see: (p: Page) => Locator[];
}

const PANELS: Panel[] = [
  {
    panel: 'compress',
    prepare: async (p) => void (await expect(p.getByTestId('recon-accuracy')).toHaveText(/%$/)),
    see: (p) => [p.getByTestId('compress-input'), p.getByTestId('recon-accuracy'), p.getByTestId('chunk-accuracy'), p.getByTestId('chunk').first()],
  },
  {
    panel: 'noise',
    prepare: async (p) => void (await expect(p.getByTestId('noise-curve')).toHaveAttribute('data-complete', 'true')),
    see: (p) => [p.getByTestId('noise-sigma'), p.getByTestId('noisy-decode'), p.getByTestId('noisy-decode-plain'), p.getByTestId('noise-curve')],
  },
  {
    panel: 'generate',
    query: 'sampler=plain&seed=3',
    prepare: async (p) => {
      for (let i = 1; i <= 3; i++) {
        await p.getByTestId('gen-step').click();
        await expect(p.getByTestId('gen-steps')).toHaveText(String(i));
      }
    },
    see: (p) => [p.getByTestId('gen-output'), p.getByTestId('gen-step'), p.locator('.gn-details h3').first()],
  },
  {
    panel: 'temperature',
    prepare: async (p) => {
      await p.getByTestId('temp-sample').click();
      await expect(p.getByTestId('temp-candidates').first()).toBeVisible();
    },
    see: (p) => [p.getByTestId('temp-T'), p.getByTestId('temp-N'), p.getByTestId('temp-sample'), p.getByTestId('temp-candidates').first()],
  },
  {
    panel: 'evaluate',
    prepare: async (p) => {
      await p.getByLabel('My own text').check();
      await p.getByTestId('eval-text').fill('Once upon a time, there was a little dog named Max. He liked to run in the park with Lily.');
      await p.getByTestId('eval-run').click();
      await expect(p.getByTestId('eval-baseline-brierlm')).toHaveText(/^\d+\.\d\d$/, { timeout: 90_000 });
      await p.evaluate(() => window.scrollTo(0, 0));
    },
    see: (p) => [p.getByTestId('eval-run'), p.getByTestId('eval-calm-brier1'), p.getByTestId('eval-baseline-brier1'),
      p.locator('[data-testid="eval-frontier"], [data-frontier="missing"]').first()],
  },
  {
    panel: 'race',
    prepare: async (p) => {
      await p.getByLabel('Tokens each').selectOption('32');
      await p.getByTestId('race-run').click();
      await expect(p.getByTestId('race-baseline-tps')).toBeVisible({ timeout: 90_000 });
    },
    see: (p) => [p.getByTestId('race-run'), p.getByTestId('race-calm-text'), p.getByTestId('race-baseline-text'),
      p.getByTestId('race-calm-steps'), p.getByTestId('race-baseline-steps')],
  },
  {
    panel: 'bandwidth',
    query: 'K=2',
    prepare: async (p) => void (await expect(p.getByTestId('bw-accuracy')).toHaveText(/%$/, { timeout: 60_000 })),
    see: (p) => [p.getByTestId('bw-k'), p.getByTestId('bw-input'), p.getByTestId('bw-accuracy'), p.getByTestId('bw-vectors')],
  },
  {
    panel: 'train',
    prepare: async (p) => {
      await p.getByTestId('train-start').click();
      await expect(p.getByTestId('train-accuracy')).toHaveText(/%$/, { timeout: 60_000 });
      await p.getByTestId('train-pause').click();
      await expect(p.getByTestId('train-start')).toHaveText('Resume');
    },
    see: (p) => [p.getByTestId('train-start'), p.getByTestId('train-pause'), p.getByTestId('train-reset'), p.getByTestId('train-steps'),
      p.getByTestId('train-accuracy'), p.getByTestId('train-accuracy-b')],
  },
  {
    panel: 'models',
    see: (p) => [p.getByTestId('weights-version'), p.locator('[data-model]').first()],
  },
];

async function onScreen(page: Page, el: Locator, what: string): Promise<void> {
  const vp = page.viewportSize()!;
  const box = await el.boundingBox();
  expect(box, `${what} is not rendered`).not.toBeNull();
  expect(box!.y, `${what} starts above the top`).toBeGreaterThanOrEqual(0);
  expect(box!.x, `${what} starts left of the screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what} runs past the right edge`).toBeLessThanOrEqual(vp.width + 0.5);
  // At least its first 24 px (a line of text, the top of a chart) are visible; a chart must be whole.
  const need = Math.min(box!.height, 24);
  expect(box!.y + need, `${what} is below the fold (top at ${Math.round(box!.y)} px of ${vp.height})`).toBeLessThanOrEqual(vp.height);
}

for (const size of SIZES) {
  test(`presenter mode at ${size.width}×${size.height}: every panel's working set is on screen without scrolling`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchErrors(page);
    await page.setViewportSize(size);
    for (const p of PANELS) {
      await page.goto(`/?presenter=1&panel=${p.panel}${p.query ? `&${p.query}` : ''}`);
      await ready(page);
      await p.prepare?.(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      // One-row header: the title and the toolbar share a line.
      const title = await page.locator('.app-header h1').boundingBox();
      const toolbar = await page.locator('.app-toolbar').boundingBox();
      expect(Math.abs(title!.y + title!.height / 2 - (toolbar!.y + toolbar!.height / 2)), 'header is not one row').toBeLessThan(20);
      for (const [i, el] of p.see(page).entries()) await onScreen(page, el, `${p.panel} item ${i + 1}`);
      // Charts named above are wholly on screen.
      for (const chart of await page.locator('.recharts-wrapper').all()) {
        const box = await chart.boundingBox();
        if (box && box.y < size.height && (await chart.isVisible())) {
          // A chart that starts on screen must not be cut by more than a fifth.
          expect(box.y + box.height * 0.8, `${p.panel}: a chart is cut off at the bottom`).toBeLessThanOrEqual(size.height);
        }
      }
    }
    expect(errors).toEqual([]);
  });
}

test('presenter mode: captions start as one line; "Full captions" opens them; the choice is the page’s, not the link’s', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?presenter=1&panel=noise');
  const caption = page.locator('#panel [data-region="caption"]').first();
  const lineHeight = await caption.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  const closed = (await caption.boundingBox())!.height;
  expect(closed).toBeLessThan(lineHeight * 1.6);
  const toggle = page.getByRole('button', { name: 'Full captions' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect((await caption.boundingBox())!.height).toBeGreaterThan(lineHeight * 1.9);
  // Without presenter mode there is no toggle and captions are whole.
  await page.goto('/?panel=noise');
  await expect(page.getByRole('button', { name: 'Full captions' })).toBeHidden();
  expect((await page.locator('#panel [data-region="caption"]').first().boundingBox())!.height).toBeGreaterThan(lineHeight * 1.9);
});
