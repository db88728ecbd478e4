/**
 * The energy head (energy.ts's energyHeadSample) as ONE kernel call: a backend may register a fused
 * kernel under ENERGY_HEAD_KERNEL (src/engine/webgpu-head.ts does so for WebGPU: one dispatch per call
 * instead of ≈ 43). Its weights are the head's ORIGINAL (unfolded) parameters packed into one flat
 * float32 buffer (a WebGPU shader has ≈ 8 storage buffers: packed weights + h + noise = 3 inputs), each
 * parameter at an offset given by the layout below. This module: the kernel's name and attributes, the
 * layout and the packing, and a float64 host reference of what the kernel computes (tests, checks).
 * Pure TensorFlow.js core: no DOM, no backend package.
 */
import * as tf from '@tensorflow/tfjs-core';
import { energyHeadShapes, type EnergyHeadConfig } from './energy.ts';
import type { Params } from './params.ts';
import { param } from './ops.ts';

/**
 * The registered kernel's name. Inputs `{ h: float32 [d], noise: float32 [n, noiseDim], weights:
 * float32 [total] }` (weights = packEnergyHead's buffer); attributes EnergyHeadAttrs; output float32 [n, latent].
 */
export const ENERGY_HEAD_KERNEL = 'EnergyHeadSample';

/** Largest d, width, noiseDim and latent the fused kernel takes (its workgroup vectors are sized by them). */
export const ENERGY_HEAD_MAX_DIM = 256;
/** Largest block count the fused kernel takes (the blocks are unrolled in its shader text). */
export const ENERGY_HEAD_MAX_BLOCKS = 16;

/** LayerNorm ε of the head (energy.ts). */
export const ENERGY_HEAD_LN_EPS = 1e-6;

/** Offsets are multiples of this many floats (16 bytes: room for vec4 reads later). */
const ALIGN = 4;

export interface EnergyHeadLayout {
  /** Parameter names without the prefix ('noise.w', '0.in.b', …), in energyHeadShapes order. */
  names: string[];
  /** Float offset of each parameter in the packed buffer (row-major, as the parameter tensor). */
  offsets: Record<string, number>;
  /** Each parameter's shape. */
  shapes: Record<string, number[]>;
  /** Floats in the packed buffer. */
  total: number;
}

/** The kernel's attributes: the head's configuration and every parameter's offset (in `layout.names` order). */
export interface EnergyHeadAttrs {
  d: number;
  width: number;
  noiseDim: number;
  latent: number;
  blocks: number;
  /** Offsets in the order of energyHeadParamNames(blocks). */
  offsets: number[];
}

/** The head's parameter names without the prefix, in the order of energyHeadShapes (the packing order). */
export function energyHeadParamNames(cfg: EnergyHeadConfig): string[] {
  return [...energyHeadShapes(cfg, '').keys()].map((k) => k.slice(1)); // keys are '.noise.w', …
}

/** The packed layout for a head configuration (depends only on cfg). */
export function energyHeadLayout(cfg: EnergyHeadConfig): EnergyHeadLayout {
  const shapes: Record<string, number[]> = {};
  const offsets: Record<string, number> = {};
  const names: string[] = [];
  let total = 0;
  for (const [key, shape] of energyHeadShapes(cfg, '')) {
    const name = key.slice(1);
    names.push(name);
    shapes[name] = shape;
    offsets[name] = total;
    const size = shape.reduce((a, b) => a * b, 1);
    total += Math.ceil(size / ALIGN) * ALIGN;
  }
  return { names, offsets, shapes, total };
}

/** Why the fused kernel cannot take this configuration, or null when it can. */
export function fusedEnergyHeadUnsupported(cfg: EnergyHeadConfig): string | null {
  const dims = { d: cfg.d, width: cfg.width, noiseDim: cfg.noiseDim, latent: cfg.latent };
  for (const [k, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v < 1 || v > ENERGY_HEAD_MAX_DIM) return `${k} = ${v} is outside 1..${ENERGY_HEAD_MAX_DIM}`;
  }
  if (!Number.isInteger(cfg.blocks) || cfg.blocks < 1 || cfg.blocks > ENERGY_HEAD_MAX_BLOCKS) {
    return `blocks = ${cfg.blocks} is outside 1..${ENERGY_HEAD_MAX_BLOCKS}`;
  }
  return null;
}

/** True when the current backend has the fused kernel. */
export function hasFusedEnergyHead(): boolean {
  const backend = tf.getBackend();
  return !!backend && !!tf.getKernel(ENERGY_HEAD_KERNEL, backend);
}

/** The kernel attributes for a configuration and its layout. */
export function energyHeadAttrs(cfg: EnergyHeadConfig, layout: EnergyHeadLayout): EnergyHeadAttrs {
  return {
    d: cfg.d, width: cfg.width, noiseDim: cfg.noiseDim, latent: cfg.latent, blocks: cfg.blocks,
    offsets: layout.names.map((n) => layout.offsets[n]),
  };
}

