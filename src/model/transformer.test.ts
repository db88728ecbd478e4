import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { ParamBuilder, type Params } from './params.ts';
import { Mulberry32 } from './random.ts';
import { applyRope, ropeTableData } from './rope.ts';
import { layerNorm, layerNormFast, linear, linearBias, rmsNorm, rmsNormFast, silu, siluFast } from './ops.ts';
import { addTransformerParams, KVCache, transformerForward, transformerForwardCached, transformerShapes, type TransformerConfig } from './transformer.ts';

const cfg: TransformerConfig = { d: 16, layers: 2, heads: 2, ffn: 24, maxLen: 12 };

function makeParams(seed = 1): Params {
  const pb = new ParamBuilder(new Mulberry32(seed));
  addTransformerParams(pb, cfg, 'bb');
  return pb.params;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('RoPE (rotate-half)', () => {
  it('matches the direct rotation formula', () => {
    const T = 5;
    const hd = 8;
    const theta = 10000;
    const offset = 3;
    const data = Float32Array.from({ length: 2 * T * hd }, (_, i) => Math.sin(i * 1.7) + 0.1 * i);
    const got = tf.tidy(() => applyRope(tf.tensor3d(data, [2, T, hd]), theta, offset).dataSync());
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < T; t++) {
        const p = offset + t;
        const x = data.subarray((b * T + t) * hd, (b * T + t + 1) * hd);
        for (let i = 0; i < hd / 2; i++) {
          const a = p * theta ** ((-2 * i) / hd);
          const lo = x[i] * Math.cos(a) - x[i + hd / 2] * Math.sin(a);
          const hi = x[i + hd / 2] * Math.cos(a) + x[i] * Math.sin(a);
          expect(got[(b * T + t) * hd + i]).toBeCloseTo(lo, 5);
          expect(got[(b * T + t) * hd + i + hd / 2]).toBeCloseTo(hi, 5);
        }
      }
    }
  });

  it('makes q·k depend only on the position difference', () => {
    const hd = 8;
    const q = tf.tensor3d([[[0.3, -1, 2, 0.5, 1, 0.2, -0.7, 0.9]]]);
    const k = tf.tensor3d([[[1, 0.4, -0.3, 2, -1, 0.6, 0.1, 0.8]]]);
    const dot = (pq: number, pk: number) =>
      tf.tidy(() => tf.sum(tf.mul(applyRope(q, 10000, pq), applyRope(k, 10000, pk))).dataSync()[0]);
    expect(dot(7, 4)).toBeCloseTo(dot(3, 0), 4);
    expect(dot(11, 2)).toBeCloseTo(dot(9, 0), 4);
    expect(ropeTableData(1, hd, 10000, 0).cos.every((c) => c === 1)).toBe(true);
  });
});

