import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { CalmError } from '../../model/errors.ts';
import { CancelledError, plainContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import type { ProgressInfo } from '../protocol.ts';
import { handlers, resetCaches, setEvalDataSource } from './evaluate.ts';
import { EVAL_CONTEXT_TOKENS } from './evaluate.types.ts';
import { EVAL_CONTEXT } from '../../model/evaluate.ts';

let models: EngineModels;
let baseline: number;

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
  setEvalDataSource(async (file) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', file), 'utf8')));
  baseline = tf.memory().numTensors;
}, 60_000);

afterAll(() => {
  setEvalDataSource(null);
  disposeModels(models);
});

describe('evaluate op', () => {
  it('scores CALM, the baseline and the unigram floor on held-out stories, with progress and no leaked tensors', async () => {
    const progress: ProgressInfo[] = [];
    const r = await handlers.evaluate({ set: 'stories', source: 'heldout', tokens: 1000, stride: 16 }, plainContext(models, { onProgress: (p) => progress.push(p) }));
    expect(tf.memory().numTensors).toBe(baseline);
    // (1000 + 124 − 128) / 16 + 1 = 63 windows, both models on each.
    expect(r.positions).toBe(63);
    expect(r.contextTokens).toBe(EVAL_CONTEXT_TOKENS);
    expect(EVAL_CONTEXT).toBe(EVAL_CONTEXT_TOKENS);
    expect(r.tokensCovered).toBe(1000);
    expect(r.calm.count).toBe(63);
    expect(r.baseline.count).toBe(63);
    expect(r.unigram.count).toBe(63);
    expect(r.calm.pairsPerPosition).toBe(4);
    for (const m of [r.calm, r.baseline]) {
      expect(m.brier).toHaveLength(4);
      expect(m.stdErr.every((e) => e > 0)).toBe(true);
      expect(m.params).toBeGreaterThan(1e6);
      expect(m.flopsPerToken).toBeGreaterThan(1e6);
    }
    // Trained models beat the unigram floor by far on Brier-1; the baseline resolves BrierLM > 0 here.
    expect(r.baseline.brier[0]).toBeGreaterThan(r.unigram.brier[0] + 0.2);
    expect(r.calm.brier[0]).toBeGreaterThan(r.unigram.brier[0] + 0.05);
    expect(r.baseline.brierLM).toBeGreaterThan(0);
    expect(r.unigram.brierLM).toBe(0);
    expect(r.unigram.trainingTokens).toBeGreaterThan(1e6);
    // CALM's analytic FLOPs per token are below the baseline's (K tokens per backbone step).
    expect(r.calm.flopsPerToken).toBeLessThan(r.baseline.flopsPerToken);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ done: 126, total: 126 });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
  }, 120_000);

  it('is reproducible for a seed and changes with it', async () => {
    const args = { set: 'stories' as const, source: { text: 'Once upon a time, there was a little cat named Tom. Tom liked to play in the sun with his ball.' } };
    const a = await handlers.evaluate({ ...args, seed: 3 }, plainContext(models));
    const b = await handlers.evaluate({ ...args, seed: 3 }, plainContext(models));
    const c = await handlers.evaluate({ ...args, seed: 4 }, plainContext(models));
    expect(a.source).toBe('text');
    expect(a.stride).toBe(4);
    // Every chunk of the framed text is predicted once.
    expect(a.positions).toBe(Math.ceil((a.tokensCovered + 1) / 4));
    expect(a.calm.brier).toEqual(b.calm.brier);
    expect(a.baseline.brier).toEqual(b.baseline.brier);
    expect(c.baseline.brier).not.toEqual(a.baseline.brier);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('scores text with emoji, CJK and right-to-left script (byte tokens) without losing a character', async () => {
    const text = 'Tom smiled 😀 and said 你好 to his friend. Then he read שלום עולם and مرحبا aloud, and they all laughed.';
    const r = await handlers.evaluate({ set: 'stories', source: { text }, seed: 2 }, plainContext(models));
    expect(r.tokensCovered).toBe(models.tokenizer.encode(text).length);
    expect(models.tokenizer.decode(Array.from(models.tokenizer.encode(text)))).toBe(text);
    for (const m of [r.calm, r.baseline, r.unigram]) expect(m.brier.every(Number.isFinite)).toBe(true);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('cancels between batches and leaves no tensors behind', async () => {
    const ctx = plainContext(models, { cancelAfterYields: 2 });
    await expect(handlers.evaluate({ set: 'stories', source: 'heldout', tokens: 2000, stride: 8 }, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('rejects bad input with a clear message', async () => {
    const ctx = plainContext(models);
    const cases: [Parameters<typeof handlers.evaluate>[0], RegExp][] = [
      [{ set: 'stories', source: { text: '   ' } }, /empty/],
      [{ set: 'stories', source: { text: 'x'.repeat(20_001) } }, /limit/],
      [{ set: 'stories', source: { text: '😀'.repeat(20_001) } }, /20001 characters long/],
      [{ set: 'stories', source: { text: 'Hi there.' } }, /only \d+ tokens? long; an evaluation needs at least 12/],
      [{ set: 'stories', source: 'heldout', tokens: 10 }, /span/],
      [{ set: 'stories', source: 'heldout', stride: 6 }, /stride/],
      [{ set: 'stories', source: 'heldout', samples: 3 }, /even/],
      [{ set: 'nope' as 'stories', source: 'heldout' }, /Unknown model set/],
      [{ set: 'austen', source: 'heldout' }, /not loaded yet/],
    ];
    for (const [args, msg] of cases) {
      const e = await handlers.evaluate(args, ctx).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CalmError);
      expect((e as CalmError).message).toMatch(msg);
      expect((e as CalmError).code).toBe('bad-input');
    }
    resetCaches();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
