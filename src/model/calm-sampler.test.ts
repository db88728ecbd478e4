/**
 * The temperature samplers wired to a CALM head and autoencoder: one batched head call and one
 * batched decode per draw request, reproducible from the seed, no leaked tensors.
 * Uses small randomly initialised models (the wiring, not the quality, is under test); the
 * head's zero-initialised last layer is randomised so that samples differ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { initAutoencoder, decodeIds, type AEConfig } from './autoencoder.ts';
import { initCalm, defaultCalmConfig, calmHidden, type CalmConfig } from './calm.ts';
import { calmChunkDrawer, calmDeps, type CalmDrawerDeps, type CalmDrawerStats } from './calm-sampler.ts';
import { sampleBatch, sampleExact } from './sampling/index.ts';
import { makeRng, Mulberry32 } from './random.ts';
import type { Params } from './params.ts';

const aeCfg: AEConfig = { K: 4, vocabSize: 12, d: 16, ffn: 32, latent: 8, variational: true };
const calmCfg: CalmConfig = defaultCalmConfig(4, 12, 8, { d: 16, layers: 1, heads: 2, ffn: 32, maxLen: 8 });
let ae: Params;
let calm: Params;
let h: tf.Tensor2D;

beforeAll(async () => {
  await initTf('wasm');
  ae = initAutoencoder(aeCfg, new Mulberry32(1));
  calm = initCalm(calmCfg, new Mulberry32(2));
  // Give the zero-initialised output layer (and its bias) a scale that spreads decoded chunks.
  calm.get('head.final2.w')!.assign(tf.randomNormal(calm.get('head.final2.w')!.shape, 0, 3, 'float32', 3));
  const hidden = calmHidden(calm, calmCfg, tf.tensor3d([[[1, 1, 1, 1], [3, 4, 5, 6]]], undefined, 'int32'));
  h = tf.keep(tf.slice(tf.reshape(hidden, [2, 16]), [1, 0], [1, 16]) as tf.Tensor2D);
  hidden.dispose();
});

type Call = [string, ...number[]];

function spied(): { deps: CalmDrawerDeps; shapes: Call[] } {
  const real = calmDeps(calm, calmCfg, ae, aeCfg);
  const shapes: Call[] = [];
  return {
    shapes,
    deps: {
      head: (hh, count, seed) => {
        const z = real.head(hh, count, seed);
        shapes.push(['head', ...z.shape]);
        return z;
      },
      decode: (z) => {
        shapes.push(['decode', ...z.shape]);
        return real.decode(z);
      },
    },
  };
}

describe('samplers wired to CALM', () => {
  it('a batch of N = 64 is one head call of 64 samples and one decode of 64 latents', async () => {
    const { deps, shapes } = spied();
    const stats: CalmDrawerStats = { headCalls: 0, decodeCalls: 0, draws: 0 };
    const before = tf.memory().numTensors;
    const r = await sampleBatch(calmChunkDrawer(deps, h, makeRng(7), stats), 0.5, 64, makeRng(8));
    expect(stats).toEqual({ headCalls: 1, decodeCalls: 1, draws: 64 });
    expect(shapes).toEqual([['head', 64, 8], ['decode', 64, 8]]);
    expect(r.status).toBe('ok');
    expect(r.outcome).toHaveLength(4);
    expect(r.candidates.reduce((a, c) => a + c.count, 0)).toBe(64);
    // Several distinct chunks: the head is a distribution, not a point.
    expect(r.distinct).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the batched decode equals decoding each latent on its own', async () => {
    const z = calmDeps(calm, calmCfg, ae, aeCfg).head(h, 16, 99);
    const all = decodeIds(ae, aeCfg, z).arraySync();
    for (let i = 0; i < 16; i++) {
      const one = decodeIds(ae, aeCfg, tf.slice(z, [i, 0], [1, 8]) as tf.Tensor2D).arraySync()[0];
      expect(one).toEqual(all[i]);
    }
    z.dispose();
  });

  it('the same seeds reproduce the same pick and candidates', async () => {
    const run = () => sampleBatch(calmChunkDrawer(calmDeps(calm, calmCfg, ae, aeCfg), h, makeRng(21), undefined), 1 / 3, 40, makeRng(22));
    const a = await run();
    const b = await run();
    expect(b.outcome).toEqual(a.outcome);
    expect(b.candidates).toEqual(a.candidates);
  });

  it('the exact sampler at T = 1/2 asks the head for 2 samples per attempt', async () => {
    const { deps, shapes } = spied();
    const stats: CalmDrawerStats = { headCalls: 0, decodeCalls: 0, draws: 0 };
    const r = await sampleExact(calmChunkDrawer(deps, h, makeRng(5), stats), 0.5, makeRng(6), { maxDraws: 2000 });
    expect(stats.draws).toBe(r.draws);
    expect(shapes.filter((s) => s[0] === 'head').every((s) => s[1] === 2)).toBe(true);
    expect(stats.headCalls).toBe(r.batchCalls);
  });
});
