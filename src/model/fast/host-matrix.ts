/**
 * Weights on the host (plain Float32Arrays) for folding at preparation time: a norm's gain into the
 * next matrix, a LayerNorm's centring into the matrix before it, RoPE's rotate-half into extra
 * columns. Exact rewrites of the maths (only float rounding differs); read back with `await data()`
 * (never dataSync: it returned zeros on WebGPU in our runs).
 */
import * as tf from '@tensorflow/tfjs-core';

export class HostMatrix {
  constructor(readonly rows: number, readonly cols: number, readonly data: Float32Array) {
    if (data.length !== rows * cols) throw new Error(`HostMatrix: ${data.length} values for ${rows}×${cols}`);
  }

  /** The weight tensor ([in, out] or a vector [out] as one row) on the host. */
  static async of(t: tf.Tensor): Promise<HostMatrix> {
    const data = Float32Array.from(await t.data());
    return t.rank === 1 ? new HostMatrix(1, t.shape[0]!, data) : new HostMatrix(t.shape[0]!, t.shape[1]!, data);
  }

  /** diag(v)·M·c (row i scaled by v[i]·c). */
  scaleRows(v: Float32Array | null, c = 1): HostMatrix {
    const out = new Float32Array(this.data.length);
    for (let i = 0; i < this.rows; i++) {
      const s = (v ? v[i] : 1) * c;
      for (let j = 0; j < this.cols; j++) out[i * this.cols + j] = this.data[i * this.cols + j] * s;
    }
    return new HostMatrix(this.rows, this.cols, out);
  }

  /** Columns [from, to). */
  cols_(from: number, to: number): HostMatrix {
    const w = to - from;
    const out = new Float32Array(this.rows * w);
    for (let i = 0; i < this.rows; i++) out.set(this.data.subarray(i * this.cols + from, i * this.cols + to), i * w);
    return new HostMatrix(this.rows, w, out);
  }

  /** M·R with R the rotate-half matrix of every head block of size hd: rotateHalf(x·M) = x·(M·R). */
  rotateHalfCols(hd: number): HostMatrix {
    const half = hd / 2;
    const out = new Float32Array(this.data.length);
    for (let i = 0; i < this.rows; i++) {
      for (let h0 = 0; h0 < this.cols; h0 += hd) {
        for (let j = 0; j < half; j++) {
          out[i * this.cols + h0 + j] = -this.data[i * this.cols + h0 + j + half];
          out[i * this.cols + h0 + j + half] = this.data[i * this.cols + h0 + j];
        }
      }
    }
    return new HostMatrix(this.rows, this.cols, out);
  }

  /** M·C with C = I − 11ᵀ/cols: every row minus its mean (a LayerNorm's centring moved into the matrix). */
  centerRows(): HostMatrix {
    const out = new Float32Array(this.data.length);
    for (let i = 0; i < this.rows; i++) {
      let m = 0;
      for (let j = 0; j < this.cols; j++) m += this.data[i * this.cols + j];
      m /= this.cols;
      for (let j = 0; j < this.cols; j++) out[i * this.cols + j] = this.data[i * this.cols + j] - m;
    }
    return new HostMatrix(this.rows, this.cols, out);
  }

  /** The row vector v·M (v of length rows). */
  leftMul(v: Float32Array): Float32Array {
    const out = new Float32Array(this.cols);
    for (let i = 0; i < this.rows; i++) {
      const s = v[i];
      if (s === 0) continue;
      for (let j = 0; j < this.cols; j++) out[j] += s * this.data[i * this.cols + j];
    }
    return out;
  }

  /** Side by side: [A | B | …] (same rows). */
  static catCols(...ms: HostMatrix[]): HostMatrix {
    const rows = ms[0].rows;
    const cols = ms.reduce((a, m) => a + m.cols, 0);
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      let o = 0;
      for (const m of ms) {
        if (m.rows !== rows) throw new Error('HostMatrix.catCols: row counts differ');
        out.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), i * cols + o);
        o += m.cols;
      }
    }
    return new HostMatrix(rows, cols, out);
  }

  /** As a [1, rows, cols] tensor (the batch dimension the matmul kernels take without a reshape). */
  tensor3d(): tf.Tensor3D {
    return tf.tensor3d(this.data, [1, this.rows, this.cols]);
  }
}

/** a + b + … elementwise (vectors of one length). */
export function addVec(...vs: Float32Array[]): Float32Array {
  const out = new Float32Array(vs[0].length);
  for (const v of vs) for (let i = 0; i < out.length; i++) out[i] += v[i];
  return out;
}

/** v minus its mean. */
export function centerVec(v: Float32Array): Float32Array {
  let m = 0;
  for (const x of v) m += x;
  m /= v.length;
  return v.map((x) => x - m);
}
