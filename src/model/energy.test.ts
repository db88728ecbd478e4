import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import {
  addEnergyHeadParams, energyHeadSample, energyHeadShapes, energyLoss, energyLossGaussian, fillNormal, fillUniform, normalQuantile,
  type EnergyHeadConfig,
} from './energy.ts';
import { layerNorm, linear, silu } from './ops.ts';
import { ParamBuilder, type Params } from './params.ts';
import { Mulberry32 } from './random.ts';

const head: EnergyHeadConfig = { d: 12, width: 10, blocks: 2, noiseDim: 6, latent: 4 };

function makeHead(seed = 1): Params {
  const pb = new ParamBuilder(new Mulberry32(seed));
  addEnergyHeadParams(pb, head, 'head');
  return pb.params;
}

beforeAll(async () => {
  await initTf('wasm');
});

describe('energy loss', () => {
  it('matches a hand computation (N = 2, M = 2, 2-dim vectors, two positions)', () => {
    // Position 1: x = (0,0), (3,4); y = (0,0), (0,4).
    //   cross ‖x−y‖: 0, 4, 5, 3 → fit = 2/(2·2)·12 = 6; self ‖x1−x2‖ = 5 twice → spread = 10/(2·1) = 5.
    // Position 2: x = (1,0), (0,0); y = (0,0), (0,0).
    //   cross: 1, 1, 0, 0 → fit = 2/4·2 = 1; self 1 twice → spread = 1.
    // Averages: fit 3.5, spread 3, loss 0.5. (ε = 1e-8 inside √ shifts zero distances by 1e-4.)
    const x = tf.tensor3d([[[0, 0], [3, 4]], [[1, 0], [0, 0]]]);
    const y = tf.tensor3d([[[0, 0], [0, 4]], [[0, 0], [0, 0]]]);
    const r = energyLoss(x, y);
    expect(r.fit.dataSync()[0]).toBeCloseTo(3.5, 3);
    expect(r.spread.dataSync()[0]).toBeCloseTo(3, 3);
    expect(r.loss.dataSync()[0]).toBeCloseTo(0.5, 3);
  });

  it('agrees with a brute-force broadcast computation on random tensors', () => {
    const [P, N, M, l] = [3, 4, 5, 6];
    const x = tf.randomNormal([P, N, l], 0, 1, 'float32', 1) as tf.Tensor3D;
    const y = tf.randomNormal([P, M, l], 0, 1, 'float32', 2) as tf.Tensor3D;
    const xs = x.arraySync();
    const ys = y.arraySync();
    const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
    let want = 0;
    for (let p = 0; p < P; p++) {
      let cross = 0;
      let self = 0;
      for (let n = 0; n < N; n++) for (let m = 0; m < M; m++) cross += dist(xs[p][n], ys[p][m]);
      for (let n = 0; n < N; n++) for (let k = 0; k < N; k++) if (n !== k) self += dist(xs[p][n], xs[p][k]);
      want += (2 / (N * M)) * cross - self / (N * (N - 1));
    }
    expect(energyLoss(x, y).loss.dataSync()[0]).toBeCloseTo(want / P, 4);
  });

  it('has the same gradient as a plain broadcast implementation (custom cross-distance gradient)', () => {
    const [P, N, M, l] = [2, 3, 4, 5];
    const v = tf.variable(tf.randomNormal([P, N, l], 0, 1, 'float32', 11) as tf.Tensor3D);
    const y = tf.randomNormal([P, M, l], 0, 1, 'float32', 12) as tf.Tensor3D;
    const plain = () => {
      const cross = tf.sqrt(tf.add(tf.sum(tf.square(tf.sub(tf.expandDims(v, 2), tf.expandDims(y, 1))), -1), 1e-8));
      const self = tf.sqrt(tf.add(tf.sum(tf.square(tf.sub(tf.expandDims(v, 2), tf.expandDims(v, 1))), -1), 1e-8));
      const offDiag = tf.sub(1, tf.eye(N));
      return tf.mean(tf.sub(tf.mul(tf.mean(cross, [1, 2]), 2), tf.div(tf.sum(tf.mul(self, offDiag), [1, 2]), N * (N - 1)))) as tf.Scalar;
    };
    const a = tf.variableGrads(() => energyLoss(v as unknown as tf.Tensor3D, y).loss, [v]);
    const b = tf.variableGrads(plain, [v]);
    expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0], 5);
    const ga = a.grads[v.name].dataSync();
    const gb = b.grads[v.name].dataSync();
    for (let i = 0; i < ga.length; i++) expect(Math.abs(ga[i] - gb[i])).toBeLessThan(1e-4);
    tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), v]);
  });

  it('Gaussian-target form with shared ε equals the explicit-target loss (value and gradient)', () => {
    const [P, N, M, l] = [3, 4, 6, 5];
    const v = tf.variable(tf.randomNormal([P, N, l], 0, 1, 'float32', 41) as tf.Tensor3D);
    const mu = tf.randomNormal([P, l], 0, 1, 'float32', 42) as tf.Tensor2D;
    const sigma = tf.exp(tf.randomNormal([P, l], -1, 0.3, 'float32', 43)) as tf.Tensor2D;
    const e = tf.randomNormal([M, l], 0, 1, 'float32', 44) as tf.Tensor2D;
    // y_pm = μ_p + σ_p ⊙ ε_m, built explicitly.
    const y = tf.add(tf.reshape(mu, [P, 1, l]), tf.mul(tf.reshape(sigma, [P, 1, l]), tf.reshape(e, [1, M, l]))) as tf.Tensor3D;
    const x = v as unknown as tf.Tensor3D;
    const a = tf.variableGrads(() => energyLossGaussian(x, mu, sigma, e).loss, [v]);
    const b = tf.variableGrads(() => energyLoss(x, y).loss, [v]);
    expect(a.value.dataSync()[0]).toBeCloseTo(b.value.dataSync()[0], 4);
    const ga = a.grads[v.name].dataSync();
    const gb = b.grads[v.name].dataSync();
    for (let i = 0; i < ga.length; i++) expect(Math.abs(ga[i] - gb[i])).toBeLessThan(1e-4);
    tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads), v, mu, sigma, e, y]);
  });

  it('has finite gradients when samples coincide, and none for the targets', () => {
    const v = tf.variable(tf.tensor2d([[0.5, -1, 2]]));
    const y = tf.variable(tf.randomNormal([1, 5, 3], 0, 1, 'float32', 3) as tf.Tensor3D);
    const { value, grads } = tf.variableGrads(() => {
      const x = tf.reshape(tf.tile(v, [4, 1]), [1, 4, 3]) as tf.Tensor3D; // 4 identical samples
      return energyLoss(x, y).loss;
    }, [v, y]);
    expect(Number.isFinite(value.dataSync()[0])).toBe(true);
    expect(grads[v.name].dataSync().every(Number.isFinite)).toBe(true);
    expect(grads[y.name].dataSync().every((g) => g === 0)).toBe(true);
    // Also when a sample coincides with a target exactly.
    const y0 = tf.tensor3d([[[0.5, -1, 2], [1, 1, 1]]]);
    const g2 = tf.variableGrads(() => energyLoss(tf.reshape(tf.tile(v, [2, 1]), [1, 2, 3]) as tf.Tensor3D, y0).loss, [v]);
    expect(g2.grads[v.name].dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([value, ...Object.values(grads), g2.value, ...Object.values(g2.grads), v, y]);
  });
});

