/**
 * The committed language-model golden fixtures (e2e/fixtures/lm-golden.json, used by the browser
 * tests) agree with the committed weights, recomputed here in Node: hidden state and head sample
 * within 1e-5, identical decoded chunk and top-5 baseline ids.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../scripts/lib/tf-node.ts';
import { computeLMGolden, lmGoldenPath, lmWeightHashes } from '../scripts/make-golden-lm.ts';
import { disposeModels } from '../src/engine/models.ts';
import { probeLM } from '../src/model/probe.ts';
import { loadNodeModels } from './helpers/node-models.ts';

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
  it('the prepared generation path (src/model/fast/) gives the same numbers within 1e-4 and the same ids', async () => {
    const stored = JSON.parse(readFileSync(lmGoldenPath(), 'utf8')) as Golden;
    const models = await loadNodeModels(['stories', 'austen']);
    try {
      for (const set of ['stories', 'austen'] as const) {
        const s = models.sets[set]!;
        const g = stored.sets[set];
        const p = (await probeLM({ calm: s.calm, baseline: s.baseline, ae: s.ae }, g.promptIds, models.tokenizer.eosId, stored.noiseSeed)).prepared!;
        expect(p).toBeDefined();
        close(p.hidden, g.probe.hidden, 1e-4);
        close(p.headSample, g.probe.headSample, 1e-4);
        expect(p.decoded).toEqual(g.probe.decoded);
        expect(p.baselineTopIds).toEqual(g.probe.baselineTopIds);
        close(p.baselineTopLogits, g.probe.baselineTopLogits, 1e-4);
      }
    } finally {
      disposeModels(models);
    }
  });
});
