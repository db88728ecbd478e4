import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// Lessons (issue 8 item 2): `?lesson=<id>` and the header menu open a panel in a prepared state with a
// one-line caption; values in the link beside `lesson` win; an unknown lesson says so.

const banner = (page: Page) => page.getByRole('complementary', { name: 'Current lesson' });
const activePanel = (page: Page) => page.locator('#panel').getAttribute('data-panel-active');
const pct = (s: string | null) => Number((s ?? '').replace(/[^\d.]/g, ''));

/** What each lesson must show: its tab, and controls in the lesson's state. */
const LESSONS: Array<{ id: string; tab: string; caption: RegExp; check?: (page: Page) => Promise<void> }> = [
  {
    id: 'sigma-barely-matters', tab: 'Noise', caption: /σ = 0\.3/,
    check: async (page) => {
      await expect(page.getByTestId('noise-sigma')).toHaveValue('0.3');
      await expect(page.getByRole('radio', { name: 'absolute' })).toBeChecked();
    },
  },
  {
    id: 'plain-vectors-break', tab: 'Noise', caption: /plain autoencoder/,
    check: async (page) => {
      await expect(page.getByTestId('noise-sigma')).toHaveValue('1');
      await expect(page.getByRole('radio', { name: /relative/ })).toBeChecked();
    },
  },
  {
    id: 'one-step-four-tokens', tab: 'Generate', caption: /K = 4 tokens/,
    check: async (page) => {
      await expect(page.getByTestId('gen-prompt')).toHaveValue(/^Once upon a time, there was a girl called Ella/);
    },
  },
  {
    id: 'why-temperature', tab: 'Generate', caption: /at T = ½, the authors’ setting/,
    check: async (page) => {
      await expect(page.getByTestId('gen-sampler')).toHaveValue('batch');
      await expect(page.locator('#panel details.gn-compare')).toHaveAttribute('open', '');
    },
  },
  {
    id: 'temperature-by-repetition', tab: 'Temperature', caption: /T = 1\/3/,
    check: async (page) => {
      await expect(page.getByTestId('temp-T')).toHaveValue('0.33');
      await expect(page.getByTestId('temp-N')).toHaveValue('200');
    },
  },
  { id: 'brier-without-likelihoods', tab: 'Evaluate', caption: /BrierLM/ },
  { id: 'k-times-fewer-steps', tab: 'Race', caption: /once per 4 tokens/ },
  {
    id: 'k-is-a-dial', tab: 'Bandwidth', caption: /Start at K = 1/,
    check: async (page) => {
      await expect(page.getByTestId('bw-k')).toHaveValue('1');
      await expect(page.getByTestId('bw-input')).toHaveValue(/^One sunny morning, Tom/);
      // K = 1: one vector per token (its autoencoder is shipped with the dial).
      await expect(page.getByTestId('bw-vectors')).toHaveText(/^\d+$/, { timeout: 60_000 });
      await page.getByTestId('bw-k').selectOption('2');
      await expect(page.getByTestId('bw-accuracy')).toHaveText(/%$/);
      await page.getByTestId('bw-k').selectOption('1');
    },
  },
  {
    id: 'robustness-appears', tab: 'Train', caption: /only A.s vectors keep their tokens/,
    check: async (page) => {
      await expect(page.getByTestId('train-start')).toBeEnabled({ timeout: 60_000 });
      await expect(page.locator('.tr-run-a legend')).toHaveText("Run A: the paper's recipe");
      await expect(page.locator('.tr-run-b legend')).toHaveText('Run B: reconstruction only');
    },
  },
];

