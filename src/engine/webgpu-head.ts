/**
 * The energy head as ONE WebGPU dispatch (kernel ENERGY_HEAD_KERNEL, src/model/energy-head-kernel.ts):
 * energy.ts's energyHeadSample for one position, n samples, from the head's original parameters packed
 * into one buffer. Only type imports from @tensorflow/tfjs-backend-webgpu (see webgpu-kernels.ts).
 *
 * One workgroup of WG threads per sample (noise row). Its vectors live in workgroup memory; a Linear's
 * output column j is computed by thread j mod WG (weights read row by row, so the threads of a workgroup
 * read consecutive floats); a LayerNorm's mean and variance are two tree reductions (two-pass variance).
 * The conditioning branch c = LN(Linear(h)) is the same for every sample and is simply recomputed by each
 * workgroup (d·w multiply-adds, less than a tenth of the head). Every barrier sits in uniform control flow
 * (loops with constant bounds); rows past n (a rounded-up grid) compute on the last row and write nothing.
 * Sizes, block count and offsets are baked into the WGSL text, so all of them are in the shaderKey; n is
 * not (it is read from the noise shape uniform), so one pipeline serves every n (h comes as a vector [d]:
 * TF.js adds input-vs-output broadcast flags to the key, and an h of [1, d] would split n = 1 from n > 1).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ENERGY_HEAD_LN_EPS, checkEnergyHeadAttrs, type EnergyHeadAttrs } from '../model/energy-head-kernel.ts';

/** Threads per workgroup (one workgroup per sample). */
const WG = 128;

/** A term of a matrix-vector product: src[0..len) times rows [row0, row0+len) of a matrix at `w` with `stride` columns. */
interface Term {
  src: string;
  len: number;
  w: number;
  stride: number;
  row0?: number;
  col0?: number;
}

