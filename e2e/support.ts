/** Shared end-to-end helpers: collect uncaught page errors, and wait for the live models. */
import { expect, type Page } from '@playwright/test';

/** Uncaught exceptions of the page (and its worker, re-thrown there), collected as they happen. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // A panel's render error is caught by its PanelBoundary (the page goes on), and still fails a test.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('panel failed to draw')) errors.push(m.text());
  });
  return errors;
}

/** Wait until the app root says the models are loaded and warm (`data-state="ready"`). */
export function readyApp(page: Page, timeout = 90_000): Promise<void> {
  return expect(page.locator('.app[data-state="ready"]')).toBeVisible({ timeout });
}

export const ready = (page: Page): Promise<void> => readyApp(page);
