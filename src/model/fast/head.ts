/**
 * The energy head prepared for sampling (energy.ts's energyHeadSample, one position, n samples; same
 * values within float rounding). Folded at preparation:
 *  - the noise projection and the conditioning projection carry their LayerNorm's centring (W·C, b·C),
 *    so only the RMS scale remains;
 *  - every LayerNorm's gain (and √w) goes into the matrix after it and its bias into that matrix's bias;
 *  - the block input Linear(2w→w)(concat(LN(x), c)) is LN(x)·Wx + (c·Wc + b): the c part is computed once
 *    per call and added to every sample's row;
 *  - g and v from two matmuls instead of a split of the [g | v] output (a split is a slice kernel per part).
 * About 40 kernels against 72 for the general path, and no slicing of weights per call.
 *
 * Where the backend registers the fused energy-head kernel (WebGPU: src/engine/webgpu-head.ts), preparation
 * also packs the head's ORIGINAL (unfolded) parameters into one flat tensor (energy-head-kernel.ts) and
 * sample() is that one kernel call; the folded tensors stay for the TF.js path (`sample(.., 'tfjs')`).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { EnergyHeadConfig } from '../energy.ts';
import type { Params } from '../params.ts';
import { param } from '../ops.ts';
import {
  ENERGY_HEAD_KERNEL, energyHeadAttrs, fusedEnergyHeadUnsupported, hasFusedEnergyHead, packEnergyHead, type EnergyHeadAttrs,
} from '../energy-head-kernel.ts';
import { HostMatrix, addVec, centerVec } from './host-matrix.ts';
import { silu } from '../ops.ts';
import { Owned, centre, centringMatrix, mm, rmsInv, type NormConsts } from './kernels.ts';

const EPS = 1e-6;

interface FastBlock {
  /** c-part of the input Linear: ĉ·(√w·g_c·Wc) + (β_c·Wc + b_in + β_ln·Wx). */
  cW: tf.Tensor3D;
  cB: tf.Tensor1D;
  xW: tf.Tensor3D; // √w·g_ln·Wx
  midW: tf.Tensor3D;
  midB: tf.Tensor1D;
  gW: tf.Tensor3D;
  gB: tf.Tensor1D;
  vW: tf.Tensor3D;
  vB: tf.Tensor1D;
  outW: tf.Tensor3D;
  outB: tf.Tensor1D;
}

export class FastHead {
  private constructor(
    readonly cfg: EnergyHeadConfig,
    private readonly t: {
      condW: tf.Tensor3D; condB: tf.Tensor1D; noiseW: tf.Tensor3D; noiseB: tf.Tensor1D;
      noiseGain: tf.Tensor1D; noiseBias: tf.Tensor1D; blocks: FastBlock[];
      f1W: tf.Tensor3D; f1B: tf.Tensor1D; f2W: tf.Tensor3D; f2B: tf.Tensor1D; C: tf.Tensor3D;
    },
    private readonly norm: NormConsts,
    private readonly owned: Owned,
    /** The packed original parameters and the kernel's attributes, when the backend had the fused kernel. */
    private readonly packed: { weights: tf.Tensor1D; attrs: EnergyHeadAttrs } | null,
  ) {}

  /** 1 when preparation packed the weights for the fused kernel (a tensor only such backends make), else 0. */
  get packedTensors(): number {
    return this.packed ? 1 : 0;
  }

  /** Whether sample() runs the fused kernel (packed at preparation and still registered for the current backend). */
  get fused(): boolean {
    return !!this.packed && hasFusedEnergyHead();
  }

