/**
 * The fused energy-head kernel's contract (src/model/energy-head-kernel.ts), in Node on WASM:
 *  - the packed buffer holds every head parameter at its layout offset (round trip on the shipped weights);
 *  - the float64 host model of the kernel (what the WGSL computes) equals energy.ts's energyHeadSample, on
 *    the shipped head and on a random odd-sized 2-block head (w > 128: several columns per thread);
 *  - FastHead's fused branch: with a JS kernel registered under the kernel's name for 'wasm' (the host
 *    model), FastHead packs at preparation (one more owned tensor), sample() goes through runKernel with
 *    the attributes and equals the general path; nothing leaks. The WGSL itself runs in e2e/kernel.webgpu.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import type { EngineModels } from '../../engine/models.ts';
import { headConfig, headNoise, sampleChunks } from '../calm.ts';
import { energyHeadSample, energyHeadShapes, type EnergyHeadConfig } from '../energy.ts';
import {
  ENERGY_HEAD_KERNEL, energyHeadAttrs, energyHeadHost, energyHeadLayout, energyHeadParamNames, fusedEnergyHeadUnsupported,
  hasFusedEnergyHead, packEnergyHead, type EnergyHeadAttrs,
} from '../energy-head-kernel.ts';
import type { Params } from '../params.ts';
import { Mulberry32 } from '../random.ts';
import { FastHead } from './head.ts';

let models: EngineModels;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** The host model as a WASM kernel (readSync is fine on WASM). */
const hostKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as unknown as {
    readSync(id: unknown): Float32Array;
    makeOutput(shape: number[], dtype: 'float32', offset?: number, values?: Float32Array): TensorInfo;
  };
  const { h, noise, weights } = inputs as { h: TensorInfo; noise: TensorInfo; weights: TensorInfo };
  const a = attrs as unknown as EnergyHeadAttrs;
  const n = noise.shape[0];
  const z = energyHeadHost(be.readSync(weights.dataId), a, be.readSync(h.dataId), be.readSync(noise.dataId), n);
  return be.makeOutput([n, a.latent], 'float32', undefined, Float32Array.from(z));
};

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels(['stories']);
}, 120_000);

afterAll(() => {
  if (tf.getKernel(ENERGY_HEAD_KERNEL, 'wasm')) tf.unregisterKernel(ENERGY_HEAD_KERNEL, 'wasm');
});