/** The head's parameters under `prefix` in one Float32Array (padding zero), read back with `await data()`. */
export async function packEnergyHead(params: Params, cfg: EnergyHeadConfig, prefix: string): Promise<{ data: Float32Array; layout: EnergyHeadLayout }> {
  const layout = energyHeadLayout(cfg);
  const data = new Float32Array(layout.total);
  for (const name of layout.names) {
    const t = param(params, `${prefix}.${name}`);
    const want = layout.shapes[name];
    if (t.shape.length !== want.length || t.shape.some((s, i) => s !== want[i])) {
      throw new Error(`energy head: ${prefix}.${name} is [${t.shape}], want [${want}]`);
    }
    data.set(await t.data() as Float32Array, layout.offsets[name]);
  }
  return { data, layout };
}

/** Attribute checks shared by the kernels: sizes in range, offsets inside a buffer of `weightSize` floats. */
export function checkEnergyHeadAttrs(a: EnergyHeadAttrs, weightSize: number): EnergyHeadLayout {
  const cfg: EnergyHeadConfig = { d: a.d, width: a.width, noiseDim: a.noiseDim, latent: a.latent, blocks: a.blocks };
  const why = fusedEnergyHeadUnsupported(cfg);
  if (why) throw new Error(`${ENERGY_HEAD_KERNEL}: ${why}`);
  const names = energyHeadParamNames(cfg);
  if (!Array.isArray(a.offsets) || a.offsets.length !== names.length) {
    throw new Error(`${ENERGY_HEAD_KERNEL}: ${names.length} offsets expected, got ${Array.isArray(a.offsets) ? a.offsets.length : 'none'}`);
  }
  const shapes = energyHeadLayout(cfg).shapes;
  const offsets: Record<string, number> = {};
  names.forEach((n, i) => {
    const o = a.offsets[i];
    const size = shapes[n].reduce((x, y) => x * y, 1);
    if (!Number.isInteger(o) || o < 0 || o + size > weightSize) {
      throw new Error(`${ENERGY_HEAD_KERNEL}: ${n} at offset ${o} (${size} floats) is outside the ${weightSize}-float weight buffer`);
    }
    offsets[n] = o;
  });
  return { names, offsets, shapes, total: weightSize };
}

/**
 * What the kernel computes, in float64 on the host: h [d] (one position), noise [n·noiseDim] → z [n·latent].
 * energy.ts's maths with the packed weights (LayerNorm: two-pass mean and variance, ε inside the root).
 */
export function energyHeadHost(weights: ArrayLike<number>, a: EnergyHeadAttrs, h: ArrayLike<number>, noise: ArrayLike<number>, n: number): Float64Array {
  const L = checkEnergyHeadAttrs(a, weights.length);
  const o = L.offsets;
  const { d, width: w, noiseDim: nd, latent } = a;
  const silu = (v: number) => v / (1 + Math.exp(-v));
  const linear = (x: ArrayLike<number>, name: string, inLen: number, cols: number, rowOffset = 0, colOffset = 0, stride = cols): Float64Array => {
    const out = new Float64Array(cols);
    const W = o[`${name}.w`];
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let k = 0; k < inLen; k++) acc += x[k] * weights[W + (rowOffset + k) * stride + colOffset + j];
      out[j] = acc;
    }
    return out;
  };
  const bias = (v: Float64Array, name: string, from = 0) => {
    const B = o[`${name}.b`];
    for (let j = 0; j < v.length; j++) v[j] += weights[B + from + j];
    return v;
  };
  const ln = (x: Float64Array, name: string): Float64Array => {
    let m = 0;
    for (const v of x) m += v;
    m /= x.length;
    let s = 0;
    for (const v of x) s += (v - m) * (v - m);
    const inv = 1 / Math.sqrt(s / x.length + ENERGY_HEAD_LN_EPS);
    const G = o[`${name}.g`];
    const B = o[`${name}.b`];
    return x.map((v, j) => (v - m) * inv * weights[G + j] + weights[B + j]);
  };
  const c = ln(bias(linear(h, 'cond', d, w), 'cond'), 'condLn');
  const z = new Float64Array(n * latent);
  for (let r = 0; r < n; r++) {
    const eps = Array.prototype.slice.call(noise, r * nd, (r + 1) * nd) as number[];
    let x = ln(bias(linear(eps, 'noise', nd, w), 'noise'), 'noiseLn');
    for (let i = 0; i < a.blocks; i++) {
      const p = `${i}`;
      const y = ln(x, `${p}.ln`);
      const uy = linear(y, `${p}.in`, w, w);
      const uc = linear(c, `${p}.in`, w, w, w);
      const u = bias(uy.map((v, j) => v + uc[j]), `${p}.in`).map(silu);
      const m = bias(linear(u, `${p}.mid`, w, w), `${p}.mid`).map(silu);
      const g = bias(linear(m, `${p}.gv`, w, w, 0, 0, 2 * w), `${p}.gv`);
      const v = bias(linear(m, `${p}.gv`, w, w, 0, w, 2 * w), `${p}.gv`, w);
      const q = g.map((gv, j) => silu(gv) * v[j]);
      const out = bias(linear(q, `${p}.out`, w, w), `${p}.out`);
      x = x.map((xv, j) => xv + out[j]);
    }
    const f = bias(linear(ln(x, 'finalLn'), 'final1', w, w), 'final1').map(silu);
    z.set(bias(linear(f, 'final2', w, latent), 'final2'), r * latent);
  }
  return z;
}
