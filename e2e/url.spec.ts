import { test, expect, type Page } from '@playwright/test';
import { ready, watchErrors } from './support.ts';

// State in the URL (issue 8 item 1): set a view, reload, get the same view and the same sampled text;
// old links keep working; bad values are clamped with a notice; "Copy link" copies the view's link.

const notices = (page: Page) => page.getByRole('status', { name: 'Notices' });
const params = (page: Page) => new URL(page.url()).searchParams;

test('a view set in the UI is in the URL and comes back after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Noise' }).click();
  const slider = page.getByTestId('noise-sigma');
  await slider.fill('0.75');
  await page.getByRole('radio', { name: /relative/ }).check();
  await page.getByRole('button', { name: 'Presenter mode' }).click();
  await expect.poll(() => params(page).get('sigma')).toBe('0.75');
  expect(Object.fromEntries(params(page))).toMatchObject({ v: '2', panel: 'noise', sigma: '0.75', noise: 'rel', presenter: '1' });

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Noise' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.75');
  await expect(page.getByRole('radio', { name: /relative/ })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await expect(notices(page)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the same link and seed give the same sampled text after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  const link = '/?v=1&panel=generate&seed=7&prompt=' + encodeURIComponent('Once upon a time, there was a girl called Ella. She loved to play');
  const sample = async () => {
    await ready(page);
    const step = page.getByTestId('gen-step');
    for (let i = 1; i <= 2; i++) {
      await step.click();
      await expect(page.getByTestId('gen-steps')).toHaveText(String(i));
    }
    return (await page.getByTestId('gen-output').textContent()) ?? '';
  };
  await page.goto(link);
  const first = await sample();
  expect(first.length).toBeGreaterThan(20);
  expect(params(page).get('seed')).toBe('7');
  await page.reload();
  expect(await sample()).toBe(first);
  expect(errors).toEqual([]);
});

test('old links keep working: no v, unknown parameters, and v=1 all open without a notice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=noise&sigma=0.5&utm_source=newsletter&fbclid=xyz');
  await expect(page.getByRole('tab', { name: 'Noise' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('0.5');
  await expect(notices(page)).toHaveCount(0);
  // The URL is rewritten in the current schema (v=2), unknown parameters dropped.
  await expect.poll(() => params(page).get('v')).toBe('2');
  expect(params(page).get('utm_source')).toBeNull();
  expect(errors).toEqual([]);
});

test('bad and out-of-range link values fall back or clamp with a notice, and the URL is corrected', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=noise&sigma=9&seed=-3&T=abc&N=5000&hide=bogus');
  await expect(notices(page)).toContainText('sigma="9" is outside 0…2, clamped; using the limit');
  await expect(notices(page)).toContainText('T="abc" is not a number; using the default');
  await expect(notices(page)).toContainText('N="5000"');
  await expect(notices(page)).toContainText('hide="bogus"');
  await expect(page.getByTestId('noise-sigma')).toHaveValue('2');
  await expect.poll(() => params(page).get('sigma')).toBe('2');
  expect(params(page).get('N')).toBe('1000');
  expect(params(page).get('seed')).toBe('0');
  expect(params(page).get('T')).toBeNull();
  // A notice can be dismissed.
  const count = await notices(page).getByRole('listitem').count();
  await notices(page).getByRole('button', { name: 'Dismiss this notice' }).first().click();
  await expect(notices(page).getByRole('listitem')).toHaveCount(count - 1);
  expect(errors).toEqual([]);
});

test('Copy link copies the link of the current view', async ({ page, context }) => {
  const errors = watchErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?panel=temperature&T=1/4&N=64&sampler=exact');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
  const q = new URL(copied).searchParams;
  expect(Object.fromEntries(q)).toMatchObject({ v: '2', panel: 'temperature', T: '0.25', N: '64', sampler: 'exact' });
  expect(errors).toEqual([]);
});

test('without a clipboard, Copy link shows the link selected in a read-only field', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true });
  });
  await page.goto('/?panel=race');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByRole('textbox', { name: /Copy this link/ });
  await expect(field).toBeVisible();
  await expect(field).toHaveAttribute('readonly', '');
  await expect(field).toHaveValue(page.url());
  expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd, el.value.length])).toEqual([
    0,
    page.url().length,
    page.url().length,
  ]);
  await page.getByRole('button', { name: 'Close the link field' }).click();
  await expect(field).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('hide= removes regions and presenter=1 scales the page up', async ({ page }) => {
  const errors = watchErrors(page);
  // A projector-sized screen: at 1280 × 720 and below 800 px of height presenter mode keeps the normal
  // type size so that each panel fits (projector.spec.ts), and scales lines and contrast only.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?panel=noise');
  const normal = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeVisible();

  await page.goto('/?panel=noise&presenter=1&hide=header,tabs,captions');
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  // 22 px against 18 px at this width (the normal page already grows its type on a wide screen).
  expect(big).toBeGreaterThanOrEqual(normal * 1.2);
  await expect(page.getByRole('heading', { name: 'CALM Playground' })).toBeHidden();
  await expect(page.getByRole('tablist', { name: 'Panels' })).toBeHidden();
  await expect(page.locator('.app')).toHaveAttribute('data-hide', 'header tabs captions');
  // The panel itself and its controls stay; its explanatory caption goes.
  await expect(page.getByTestId('noise-sigma')).toBeVisible();
  await expect(page.locator('#panel .cz-caption')).toHaveCount(0);
  // Keys still switch panels with the tabs hidden.
  await page.keyboard.press('1');
  await expect(page.locator('#panel')).toHaveAttribute('data-panel-active', 'compress');
  expect(errors).toEqual([]);
});