describe('fused energy head: packing and contract', () => {
  it('packs every head parameter at its offset (shipped stories CALM)', async () => {
    const { calm } = models.sets.stories!;
    const cfg = headConfig(calm.cfg);
    const { data, layout } = await packEnergyHead(calm.params, cfg, 'head');
    expect(layout.names).toEqual(energyHeadParamNames(cfg));
    expect(layout.names.length).toBe(14 + 10 * cfg.blocks);
    expect(data.length).toBe(layout.total);
    let covered = 0;
    let end = 0;
    for (const name of layout.names) {
      const off = layout.offsets[name];
      expect(off % 4).toBe(0);
      expect(off).toBeGreaterThanOrEqual(end); // in order, no overlap
      const want = await calm.params.get(`head.${name}`)!.data();
      expect(layout.shapes[name]).toEqual(calm.params.get(`head.${name}`)!.shape);
      expect(Array.from(data.subarray(off, off + want.length))).toEqual(Array.from(want));
      // padding up to the next offset is zero
      end = off + want.length;
      const next = Math.ceil(end / 4) * 4;
      expect(Array.from(data.subarray(end, next)).every((v) => v === 0)).toBe(true);
      covered += want.length;
    }
    expect(covered).toBe([...energyHeadShapes(cfg, '').values()].reduce((a, s) => a + s.reduce((x, y) => x * y, 1), 0));
    expect(layout.total).toBeLessThan(covered + 4 * layout.names.length);
    const attrs = energyHeadAttrs(cfg, layout);
    expect(attrs.offsets).toEqual(layout.names.map((n) => layout.offsets[n]));
    expect(energyHeadLayout(cfg)).toEqual(layout);
  });

  it('rejects configurations the kernel cannot take', () => {
    const ok: EnergyHeadConfig = { d: 128, width: 128, blocks: 1, noiseDim: 64, latent: 256 };
    expect(fusedEnergyHeadUnsupported(ok)).toBeNull();
    expect(fusedEnergyHeadUnsupported({ ...ok, width: 257 })).toMatch(/width/);
    expect(fusedEnergyHeadUnsupported({ ...ok, latent: 512 })).toMatch(/latent/);
    expect(fusedEnergyHeadUnsupported({ ...ok, blocks: 0 })).toMatch(/blocks/);
    expect(() => energyHeadHost(new Float32Array(10), energyHeadAttrs(ok, energyHeadLayout(ok)), [], [], 0)).toThrow(/outside/);
  });

  it('the host model of the kernel equals energyHeadSample (shipped head; random 2-block head, w = 200)', async () => {
    const rng = new Mulberry32(7);
    const rand = (shape: number[], s: number) => tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => (rng.next() * 2 - 1) * s), shape);
    const odd: EnergyHeadConfig = { d: 96, width: 200, blocks: 2, noiseDim: 10, latent: 7 };
    const oddParams: Params = new Map();
    for (const [name, shape] of energyHeadShapes(odd, 'hd')) {
      const isGain = name.endsWith('.g');
      oddParams.set(name, tf.tidy(() => tf.variable(isGain ? tf.add(rand(shape, 0.3), 1) : rand(shape, shape.length === 2 ? 1 / Math.sqrt(shape[0]) : 0.2), false)));
    }
    const { calm } = models.sets.stories!;
    const cases: Array<[Params, EnergyHeadConfig, string]> = [[calm.params, headConfig(calm.cfg), 'head'], [oddParams, odd, 'hd']];
    for (const [params, cfg, prefix] of cases) {
      const { data, layout } = await packEnergyHead(params, cfg, prefix);
      const attrs = energyHeadAttrs(cfg, layout);
      for (const n of [1, 5]) {
        const h = tf.tensor2d(Float32Array.from({ length: cfg.d }, () => rng.next() * 2 - 1), [1, cfg.d]);
        const noise = tf.tensor3d(Float32Array.from({ length: n * cfg.noiseDim }, () => rng.next() - 0.5), [1, n, cfg.noiseDim]);
        const ref = tf.tidy(() => energyHeadSample(params, cfg, prefix, h, noise));
        const host = energyHeadHost(data, attrs, await h.data(), await noise.data(), n);
        const worst = maxAbsDiff(await ref.data(), host);
        expect(worst, `${prefix} n=${n}`).toBeLessThan(1e-4);
        tf.dispose([h, noise, ref]);
      }
    }
    for (const v of oddParams.values()) v.dispose();
  });

  it('FastHead runs the registered kernel with the packed weights and equals the general path', async () => {
    const { calm } = models.sets.stories!;
    const cfg = headConfig(calm.cfg);
    const before = tf.memory().numTensors;
    const plain = await FastHead.prepare(calm.params, cfg, 'head');
    expect(plain.fused).toBe(false);
    tf.registerKernel({ kernelName: ENERGY_HEAD_KERNEL, backendName: 'wasm', kernelFunc: hostKernel });
    let fused: FastHead | null = null;
    try {
      expect(hasFusedEnergyHead()).toBe(true);
      fused = await FastHead.prepare(calm.params, cfg, 'head');
      expect(fused.fused).toBe(true);
      expect(fused.tensors).toBe(plain.tensors + 1); // the packed buffer
      expect(tf.memory().numTensors - before).toBe(plain.tensors + fused.tensors);
      for (const [n, seed] of [[1, 11], [8, 12], [200, 13]] as const) {
        const h = tf.tensor2d(Float32Array.from({ length: cfg.d }, (_, i) => Math.sin(i * 0.37 + seed)), [1, cfg.d]);
        const ref = sampleChunks(calm.params, calm.cfg, h, n, seed);
        const noise = tf.tidy(() => tf.reshape(headNoise(calm.cfg, 1, n, seed), [n, cfg.noiseDim]) as tf.Tensor2D);
        const zF = tf.tidy(() => fused!.sample(h, noise));
        const zT = tf.tidy(() => fused!.sample(h, noise, 'tfjs'));
        const zP = tf.tidy(() => plain.sample(h, noise));
        expect(zF.shape).toEqual([n, cfg.latent]);
        const r = await ref.data();
        expect(maxAbsDiff(await zF.data(), r), `fused n=${n}`).toBeLessThan(1e-4);
        expect(maxAbsDiff(await zT.data(), r), `tfjs n=${n}`).toBeLessThan(1e-4);
        expect(maxAbsDiff(await zP.data(), r), `plain n=${n}`).toBeLessThan(1e-4);
        tf.dispose([h, ref, noise, zF, zT, zP]);
      }
    } finally {
      tf.unregisterKernel(ENERGY_HEAD_KERNEL, 'wasm');
      fused?.dispose();
      plain.dispose();
    }
    expect(hasFusedEnergyHead()).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });
});
