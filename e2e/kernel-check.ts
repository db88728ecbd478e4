/** Shared by kernel.spec.ts (WASM) and kernel.webgpu.spec.ts: run the engine's `kernelCheck` op and summarise it. */
import { expect, type Page } from '@playwright/test';
import type { KernelCheckCase, KernelCheckResult } from '../src/engine/ops/core.types.ts';

type Hook = { __calm: { call(op: string, args: unknown): Promise<unknown> } };

/** Run `kernelCheck` (default cases unless `cases` is given) in the page's engine. */
export async function runKernelCheck(page: Page, seed = 1, cases?: KernelCheckCase[]): Promise<KernelCheckResult> {
  return page.evaluate(async ([s, c]) => {
    try {
      return (await (window as unknown as Hook).__calm.call('kernelCheck', { seed: s, cases: c ?? undefined })) as KernelCheckResult;
    } catch (e) {
      const info = (e as { info?: { code: string; message: string } }).info;
      throw new Error(info ? `[${info.code}] ${info.message}` : String(e));
    }
  }, [seed, cases ?? null] as const);
}

/** Every case: no wrong row (float64 reference), every row equal to the plain TF.js path or differing-but-right, no leak. */
export function expectAgreement(r: KernelCheckResult, label: string): void {
  for (const c of r.cases) {
    console.log(`[measure] kernelCheck ${label} "${c.name}" ${c.rows}x${c.k}x${c.n}${c.bias ? '+bias' : ''}: ` +
      `same as plain ${c.sameAsPlain}/${c.rows}, differ-but-right ${c.differRight}, wrong ${c.wrong}, plain wrong ${c.plainWrong}, ` +
      `reference rows ${c.refChecked}; fused ${c.fusedMs.toFixed(0)} ms, plain ${c.plainMs.toFixed(0)} ms`);
  }
  expect(r.cases.length).toBeGreaterThanOrEqual(1);
  for (const c of r.cases) {
    expect.soft(c.wrong, `${label} "${c.name}": rows ${c.wrongRows.join(', ')}`).toBe(0);
    expect.soft(c.sameAsPlain + c.differRight, `${label} "${c.name}"`).toBe(c.rows);
  }
  expect(r.leakedTensors).toBe(0);
  expect(r.ok).toBe(true);
}
