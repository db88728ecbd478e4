/** Generation loops: K tokens per CALM step, one per baseline step, seeded, no leaked tensors. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { initAutoencoder, type AEConfig } from './autoencoder.ts';
import { initCalm, defaultCalmConfig } from './calm.ts';
import { initBaseline, type BaselineConfig } from './baseline.ts';
import { generateCalm, generateBaseline } from './generate.ts';
import { Mulberry32 } from './random.ts';

const EOS = 1;
const aeCfg: AEConfig = { K: 4, vocabSize: 30, d: 16, ffn: 32, latent: 8, variational: true };
const calmCfg = defaultCalmConfig(4, 30, 8, { d: 16, layers: 1, heads: 2, ffn: 32, maxLen: 16 });
const baseCfg: BaselineConfig = { vocabSize: 30, backbone: { d: 16, layers: 1, heads: 2, ffn: 32, maxLen: 64 } };

beforeAll(async () => {
  await initTf('wasm');
});

describe('generation', () => {
  it('CALM: each step appends K tokens (or stops at end-of-text), seeded, and frees its tensors', () => {
    const ae = initAutoencoder(aeCfg, new Mulberry32(1));
    const calm = initCalm(calmCfg, new Mulberry32(2));
    calm.get('head.final2.w')!.assign(tf.randomNormal(calm.get('head.final2.w')!.shape, 0, 3, 'float32', 3));
    const before = tf.memory().numTensors;
    const a = generateCalm(calm, calmCfg, ae, aeCfg, [5, 6, 7], 20, EOS, new Mulberry32(9));
    expect(tf.memory().numTensors).toBe(before);
    const b = generateCalm(calm, calmCfg, ae, aeCfg, [5, 6, 7], 20, EOS, new Mulberry32(9));
    expect(b).toEqual(a);
    if (a.endOfText) expect(a.ids.length).toBeLessThan(a.steps * 4);
    else expect(a.ids.length).toBe(a.steps * 4);
    expect(a.steps).toBeLessThanOrEqual(5);
    expect(a.ids).not.toContain(EOS);
  });

  it('CALM stops at the context limit instead of overflowing the KV cache', () => {
    const ae = initAutoencoder(aeCfg, new Mulberry32(1));
    const calm = initCalm(calmCfg, new Mulberry32(2));
    const r = generateCalm(calm, calmCfg, ae, aeCfg, Array.from({ length: 40 }, (_, i) => 2 + (i % 20)), 1000, EOS, new Mulberry32(1));
    // 1 eos chunk + 10 prompt chunks leave 16 − 11 = 5 steps.
    expect(r.steps).toBeLessThanOrEqual(5);
  });

  it('baseline: one token per step, seeded, frees its tensors', () => {
    const params = initBaseline(baseCfg, new Mulberry32(4));
    const before = tf.memory().numTensors;
    const a = generateBaseline(params, baseCfg, [5, 6], 10, EOS, new Mulberry32(3));
    expect(tf.memory().numTensors).toBe(before);
    expect(generateBaseline(params, baseCfg, [5, 6], 10, EOS, new Mulberry32(3))).toEqual(a);
    expect(a.ids.length).toBe(a.endOfText ? a.steps - 1 : a.steps);
  });
});
