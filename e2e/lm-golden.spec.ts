import { test, expect } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';
import { expectLMGolden } from './lm-golden.ts';

test('the language models match their golden fixture on WASM: general and prepared paths, both sets', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/?backend=wasm');
  await readyApp(page);
  await expectLMGolden(page, 'stories');
  await expectLMGolden(page, 'austen');
  expect(errors).toEqual([]);
});
