import { test, expect } from '@playwright/test';
import { readyApp, watchErrors } from './support.ts';
import { expectLMGolden } from './lm-golden.ts';

// WebGPU through SwiftShader: the prepared path runs the fused matmul + argmax WGSL kernel in its decoder,
// and every read-back is asynchronous (dataSync returned zeros here).
test('the language models match their golden fixture on WebGPU: general and prepared paths', async ({ page }) => {
  test.setTimeout(600_000);
  const errors = watchErrors(page);
  await page.goto('/?backend=webgpu');
  await readyApp(page, 300_000);
  await expect(page.getByTestId('backend-badge')).toHaveText('webgpu');
  await expectLMGolden(page, 'stories');
  expect(errors).toEqual([]);
});
