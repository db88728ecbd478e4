import { test, expect, type Page } from '@playwright/test';
import { watchErrors } from './support.ts';

// Keyboard shortcuts, the `?` overlay, reduced motion and the layout from a phone to a 4K projector
// (issue 8 item 3).

const activePanel = (page: Page) => page.locator('#panel');
const PANELS = ['compress', 'noise', 'generate', 'temperature', 'evaluate', 'race', 'bandwidth', 'train', 'models'];

test('1–8 switch panels in tab order, p toggles presenter mode, ? lists every shortcut and Esc closes it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  for (const [i, p] of PANELS.entries()) {
    await page.keyboard.press(String(i + 1));
    await expect(activePanel(page)).toHaveAttribute('data-panel-active', p);
    await expect(page.locator(`[role="tab"][data-panel="${p}"]`)).toHaveAttribute('aria-selected', 'true');
  }
  await expect.poll(() => new URL(page.url()).searchParams.get('panel')).toBe('models');

  await page.keyboard.press('p');
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on');
  await expect(page.getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');

  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const key of ['1', '9', 'p', '?', 'Esc', 'Space', 'Backspace']) {
    await expect(dialog.locator('kbd', { hasText: new RegExp(`^${key.replace('?', '\\?')}$`) })).toHaveCount(1);
  }
  await expect(dialog).toContainText('Generate panel');
  // While it is open, panel keys do nothing.
  await page.keyboard.press('2');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'models');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // The header button opens it too; its Close button closes it.
  await page.getByRole('button', { name: /Shortcuts/ }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('2');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'noise');
  expect(errors).toEqual([]);
});

test('arrow keys move between the panel tabs', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?panel=generate');
  await page.getByRole('tab', { name: 'Generate' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Temperature' })).toBeFocused();
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'temperature');
  await page.keyboard.press('End');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'models');
  await page.keyboard.press('ArrowRight');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'compress');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Models' })).toBeFocused();
  // One tab stop for the whole tab list.
  expect(await page.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
  expect(errors).toEqual([]);
});

test('shortcuts are ignored while typing in a text box or a menu', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const box = page.getByTestId('compress-input');
  await box.fill('');
  await box.pressSequentially('3 p? 1');
  await expect(box).toHaveValue('3 p? 1');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'compress');
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('combobox', { name: 'Lesson', exact: true }).focus();
  await page.keyboard.press('4');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'compress');
  // Ctrl+digit is the browser's, not ours.
  await page.locator('#panel h2').click();
  await page.keyboard.press('Control+2');
  await expect(activePanel(page)).toHaveAttribute('data-panel-active', 'compress');
  expect(errors).toEqual([]);
});

test('prefers-reduced-motion turns transitions and animations off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const probe = await page.evaluate(() => {
    const el = document.createElement('div');
    el.className = 'engine-progress-fill';
    el.style.animation = 'spin 1s infinite';
    document.body.append(el);
    const cs = getComputedStyle(el);
    const out = { transition: cs.transitionDuration, animation: cs.animationName };
    el.remove();
    return out;
  });
  expect(probe).toEqual({ transition: '0s', animation: 'none' });

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const moving = await page.evaluate(() => {
    const el = document.createElement('div');
    el.className = 'engine-progress-fill';
    document.body.append(el);
    const d = getComputedStyle(el).transitionDuration;
    el.remove();
    return d;
  });
  expect(moving).not.toBe('0s');
});

const VIEWPORTS = [
  { name: 'phone', width: 360, height: 740 },
  { name: 'laptop', width: 1366, height: 768 },
  { name: '4K projector', width: 3840, height: 2160 },
];

for (const vp of VIEWPORTS) {
  test(`the layout works at ${vp.width}×${vp.height} (${vp.name}) on every panel, presenter mode too`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: vp.width, height: vp.height });
    for (const presenter of [false, true]) {
      await page.goto(presenter ? '/?presenter=1' : '/');
      await expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout: 90_000 });
      for (const [i, p] of PANELS.entries()) {
        await page.keyboard.press(String(i + 1));
        await expect(activePanel(page)).toHaveAttribute('data-panel-active', p);
        // Nothing forces a horizontal scroll; the tabs and the panel heading are on screen.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${p}${presenter ? ' (presenter)' : ''} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
        await expect(page.getByRole('tab', { selected: true })).toBeInViewport();
        await expect(page.locator('#panel h2').first()).toBeVisible();
      }
      const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      if (vp.width >= 3840) expect(fontPx).toBeGreaterThanOrEqual(presenter ? 40 : 28);
      if (vp.width <= 400) expect(fontPx).toBeLessThanOrEqual(20);
    }
    expect(errors).toEqual([]);
  });
}
