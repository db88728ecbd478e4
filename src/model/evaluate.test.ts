import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { referenceEvalBaseline, referenceEvalCalm, referenceEvalUnigram } from '../../tests/helpers/lm-eval-reference.ts';
import { REPO_ROOT } from '../corpus/load-node.ts';
import type { EngineModels } from '../engine/models.ts';
import {
  BaselineBrierEval, CalmBrierEval, documentsStream, EVAL_CONTEXT, runToEnd, streamWindows, textWindows, UnigramBrierEval, unigramProbabilities,
} from './evaluate.ts';

let models: EngineModels;
let windows: Int32Array[];
const heldout = (set: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', `${set}.json`), 'utf8')) as { passages: { text: string }[] };

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
  const stream = documentsStream(heldout('stories').passages.map((p) => models.tokenizer.encode(p.text)), models.tokenizer.eosId);
  // 40 windows: one full batch of 32 and a partial one, spread over the held-out text.
  windows = streamWindows(stream, 100, 40);
}, 60_000);

describe('evaluation windows', () => {
  it('cuts a stream into context + K windows every stride tokens', () => {
    const stream = Int32Array.from({ length: 140 }, (_, i) => i);
    const w = streamWindows(stream, 4);
    expect(w.length).toBe(4); // starts 0, 4, 8, 12 (12 + 128 = 140)
    expect(w[1][0]).toBe(4);
    expect(w[3][EVAL_CONTEXT + 3]).toBe(139);
    expect(() => streamWindows(stream, 0)).toThrow(/stride/);
  });

  it('predicts every chunk of a pasted text, the first one from an all-eos context', () => {
    const eos = 9;
    const ids = [1, 2, 3, 4, 5, 6];
    // framed: [eos×4, 1..6, eos, pad] = 3 chunks; the first (eos) is never predicted → 2 windows.
    const w = textWindows(ids, eos);
    expect(w.length).toBe(2);
    expect(Array.from(w[0].subarray(0, EVAL_CONTEXT)).every((t) => t === eos)).toBe(true);
    expect(Array.from(w[0].subarray(EVAL_CONTEXT))).toEqual([1, 2, 3, 4]);
    expect(Array.from(w[1].subarray(EVAL_CONTEXT))).toEqual([5, 6, eos, eos]);
    expect(Array.from(w[1].subarray(EVAL_CONTEXT - 4, EVAL_CONTEXT))).toEqual([1, 2, 3, 4]);
  });
});

describe('BrierLM evaluators agree with the original eval:lm implementation', () => {
  it('CALM: same two-sample estimates and repeat rate (same seed, same windows)', () => {
    const { calm, ae } = models.sets.stories!;
    const before = tf.memory().numTensors;
    const e = new CalmBrierEval(calm, ae, windows, 6, 1234);
    const seen: number[] = [];
    const got = runToEnd(e, (d) => seen.push(d));
    expect(tf.memory().numTensors).toBe(before);
    expect(seen).toEqual([32, 40]);
    const ref = referenceEvalCalm(calm.params, calm.cfg, ae.params, ae.cfg, windows, 6, 1234);
    expect(got.count).toBe(40);
    for (let n = 0; n < 4; n++) {
      expect(got.brier[n]).toBeCloseTo(ref.brier[n], 9);
      expect(got.stdErr[n]).toBeCloseTo(ref.stdErr[n], 9);
    }
    expect(got.repeatRate).toBe(ref.repeatRate);
    expect(got.pairsPerPosition).toBe(3);
    // A model that has learned something: Brier-1 well above zero on held-out stories.
    expect(got.brier[0]).toBeGreaterThan(0.05);
  }, 120_000);

  it('baseline: same lower-variance estimates (shared prefill, last-position logits)', () => {
    const { baseline } = models.sets.stories!;
    const before = tf.memory().numTensors;
    const got = runToEnd(new BaselineBrierEval(baseline, windows, 99));
    expect(tf.memory().numTensors).toBe(before);
    const ref = referenceEvalBaseline(baseline.params, baseline.cfg, windows, 99);
    for (let n = 0; n < 4; n++) {
      expect(Math.abs(got.brier[n] - ref.brier[n])).toBeLessThan(1e-5);
      expect(Math.abs(got.stdErr[n] - ref.stdErr[n])).toBeLessThan(1e-5);
    }
    expect(got.brierLM).toBeGreaterThan(0);
  }, 180_000);

  it('asynchronous read-backs give the same numbers as synchronous ones', async () => {
    const { calm, ae, baseline } = models.sets.stories!;
    const few = windows.slice(0, 8);
    const before = tf.memory().numTensors;
    for (const make of [() => new CalmBrierEval(calm, ae, few, 4, 3), () => new BaselineBrierEval(baseline, few, 3)]) {
      const a = make();
      const b = make();
      while (a.step());
      while (await b.stepAsync());
      expect(b.result()).toEqual(a.result());
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('unigram: add-one smoothed training counts, same samples', () => {
    const counts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', 'stories-unigram.json'), 'utf8')) as { counts: number[] }).counts;
    expect(counts.length).toBe(models.tokenizer.vocabSize);
    const got = runToEnd(new UnigramBrierEval(unigramProbabilities(counts), windows, 5, 7));
    const ref = referenceEvalUnigram(counts, windows, 5);
    expect(got.brier).toEqual(ref.brier);
    expect(got.stdErr).toEqual(ref.stdErr);
    const p = unigramProbabilities([0, 1, 2]);
    expect(Array.from(p)).toEqual([1 / 6, 2 / 6, 3 / 6]);
  });
});