  static async prepare(params: Params, cfg: EnergyHeadConfig, prefix: string): Promise<FastHead> {
    const w = cfg.width;
    const sw = Math.sqrt(w);
    const owned = new Owned();
    const host = (name: string) => HostMatrix.of(param(params, `${prefix}.${name}`));
    const vec = async (name: string) => (await host(name)).data;
    try {
      const cond = await host('cond.w');
      const noise = await host('noise.w');
      const condLnG = await vec('condLn.g');
      const condLnB = await vec('condLn.b');
      const blocks: FastBlock[] = [];
      for (let i = 0; i < cfg.blocks; i++) {
        const p = `${i}`;
        const wIn = await host(`${p}.in.w`);
        // wIn [2w, w]: rows 0..w multiply LN(x), rows w..2w multiply c.
        const rowsX = new HostMatrix(w, w, wIn.data.subarray(0, w * w).slice());
        const rowsC = new HostMatrix(w, w, wIn.data.subarray(w * w, 2 * w * w).slice());
        const lnG = await vec(`${p}.ln.g`);
        const lnB = await vec(`${p}.ln.b`);
        const gv = await host(`${p}.gv.w`);
        const gvB = await vec(`${p}.gv.b`);
        blocks.push({
          cW: owned.add(rowsC.scaleRows(condLnG, sw).tensor3d()),
          cB: owned.vec(addVec(rowsC.leftMul(condLnB), await vec(`${p}.in.b`), rowsX.leftMul(lnB))),
          xW: owned.add(rowsX.scaleRows(lnG, sw).tensor3d()),
          midW: owned.add((await host(`${p}.mid.w`)).tensor3d()),
          midB: owned.vec(await vec(`${p}.mid.b`)),
          gW: owned.add(gv.cols_(0, w).tensor3d()),
          gB: owned.vec(gvB.slice(0, w)),
          vW: owned.add(gv.cols_(w, 2 * w).tensor3d()),
          vB: owned.vec(gvB.slice(w, 2 * w)),
          outW: owned.add((await host(`${p}.out.w`)).tensor3d()),
          outB: owned.vec(await vec(`${p}.out.b`)),
        });
      }
      const f1 = await host('final1.w');
      const fLnG = await vec('finalLn.g');
      const fLnB = await vec('finalLn.b');
      const t = {
        condW: owned.add(cond.centerRows().tensor3d()),
        condB: owned.vec(centerVec(await vec('cond.b'))),
        noiseW: owned.add(noise.centerRows().tensor3d()),
        noiseB: owned.vec(centerVec(await vec('noise.b'))),
        noiseGain: owned.vec((await vec('noiseLn.g')).map((g) => g * sw)),
        noiseBias: owned.vec(await vec('noiseLn.b')),
        blocks,
        f1W: owned.add(f1.scaleRows(fLnG, sw).tensor3d()),
        f1B: owned.vec(addVec(f1.leftMul(fLnB), await vec('final1.b'))),
        f2W: owned.add((await host('final2.w')).tensor3d()),
        f2B: owned.vec(await vec('final2.b')),
        C: owned.add(centringMatrix(w)),
      };
      const norm = owned.norm(w, EPS);
      // ≈ 0.3M floats for the shipped heads: cheap, and only made where the fused kernel is registered.
      let packed: { weights: tf.Tensor1D; attrs: EnergyHeadAttrs } | null = null;
      if (hasFusedEnergyHead() && !fusedEnergyHeadUnsupported(cfg)) {
        const { data, layout } = await packEnergyHead(params, cfg, prefix);
        packed = { weights: owned.add(tf.tensor1d(data)), attrs: energyHeadAttrs(cfg, layout) };
      }
      return new FastHead(cfg, t, norm, owned, packed);
    } catch (e) {
      owned.dispose();
      throw e;
    }
  }

  /**
   * n samples for one hidden state: h [1, d] (or [1, 1, d]) and noise [n, noiseDim] (uniform in
   * [−0.5, 0.5]) → z [n, latent]. Call inside a tidy. `path` 'tfjs' forces the TF.js kernels even where
   * the fused kernel runs by default (checks compare the two).
   */
  sample(h: tf.Tensor, noise: tf.Tensor2D, path: 'auto' | 'tfjs' = 'auto'): tf.Tensor2D {
    const { d, latent, noiseDim } = this.cfg;
    if (noise.rank !== 2 || noise.shape[1] !== noiseDim || h.size !== d) {
      throw new Error(`energy head: h [${h.shape}] and noise [${noise.shape}] do not match (d ${d}, noiseDim ${noiseDim})`);
    }
    const n = noise.shape[0];
    if (path === 'auto' && this.packed && h.dtype === 'float32' && noise.dtype === 'float32' && hasFusedEnergyHead()) {
      // h as a vector: its rank-1 shape never broadcasts against [n, latent], so TF.js keys one pipeline for every n.
      const inputs = { h: tf.reshape(h, [d]), noise, weights: this.packed.weights };
      return tf.engine().runKernel(ENERGY_HEAD_KERNEL, inputs, this.packed.attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
    }
    const t = this.t;
    const h3 = tf.reshape(h, [1, 1, d]);
    const c = mm(h3, t.condW, { bias: t.condB });
    const cn = tf.mul(c, rmsInv(c, this.norm));
    const x0 = mm(tf.reshape(noise, [1, n, this.cfg.noiseDim]), t.noiseW, { bias: t.noiseB });
    let x = tf.add(tf.mul(tf.mul(x0, rmsInv(x0, this.norm)), t.noiseGain), t.noiseBias);
    for (const b of t.blocks) {
      // The c part [1, 1, w] is added, not fused: a fused bias must be a rank-1 tensor in its own storage
      // (the WASM kernel reads the stored shape, which a reshape does not change).
      const cRow = mm(cn, b.cW, { bias: b.cB });
      const xc = centre(x, t.C);
      const u = silu(tf.add(mm(tf.mul(xc, rmsInv(xc, this.norm)), b.xW), cRow));
      const u2 = silu(mm(u, b.midW, { bias: b.midB }));
      const gate = silu(mm(u2, b.gW, { bias: b.gB }));
      x = tf.add(x, mm(tf.mul(gate, mm(u2, b.vW, { bias: b.vB })), b.outW, { bias: b.outB }));
    }
    const xc = centre(x, t.C);
    const f = silu(mm(tf.mul(xc, rmsInv(xc, this.norm)), t.f1W, { bias: t.f1B }));
    return tf.reshape(mm(f, t.f2W, { bias: t.f2B }), [n, latent]) as tf.Tensor2D;
  }

  /** Tensors this preparation made (freed by dispose). */
  get tensors(): number {
    return this.owned.count;
  }

  dispose(): void {
    this.owned.dispose();
  }
}
