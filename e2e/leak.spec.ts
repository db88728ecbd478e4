import { test, expect, type Page } from '@playwright/test';
import { readyApp } from './support.ts';

// Leak test (issue 8 item 5): 200 mixed interactions through the UI and the engine hook, then the engine's
// tf.memory() must be back at its baseline once the caches are dropped (`resetCaches`).
//
// To add an interaction, add an entry to INTERACTIONS: a name, a weight (how often it is drawn) and `run`.
// Interactions must leave the engine idle or cancellable; `settle` waits for the UI's own calls to finish.

type Mem = { numTensors: number; numBytes: number };
type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown>; memory(): Promise<Mem> } };

const ready = (page: Page) => readyApp(page, 120_000);
/** An engine call through the test hook; a typed engine error rejects with "[code] message". */
const call = (page: Page, op: string, args: unknown) =>
  page.evaluate(async ([o, a]) => {
    try {
      // An engine that never answers fails the test by name instead of hanging it.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const hung = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`[hung] "${o}" got no answer in 120 s`)), 120_000)));
      return await Promise.race([(window as unknown as Hook).__calm.call(o as string, a), hung]).finally(() => clearTimeout(timer));
    } catch (e) {
      const info = (e as { info?: { code: string; message: string } }).info;
      throw new Error(info ? `[${info.code}] ${info.message}` : String(e));
    }
  }, [op, args] as const);
const resetCaches = (page: Page) => call(page, 'resetCaches', {}) as Promise<Mem>;

/** A small seeded generator, so a failing sequence can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS = [
  'Once upon a time, a little girl named Lily found a red ball in the park.',
  'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.',
  'The GPU crashed during the video call 🙃 你好',
  'Tom and his dog ran to the big tree. They played all day!',
];
const PROMPT = 'Once upon a time, there was a girl called Ella. She loved to play';
const PANELS = ['compress', 'noise', 'generate', 'temperature', 'evaluate', 'race', 'bandwidth', 'train'];

interface Ctx {
  page: Page;
  r: () => number;
  pick<T>(xs: readonly T[]): T;
}

interface Interaction {
  name: string;
  weight: number;
  run(c: Ctx): Promise<unknown>;
}

const INTERACTIONS: Interaction[] = [
  { name: 'click a tab', weight: 6, run: ({ page, pick }) => page.locator(`[role="tab"][data-panel="${pick(PANELS)}"]`).click() },
  { name: 'panel key', weight: 4, run: ({ page, r }) => page.keyboard.press(String(1 + Math.floor(r() * 6))) },
  { name: 'compress', weight: 8, run: ({ page, pick }) => call(page, 'compress', { text: pick(TEXTS) }) },
  {
    name: 'noiseDecode',
    weight: 10,
    run: ({ page, r, pick }) => call(page, 'noiseDecode', { text: pick(TEXTS), sigma: Math.round(r() * 200) / 100, seed: Math.floor(r() * 100), scale: pick(['abs', 'rel']) }),
  },
  {
    name: 'noiseSweep',
    weight: 3,
    run: ({ page, r, pick }) => call(page, 'noiseSweep', { text: pick(TEXTS), points: 5, maxSigma: 2, seed: Math.floor(r() * 100), scale: pick(['abs', 'rel']) }),
  },
  {
    name: 'σ slider (the Noise panel decodes)',
    weight: 4,
    run: async ({ page, r }) => {
      await page.locator('[role="tab"][data-panel="noise"]').click();
      await page.getByTestId('noise-sigma').fill(String(Math.round(r() * 200) / 100));
    },
  },
  {
    name: 'generate: start, steps, resample, back',
    weight: 6,
    run: async ({ page, r }) => {
      const seed = Math.floor(r() * 1000);
      await call(page, 'genStart', { set: 'stories', prompt: PROMPT, seed });
      const steps = 1 + Math.floor(r() * 3);
      for (let i = 0; i < steps; i++) await call(page, 'genStep', { sampler: 'plain', T: 1, N: 1 });
      await call(page, 'genResample', { sampler: 'batch', T: 0.5, N: 16, seed: seed + 1 });
      await call(page, 'genBack', {});
    },
  },
  { name: 'generate: reset', weight: 2, run: ({ page }) => call(page, 'genReset', {}) },
  {
    name: 'temperature: batch / exact draw',
    weight: 5,
    run: ({ page, r, pick }) =>
      call(page, 'tempSample', { set: 'stories', prompt: PROMPT, sampler: pick(['batch', 'exact']), T: pick([1, 0.5, 1 / 3]), N: 1 + Math.floor(r() * 60), seed: Math.floor(r() * 1000) }),
  },
  {
    name: 'race (8 tokens, T = 1 or ½)',
    weight: 2,
    run: ({ page, r, pick }) => call(page, 'raceRun', { set: 'stories', prompt: PROMPT, tokens: 8, seed: Math.floor(r() * 100), T: pick([1, 0.5]) }),
  },
  {
    name: 'evaluate, cancelled in the UI',
    weight: 1,
    run: async ({ page }) => {
      await page.locator('[role="tab"][data-panel="evaluate"]').click();
      await page.getByTestId('eval-run').click();
      const cancel = page.getByTestId('eval-cancel');
      if (await cancel.isVisible().catch(() => false)) await cancel.click().catch(() => {});
    },
  },
  {
    name: 'Step in the Generate panel (Space)',
    weight: 3,
    run: async ({ page }) => {
      await page.locator('[role="tab"][data-panel="generate"]').click();
      await page.locator('#panel h2').click();
      await page.keyboard.press('Space');
    },
  },
  { name: 'lesson from the menu', weight: 2, run: ({ page, pick }) => page.getByRole('combobox', { name: 'Lesson', exact: true }).selectOption(pick(['sigma-barely-matters', 'plain-vectors-break', 'one-step-four-tokens', 'temperature-by-repetition'])) },
  { name: 'resetCaches mid-run', weight: 1, run: ({ page }) => resetCaches(page) },
];

/** Backend round trips (the engine restarts): a few, at fixed points, since each reloads the models. */
async function backendRoundTrip(page: Page): Promise<void> {
  const select = page.getByLabel('Backend');
  await select.selectOption('cpu');
  await expect(page.getByTestId('backend-badge')).toHaveText('cpu', { timeout: 120_000 });
  await ready(page);
  await call(page, 'compress', { text: TEXTS[0] });
  await select.selectOption('wasm');
  await expect(page.getByTestId('backend-badge')).toHaveText('wasm', { timeout: 120_000 });
  await ready(page);
}

