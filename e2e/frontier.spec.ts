import { test, expect, type Page, type Route } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// The compute frontier (issue 12 item 4): the Evaluate panel plots held-out Brier-1 against training FLOPs
// (or wall time) for the chosen set's CALM and baseline, straight from the weights manifest — no Run, no
// engine. The chart path is tested with a manifest fixture (the real manifest with checkpoint histories
// written in, files and hashes untouched, so the engine loads as usual); the last test reads whatever the
// committed weights hold, so it passes before and after a retrain that records checkpoints.

type Json = Record<string, unknown>;
type Entry = { step: number; seconds: number; loss: number | null; heldoutLoss: number; tokens: number; trainFlops?: number; brier1?: number; brier1Stderr?: number };

/** Checkpoints every 5 minutes; loss-only entries between them, as scripts/train-lm.ts writes them. */
function history(flopsPerMinute: number, brier: number[]): Entry[] {
  const out: Entry[] = [];
  brier.forEach((b, i) => {
    const seconds = i * 300;
    const tokens = i * 400_000;
    if (i > 0) out.push({ step: i * 100 - 50, seconds: seconds - 150, loss: 3.2, heldoutLoss: 3.3, tokens: tokens - 200_000 });
    out.push({ step: i * 100, seconds, loss: i === 0 ? null : 3 - 0.1 * i, heldoutLoss: 3.1 - 0.1 * i, tokens, trainFlops: i * 5 * flopsPerMinute, brier1: b, brier1Stderr: 0.012 });
  });
  return out;
}

/**
 * The fixture: stories CALM spends 4T FLOPs a minute, the baseline 2T, so at equal FLOPs the baseline is
 * ahead and at equal wall time CALM is (the sentence must follow the axis). Austen's histories lose their
 * checkpoint fields (weights trained before checkpoints were evaluated).
 */
const STORIES: Record<string, Entry[]> = {
  'stories-calm': history(4e12, [0.001, 0.16, 0.24, 0.3]),
  'stories-baseline': history(2e12, [0.002, 0.15, 0.22, 0.26]),
};

async function serveManifest(page: Page, edit: (models: Record<string, { training?: Json }>) => void): Promise<void> {
  await page.route('**/weights/manifest.json', async (route: Route) => {
    try {
      const res = await route.fetch();
      const m = JSON.parse((await res.body()).toString('utf8')) as { models: Record<string, { training?: Json }> };
      edit(m.models);
      // The original headers, less the length and encoding of the original body (and its validators).
      const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !['content-length', 'content-encoding', 'etag', 'last-modified'].includes(k.toLowerCase())));
      await route.fulfill({ status: 200, headers, json: m });
    } catch (e) {
      // A request still in flight when the test has finished and its page is closing: nothing to serve.
      if (page.isClosed() || /disposed|closed/i.test((e as Error).message)) return;
      throw e;
    }
  });
}

const withoutCheckpoints = (h: unknown) =>
  Array.isArray(h) ? h.map((e: Json) => Object.fromEntries(Object.entries(e).filter(([k]) => !['brier1', 'brier1Stderr', 'trainFlops'].includes(k)))) : h;

const missing = (page: Page) => page.locator('#panel [data-frontier="missing"]');

