/**
 * The engine's own WebGPU kernels (WGSL run through TF.js's WebGPU backend). Only type imports from
 * @tensorflow/tfjs-backend-webgpu, so this module pulls no backend code: a WASM session never downloads
 * WebGPU code. tf-start.ts calls registerWebGpuKernels() right after importing the WebGPU backend.
 * Notes: /work/shared/TFJS-WEBGPU-AND-THREADS.md part A (pipelines are cached by shaderKey + ranks/dtypes,
 * not by sizes, so everything baked into the WGSL text is in the shaderKey; a program object is single-use).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { MATMUL_ARGMAX_KERNEL } from '../model/matmul-argmax.ts';
import { ENERGY_HEAD_KERNEL } from '../model/energy-head-kernel.ts';
import { energyHeadKernel } from './webgpu-head.ts';

/** Threads per workgroup: each thread owns the columns n ≡ lid (mod WG); K is read in tiles of WG. */
const WG = 128;

/** Rows per workgroup: several rows share each read of w (it is the big operand); one row when few rows. */
export function rowsPerGroup(rows: number): 1 | 4 {
  return rows >= 64 ? 4 : 1;
}

/**
 * out[r] = argmax_n( Σ_k x[r,k]·w[k,n] (+ bias[n]) ), int32 [R]. One workgroup of WG threads per RT rows:
 * the x rows' K-tile goes to workgroup memory, each thread accumulates RT dot products for its column,
 * keeps its best (strict >, columns in increasing order, so the lowest index among equals), then a tree
 * reduction picks the best with ties to the lower index. The bias is added after the sum, as
 * tf.add(tf.matMul(x, w), bias) does. Workgroup barriers sit only in loops bounded by uniforms.
 */
class MatMulArgMaxProgram implements WebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WG, 1, 1];
  size = true;
  private readonly rt: number;
  private readonly hasBias: boolean;

  constructor(rows: number, hasBias: boolean) {
    this.rt = rowsPerGroup(rows);
    this.hasBias = hasBias;
    this.variableNames = hasBias ? ['x', 'w', 'bias'] : ['x', 'w'];
    this.outputShape = [rows];
    // One workgroup per RT rows; runWebGPUProgram folds a too-long x into y/z (main() then derives the group from the global index).
    this.dispatch = [Math.ceil(rows / this.rt), 1, 1];
    // Everything baked into the WGSL: the workgroup size, rows per group, the bias flag.
    this.shaderKey = `calmMatMulArgMax_wg${WG}_rt${this.rt}_${hasBias ? 'bias' : 'nobias'}`;
  }

  getUserCode(): string {
    const rt = this.rt;
    const addBias = this.hasBias ? 'a = a + getBias(n);' : '';
    return `
      var<workgroup> xs : array<f32, ${rt * WG}>;
      var<workgroup> redVal : array<f32, ${rt * WG}>;
      var<workgroup> redIdx : array<i32, ${rt * WG}>;
      fn main(index : i32) {
        let lid = i32(localIndex);
        let row0 = (index / ${WG}) * ${rt};
        let K = uniforms.xShape.y;
        let N = uniforms.wShape.y;
        var best : array<f32, ${rt}>;
        var bestI : array<i32, ${rt}>;
        for (var r = 0; r < ${rt}; r++) { best[r] = -uniforms.INFINITY; bestI[r] = N; }
        for (var n0 = 0; n0 < N; n0 += ${WG}) {
          let n = n0 + lid;
          var acc : array<f32, ${rt}>;
          for (var r = 0; r < ${rt}; r++) { acc[r] = 0.0; }
          for (var k0 = 0; k0 < K; k0 += ${WG}) {
            let k = k0 + lid;
            for (var r = 0; r < ${rt}; r++) {
              var v = 0.0;
              if (row0 + r < uniforms.size && k < K) { v = getX(row0 + r, k); }
              xs[r * ${WG} + lid] = v;
            }
            workgroupBarrier();
            let kEnd = min(${WG}, K - k0);
            if (n < N) {
              for (var kk = 0; kk < kEnd; kk++) {
                let wv = getW(k0 + kk, n);
                for (var r = 0; r < ${rt}; r++) { acc[r] = acc[r] + xs[r * ${WG} + kk] * wv; }
              }
            }
            workgroupBarrier();
          }
          if (n < N) {
            for (var r = 0; r < ${rt}; r++) {
              var a = acc[r];
              ${addBias}
              if (a > best[r]) { best[r] = a; bestI[r] = n; }
            }
          }
        }
        for (var r = 0; r < ${rt}; r++) { redVal[r * ${WG} + lid] = best[r]; redIdx[r * ${WG} + lid] = bestI[r]; }
        workgroupBarrier();
        for (var s = ${WG / 2}; s > 0; s = s / 2) {
          if (lid < s) {
            for (var r = 0; r < ${rt}; r++) {
              let me = r * ${WG} + lid;
              let v = redVal[me + s];
              let i = redIdx[me + s];
              if (v > redVal[me] || (v == redVal[me] && i < redIdx[me])) { redVal[me] = v; redIdx[me] = i; }
            }
          }
          workgroupBarrier();
        }
        if (lid < ${rt} && row0 + lid < uniforms.size) {
          let bi = redIdx[lid * ${WG}];
          // N = nothing beat -inf (all -inf or NaN): 0, like an argmax over equal values.
          setOutputAtIndexI32(row0 + lid, select(bi, 0, bi >= N));
        }
      }`;
  }
}

const matMulArgMaxKernel: tf.KernelFunc = ({ inputs, backend }) => {
  const { x, w, bias } = inputs as { x: TensorInfo; w: TensorInfo; bias?: TensorInfo };
  const program = new MatMulArgMaxProgram(x.shape[0], !!bias); // a new program per call (runWebGPUProgram rewrites it)
  return (backend as unknown as WebGPUBackend).runWebGPUProgram(program, bias ? [x, w, bias] : [x, w], 'int32');
};

/** Register the engine's WebGPU kernels with TF.js (idempotent; needs no WebGPU backend to exist yet). */
export function registerWebGpuKernels(): void {
  if (!tf.getKernel(MATMUL_ARGMAX_KERNEL, 'webgpu')) {
    tf.registerKernel({ kernelName: MATMUL_ARGMAX_KERNEL, backendName: 'webgpu', kernelFunc: matMulArgMaxKernel });
  }
  // The energy head in one dispatch (src/engine/webgpu-head.ts).
  if (!tf.getKernel(ENERGY_HEAD_KERNEL, 'webgpu')) {
    tf.registerKernel({ kernelName: ENERGY_HEAD_KERNEL, backendName: 'webgpu', kernelFunc: energyHeadKernel });
  }
}