describe('energy head', () => {
  it('has the expected shapes and starts with a zero output layer (all samples identical)', () => {
    const params = makeHead();
    const shapes = energyHeadShapes(head, 'head');
    expect([...params.keys()].sort()).toEqual([...shapes.keys()].sort());
    for (const [n, s] of shapes) expect(params.get(n)?.shape).toEqual(s);
    const z = tf.tidy(() => energyHeadSample(params, head, 'head', tf.ones([2, head.d]), tf.randomUniform([2, 3, head.noiseDim], -0.5, 0.5, 'float32', 1) as tf.Tensor3D));
    expect(z.shape).toEqual([2, 3, head.latent]);
    expect(z.dataSync().every((v) => v === 0)).toBe(true);
  });

  it('equals the literal concat → Linear(2w→w) formulation', () => {
    const params = makeHead(4);
    // Give the zero-initialised last layer some weights so the output is informative.
    params.get('head.final2.w')?.assign(tf.randomNormal([head.width, head.latent], 0, 0.3, 'float32', 5));
    const h = tf.randomNormal([3, head.d], 0, 1, 'float32', 6) as tf.Tensor2D;
    const noise = tf.randomUniform([3, 2, head.noiseDim], -0.5, 0.5, 'float32', 7) as tf.Tensor3D;
    const p = (n: string) => params.get(n) as tf.Variable;
    const lin = (n: string, x: tf.Tensor) => linear(x, p(`${n}.w`), p(`${n}.b`));
    const ln = (n: string, x: tf.Tensor) => layerNorm(x, p(`${n}.g`), p(`${n}.b`), 1e-6);
    const literal = tf.tidy(() => {
      // Repeat h per sample, as the specification writes it.
      const hr = tf.reshape(tf.tile(tf.expandDims(h, 1), [1, 2, 1]), [6, head.d]);
      const e = tf.reshape(noise, [6, head.noiseDim]);
      let x = ln('head.noiseLn', lin('head.noise', e));
      const c = ln('head.condLn', lin('head.cond', hr));
      for (let i = 0; i < head.blocks; i++) {
        let u = lin(`head.${i}.in`, tf.concat([ln(`head.${i}.ln`, x), c], -1));
        u = lin(`head.${i}.mid`, silu(u));
        const [g, v] = tf.split(lin(`head.${i}.gv`, silu(u)), 2, -1);
        x = tf.add(x, lin(`head.${i}.out`, tf.mul(silu(g), v)));
      }
      return lin('head.final2', silu(lin('head.final1', ln('head.finalLn', x)))).dataSync();
    });
    const got = tf.tidy(() => energyHeadSample(params, head, 'head', h, noise).dataSync());
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(literal[i], 5);
    // Different noise gives different samples.
    expect(Math.abs(got[0] - got[head.latent])).toBeGreaterThan(1e-6);
  });
});

