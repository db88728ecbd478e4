/**
 * Generate ops on the committed stories models (loaded in Node as the browser loads them): K tokens per
 * step, Back restores the exact earlier state (KV cache included), seeds reproduce text, redrawing
 * never runs the backbone, no tensors leak.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { plainContext, type OpContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import type { GenSamplerArgs, GenStateView } from './generate.types.ts';

// Count every backbone call, general (calmStep) or prepared (FastCalm.step); the real functions still run.
const backbone = vi.hoisted(() => ({ calls: 0, positions: 0 }));
vi.mock('../../model/calm.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../model/calm.ts')>();
  return {
    ...real,
    calmStep: (...args: Parameters<typeof real.calmStep>) => {
      backbone.calls += 1;
      backbone.positions += args[2].shape[1];
      return real.calmStep(...args);
    },
  };
});

const { handlers: gen, resetCaches } = await import('./generate.ts');
const { FastCalm } = await import('../../model/fast/lm.ts');
const fastStep = FastCalm.prototype.step;
vi.spyOn(FastCalm.prototype, 'step').mockImplementation(function (this: import('../../model/fast/lm.ts').FastCalm, ...args) {
  backbone.calls += 1;
  backbone.positions += 1;
  return fastStep.apply(this, args);
});

let models: EngineModels;
let ctx: OpContext;
let baseline: number;

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
  ctx = plainContext(models);
  baseline = tf.memory().numTensors;
});

afterAll(() => {
  resetCaches();
  disposeModels(models);
});

const plain: GenSamplerArgs = { sampler: 'plain', T: 1, N: 1 };
const noArgs = {} as Record<string, never>;

/** The parts of a state that must be identical after Back (work counters naturally differ). */
function essence(v: GenStateView) {
  const { backbonePositions: _b, headCalls: _h, decodeCalls: _d, draws: _n, ...counters } = v.counters;
  return { ...v, counters };
}

async function textOf(prompt: string, seed: number, steps: number, sampler = plain): Promise<string> {
  await gen.genStart({ set: 'stories', prompt, seed }, ctx);
  let text = '';
  for (let i = 0; i < steps; i++) text += (await gen.genStep(sampler, ctx)).step.text;
  return text;
}

