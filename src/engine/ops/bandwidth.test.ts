import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { fileSource, loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { CalmError } from '../../model/errors.ts';
import { plainContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import { handlers, setBandwidthLoader } from './bandwidth.ts';
import { BANDWIDTH_KS } from './bandwidth.types.ts';

let models: EngineModels;
let baseline: number;
const TEXT = 'Once upon a time, a little girl named Lily found a red ball in the park.';

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels();
  baseline = tf.memory().numTensors;
  setBandwidthLoader(async (_ctx, _total, _label, load) => load(fileSource, models));
}, 60_000);

afterAll(() => {
  setBandwidthLoader(null);
  disposeModels(models);
});

describe('bandwidth ops (the K dial)', () => {
  it('bandwidthInfo reads the manifest only: sizes, metrics and FLOPs per K, nothing loaded', async () => {
    const info = await handlers.bandwidthInfo({}, plainContext(models));
    expect(info.aes.map((a) => a.K)).toEqual([...BANDWIDTH_KS]);
    expect(info.loaded).toEqual([4]);
    const k4 = info.aes.find((a) => a.K === 4)!;
    expect(k4.name).toBe('ae-robust');
    expect(k4.available).toBe(true);
    expect(k4.tokenAccuracy).toBeGreaterThan(0.99);
    for (const a of info.aes) expect(a.latent).toBe(32 * a.K);
    const lm4 = info.lms.find((l) => l.K === 4)!;
    const base = info.lms.find((l) => l.K === 'baseline')!;
    expect(lm4.brier?.length).toBe(4);
    // CALM's K = 4 saves backbone work: its backbone FLOPs per token are a quarter of the baseline's (plus its input module).
    expect(lm4.backboneFlopsPerToken! / base.backboneFlopsPerToken!).toBeCloseTo(0.25, 1);
    expect(lm4.flopsPerToken!).toBeLessThan(base.flopsPerToken!);
    expect(info.aeBytesToLoad).toBe(info.aes.filter((a) => a.K !== 4 && a.available).reduce((s, a) => s + a.bytes, 0));
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('loads the shipped K autoencoders on demand and round-trips a text at every K', async () => {
    const ctx = plainContext(models);
    const loaded = await handlers.bandwidthLoad({}, ctx);
    const shipped = BANDWIDTH_KS.filter((K) => K === 4 || models.manifest.models[`ae-k${K}`]);
    expect(loaded.loaded).toEqual(shipped);
    const tokens = models.tokenizer.encode(TEXT).length;
    for (const K of shipped) {
      const r = await handlers.bandwidthRoundTrip({ text: TEXT, K }, ctx);
      expect(r.K).toBe(K);
      expect(r.tokens.length).toBe(tokens);
      expect(r.vectors).toBe(Math.ceil(tokens / K));
      expect(r.padded).toBe(r.vectors * K - tokens);
      expect(r.decodedTokens.length).toBe(r.vectors * K);
      expect(r.latent).toBe(32 * K);
      // The shipped autoencoders reconstruct a story sentence (held-out accuracy ≥ 99.7 % at every shipped K).
      expect(r.tokenAccuracy).toBeGreaterThan(0.9);
    }
    const info = await handlers.bandwidthInfo({}, ctx);
    expect(info.loaded).toEqual(shipped);
    expect(info.aeBytesToLoad).toBe(0);
  });

  it('sweeps accuracy against relative σ for every loaded K: exact at σ = 0, falling with σ', async () => {
    const r = await handlers.bandwidthSweep({ text: TEXT, points: 5, maxRel: 2, seed: 3 }, plainContext(models));
    expect(r.relSigmas).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(Object.keys(r.byK).length).toBeGreaterThan(0);
    for (const accs of Object.values(r.byK)) {
      expect(accs).toHaveLength(5);
      expect(accs[0]).toBeGreaterThan(0.9);
      expect(accs[4]).toBeLessThan(accs[0]);
    }
    const again = await handlers.bandwidthSweep({ text: TEXT, points: 5, maxRel: 2, seed: 3 }, plainContext(models));
    expect(again.byK).toEqual(r.byK);
  });

  it('says clearly what is wrong with bad input', async () => {
    const ctx = plainContext(models);
    await expect(handlers.bandwidthRoundTrip({ text: '  ', K: 4 }, ctx)).rejects.toThrow(CalmError);
    await expect(handlers.bandwidthRoundTrip({ text: TEXT, K: 3 as never }, ctx)).rejects.toThrow(/K must be one of 1, 2, 4, 8/);
    await expect(handlers.bandwidthSweep({ text: TEXT, points: 1, maxRel: 1, seed: 1 }, ctx)).rejects.toThrow(/points/);
    await expect(handlers.bandwidthRace({ prompt: 'Hi', tokens: 10 }, ctx)).rejects.toThrow(/multiple of 4/);
  });

  it('races the K CALMs and the baseline: K tokens per step each, the same number of tokens', async () => {
    const r = await handlers.bandwidthRace({ prompt: 'Once upon a time', tokens: 16, seed: 2 }, plainContext(models));
    const ks = r.lanes.map((l) => l.K);
    expect(ks).toContain(4);
    expect(ks[ks.length - 1]).toBe('baseline');
    for (const l of r.lanes) {
      expect(l.tokens).toBe(16);
      expect(l.steps).toBe(l.K === 'baseline' ? 16 : 16 / l.K);
      expect(l.ms).toBeGreaterThan(0);
      expect(l.text.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('frees every tensor it made when the models are disposed', async () => {
    const before = tf.memory().numTensors;
    const m = await loadNodeModels();
    setBandwidthLoader(async (_ctx, _total, _label, load) => load(fileSource, m));
    try {
      await handlers.bandwidthLoad({}, plainContext(m));
      await handlers.bandwidthRace({ prompt: 'Hi', tokens: 8 }, plainContext(m));
    } finally {
      setBandwidthLoader(async (_ctx, _total, _label, load) => load(fileSource, models));
    }
    disposeModels(m);
    expect(m.bandwidth).toBeUndefined();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
