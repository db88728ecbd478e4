import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { MATMUL_ARGMAX_KERNEL, hasFusedMatMulArgMax, matMulArgMax } from './matmul-argmax.ts';
import { Mulberry32 } from './random.ts';

beforeAll(async () => {
  await initTf('wasm');
});

function uniform(rng: Mulberry32, n: number, scale = 1): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = (rng.next() * 2 - 1) * scale;
  return a;
}

/** Small integers: sums are exact in float32, so ties are real ties. */
function ints(rng: Mulberry32, n: number, lo: number, hi: number): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = lo + Math.floor(rng.next() * (hi - lo + 1));
  return a;
}

/** First-max argmax of x·w (+ bias) in float64 (exact for small integers). */
function referenceArgMax(x: Float32Array, w: Float32Array, R: number, K: number, N: number, bias?: Float32Array): number[] {
  const out: number[] = [];
  for (let r = 0; r < R; r++) {
    let best = -Infinity;
    let bi = 0;
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += x[r * K + k] * w[k * N + n];
      if (bias) s += bias[n];
      if (s > best) {
        best = s;
        bi = n;
      }
    }
    out.push(bi);
  }
  return out;
}

const plain = (x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D) =>
  tf.tidy(() => tf.argMax(b ? tf.add(tf.matMul(x, w), b) : tf.matMul(x, w), 1));

describe('matMulArgMax (fallback: the plain TF.js ops)', () => {
  it('has no fused kernel on the Node test backend', () => {
    expect(tf.getBackend()).toBe('wasm');
    expect(hasFusedMatMulArgMax()).toBe(false);
  });

  it('equals tf.argMax(tf.matMul(x, w) (+ bias), 1) on random shapes, as int32 [R]', async () => {
    const rng = new Mulberry32(7);
    const shapes: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 128, 4096], [37, 16, 300], [200, 8, 65], [1, 33, 129]];
    for (const [R, K, N] of shapes) {
      for (const withBias of [false, true]) {
        const xv = uniform(rng, R * K);
        const wv = uniform(rng, K * N, 0.1);
        const bv = uniform(rng, N, 0.05);
        const x = tf.tensor2d(xv, [R, K]);
        const w = tf.tensor2d(wv, [K, N]);
        const b = withBias ? tf.tensor1d(bv) : undefined;
        const before = tf.memory().numTensors;
        const got = matMulArgMax(x, w, b);
        expect(tf.memory().numTensors).toBe(before + 1); // only the result stays
        const want = plain(x, w, b);
        expect(got.shape).toEqual([R]);
        expect(got.dtype).toBe('int32');
        expect(Array.from(await got.data())).toEqual(Array.from(await want.data()));
        if (R * K * N <= 200_000) expect(Array.from(await got.data())).toEqual(referenceArgMax(xv, wv, R, K, N, withBias ? bv : undefined));
        tf.dispose([x, w, b, got, want].filter((t) => t !== undefined));
      }
    }
  });

  it('breaks ties toward the lowest column, like tf.argMax', async () => {
    const rng = new Mulberry32(3);
    const [R, K, N] = [16, 4, 300];
    const xv = ints(rng, R * K, -1, 1);
    const wv = ints(rng, K * N, -1, 1); // many equal maxima per row
    const bv = ints(rng, N, 0, 1);
    const x = tf.tensor2d(xv, [R, K]);
    const w = tf.tensor2d(wv, [K, N]);
    const b = tf.tensor1d(bv);
    for (const bias of [undefined, b]) {
      const got = matMulArgMax(x, w, bias);
      const want = plain(x, w, bias);
      const g = Array.from(await got.data());
      expect(g).toEqual(Array.from(await want.data()));
      expect(g).toEqual(referenceArgMax(xv, wv, R, K, N, bias ? bv : undefined));
      tf.dispose([got, want]);
    }
    // All-zero logits: every column ties, column 0 wins.
    const z = matMulArgMax(tf.zeros([3, 4]) as tf.Tensor2D, w);
    expect(Array.from(await z.data())).toEqual([0, 0, 0]);
    tf.dispose([x, w, b, z]);
  });

  it('rejects mismatched shapes', () => {
    const x = tf.zeros([2, 3]) as tf.Tensor2D;
    const w = tf.zeros([4, 5]) as tf.Tensor2D;
    const w2 = tf.zeros([3, 5]) as tf.Tensor2D;
    const b = tf.zeros([4]) as tf.Tensor1D;
    expect(() => matMulArgMax(x, w)).toThrow(/inner sizes differ/);
    expect(() => matMulArgMax(x, w2, b)).toThrow(/bias/);
    expect(() => matMulArgMax(x, tf.zeros([3, 0]) as tf.Tensor2D)).toThrow(/no columns/);
    tf.dispose([x, w, w2, b]);
  });
});

