import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

/**
 * The language-model golden fixture (e2e/fixtures/lm-golden.json, made in Node by `npm run golden:lm`)
 * against the live engine's lmProbe: the general path and the prepared generation path (src/model/fast/:
 * folded weights, and on WebGPU the fused matmul + argmax WGSL kernel) within 1e-4, ids equal.
 */
interface Probe {
  hidden: number[]; headSample: number[]; decoded: number[]; baselineTopIds: number[]; baselineTopLogits: number[];
  prepared?: Omit<Probe, 'prepared'>;
}
interface Golden { noiseSeed: number; sets: Record<'stories' | 'austen', { promptIds: number[]; probe: Probe }> }

const golden = JSON.parse(readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'lm-golden.json'), 'utf8')) as Golden;

export async function expectLMGolden(page: Page, set: 'stories' | 'austen' = 'stories'): Promise<void> {
  const g = golden.sets[set];
  const r = await page.evaluate(async ([s, promptIds, noiseSeed]) => {
    const calm = (window as unknown as { __calm: { call(op: string, a: unknown): Promise<unknown> } }).__calm;
    await calm.call('loadSet', { set: s });
    return (await calm.call('lmProbe', { set: s, promptIds, noiseSeed })) as Probe;
  }, [set, g.promptIds, golden.noiseSeed] as const);
  const maxDiff = (a: number[], b: number[]) => {
    expect(a).toHaveLength(b.length);
    return Math.max(...a.map((v, j) => Math.abs(v - b[j])));
  };
  expect(r.prepared, 'the engine prepared the set for generation').toBeDefined();
  for (const [label, p] of [['general', r], ['prepared', r.prepared!]] as const) {
    expect.soft(maxDiff(p.hidden, g.probe.hidden), `${label} hidden`).toBeLessThan(1e-4);
    expect.soft(maxDiff(p.headSample, g.probe.headSample), `${label} head sample`).toBeLessThan(1e-4);
    expect.soft(p.decoded, `${label} decoded chunk`).toEqual(g.probe.decoded);
    expect.soft(p.baselineTopIds, `${label} baseline top-5 ids`).toEqual(g.probe.baselineTopIds);
    expect.soft(maxDiff(p.baselineTopLogits, g.probe.baselineTopLogits), `${label} baseline top-5 logits`).toBeLessThan(1e-4);
  }
}