/** A float literal WGSL accepts. */
function f(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/**
 * out[j] = bias[j] + Σ_terms Σ_k src[k]·W[row0+k, col0+j] for j < cols, thread lid taking j = lid, lid+WG, …;
 * `store(acc)` is the statement that writes column j. Ends with a barrier.
 */
function matVec(terms: Term[], bias: number, cols: number, store: (acc: string) => string): string {
  const sums = terms.map((t) => `
          for (var k = 0; k < ${t.len}; k++) { acc = acc + ${t.src}[k] * headW[${t.w + (t.row0 ?? 0) * t.stride + (t.col0 ?? 0)} + k * ${t.stride} + j]; }`).join('');
  return `
        for (var j = lid; j < ${cols}; j += ${WG}) {
          var acc = headW[${bias} + j];${sums}
          ${store('acc')}
        }
        workgroupBarrier();`;
}

/** Tree sum of red[0..WG) into red[0] (barriers in uniform control flow). */
const treeSum = `
          for (var s = ${WG / 2}; s > 0; s = s / 2) {
            if (lid < s) { red[lid] = red[lid] + red[lid + s]; }
            workgroupBarrier();
          }`;

/** dst = LayerNorm(src) over `w` entries with gain at `g`, bias at `b` (dst may be src). Ends with a barrier. */
function layerNorm(src: string, dst: string, w: number, g: number, b: number): string {
  return `
        {
          var part = 0.0;
          for (var j = lid; j < ${w}; j += ${WG}) { part = part + ${src}[j]; }
          red[lid] = part;
          workgroupBarrier();${treeSum}
          let mean = red[0] / ${f(w)};
          workgroupBarrier();
          var sq = 0.0;
          for (var j = lid; j < ${w}; j += ${WG}) { let dv = ${src}[j] - mean; sq = sq + dv * dv; }
          red[lid] = sq;
          workgroupBarrier();${treeSum}
          let inv = inverseSqrt(red[0] / ${f(w)} + ${f(ENERGY_HEAD_LN_EPS)});
          for (var j = lid; j < ${w}; j += ${WG}) { ${dst}[j] = (${src}[j] - mean) * inv * headW[${g} + j] + headW[${b} + j]; }
          workgroupBarrier();
        }`;
}

class EnergyHeadProgram implements WebGPUProgram {
  variableNames = ['headH', 'headNoise', 'headW'];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout = { x: [0, 1] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WG, 1, 1];
  size = true;
  private readonly a: EnergyHeadAttrs;
  private readonly o: Record<string, number>;

  constructor(rows: number, a: EnergyHeadAttrs, offsets: Record<string, number>) {
    this.a = a;
    this.o = offsets;
    this.outputShape = [rows, a.latent];
    this.dispatch = [rows, 1, 1]; // one workgroup per sample; runWebGPUProgram folds > 65,535 into y/z
    // Everything baked into the WGSL: workgroup size, sizes, block count, every offset.
    this.shaderKey = `calmEnergyHead_wg${WG}_d${a.d}_w${a.width}_nd${a.noiseDim}_l${a.latent}_b${a.blocks}_o${a.offsets.join('.')}`;
  }

  getUserCode(): string {
    const { d, width: w, noiseDim: nd, latent, blocks } = this.a;
    const o = this.o;
    const blockCode: string[] = [];
    for (let i = 0; i < blocks; i++) {
      const p = `${i}`;
      blockCode.push(`
        // block ${i}: u = silu(LN(x)·Wx + c·Wc + b)
        ${layerNorm('sx', 'sy', w, o[`${p}.ln.g`], o[`${p}.ln.b`])}
        ${matVec([
          { src: 'sy', len: w, w: o[`${p}.in.w`], stride: w },
          { src: 'sc', len: w, w: o[`${p}.in.w`], stride: w, row0: w },
        ], o[`${p}.in.b`], w, (acc) => `su[j] = calmSilu(${acc});`)}
        // m = silu(Linear(u))
        ${matVec([{ src: 'su', len: w, w: o[`${p}.mid.w`], stride: w }], o[`${p}.mid.b`], w, (acc) => `sm[j] = calmSilu(${acc});`)}
        // g, v = Linear(w→2w)(m); q = silu(g)·v (into su: its readers passed the barrier above)
        for (var j = lid; j < ${w}; j += ${WG}) {
          var g = headW[${o[`${p}.gv.b`]} + j];
          var v = headW[${o[`${p}.gv.b`] + w} + j];
          for (var k = 0; k < ${w}; k++) {
            let mk = sm[k];
            g = g + mk * headW[${o[`${p}.gv.w`]} + k * ${2 * w} + j];
            v = v + mk * headW[${o[`${p}.gv.w`] + w} + k * ${2 * w} + j];
          }
          su[j] = calmSilu(g) * v;
        }
        workgroupBarrier();
        // x = x + Linear(q)
        ${matVec([{ src: 'su', len: w, w: o[`${p}.out.w`], stride: w }], o[`${p}.out.b`], w, (acc) => `sx[j] = sx[j] + ${acc};`)}`);
    }
    return `
      var<workgroup> sh : array<f32, ${d}>;
      var<workgroup> sn : array<f32, ${nd}>;
      var<workgroup> sc : array<f32, ${w}>;
      var<workgroup> sx : array<f32, ${w}>;
      var<workgroup> sy : array<f32, ${w}>;
      var<workgroup> su : array<f32, ${w}>;
      var<workgroup> sm : array<f32, ${w}>;
      var<workgroup> red : array<f32, ${WG}>;

      fn calmSilu(v : f32) -> f32 { return v / (1.0 + exp(-v)); }

      fn main(index : i32) {
        let lid = i32(localIndex);
        let row = index / ${WG};
        let n = uniforms.headNoiseShape.x;
        let r = min(row, n - 1);
        for (var k = lid; k < ${d}; k += ${WG}) { sh[k] = headH[k]; }
        for (var k = lid; k < ${nd}; k += ${WG}) { sn[k] = headNoise[r * ${nd} + k]; }
        workgroupBarrier();
        // c = LN(Linear(h)), the same for every sample
        ${matVec([{ src: 'sh', len: d, w: o['cond.w'], stride: w }], o['cond.b'], w, (acc) => `sc[j] = ${acc};`)}
        ${layerNorm('sc', 'sc', w, o['condLn.g'], o['condLn.b'])}
        // x = LN(Linear(ε))
        ${matVec([{ src: 'sn', len: nd, w: o['noise.w'], stride: w }], o['noise.b'], w, (acc) => `sx[j] = ${acc};`)}
        ${layerNorm('sx', 'sx', w, o['noiseLn.g'], o['noiseLn.b'])}
        ${blockCode.join('\n')}
        // z = Linear(silu(Linear(LN(x))))
        ${layerNorm('sx', 'sy', w, o['finalLn.g'], o['finalLn.b'])}
        ${matVec([{ src: 'sy', len: w, w: o['final1.w'], stride: w }], o['final1.b'], w, (acc) => `su[j] = calmSilu(${acc});`)}
        if (row < n) {
          for (var j = lid; j < ${latent}; j += ${WG}) {
            var acc = headW[${o['final2.b']} + j];
            for (var k = 0; k < ${w}; k++) { acc = acc + su[k] * headW[${o['final2.w']} + k * ${latent} + j]; }
            setOutputAtIndex(row * ${latent} + j, acc);
          }
        }
      }`;
  }
}

export const energyHeadKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const { h, noise, weights } = inputs as { h: TensorInfo; noise: TensorInfo; weights: TensorInfo };
  const a = attrs as unknown as EnergyHeadAttrs;
  const layout = checkEnergyHeadAttrs(a, weights.shape.reduce((x, y) => x * y, 1));
  const hSize = h.shape.reduce((x, y) => x * y, 1);
  if (hSize !== a.d) throw new Error(`EnergyHeadSample: h [${h.shape}] has ${hSize} values, want d = ${a.d}`);
  if (noise.shape.length !== 2 || noise.shape[1] !== a.noiseDim) {
    throw new Error(`EnergyHeadSample: noise [${noise.shape}], want [n, ${a.noiseDim}]`);
  }
  if (h.dtype !== 'float32' || noise.dtype !== 'float32' || weights.dtype !== 'float32') throw new Error('EnergyHeadSample: float32 inputs only');
  const program = new EnergyHeadProgram(noise.shape[0], a, layout.offsets); // a new program per call (runWebGPUProgram rewrites it)
  return (backend as unknown as WebGPUBackend).runWebGPUProgram(program, [h, noise, weights], 'float32');
};
