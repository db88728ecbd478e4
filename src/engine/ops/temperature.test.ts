/**
 * Temperature ops on the committed stories models: batch teaching data (counts, C(count, m) weights,
 * level, pick), the exact sampler's attempts, the held-out sweep (both models, cached, cancellable,
 * no leaked tensors).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { CancelledError, plainContext, type OpContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import { handlers as gen, resetCaches as resetGen } from './generate.ts';
import { handlers as temp, resetCaches as resetTemp, setHeldoutSource, sweepSettings } from './temperature.ts';
import type { ModelSetName } from '../protocol.ts';

let models: EngineModels;
let ctx: OpContext;
let baseline: number;
const noArgs = {} as Record<string, never>;

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
  ctx = plainContext(models);
  setHeldoutSource(async (set: ModelSetName) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', `${set}.json`), 'utf8')));
  baseline = tf.memory().numTensors;
});

afterAll(() => {
  resetGen();
  resetTemp();
  setHeldoutSource(null);
  disposeModels(models);
});

const sample = { set: 'stories' as const, prompt: 'Once upon a time', seed: 5 };

describe('tempSample', () => {
  it('batch: distinct chunks with counts summing to N, C(count, m) weights, a level and one chosen', async () => {
    const r = await temp.tempSample({ ...sample, sampler: 'batch', T: 1 / 3, N: 200 }, ctx);
    expect(r.sampler.kind).toBe('batch');
    if (r.sampler.kind !== 'batch') return;
    const { candidates, level, n } = r.sampler;
    expect(n).toBe(3);
    expect(candidates.reduce((a, c) => a + c.count, 0)).toBe(200);
    expect(r.sampler.distinct).toBe(candidates.length);
    expect(level).toBeLessThanOrEqual(3);
    expect(level).toBe(Math.min(3, Math.max(...candidates.map((c) => c.count))));
    const C = (c: number, m: number) => { let w = 1; for (let j = 1; j <= m; j++) w = (w * (c - m + j)) / j; return c < m ? 0 : Math.round(w); };
    for (const c of candidates) expect(c.weight).toBe(C(c.count, level));
    expect(candidates.filter((c) => c.chosen)).toHaveLength(1);
    const chosen = candidates.find((c) => c.chosen)!;
    expect(chosen.weight).toBeGreaterThan(0);
    expect(r.chosen?.ids).toEqual(chosen.ids);
    expect(r.context.text).toBe('Once upon a time');
  });

  it('N = 1 gives one candidate; the same seed and draw give the same batch; the backbone runs once per context', async () => {
    const one = await temp.tempSample({ ...sample, sampler: 'batch', T: 0.5, N: 1 }, ctx);
    expect(one.sampler.kind === 'batch' && one.sampler.candidates.length).toBe(1);
    const a = await temp.tempSample({ ...sample, sampler: 'batch', T: 0.5, N: 100, draw: 3 }, ctx);
    const b = await temp.tempSample({ ...sample, sampler: 'batch', T: 0.5, N: 100, draw: 3 }, ctx);
    const c = await temp.tempSample({ ...sample, sampler: 'batch', T: 0.25, N: 300, draw: 4 }, ctx);
    expect(b.sampler).toEqual(a.sampler);
    expect(c.backbonePositions).toBe(one.backbonePositions);
  });

  it('exact: attempts and draws; T = 1 accepts the first draw', async () => {
    const r1 = await temp.tempSample({ ...sample, sampler: 'exact', T: 1, N: 1 }, ctx);
    expect(r1.sampler).toMatchObject({ kind: 'exact', attempts: 1, draws: 1, status: 'ok' });
    const r = await temp.tempSample({ ...sample, sampler: 'exact', T: 0.5, N: 1 }, ctx);
    if (r.sampler.kind !== 'exact') throw new Error('expected the exact sampler');
    expect(r.sampler.attempts).toBeGreaterThanOrEqual(1);
    expect(r.sampler.draws).toBe(r.sampler.status === 'ok' ? 2 * r.sampler.attempts : r.sampler.draws);
    expect(r.sampler.log[0]).toMatchObject({ stage: 1, drawn: 2 });
  });

  it('a prompt shorter than K is padded (and says so); the exact sampler at T = 0.05 gives up with its message', async () => {
    const hi = await temp.tempSample({ ...sample, prompt: 'Hi', sampler: 'batch', T: 1, N: 50 }, ctx);
    expect(hi.context).toMatchObject({ text: 'Hi', K: 4, promptTokens: 1, padTokens: 3, chunks: 2 });
    const whole = await temp.tempSample({ ...sample, sampler: 'batch', T: 1, N: 10 }, ctx);
    expect(whole.context.padTokens).toBe((4 - (whole.context.promptTokens % 4)) % 4);
    const cold = await temp.tempSample({ ...sample, prompt: 'Hi', sampler: 'exact', T: 0.05, N: 1 }, ctx);
    expect(cold.sampler).toMatchObject({ kind: 'exact', n: 20, status: 'gave-up' });
    expect(cold.sampler.message).toMatch(/gave up after \d+ draws/);
    expect(cold.chosen).toBeNull();
    await gen.genReset(noArgs, ctx);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('samples after the generated text; Back after that still restores the state', async () => {
    await gen.genStart({ set: 'stories', prompt: 'Once upon a time', seed: 1 }, ctx);
    await gen.genStep({ sampler: 'plain', T: 1, N: 1 }, ctx);
    const s2 = await gen.genStep({ sampler: 'plain', T: 1, N: 1 }, ctx);
    const r = await temp.tempSample({ ...sample, seed: 1, sampler: 'batch', T: 0.5, N: 20 }, ctx);
    const state = await gen.genState(noArgs, ctx);
    expect(r.context.text).toBe(state.promptText + state.steps.map((s) => s.text).join(''));
    await gen.genBack(noArgs, ctx);
    const again = await gen.genStep({ sampler: 'plain', T: 1, N: 1 }, ctx);
    expect(again.step.ids).toEqual(s2.step.ids);
    await gen.genReset(noArgs, ctx);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});

describe('tempSweep', () => {
  const small = { set: 'stories' as const, Ts: [1, 0.5, 0.4], Ns: [8, 30], contexts: 4, pairs: 1, seed: 2 };

  it('scores both models at every setting, caches the result and leaks nothing', async () => {
    const progress: number[] = [];
    const c = plainContext(models, { onProgress: (p) => progress.push(p.done) });
    const r = await temp.tempSweep(small, c);
    expect(r.fromCache).toBe(false);
    expect(r.contexts).toBe(4);
    expect(r.calm).toHaveLength(6);
    expect(r.baseline).toHaveLength(3);
    expect(r.calm.filter((p) => p.extension).map((p) => p.T)).toEqual([0.4, 0.4]);
    for (const p of [...r.calm, ...r.baseline]) {
      expect(p.pairs + p.failed / 2).toBeGreaterThan(0);
      for (const m of [p.collision, p.firstToken, p.chunk, p.diversity]) {
        expect(m.value).toBeGreaterThanOrEqual(0);
        expect(m.value).toBeLessThanOrEqual(1);
      }
      expect(p.diversity.value).toBeCloseTo(p.pairs ? 1 - p.collision.value : 0, 12);
      expect(p.chunk.value).toBeLessThanOrEqual(p.firstToken.value);
    }
    expect(r.contextTokens.min % 4).toBe(0);
    expect(progress.at(-1)).toBe(4);
    expect(tf.memory().numTensors).toBe(baseline);
    const again = await temp.tempSweep(small, c);
    expect(again.fromCache).toBe(true);
    expect(again.calm).toEqual(r.calm);
  });

  it('a cancelled sweep throws CancelledError and leaves no tensors', async () => {
    const c = plainContext(models, { cancelAfterYields: 3 });
    await expect(temp.tempSweep({ ...small, seed: 99, contexts: 20 }, c)).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects bad settings with a clear message', () => {
    expect(() => sweepSettings({ ...small, Ts: [0] })).toThrow(/temperatures/);
    expect(() => sweepSettings({ ...small, Ns: [0] })).toThrow(/batch sizes/);
    expect(() => sweepSettings({ ...small, contexts: 0 })).toThrow(/contexts/);
    expect(sweepSettings({ ...small, Ts: [0.5, 1, 0.5], Ns: [30, 8] })).toMatchObject({ Ts: [1, 0.5], Ns: [8, 30] });
  });
});
