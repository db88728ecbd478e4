/**
 * BrierLM of a CALM with K < 4 (the K dial): each sample of the next 4 tokens is rolled out over 4/K
 * chunks through the KV cache. Checked against a recompute-from-scratch rollout on a tiny random model whose
 * head ignores its noise (every sample is the same chunk, so every Brier term is exactly +1 or −1).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { decodeIds, initAutoencoder, type AEConfig } from './autoencoder.ts';
import { calmHeadSample, calmHiddenLast, initCalm, type CalmConfig } from './calm.ts';
import { CalmBrierEval, EVAL_CONTEXT, EVAL_K, runToEnd } from './evaluate.ts';
import { Mulberry32 } from './random.ts';
import type { Params } from './params.ts';

const V = 50;

function tinyModels(K: number): { calm: { cfg: CalmConfig; params: Params }; ae: { cfg: AEConfig; params: Params } } {
  const aeCfg: AEConfig = { K, vocabSize: V, d: 16, ffn: 32, latent: 8 * K, variational: true };
  const cfg: CalmConfig = {
    K, vocabSize: V, latent: aeCfg.latent,
    backbone: { d: 16, layers: 1, heads: 2, ffn: 32, ropeTheta: 10000, maxLen: 128 / K },
    head: { width: 16, blocks: 1, noiseDim: 4 }, samples: 8, targets: 10,
  };
  const params = initCalm(cfg, new Mulberry32(3));
  // The head ignores its noise (a constant noise branch) and its last layer is not zero: z depends on h only.
  const nw = params.get('head.noise.w')!;
  nw.assign(tf.zerosLike(nw));
  const f2 = params.get('head.final2.w')!;
  f2.assign(tf.randomNormal(f2.shape, 0, 0.5, 'float32', 11));
  return { calm: { cfg, params }, ae: { cfg: aeCfg, params: initAutoencoder(aeCfg, new Mulberry32(4)) } };
}

/** The rollout recomputed from scratch: the whole sequence through the backbone at every step. */
function referenceRollout(m: ReturnType<typeof tinyModels>, context: Int32Array): number[] {
  const K = m.calm.cfg.K;
  const seq = Array.from(context);
  const out: number[] = [];
  for (let s = 0; s < EVAL_K / K; s++) {
    const ids = tf.tidy(() => {
      const h = tf.reshape(calmHiddenLast(m.calm.params, m.calm.cfg, tf.tensor3d(seq, [1, seq.length / K, K], 'int32')), [1, -1]) as tf.Tensor2D;
      const z = tf.reshape(calmHeadSample(m.calm.params, m.calm.cfg, h, tf.zeros([1, 1, 4])), [1, -1]) as tf.Tensor2D;
      return decodeIds(m.ae.params, m.ae.cfg, z).dataSync();
    });
    seq.push(...ids);
    out.push(...ids);
  }
  return out;
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('CALM BrierLM with K < 4 (rolled out)', () => {
  for (const K of [1, 2]) {
    it(`K = ${K}: the cached rollout draws what a full recompute draws, scored per 4-token prefix`, () => {
      const m = tinyModels(K);
      const rng = new Mulberry32(9);
      // Three different contexts (a mix-up of rows in the tiled cache would show), each with its reference.
      const windows = [0, 1, 2].map(() => {
        const ctx = Int32Array.from({ length: EVAL_CONTEXT }, () => Math.floor(rng.next() * V));
        const w = new Int32Array(EVAL_CONTEXT + 4);
        w.set(ctx);
        w.set(referenceRollout(m, ctx), EVAL_CONTEXT);
        return w;
      });
      // The middle one wrong from its third token on: Brier-1, 2 = 1 + 1 − 1 = 1; Brier-3, 4 = 0 + 0 − 1 = −1.
      windows[1][EVAL_CONTEXT + 2] = (windows[1][EVAL_CONTEXT + 2] + 1) % V;
      const before = tf.memory().numTensors;
      const r = runToEnd(new CalmBrierEval(m.calm, m.ae, windows, 6, 1));
      expect(tf.memory().numTensors).toBe(before);
      // Mean over the three windows: orders 1, 2 → 1; orders 3, 4 → (1 − 1 + 1) / 3.
      expect(r.brier[0]).toBeCloseTo(1, 6);
      expect(r.brier[1]).toBeCloseTo(1, 6);
      expect(r.brier[2]).toBeCloseTo(1 / 3, 6);
      expect(r.brier[3]).toBeCloseTo(1 / 3, 6);
      expect(r.repeatRate).toBe(1);
      for (const v of [...m.calm.params.values(), ...m.ae.params.values()]) v.dispose();
    });
  }

  it('refuses a K that does not divide the 4 predicted tokens', () => {
    const m = tinyModels(2);
    const bad = { ...m.calm, cfg: { ...m.calm.cfg, K: 3 } };
    expect(() => new CalmBrierEval(bad, m.ae, [], 4, 1)).toThrow(/K = 3/);
    for (const v of [...m.calm.params.values(), ...m.ae.params.values()]) v.dispose();
  });
});
