import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { ENERGY_HEAD_KERNEL, energyHeadHost, type EnergyHeadAttrs } from '../model/energy-head-kernel.ts';
import { FastCalm } from '../model/fast/lm.ts';
import { headCheck } from './head-check.ts';
import type { EngineModels } from './models.ts';

let models: EngineModels;
const noYield = async () => {};

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
}, 120_000);

/** A "fused" kernel on WASM from the host model; `bias` is added to every output (a wrong kernel). */
function hostKernel(bias: number): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as unknown as { readSync(id: unknown): Float32Array; makeOutput(s: number[], d: 'float32', o?: number, v?: Float32Array): TensorInfo };
    const { h, noise, weights } = inputs as { h: TensorInfo; noise: TensorInfo; weights: TensorInfo };
    const a = attrs as unknown as EnergyHeadAttrs;
    const z = energyHeadHost(be.readSync(weights.dataId), a, be.readSync(h.dataId), be.readSync(noise.dataId), noise.shape[0]);
    return be.makeOutput([noise.shape[0], a.latent], 'float32', undefined, Float32Array.from(z, (v) => v + bias));
  };
}

describe('headCheck (the engine op behind the e2e fused-head test)', () => {
  afterEach(() => {
    if (tf.getKernel(ENERGY_HEAD_KERNEL, 'wasm')) tf.unregisterKernel(ENERGY_HEAD_KERNEL, 'wasm');
  });

  it('passes on WASM without a fused kernel (both paths are the TF.js one), both heads near the host model', async () => {
    const r = await headCheck(models.sets.stories!, models.tokenizer.eosId, { ns: [1, 8], timingCalls: 2 }, noYield);
    expect(r.backend).toBe('wasm');
    expect(r.fused).toBe(false);
    expect(r.cases.map((c) => c.n)).toEqual([1, 8, 1, 8]);
    for (const c of r.cases) {
      expect(c.maxAbsDiff).toBe(0);
      expect(c.tfjsVsHost).toBeLessThan(1e-4);
    }
    expect(r.timing?.calls).toBe(2);
    expect(r.leakedTensors).toBe(0);
    expect(r.ok).toBe(true);
  });

  it('runs a registered kernel and fails when it is wrong', async () => {
    const set = models.sets.stories!;
    const saved = set.calm.fast!;
    for (const [bias, ok] of [[0, true], [1e-3, false]] as const) {
      tf.registerKernel({ kernelName: ENERGY_HEAD_KERNEL, backendName: 'wasm', kernelFunc: hostKernel(bias) });
      // Re-prepare so the head packs its weights (it does only where the kernel is registered).
      const fast = await FastCalm.prepare(set.calm.params, set.calm.cfg);
      set.calm.fast = fast;
      try {
        const r = await headCheck(set, models.tokenizer.eosId, { ns: [3], timingCalls: 0, synthetic: false }, noYield);
        expect(r.fused).toBe(true);
        expect(r.timing).toBeNull();
        expect(r.ok).toBe(ok);
        expect(r.cases[0].fusedVsHost).toBeCloseTo(bias, 6);
        expect(r.leakedTensors).toBe(0);
      } finally {
        set.calm.fast = saved;
        fast.dispose();
        tf.unregisterKernel(ENERGY_HEAD_KERNEL, 'wasm');
      }
    }
  });

  it('rejects bad arguments', async () => {
    await expect(headCheck(models.sets.stories!, 0, { ns: [0] }, noYield)).rejects.toThrow(/sample counts/);
  });
});
