import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { MATMUL_ARGMAX_KERNEL } from '../model/matmul-argmax.ts';
import { DEFAULT_KERNEL_CHECK_CASES, DISPATCH_2D_CASE, kernelCheck } from './kernel-check.ts';

beforeAll(async () => {
  await initTf('wasm');
});

const noYield = async () => {};

describe('kernelCheck (the engine op behind the e2e kernel tests)', () => {
  afterEach(() => {
    if (tf.getKernel(MATMUL_ARGMAX_KERNEL, tf.getBackend())) tf.unregisterKernel(MATMUL_ARGMAX_KERNEL, tf.getBackend());
  });

  it('passes on the default cases with the plain path (no fused kernel in Node), every row checked or equal', async () => {
    const r = await kernelCheck({}, noYield);
    expect(r.backend).toBe('wasm');
    expect(r.fused).toBe(false);
    expect(r.leakedTensors).toBe(0);
    expect(r.cases.map((c) => c.name)).toEqual(DEFAULT_KERNEL_CHECK_CASES.map((c) => c.name));
    for (const c of r.cases) {
      expect(c.sameAsPlain).toBe(c.rows);
      expect(c.wrong).toBe(0);
      expect(c.plainWrong).toBe(0);
      expect(c.refChecked).toBeGreaterThan(0);
    }
    // Tie cases are checked row by row against the exact reference.
    for (const c of r.cases.filter((c) => c.data === 'ties')) expect(c.refChecked).toBe(c.rows);
    expect(r.ok).toBe(true);
  });

  it('checks every row of the many-row case (the one that folds a WebGPU dispatch into 2-D)', async () => {
    const r = await kernelCheck({ seed: 2, cases: [DISPATCH_2D_CASE] }, noYield);
    expect(r.cases[0].rows).toBeGreaterThan(4 * 65_535);
    expect(r.cases[0].refChecked).toBe(r.cases[0].rows);
    expect(r.ok).toBe(true);
  });

  it('fails when a registered kernel answers wrongly (the check can fail)', async () => {
    // A fake "fused" kernel: the right argmax, but the last column instead of the first among ties, and off by one on row 0.
    tf.registerKernel({
      kernelName: MATMUL_ARGMAX_KERNEL,
      backendName: tf.getBackend(),
      kernelFunc: ({ inputs, backend }) => {
        const { x, w } = inputs as Record<string, tf.TensorInfo>;
        const be = backend as tf.KernelBackend;
        const xs = be.readSync(x.dataId) as Float32Array;
        const ws = be.readSync(w.dataId) as Float32Array;
        const [R, K] = x.shape;
        const N = w.shape[1];
        const out = new Int32Array(R);
        for (let r = 0; r < R; r++) {
          let best = -Infinity;
          for (let n = 0; n < N; n++) {
            let s = 0;
            for (let k = 0; k < K; k++) s += xs[r * K + k] * ws[k * N + n];
            if (s >= best) { best = s; out[r] = n; } // ties -> highest index: wrong
          }
        }
        out[0] = (out[0] + 1) % N;
        return { dataId: be.write(out, [R], 'int32'), shape: [R], dtype: 'int32' };
      },
    });
    const r = await kernelCheck({
      cases: [
        { name: 'random', rows: 6, k: 16, n: 50, bias: false, data: 'random' },
        { name: 'ties', rows: 20, k: 4, n: 300, bias: false, data: 'ties' },
      ],
    }, noYield);
    expect(r.fused).toBe(true);
    expect(r.ok).toBe(false);
    expect(r.cases[0].wrong).toBeGreaterThanOrEqual(1);
    expect(r.cases[0].wrongRows).toContain(0);
    expect(r.cases[1].wrong).toBeGreaterThan(5);
    expect(r.leakedTensors).toBe(0);
  });

  it('rejects bad sizes', async () => {
    await expect(kernelCheck({ cases: [{ name: 'x', rows: 0, k: 1, n: 1, bias: false, data: 'random' }] }, noYield)).rejects.toThrow(/sizes/);
  });
});
