/**
 * The committed language-model golden fixtures (e2e/fixtures/lm-golden.json, used by the browser
 * tests) agree with the committed weights, recomputed here in Node: hidden state and head sample
 * within 1e-5, identical decoded chunk and top-5 baseline ids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../scripts/lib/tf-node.ts';
import { computeLMGolden, lmGoldenPath, lmWeightHashes } from '../scripts/make-golden-lm.ts';

type Golden = Awaited<ReturnType<typeof computeLMGolden>>;

const close = (a: number[], b: number[], tol: number) => {
  expect(a.length).toBe(b.length);
  const worst = Math.max(...a.map((x, i) => Math.abs(x - b[i])));
  expect(worst).toBeLessThan(tol);
};

describe('language-model golden fixtures match the committed weights', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });
  it('hidden state, head sample, decoded chunk and baseline top-5', async () => {
    expect(existsSync(lmGoldenPath())).toBe(true);
    const stored = JSON.parse(readFileSync(lmGoldenPath(), 'utf8')) as Golden;
    expect(stored.weights).toEqual(lmWeightHashes());
    const fresh = await computeLMGolden();
    for (const set of ['stories', 'austen'] as const) {
      const a = fresh.sets[set];
      const b = stored.sets[set];
      expect(a.promptIds).toEqual(b.promptIds);
      expect(a.probe.calmInput).toEqual(b.probe.calmInput);
      close(a.probe.hidden, b.probe.hidden, 1e-5);
      close(a.probe.headSample, b.probe.headSample, 1e-5);
      expect(a.probe.decoded).toEqual(b.probe.decoded);
      expect(a.probe.baselineTopIds).toEqual(b.probe.baselineTopIds);
      close(a.probe.baselineTopLogits, b.probe.baselineTopLogits, 1e-4);
    }
  });
});
