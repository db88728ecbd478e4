/**
 * The autoencoder's decoder prepared for decoding to ids (autoencoder.ts's decodeIds; same ids). Folded
 * at preparation: each AELayer's RMSNorm gain (and √d) into its gate and up matrices, and the final RMSNorm's gain into the tied output matrix
 * (diag(g)·Embᵀ, made once). The final RMS scale itself is left out: it multiplies a token's logits by one
 * positive number, which leaves their argmax unchanged. The logits and argmax go through matMulArgMax
 * (one fused kernel where the backend has it registered, WebGPU; matmul + argmax elsewhere).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AEConfig } from '../autoencoder.ts';
import { matMulArgMax } from '../matmul-argmax.ts';
import type { Params } from '../params.ts';
import { HostMatrix } from './host-matrix.ts';
import { Owned, mm, rmsInv, swiGLU, type NormConsts } from './kernels.ts';

const EPS = 1e-6;

interface FastAELayer {
  gate: tf.Tensor3D;
  up: tf.Tensor3D;
  down: tf.Tensor3D;
}

export class FastDecoder {
  private constructor(
    readonly cfg: AEConfig,
    private readonly t: {
      inW: tf.Tensor3D; inB: tf.Tensor1D; chunk: FastAELayer; expW: tf.Tensor3D; expB: tf.Tensor1D; tok: FastAELayer;
      outT: tf.Tensor2D;
    },
    private readonly norm: NormConsts,
    private readonly owned: Owned,
  ) {}

  static async prepare(params: Params, cfg: AEConfig): Promise<FastDecoder> {
    const owned = new Owned();
    const sd = Math.sqrt(cfg.d);
    const get = (name: string) => {
      const v = params.get(name);
      if (!v) throw new Error(`autoencoder: missing parameter ${name}`);
      return HostMatrix.of(v);
    };
    const layer = async (p: string): Promise<FastAELayer> => {
      const g = (await get(`${p}.norm`)).data;
      return {
        gate: owned.add((await get(`${p}.gate`)).scaleRows(g, sd).tensor3d()),
        up: owned.add((await get(`${p}.up`)).scaleRows(g, sd).tensor3d()),
        down: owned.add((await get(`${p}.down`)).tensor3d()),
      };
    };
    try {
      const emb = params.get('emb');
      if (!emb) throw new Error('autoencoder: missing parameter emb');
      const gN = (await get('dec.norm')).data;
      const t = {
        inW: owned.add((await get('dec.in.w')).tensor3d()),
        inB: owned.vec((await get('dec.in.b')).data),
        chunk: await layer('dec.chunk'),
        expW: owned.add((await get('dec.expand.w')).tensor3d()),
        expB: owned.vec((await get('dec.expand.b')).data),
        tok: await layer('dec.tok'),
        outT: owned.add(tf.tidy(() => tf.mul(tf.transpose(emb), tf.reshape(tf.tensor1d(gN), [cfg.d, 1]))) as tf.Tensor2D),
      };
      const norm = owned.norm(cfg.d, EPS);
      return new FastDecoder(cfg, t, norm, owned);
    } catch (e) {
      owned.dispose();
      throw e;
    }
  }

  private layer(h: tf.Tensor, L: FastAELayer): tf.Tensor {
    return tf.add(h, swiGLU(tf.mul(h, rmsInv(h, this.norm)), L.gate, L.up, L.down));
  }

  /** Latents z [R, latent] → token ids [R, K] (int32). Manages its own memory: only the ids are new. */
  decodeIds(z: tf.Tensor2D): tf.Tensor2D {
    const { K, d, latent } = this.cfg;
    const R = z.shape[0];
    if (z.shape[1] !== latent) throw new Error(`decoder: z has ${z.shape[1]} dimensions, the autoencoder ${latent}`);
    return tf.tidy(() => {
      let h = mm(tf.reshape(z, [1, R, latent]), this.t.inW, { bias: this.t.inB }) as tf.Tensor;
      h = this.layer(h, this.t.chunk);
      h = tf.reshape(mm(h, this.t.expW, { bias: this.t.expB }), [1, R * K, d]);
      h = this.layer(h, this.t.tok);
      return tf.reshape(matMulArgMax(tf.reshape(h, [R * K, d]) as tf.Tensor2D, this.t.outT), [R, K]) as tf.Tensor2D;
    });
  }

  /** Tensors this preparation made (freed by dispose). */
  get tensors(): number {
    return this.owned.count;
  }

  dispose(): void {
    this.owned.dispose();
  }
}
