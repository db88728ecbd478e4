/** Shared by kernel.spec.ts (WASM) and kernel.webgpu.spec.ts: run the engine's `kernelCheck` op and summarise it. */
import { expect, type Page } from '@playwright/test';
import type { HeadCheckArgs, HeadCheckResult, KernelCheckCase, KernelCheckResult } from '../src/engine/ops/core.types.ts';

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

/** Run `headCheck` (the prepared energy head: fused kernel vs TF.js path vs float64 host model, then timings). */
export async function runHeadCheck(page: Page, args: HeadCheckArgs = {}): Promise<HeadCheckResult> {
  return page.evaluate(async (a) => {
    try {
      return (await (window as unknown as Hook).__calm.call('headCheck', a)) as HeadCheckResult;
    } catch (e) {
      const info = (e as { info?: { code: string; message: string } }).info;
      throw new Error(info ? `[${info.code}] ${info.message}` : String(e));
    }
  }, args);
}

/** Every case within 1e-4 of the TF.js path, no leak; logs the numbers and the timings. */
export function expectHeadAgreement(r: HeadCheckResult, label: string): void {
  for (const c of r.cases) {
    console.log(`[measure] headCheck ${label} ${c.head} n=${c.n}: max|Δz| fused vs tfjs ${c.maxAbsDiff.toExponential(2)}, ` +
      `fused vs host ${c.fusedVsHost.toExponential(2)}, tfjs vs host ${c.tfjsVsHost.toExponential(2)}; fused ${c.fusedMs.toFixed(1)} ms, tfjs ${c.tfjsMs.toFixed(1)} ms`);
  }
  if (r.timing) {
    console.log(`[measure] headCheck ${label} timing: ${r.timing.calls} calls n=${r.timing.n} (fused ${r.timing.fused}): ` +
      `fused ${r.timing.fusedMsPerCall.toFixed(2)} ms/call, tfjs ${r.timing.tfjsMsPerCall.toFixed(2)} ms/call`);
  }
  expect(r.cases.length).toBeGreaterThanOrEqual(1);
  for (const c of r.cases) expect.soft(c.maxAbsDiff, `${label} ${c.head} n=${c.n}`).toBeLessThan(1e-4);
  expect(r.leakedTensors).toBe(0);
  expect(r.ok).toBe(true);
}