describe('generate ops', () => {
  it('three steps add 3·K tokens; Back removes one and restores the state exactly (KV cache too)', async () => {
    const start = await gen.genStart({ set: 'stories', prompt: 'Once upon a time', seed: 3 }, ctx);
    const K = start.counters.K;
    expect(K).toBe(4);
    expect(start.steps).toHaveLength(0);
    expect(start.promptText).toBe('Once upon a time');
    await gen.genStep(plain, ctx);
    await gen.genStep(plain, ctx);
    const two = await gen.genState(noArgs, ctx);
    const third = await gen.genStep(plain, ctx);
    const three = await gen.genState(noArgs, ctx);
    expect(three.counters.steps).toBe(3);
    expect(three.counters.tokens).toBe(3 * K);
    expect(three.steps.map((s) => s.ids.length)).toEqual([K, K, K]);
    expect(three.counters.contextChunks).toBe(start.counters.contextChunks + 3);
    // Each step: the hidden state (d numbers), 8 head samples decoded to K tokens, a 128-d chosen latent.
    expect(third.step.hidden).toHaveLength(models.sets.stories!.calm.cfg.backbone.d);
    expect(third.step.samples).toHaveLength(8);
    expect(third.step.samples.every((s) => s.ids.length === K && s.latent.length === 128)).toBe(true);
    expect(third.step.chosen).toHaveLength(128);

    const back = await gen.genBack(noArgs, ctx);
    expect(essence(back)).toEqual(essence(two));
    // Stepping again from the restored state (same seed, same step index) reproduces the same chunk and
    // hidden state: the KV cache went back to exactly what it was.
    const again = await gen.genStep(plain, ctx);
    expect(again.step.ids).toEqual(third.step.ids);
    expect(Array.from(again.step.hidden)).toEqual(Array.from(third.step.hidden));
    expect(Array.from(again.step.chosen)).toEqual(Array.from(third.step.chosen));
  });

  it('the same seed and settings give the same text; another seed gives another', async () => {
    const batch = { sampler: 'batch' as const, T: 0.5, N: 40 };
    const a = await textOf('Once upon a time', 11, 4, batch);
    const b = await textOf('Once upon a time', 11, 4, batch);
    const c = await textOf('Once upon a time', 12, 4, batch);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('N = 1 gives one candidate (the batch rule with one draw is a plain sample)', async () => {
    await gen.genStart({ set: 'stories', prompt: 'One day,', seed: 1 }, ctx);
    const r = await gen.genStep({ sampler: 'batch', T: 0.5, N: 1 }, ctx);
    expect(r.step.sampler.kind).toBe('batch');
    if (r.step.sampler.kind !== 'batch') return;
    expect(r.step.sampler.candidates).toHaveLength(1);
    expect(r.step.sampler.candidates[0]).toMatchObject({ count: 1, weight: 1, chosen: true });
    expect(r.step.sampler.level).toBe(1);
    expect(r.step.sampler.fellBack).toBe(true);
  });

  it('changing T, N, sampler or seed redraws the last chunk with the head and decoder only', async () => {
    await gen.genStart({ set: 'stories', prompt: 'The cat sat', seed: 2 }, ctx);
    await gen.genStep(plain, ctx);
    const s = await gen.genStep(plain, ctx);
    const calls = backbone.calls;
    const positions = s.counters.backbonePositions;
    const settings = [
      { sampler: 'batch' as const, T: 0.5, N: 200, seed: 2 },
      { sampler: 'batch' as const, T: 1 / 3, N: 50, seed: 9 },
      { sampler: 'exact' as const, T: 1, N: 1, seed: 4 },
      { sampler: 'plain' as const, T: 1, N: 1, seed: 2 },
    ];
    for (const args of settings) {
      const r = await gen.genResample(args, ctx);
      expect(r.counters.steps).toBe(2);
      expect(Array.from(r.step.hidden)).toEqual(Array.from(s.step.hidden));
    }
    expect(backbone.calls).toBe(calls);
    expect((await gen.genState(noArgs, ctx)).counters.backbonePositions).toBe(positions);
    // Back to the first settings and seed: the very same chunk as the original step.
    const back = await gen.genResample({ ...plain, seed: 2 }, ctx);
    expect(back.step.ids).toEqual(s.step.ids);
    // A step costs exactly one backbone position.
    const before = backbone.positions;
    await gen.genStep(plain, ctx);
    expect(backbone.positions - before).toBe(1);
  });

  it('a full context blocks Step with a clear message and keeps the text', async () => {
    const long = 'Tom and Mia played in the big green park with a red ball all day long. '.repeat(12);
    const start = await gen.genStart({ set: 'stories', prompt: long, seed: 1 }, ctx);
    expect(start.droppedTokens).toBeGreaterThan(0);
    const room = start.counters.maxChunks - start.counters.contextChunks + 1;
    expect(room).toBeGreaterThanOrEqual(8);
    let blocked: string | null = null;
    let steps = 0;
    while (!blocked) {
      const r = await gen.genStep(plain, ctx);
      steps++;
      blocked = r.blocked;
    }
    if (!(await gen.genState(noArgs, ctx)).steps.at(-1)?.endOfText) {
      expect(steps).toBe(room);
      expect(blocked).toMatch(/context is full/);
    }
    await expect(gen.genStep(plain, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    expect((await gen.genState(noArgs, ctx)).steps).toHaveLength(steps);
  });

  it('bad input gets a typed error and changes nothing', async () => {
    await gen.genStart({ set: 'stories', prompt: 'Hello', seed: 1 }, ctx);
    await gen.genStep(plain, ctx);
    const before = await gen.genState(noArgs, ctx);
    await expect(gen.genResample({ sampler: 'batch', T: 2, N: 5, seed: 1 }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    await expect(gen.genResample({ sampler: 'batch', T: 0.5, N: 0, seed: 1 }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    await expect(gen.genStart({ set: 'austen', prompt: 'x', seed: 1 }, ctx)).rejects.toThrow(/not loaded/);
    expect(essence(await gen.genState(noArgs, ctx))).toEqual(essence(before));
  });

  it('an end-of-text chunk stops Step unless stopAtEnd is off; then Step goes on past it', async () => {
    // Find a generation that ends (stories end often; the search is bounded and must succeed).
    let ended: GenStateView | null = null;
    for (let seed = 1; seed <= 12 && !ended; seed++) {
      await gen.genStart({ set: 'stories', prompt: 'They were happy and played all day. The end.', seed }, ctx);
      for (let i = 0; i < 40; i++) {
        const r = await gen.genStep(plain, ctx);
        if (r.step.endOfText) {
          expect(r.blocked).toMatch(/endoftext/);
          expect(typeof r.step.afterEnd).toBe('string');
          ended = await gen.genState(noArgs, ctx);
          break;
        }
        if (r.blocked) break;
      }
    }
    expect(ended, 'no seed in 1…12 reached end of text within 40 steps').not.toBeNull();
    const n = ended!.steps.length;
    await expect(gen.genStep(plain, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    await expect(gen.genStep({ ...plain, stopAtEnd: true }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    const past = await gen.genStep({ ...plain, stopAtEnd: false }, ctx);
    expect(past.step.index).toBe(n);
    expect(past.counters.steps).toBe(n + 1);
    const v = await gen.genState(noArgs, ctx);
    expect(v.steps[n - 1].endOfText).toBe(true);
    // Back removes the step past the end; the end chunk blocks again.
    const back = await gen.genBack(noArgs, ctx);
    expect(back.steps).toHaveLength(n);
    expect(back.blocked).toMatch(/endoftext/);
  });

  it('Reset frees every tensor', async () => {
    await gen.genReset(noArgs, ctx);
    expect((await gen.genState(noArgs, ctx)).started).toBe(false);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
