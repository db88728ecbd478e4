import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { CalmError } from '../../model/errors.ts';
import { CancelledError, plainContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import type { ProgressInfo } from '../protocol.ts';
import { handlers } from './race.ts';
import { parseRaceLabel, raceLabel } from './race.types.ts';

let models: EngineModels;
let baseline: number;

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
  baseline = tf.memory().numTensors;
}, 60_000);

afterAll(() => disposeModels(models));

describe('raceRun op', () => {
  it('generates the same number of tokens with both models: CALM in tokens/K steps, the baseline in tokens', async () => {
    const progress: ProgressInfo[] = [];
    const r = await handlers.raceRun({ set: 'stories', prompt: 'Once upon a time,', tokens: 32, seed: 5 }, plainContext(models, { onProgress: (p) => progress.push(p) }));
    expect(tf.memory().numTensors).toBe(baseline);
    expect(r.K).toBe(4);
    expect(r.calm).not.toBeNull();
    expect(r.baseline).not.toBeNull();
    const calm = r.calm!;
    const base = r.baseline!;
    expect(calm.tokens).toBe(32);
    expect(base.tokens).toBe(32);
    expect(calm.steps).toBe(8);
    expect(base.steps).toBe(32);
    expect(r.stepRatio).toBe(4);
    expect(calm.stepMs).toHaveLength(8);
    expect(base.stepMs).toHaveLength(32);
    for (const l of [calm, base]) {
      expect(l.ms).toBeGreaterThan(0);
      expect(l.tokensPerSecond).toBeCloseTo((l.tokens / l.ms) * 1000, 6);
      expect(l.text.length).toBeGreaterThan(0);
      expect(l.flopsPerToken).toBeGreaterThan(1e6);
    }
    expect(r.speedRatio).toBeCloseTo(calm.tokensPerSecond / base.tokensPerSecond, 9);
    expect(r.promptTokens).toBe(models.tokenizer.encode('Once upon a time,').length);
    // Live counters travel in the progress label; the last report is complete.
    const last = parseRaceLabel(progress.at(-1)!.label);
    expect(last?.calm).toMatchObject({ tokens: 32, steps: 8 });
    expect(last?.baseline).toMatchObject({ tokens: 32, steps: 32 });
    expect(progress.at(-1)).toMatchObject({ done: 40, total: 40 });
  }, 120_000);

  it('is reproducible for a seed, can run one lane, and continues past end-of-text', async () => {
    const args = { set: 'stories' as const, prompt: 'The end.', tokens: 48, seed: 9 };
    const a = await handlers.raceRun(args, plainContext(models));
    const b = await handlers.raceRun(args, plainContext(models));
    expect(a.calm!.text).toBe(b.calm!.text);
    expect(a.baseline!.text).toBe(b.baseline!.text);
    const only = await handlers.raceRun({ ...args, models: ['calm'] }, plainContext(models));
    expect(only.baseline).toBeNull();
    expect(only.speedRatio).toBeNull();
    expect(only.calm!.text).toBe(a.calm!.text);
    expect(only.calm!.tokens).toBe(48);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('cancels mid-race and frees every tensor', async () => {
    const ctx = plainContext(models, { cancelAfterYields: 1 });
    await expect(handlers.raceRun({ set: 'stories', prompt: 'Hi', tokens: 256 }, ctx)).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(baseline);
  }, 120_000);

  it('rejects bad input with a clear message', async () => {
    const ctx = plainContext(models);
    for (const [args, msg] of [
      [{ set: 'stories', prompt: 'x', tokens: 2 }, /Tokens to generate/],
      [{ set: 'stories', prompt: 'x'.repeat(1001) }, /limit/],
      [{ set: 'stories', prompt: 'x', models: [] }, /Race models/],
      [{ set: 'austen', prompt: 'x' }, /not loaded yet/],
    ] as const) {
      const e = await handlers.raceRun(args as Parameters<typeof handlers.raceRun>[0], ctx).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(CalmError);
      expect((e as CalmError).message).toMatch(msg);
    }
    expect(raceLabel({ calm: null, baseline: { tokens: 1, steps: 1, ms: 2 } })).toMatch(/^race /);
    expect(parseRaceLabel('weights: x')).toBeNull();
  });
});