for (const l of LESSONS) {
  test(`?lesson=${l.id} opens its panel, prepared, with its caption`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(`/?lesson=${l.id}`);
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toHaveAttribute('data-lesson', l.id);
    await expect(banner(page)).toContainText(l.caption);
    await expect(page.getByRole('tab', { name: l.tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('combobox', { name: 'Lesson', exact: true })).toHaveValue(l.id);
    await l.check?.(page);
    // The link stays short: the lesson stands for its settings.
    expect(new URL(page.url()).search).toBe(`?v=2&lesson=${l.id}`);
    await expect(page.getByRole('status', { name: 'Notices' })).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('the live model shows what the noise lessons say', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=sigma-barely-matters');
  await ready(page);
  await expect(page.getByTestId('noise-accuracy')).toHaveText(/%/);
  expect(pct(await page.getByTestId('noise-accuracy').textContent())).toBeGreaterThanOrEqual(95);

  // Choose the next lesson from the menu (no reload).
  await page.getByRole('combobox', { name: 'Lesson', exact: true }).selectOption('plain-vectors-break');
  await expect(banner(page)).toHaveAttribute('data-lesson', 'plain-vectors-break');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('1');
  await expect.poll(async () => {
    const robust = pct(await page.getByTestId('noise-accuracy').textContent());
    const plain = pct(await page.getByTestId('noise-accuracy-plain').textContent());
    return robust - plain;
  }).toBeGreaterThan(10);
  expect(errors).toEqual([]);
});

test('values written beside the lesson win over the lesson’s own', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=plain-vectors-break&sigma=0.4&presenter=1');
  await expect(banner(page)).toBeVisible();
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.4');
  await expect(page.getByRole('radio', { name: /relative/ })).toBeChecked(); // from the lesson
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  // Moving σ back to the global default is still a change from the lesson: the link must say so.
  await page.getByTestId('noise-sigma').fill('0.3');
  await expect.poll(() => new URL(page.url()).searchParams.get('sigma')).toBe('0.3');
  await page.reload();
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.3');
  await expect(banner(page)).toBeVisible();
  expect(errors).toEqual([]);
});

test('an unknown lesson gives a notice and opens the rest of the link', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=no-such-lesson&panel=race');
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('There is no lesson called "no-such-lesson"');
  await expect(banner(page)).toHaveCount(0);
  expect(await activePanel(page)).toBe('race');
  expect(new URL(page.url()).searchParams.get('lesson')).toBeNull();
  expect(errors).toEqual([]);
});

test('leaving the lesson’s panel, or ×, ends the lesson and keeps the settings', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=sigma-barely-matters');
  await expect(banner(page)).toBeVisible();
  await page.getByRole('tab', { name: 'Compress' }).click();
  await expect(banner(page)).toHaveCount(0);
  await expect.poll(() => new URL(page.url()).searchParams.get('lesson')).toBeNull();
  await expect(page.getByRole('combobox', { name: 'Lesson', exact: true })).toHaveValue('');

  await page.getByRole('combobox', { name: 'Lesson', exact: true }).selectOption('k-times-fewer-steps');
  await expect(banner(page)).toBeVisible();
  expect(await activePanel(page)).toBe('race');
  await page.getByRole('button', { name: 'End the lesson' }).click();
  await expect(banner(page)).toHaveCount(0);
  expect(await activePanel(page)).toBe('race');
  await expect.poll(() => new URL(page.url()).searchParams.get('panel')).toBe('race');
  expect(errors).toEqual([]);
});

test('the Generate and Temperature lessons run on the live model as their captions say', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=one-step-four-tokens');
  await ready(page);
  await page.locator('#panel h2').click(); // focus outside any control, so Space belongs to the panel
  await page.keyboard.press('Space');
  await expect(page.getByTestId('gen-steps')).toHaveText('1');
  await expect(page.getByTestId('gen-tokens')).toHaveText('4');
  await expect(page.getByTestId('gen-chunk')).toHaveCount(1);

  await page.getByRole('combobox', { name: 'Lesson', exact: true }).selectOption('temperature-by-repetition');
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'temperature');
  await page.getByTestId('temp-sample').click();
  await expect(page.getByTestId('temp-candidates').first()).toBeVisible();
  expect(await page.getByTestId('temp-candidates').count()).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('why-temperature shows one prompt continued at T = 1 and at T = ½ on the live model', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?lesson=why-temperature');
  await ready(page);
  // The lesson runs the comparison by itself once the models are ready.
  await expect(page.getByTestId('gen-compare-1')).not.toBeEmpty({ timeout: 60_000 });
  await expect(page.getByTestId('gen-compare-half')).not.toBeEmpty();
  await expect(page.getByRole('region', { name: 'T = 1: one head sample per step' })).toContainText('32 tokens in 8 steps');
  await expect(page.getByRole('region', { name: 'T = 1: one head sample per step' })).toContainText('8 head samples');
  await expect(page.getByRole('region', { name: /^T = ½: the batch sampler, N = 200/ })).toContainText('1600 head samples');
  // The panel itself is at the authors' setting; plain T = 1 is one click away.
  await expect(page.getByTestId('gen-sampler')).toHaveValue('batch');
  await page.getByRole('button', { name: 'Plain T = 1' }).click();
  await expect(page.getByTestId('gen-sampler')).toHaveValue('plain');
  await expect(banner(page)).toBeVisible(); // a setting changed, the lesson stays
  expect(errors).toEqual([]);
});