/** Wait until the UI's own engine calls (panels react to settings) have finished. */
async function settle(page: Page): Promise<void> {
  await ready(page).catch(async (e) => {
    // Say where the app stands instead of only "not ready".
    const state = await page.locator('.app').getAttribute('data-state').catch(() => '?');
    const alerts = await page.locator('[role="alert"]').allTextContents().catch(() => []);
    throw new Error(`the app is not ready: data-state=${state}; alerts: ${JSON.stringify(alerts)}; ${(e as Error).message.split('\n')[0]}`);
  });
  await page.waitForTimeout(300);
  // A call queued behind everything else only returns once the engine is idle.
  await call(page, 'memory', {});
}

test('200 mixed interactions leave tf.memory() at its baseline after resetCaches', async ({ page }) => {
  test.setTimeout(900_000);
  const N = Number(process.env.LEAK_N ?? 200);
  const seed = Number(process.env.LEAK_SEED ?? 1);
  const errors: string[] = [];
  const recent: string[] = [];
  page.on('pageerror', (e) => {
    errors.push(e.message);
    console.log(`[leak test] page error after ${recent.join(', ')}: ${e.stack ?? e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() !== 'error' || !m.text().includes('panel failed to draw')) return;
    errors.push(m.text());
    console.log(`[leak test] ${m.text()} after ${recent.join(', ')}`);
  });
  await page.goto('/');
  await ready(page);
  // The Bandwidth panel (a tab the interactions click) loads the K dial's autoencoders the first time it
  // opens, and keeps them like a loaded model set: load them before the baseline.
  await page.evaluate(() => (window as unknown as Hook).__calm.call('bandwidthLoad', {}));
  await settle(page);
  const baseline = await resetCaches(page);
  expect(baseline.numTensors).toBeGreaterThan(10);

  const r = rng(seed);
  const total = INTERACTIONS.reduce((s, i) => s + i.weight, 0);
  const pickInteraction = () => {
    let x = r() * total;
    for (const i of INTERACTIONS) if ((x -= i.weight) < 0) return i;
    return INTERACTIONS[INTERACTIONS.length - 1];
  };
  const ctx: Ctx = { page, r, pick: (xs) => xs[Math.floor(r() * xs.length)] };
  const counts: Record<string, number> = {};
  const failures: string[] = [];
  let peak = baseline.numTensors;
  for (let k = 0; k < N; k++) {
    if (k > 0 && k % 100 === 0) {
      await backendRoundTrip(page);
      counts['backend round trip'] = (counts['backend round trip'] ?? 0) + 1;
      continue;
    }
    const it = pickInteraction();
    recent.push(`#${k} ${it.name}`);
    if (recent.length > 6) recent.shift();
    counts[it.name] = (counts[it.name] ?? 0) + 1;
    const t0 = Date.now();
    try {
      // No interaction may hang the run: one that takes over 2 minutes is recorded by name and fails the test.
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        it.run(ctx),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`[hung] no answer in 120 s`)), 120_000))),
      ]).finally(() => clearTimeout(timer));
    } catch (e) {
      // An engine error is an answer (e.g. a call cancelled by the UI's own newer call); record it, go on.
      failures.push(`#${k} ${it.name}: ${(e as Error).message.split('\n')[0]}`);
      if ((e as Error).message.includes('[hung]')) break; // the rest would only wait behind it
    }
    const ms = Date.now() - t0;
    if (ms > 15_000) console.log(`[measure] leak test: #${k} ${it.name} took ${(ms / 1000).toFixed(1)} s`);
    if (k % 20 === 19) peak = Math.max(peak, ((await call(page, 'memory', {})) as Mem).numTensors);
  }
  await settle(page).catch((e) => {
    throw new Error(`${(e as Error).message} (after ${recent.join(', ')})`);
  });
  const after = await resetCaches(page);
  console.log(`[measure] leak test: ${N} interactions (seed ${seed}) ${JSON.stringify(counts)}; baseline ${baseline.numTensors} tensors / ${baseline.numBytes} bytes, peak ${peak}, after resetCaches ${after.numTensors} / ${after.numBytes}; ${failures.length} calls answered with an error${failures.length ? `: ${failures.slice(0, 5).join(' | ')}` : ''}`);
  expect(after).toEqual(baseline);
  // A typed answer is fine (a cancellation by the UI's newer call; "the model wrote end-of-text, go Back");
  // an internal error or anything untyped is not.
  expect(failures.filter((f) => !/\[(cancelled|bad-input)\]/.test(f))).toEqual([]);
  expect(errors).toEqual([]);
});
