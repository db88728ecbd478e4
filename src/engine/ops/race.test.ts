import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { CalmError } from '../../model/errors.ts';
import { CancelledError, plainContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import type { ProgressInfo } from '../protocol.ts';
import { handlers, setDrawOnDevice } from './race.ts';
import { parseRaceLabel, RACE_CALM_BATCH, raceLabel } from './race.types.ts';

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

  it('the GPU path (draws on the device, next step queued before the read-back) writes the same text as the host path', async () => {
    // On WebGPU / WebGL both lanes keep their draw on the device; here (WASM) the path is forced. CALM's ids
    // are the same argmax either way; the baseline's inverse-CDF draw sums in float32 on the device against
    // float64 on the host, which can only move a token whose CDF boundary lies within ~1e-6 of u.
    const args = { set: 'stories' as const, prompt: 'Once upon a time,', tokens: 40, seed: 11 };
    const host = await handlers.raceRun(args, plainContext(models));
    setDrawOnDevice(true);
    try {
      const device = await handlers.raceRun(args, plainContext(models));
      expect(device.calm!.text).toBe(host.calm!.text);
      expect(device.baseline!.text).toBe(host.baseline!.text);
      expect(device.calm!.steps).toBe(10);
      expect(device.baseline!.steps).toBe(40);
    } finally {
      setDrawOnDevice(null);
    }
    expect(tf.memory().numTensors).toBe(baseline);
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

  it('at T = ½ CALM draws with the batch sampler (N = 200 a step) and the baseline with softmax temperature', async () => {
    const args = { set: 'stories' as const, prompt: 'Once upon a time,', tokens: 16, seed: 5 };
    const plain = await handlers.raceRun(args, plainContext(models));
    const one = await handlers.raceRun({ ...args, T: 1 }, plainContext(models));
    const half = await handlers.raceRun({ ...args, T: 0.5 }, plainContext(models));
    expect(tf.memory().numTensors).toBe(baseline);
    // T = 1 is the default, and the same race.
    expect(plain.T).toBe(1);
    expect(one.calm!.text).toBe(plain.calm!.text);
    expect(one.baseline!.text).toBe(plain.baseline!.text);
    expect(plain.calm).toMatchObject({ T: 1, drawsPerStep: 1, steps: 4, tokens: 16 });
    expect(plain.baseline).toMatchObject({ T: 1, drawsPerStep: 1, steps: 16, tokens: 16 });
    // T = ½: the same steps, CALM's many draws per step on its own clock.
    expect(half.T).toBe(0.5);
    expect(half.calm).toMatchObject({ T: 0.5, drawsPerStep: RACE_CALM_BATCH, steps: 4, tokens: 16 });
    expect(half.baseline).toMatchObject({ T: 0.5, drawsPerStep: 1, steps: 16, tokens: 16 });
    expect(half.stepRatio).toBe(4);
    for (const l of [half.calm!, half.baseline!]) {
      expect(l.tokensPerSecond).toBeCloseTo((l.tokens / l.ms) * 1000, 6);
      expect(l.text.length).toBeGreaterThan(0);
    }
    expect(half.speedRatio).toBeCloseTo(half.calm!.tokensPerSecond / half.baseline!.tokensPerSecond, 9);
    // FLOPs: CALM's head and decoder run once per draw; the baseline's cost does not depend on T.
    expect(half.baseline!.flopsPerToken).toBe(plain.baseline!.flopsPerToken);
    const perDraw = plain.calm!.flopParts.energyHead + plain.calm!.flopParts.aeDecoder;
    expect(perDraw).toBeGreaterThan(0);
    const want = plain.calm!.flopsPerToken + (RACE_CALM_BATCH - 1) * perDraw;
    expect(Math.abs(half.calm!.flopsPerToken - want) / want).toBeLessThan(1e-9);
    expect(half.calm!.flopParts.backbone).toBe(plain.calm!.flopParts.backbone);
    // Reproducible for a seed at T = ½ too.
    const again = await handlers.raceRun({ ...args, T: 0.5 }, plainContext(models));
    expect(again.calm!.text).toBe(half.calm!.text);
    expect(again.baseline!.text).toBe(half.baseline!.text);
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
      [{ set: 'stories', prompt: 'x', T: 0.3 }, /race temperature must be 1 or 0.5, got 0.3/],
      [{ set: 'stories', prompt: 'x', T: '0.5' }, /race temperature must be 1 or 0.5/],
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