describe('causal decoder', () => {
  it('has the expected parameter shapes', () => {
    const params = makeParams();
    const shapes = transformerShapes(cfg, 'bb');
    expect([...params.keys()].sort()).toEqual([...shapes.keys()].sort());
    for (const [n, s] of shapes) expect(params.get(n)?.shape).toEqual(s);
  });

  it('is causal: changing a later position leaves earlier outputs unchanged', () => {
    const params = makeParams();
    const T = 6;
    const x1 = tf.randomNormal([2, T, cfg.d], 0, 1, 'float32', 5);
    const change = tf.concat([tf.zeros([2, 4, cfg.d]), tf.randomNormal([2, 2, cfg.d], 0, 1, 'float32', 6)], 1);
    const x2 = tf.add(x1, change);
    const h1 = tf.tidy(() => transformerForward(params, cfg, 'bb', x1).arraySync());
    const h2 = tf.tidy(() => transformerForward(params, cfg, 'bb', x2).arraySync());
    for (let b = 0; b < 2; b++) {
      for (let t = 0; t < 4; t++) expect(maxAbsDiff(h1[b][t], h2[b][t])).toBeLessThan(1e-6);
      expect(maxAbsDiff(h1[b][4], h2[b][4])).toBeGreaterThan(1e-3);
    }
  });

  it('KV-cached steps agree with full recomputation (≤ 1e-4)', () => {
    const params = makeParams(2);
    const T = 7;
    const x = tf.randomNormal([2, T, cfg.d], 0, 1, 'float32', 9);
    const full = tf.tidy(() => transformerForward(params, cfg, 'bb', x).dataSync());
    const before = tf.memory().numTensors;
    const cache = new KVCache(cfg);
    // A 3-position prefix, then one position at a time.
    const parts: Float32Array[] = [];
    const splits = [3, 1, 1, 1, 1];
    let off = 0;
    for (const t of splits) {
      const xs = tf.slice(x, [0, off, 0], [2, t, cfg.d]);
      const h = transformerForwardCached(params, cfg, 'bb', xs, cache);
      parts.push(h.dataSync() as Float32Array);
      tf.dispose([xs, h]);
      off += t;
    }
    expect(cache.length).toBe(T);
    // Reassemble [B,T,d] from the per-step [B,t,d] pieces.
    const got = new Float32Array(2 * T * cfg.d);
    off = 0;
    splits.forEach((t, i) => {
      for (let b = 0; b < 2; b++) got.set(parts[i].subarray(b * t * cfg.d, (b + 1) * t * cfg.d), (b * T + off) * cfg.d);
      off += t;
    });
    expect(maxAbsDiff(got, full)).toBeLessThan(1e-4);
    cache.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to grow the cache past maxLen', () => {
    const params = makeParams();
    const cache = new KVCache(cfg);
    const x = tf.zeros([1, cfg.maxLen + 1, cfg.d]);
    expect(() => transformerForwardCached(params, cfg, 'bb', x, cache)).toThrow(/maxLen/);
    cache.dispose();
  });

  it('gives finite gradients for every parameter', () => {
    const params = makeParams(3);
    const x = tf.randomNormal([2, 5, cfg.d], 0, 1, 'float32', 4);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(transformerForward(params, cfg, 'bb', x))) as tf.Scalar, [...params.values()]);
    expect(Object.keys(grads).length).toBe(params.size);
    for (const g of Object.values(grads)) expect(g.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads)]);
  });
});

describe('fused ops with hand-written gradients', () => {
  it('layerNormFast and linearBias match ops.layerNorm / linear in value and gradient', () => {
    const x = tf.variable(tf.randomNormal([3, 5, 6], 0, 1, 'float32', 21));
    const g = tf.variable(tf.randomNormal([6], 1, 0.3, 'float32', 22));
    const b = tf.variable(tf.randomNormal([6], 0, 0.3, 'float32', 23));
    const w = tf.variable(tf.randomNormal([6, 4], 0, 0.5, 'float32', 24));
    const wb = tf.variable(tf.randomNormal([4], 0, 0.5, 'float32', 25));
    const r = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 26);
    const vars = [x, g, b, w, wb];
    const fast = tf.variableGrads(() => tf.sum(tf.mul(linearBias(layerNormFast(x, g, b), w, wb), r)) as tf.Scalar, vars);
    const ref = tf.variableGrads(() => tf.sum(tf.mul(linear(layerNorm(x, g, b, 1e-6), w, wb), r)) as tf.Scalar, vars);
    expect(fast.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 4);
    for (const v of vars) {
      const a = fast.grads[v.name].dataSync();
      const c = ref.grads[v.name].dataSync();
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - c[i])).toBeLessThan(1e-4);
    }
    tf.dispose([fast.value, ref.value, ...Object.values(fast.grads), ...Object.values(ref.grads), ...vars, r]);
  });

  it('rmsNormFast and siluFast match ops.rmsNorm / silu in value and gradient', () => {
    const x = tf.variable(tf.randomNormal([2, 3, 8], 0, 2, 'float32', 31));
    const g = tf.variable(tf.randomNormal([8], 1, 0.3, 'float32', 32));
    const r = tf.randomNormal([2, 3, 8], 0, 1, 'float32', 33);
    const fast = tf.variableGrads(() => tf.sum(tf.mul(siluFast(rmsNormFast(x, g)), r)) as tf.Scalar, [x, g]);
    const ref = tf.variableGrads(() => tf.sum(tf.mul(silu(rmsNorm(x, g)), r)) as tf.Scalar, [x, g]);
    expect(fast.value.dataSync()[0]).toBeCloseTo(ref.value.dataSync()[0], 4);
    for (const v of [x, g]) {
      const a = fast.grads[v.name].dataSync();
      const c = ref.grads[v.name].dataSync();
      for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - c[i])).toBeLessThan(1e-4);
    }
    tf.dispose([fast.value, ref.value, ...Object.values(fast.grads), ...Object.values(ref.grads), x, g, r]);
  });
});