describe('matMulArgMax (dispatch to a registered kernel)', () => {
  const backendName = () => tf.getBackend();
  afterEach(() => {
    if (tf.getKernel(MATMUL_ARGMAX_KERNEL, backendName())) tf.unregisterKernel(MATMUL_ARGMAX_KERNEL, backendName());
  });

  it('runs the kernel registered for the current backend, with x, w (and bias) as inputs', async () => {
    const calls: { inputs: string[]; shapes: number[][] }[] = [];
    tf.registerKernel({
      kernelName: MATMUL_ARGMAX_KERNEL,
      backendName: backendName(),
      kernelFunc: ({ inputs, backend }) => {
        const ins = inputs as Record<string, tf.TensorInfo>;
        const names = Object.keys(ins);
        calls.push({ inputs: names, shapes: names.map((n) => ins[n].shape) });
        const R = ins.x.shape[0];
        // A recognisable answer the plain path would never give here: 7 for every row.
        const dataId = (backend as tf.KernelBackend).write(new Int32Array(R).fill(7), [R], 'int32');
        return { dataId, shape: [R], dtype: 'int32' };
      },
    });
    expect(hasFusedMatMulArgMax()).toBe(true);
    const x = tf.zeros([5, 3]) as tf.Tensor2D;
    const w = tf.zeros([3, 4096]) as tf.Tensor2D;
    const b = tf.zeros([4096]) as tf.Tensor1D;
    const before = tf.memory().numTensors;
    const a = matMulArgMax(x, w);
    const c = tf.tidy(() => matMulArgMax(x, w, b)); // a tracked tensor: tidy keeps the returned one
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(a.shape).toEqual([5]);
    expect(a.dtype).toBe('int32');
    expect(Array.from(await a.data())).toEqual([7, 7, 7, 7, 7]);
    expect(Array.from(await c.data())).toEqual([7, 7, 7, 7, 7]);
    expect(calls).toEqual([
      { inputs: ['x', 'w'], shapes: [[5, 3], [3, 4096]] },
      { inputs: ['x', 'w', 'bias'], shapes: [[5, 3], [3, 4096], [4096]] },
    ]);
    // int32 inputs are not the kernel's business: the plain path answers.
    const xi = tf.zeros([5, 3], 'int32') as tf.Tensor2D;
    const p = matMulArgMax(xi, w);
    expect(Array.from(await p.data())).toEqual([0, 0, 0, 0, 0]);
    expect(calls).toHaveLength(2);
    tf.dispose([x, w, b, a, c, xi, p]);
  });

  it('falls back again once the kernel is unregistered', async () => {
    tf.registerKernel({ kernelName: MATMUL_ARGMAX_KERNEL, backendName: backendName(), kernelFunc: () => { throw new Error('should not run'); } });
    tf.unregisterKernel(MATMUL_ARGMAX_KERNEL, backendName());
    expect(hasFusedMatMulArgMax()).toBe(false);
    const x = tf.tensor2d([[1, 0], [0, 1]]);
    const w = tf.tensor2d([[0, 2, 1], [3, 0, 3]]);
    const r = matMulArgMax(x, w);
    expect(Array.from(await r.data())).toEqual([1, 0]);
    tf.dispose([x, w, r]);
  });
});
