/**
 * The backbone's one-position step, prepared for inference (same values as transformer.ts's cached step
 * within float rounding; tests compare them on the shipped weights). Folded at preparation, per layer:
 *  - the attention RMSNorm's gain and √d into the Q, K, V columns, and 1/√hd into Q;
 *  - RoPE's rotate-half into extra columns: [Q | Q·R | K | K·R] (one matmul), viewed as [2, 2, d], ⊙ [cos; sin]
 *    and summed in pairs by a ones [1, 2] matmul: q = Q⊙cos + QR⊙sin and k likewise, then one split;
 *  - the MLP RMSNorm's gain and √d into the gate and up matrices, kept apart (two matmuls cost less than
 *    splitting one [gate | up] output: a split is a slice kernel per part).
 * About 25 kernels a layer against about 58 for the general path. One batch row (B = 1), one position;
 * the KV cache is transformer.ts's KVCache (keys after RoPE, [H, length, hd]), so a prefill by the
 * general path and steps by this one share it.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Params } from '../params.ts';
import { ropeTableData } from '../rope.ts';
import { param } from '../ops.ts';
import type { KVCache, TransformerConfig } from '../transformer.ts';
import { HostMatrix } from './host-matrix.ts';
import { Owned, mm, rmsInv, swiGLU, type NormConsts } from './kernels.ts';

interface FastLayer {
  qkRot: tf.Tensor3D; // [1, d, 4d]
  v: tf.Tensor3D; // [1, d, d]
  out: tf.Tensor3D; // [1, d, d]
  gate: tf.Tensor3D; // [1, d, ffn]
  up: tf.Tensor3D; // [1, d, ffn]
  down: tf.Tensor3D; // [1, ffn, d]
}

const EPS = 1e-6;

export class FastBackbone {
  private constructor(
    readonly cfg: TransformerConfig,
    private readonly layers: FastLayer[],
    private readonly sumPairs: tf.Tensor3D,
    private readonly finalGain: tf.Tensor1D,
    private readonly norm: NormConsts,
    private readonly owned: Owned,
  ) {}

  /** Fold the weights under `prefix` (read back asynchronously once). */
  static async prepare(params: Params, cfg: TransformerConfig, prefix: string): Promise<FastBackbone> {
    const { d, heads: H, ffn } = cfg;
    const hd = d / H;
    const owned = new Owned();
    try {
      const sd = Math.sqrt(d);
      const layers: FastLayer[] = [];
      for (let i = 0; i < cfg.layers; i++) {
        const p = `${prefix}.${i}`;
        const gA = (await HostMatrix.of(param(params, `${p}.attnNorm`))).data;
        const qkv = (await HostMatrix.of(param(params, `${p}.qkv`))).scaleRows(gA, sd);
        const q = qkv.cols_(0, d).scaleRows(null, 1 / Math.sqrt(hd));
        const k = qkv.cols_(d, 2 * d);
        const gM = (await HostMatrix.of(param(params, `${p}.mlpNorm`))).data;
        const gu = (await HostMatrix.of(param(params, `${p}.gateUp`))).scaleRows(gM, sd);
        layers.push({
          qkRot: owned.add(HostMatrix.catCols(q, q.rotateHalfCols(hd), k, k.rotateHalfCols(hd)).tensor3d()),
          v: owned.add(qkv.cols_(2 * d, 3 * d).tensor3d()),
          out: owned.add((await HostMatrix.of(param(params, `${p}.out`))).tensor3d()),
          gate: owned.add(gu.cols_(0, ffn).tensor3d()),
          up: owned.add(gu.cols_(ffn, 2 * ffn).tensor3d()),
          down: owned.add((await HostMatrix.of(param(params, `${p}.down`))).tensor3d()),
        });
      }
      // y = [Q | QR | K | KR] viewed as [2 (q, k), 2 (plain, rotated), d], times [cos; sin], summed over the
      // middle axis by a ones [1, 2] matmul: [q; k] as [2, 1, d].
      const sumPairs = owned.add(tf.ones([1, 1, 2]) as tf.Tensor3D);
      const gF = (await HostMatrix.of(param(params, `${prefix}.norm`))).data;
      const finalGain = owned.vec(gF.map((g) => g * sd));
      const norm = owned.norm(d, EPS);
      return new FastBackbone(cfg, layers, sumPairs, finalGain, norm, owned);
    } catch (e) {
      owned.dispose();
      throw e;
    }
  }

  /** [cos; sin] for position `pos`, each tiled over the H heads: [1, 2, d]. */
  private ropeRows(pos: number): tf.Tensor3D {
    const { d, heads: H } = this.cfg;
    const hd = d / H;
    const { cos, sin } = ropeTableData(1, hd, this.cfg.ropeTheta ?? 10000, pos);
    const rows = new Float32Array(2 * d);
    for (let h = 0; h < H; h++) {
      rows.set(cos, h * hd);
      rows.set(sin, d + h * hd);
    }
    return tf.tensor3d(rows, [1, 2, d]);
  }

  /**
   * One position: x [1, 1, d] (the input at position cache.length) → h [1, 1, d] after the final RMSNorm,
   * its keys and values appended to the cache. Manages its own memory: only h is new.
   */
  step(x: tf.Tensor, cache: KVCache): tf.Tensor3D {
    const { d, heads: H } = this.cfg;
    const hd = d / H;
    if (x.rank !== 3 || x.shape[0] !== 1 || x.shape[1] !== 1 || x.shape[2] !== d) {
      throw new Error(`fast backbone: expected x [1,1,${d}], got [${x.shape}]`);
    }
    // The cache's own maxLen: a caller may widen it past the trained context (RoPE continues).
    if (cache.length + 1 > cache.cfg.maxLen) {
      throw new Error(`transformer: cache would hold ${cache.length + 1} positions, more than maxLen ${cache.cfg.maxLen}`);
    }
    if (cache.layers && cache.layers[0].k.shape[0] !== H) throw new Error('fast backbone: the cache holds another batch size');
    const old = cache.layers;
    type Out = { h: tf.Tensor3D; kvs: { k: tf.Tensor3D; v: tf.Tensor3D }[] };
    const r = tf.tidy((): tf.TensorContainer => {
      const cs = this.ropeRows(cache.length);
      let h: tf.Tensor = x;
      const kvs: { k: tf.Tensor3D; v: tf.Tensor3D }[] = [];
      for (let i = 0; i < this.layers.length; i++) {
        const L = this.layers[i];
        const xn = tf.mul(h, rmsInv(h, this.norm));
        const y = tf.mul(tf.reshape(mm(xn, L.qkRot), [2, 2, d]), cs);
        const [q0, k0] = tf.split(mm(this.sumPairs, y), 2, 0);
        const q = tf.reshape(q0, [H, hd, 1]);
        let k = tf.reshape(k0, [H, 1, hd]) as tf.Tensor3D;
        let v = tf.reshape(mm(xn, L.v), [H, 1, hd]) as tf.Tensor3D;
        if (old) {
          k = tf.concat([old[i].k, k], 1);
          v = tf.concat([old[i].v, v], 1);
        }
        kvs.push({ k, v });
        const n = k.shape[1];
        const att = tf.softmax(tf.reshape(mm(k, q), [H, 1, n]));
        const ctx = tf.reshape(mm(att, v), [1, 1, d]);
        h = tf.add(h, mm(ctx, L.out));
        h = tf.add(h, swiGLU(tf.mul(h, rmsInv(h, this.norm)), L.gate, L.up, L.down));
      }
      const out = tf.mul(tf.mul(h, rmsInv(h, this.norm)), this.finalGain) as tf.Tensor3D;
      return { h: out, kvs } as unknown as tf.TensorContainer;
    }) as unknown as Out;
    if (old) for (const l of old) tf.dispose([l.k, l.v]);
    cache.layers = r.kvs;
    cache.length += 1;
    return r.h;
  }

  /** Tensors this preparation made (freed by dispose). */
  get tensors(): number {
    return this.owned.count;
  }

  dispose(): void {
    this.owned.dispose();
  }
}