test('the frontier is drawn from the manifest before the engine is ready: two lines with error bars, a sentence, an axis switch', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await serveManifest(page, (models) => {
    for (const [name, h] of Object.entries(STORIES)) models[name].training = { ...models[name].training, history: h };
    for (const name of ['austen-calm', 'austen-baseline']) {
      const t = models[name].training ?? {};
      models[name].training = { ...t, history: withoutCheckpoints(t.history) };
    }
  });
  // Hold the weights: the engine cannot become ready, the frontier must not need it.
  const held: Route[] = [];
  let released = false;
  await page.route('**/weights/**/weights.bin', (route) => (released ? route.continue() : void held.push(route)));
  await page.goto('/?panel=evaluate&set=stories');

  const fig = page.getByTestId('eval-frontier');
  await expect(fig).toBeVisible();
  await expect(page.locator('.app')).not.toHaveAttribute('data-state', 'ready');
  await expect(fig).toHaveAttribute('data-axis', 'flops');
  await expect(fig).toHaveAttribute('data-points', '4,4');
  await expect(fig.locator('.recharts-line')).toHaveCount(2);
  await expect(fig.locator('.recharts-line-curve')).toHaveCount(2);
  await expect(fig.locator('.recharts-legend-item')).toHaveCount(2);
  await expect(fig.locator('.recharts-legend-wrapper')).toContainText('CALM');
  await expect(fig.locator('.recharts-legend-wrapper')).toContainText('Discrete baseline');
  // ± one standard error on every checkpoint of both models.
  await expect(fig.locator('.recharts-errorBar')).toHaveCount(8);
  await expect(fig.getByText('training FLOPs (cumulative)')).toBeVisible();
  await expect(fig).toHaveAttribute('data-verdict', 'baseline');
  await expect(fig.locator('figcaption')).toContainText("At equal training compute, the baseline's held-out Brier-1 is above CALM's at all 3 checkpoints compared");
  await expect(fig.locator('figcaption')).toContainText('30T FLOPs, the most both reached');

  // The same checkpoints against wall time: CALM is ahead there, and the sentence says so.
  await page.getByRole('radio', { name: 'training time' }).check();
  await expect(fig).toHaveAttribute('data-axis', 'minutes');
  await expect(fig.getByText('training time (minutes, evaluations excluded)')).toBeVisible();
  await expect(fig.locator('.recharts-line')).toHaveCount(2);
  await expect(fig).toHaveAttribute('data-verdict', 'calm');
  await expect(fig.locator('figcaption')).toContainText("At equal training time, CALM's held-out Brier-1 is above the baseline's");

  // The numbers behind the chart, with the training loss recorded alongside.
  await fig.getByText('The numbers (table)').click();
  await expect(fig.locator('tbody tr')).toHaveCount(8);
  await expect(fig.locator('thead')).toContainText('Training loss');

  released = true;
  for (const r of held.splice(0)) await r.continue();
  await ready(page);
  await expect(fig.locator('.recharts-line')).toHaveCount(2);

  // Austen's weights have no checkpoint record: a sentence, no chart, no test id.
  await page.getByLabel('Model set').selectOption('austen');
  await expect(missing(page)).toContainText('These austen weights were trained before checkpoint evaluation was recorded');
  await expect(missing(page)).toContainText('npm run train');
  await expect(page.getByTestId('eval-frontier')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a malformed or one-sided checkpoint record gives a sentence naming the model, not a broken chart', async ({ page }) => {
  const errors = watchErrors(page);
  await serveManifest(page, (models) => {
    models['stories-calm'].training = { ...models['stories-calm'].training, history: STORIES['stories-calm'] };
    models['stories-baseline'].training = {
      ...models['stories-baseline'].training,
      history: [null, 'x', { step: 'one', seconds: 0, tokens: 0, brier1: 0.2 }, { step: 5, seconds: 60, tokens: 1, brier1: null }],
    };
  });
  await page.goto('/?panel=evaluate&set=stories');
  await expect(missing(page)).toContainText('The stories baseline weights were trained before checkpoint evaluation was recorded');
  await expect(page.getByTestId('eval-frontier')).toHaveCount(0);
  await expect(page.getByRole('radio', { name: 'training time' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the committed weights: the frontier when they recorded checkpoints, otherwise the sentence that says why not', async ({ page, request }) => {
  const errors = watchErrors(page);
  const manifest = (await (await request.get('/weights/manifest.json')).json()) as { models: Record<string, { training?: { history?: unknown; trainFlopsPerToken?: unknown } }> };
  const recorded = (name: string) => {
    const t = manifest.models[name]?.training;
    const h = Array.isArray(t?.history) ? (t.history as Entry[]) : [];
    return h.some((e) => typeof e?.brier1 === 'number' && (typeof e.trainFlops === 'number' || typeof t?.trainFlopsPerToken === 'number'));
  };
  await page.goto('/?panel=evaluate&set=stories');
  if (recorded('stories-calm') && recorded('stories-baseline')) {
    const fig = page.getByTestId('eval-frontier');
    await expect(fig).toBeVisible();
    await expect(fig.locator('.recharts-line')).toHaveCount(2);
    await expect(fig.locator('figcaption')).toContainText(/^(At equal training compute|CALM and the baseline were evaluated)/);
  } else {
    await expect(missing(page)).toContainText('trained before checkpoint evaluation was recorded');
    await expect(page.getByTestId('eval-frontier')).toHaveCount(0);
  }
  expect(errors).toEqual([]);
});