describe('seeded noise', () => {
  it('has an accurate normal quantile function', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 7);
    expect(normalQuantile(1 - 1e-6)).toBeCloseTo(4.753424309, 6);
  });

  it('gives standard normals and uniforms, reproducibly', () => {
    const a = new Float32Array(200_000);
    fillNormal(a, 7);
    let m = 0;
    let v = 0;
    let tail = 0;
    for (const x of a) {
      m += x;
      v += x * x;
      if (Math.abs(x) > 2) tail++;
    }
    // Fixed seed; tolerances ≈ 5 standard errors: mean ±0.011, variance ±0.016, P(|x|>2)=0.0455 ±0.0024.
    expect(Math.abs(m / a.length)).toBeLessThan(0.011);
    expect(Math.abs(v / a.length - 1)).toBeLessThan(0.016);
    expect(Math.abs(tail / a.length - 0.0455)).toBeLessThan(0.0024);
    const b = new Float32Array(200_000);
    fillNormal(b, 7);
    expect(b).toEqual(a);
    const u = new Float32Array(100_000);
    fillUniform(u, 3, -0.5, 0.5);
    expect(u.every((x) => x >= -0.5 && x <= 0.5)).toBe(true);
    expect(Math.abs(u.reduce((s, x) => s + x, 0) / u.length)).toBeLessThan(0.005);
  });
});
