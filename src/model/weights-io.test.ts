import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { initAutoencoder, autoencoderShapes, encode, decodeLogits, type AEConfig } from './autoencoder.ts';
import { encodeWeights } from './weights-io.ts';
import { loadVerifiedModel, sha256Hex, type ManifestFileEntry } from './load.ts';
import { BadHashError, MissingFileError, WrongShapeError, BadFormatError, CalmError } from './errors.ts';
import { Mulberry32 } from './random.ts';
import { roundToFloat16, float32ToFloat16Bits, float16BitsToFloat32 } from './float16.ts';
import type { Params } from './params.ts';

const cfg: AEConfig = { K: 4, vocabSize: 40, d: 16, ffn: 40, latent: 8, variational: true };

beforeAll(async () => {
  await initTf('wasm');
});

function named(params: Params) {
  return [...params].map(([name, v]) => ({ name, shape: v.shape, values: v.dataSync() as Float32Array }));
}

/** An in-memory weights folder: files + manifest entries with their real hashes. */
async function folder(params: Params, float16: boolean) {
  const enc = encodeWeights('autoencoder', { ...cfg }, named(params), { float16, shardName: 'weights.bin' });
  const files = new Map<string, Uint8Array>([
    ['ae/model.json', new TextEncoder().encode(JSON.stringify(enc.json))],
    ['ae/weights.bin', enc.shards[0]],
  ]);
  const entries: ManifestFileEntry[] = [];
  for (const [path, bytes] of files) entries.push({ path, sha256: await sha256Hex(bytes) });
  return { files, entries, source: async (p: string) => files.get(p) ?? null };
}

function outputs(params: Params): Float32Array {
  return tf.tidy(() => {
    const post = encode(params, cfg, tf.tensor2d([[1, 2, 3, 4], [9, 8, 7, 0]], undefined, 'int32'));
    return decodeLogits(params, cfg, post.mu).dataSync() as Float32Array;
  });
}

function paramsFrom(tensors: Map<string, { shape: number[]; values: Float32Array }>): Params {
  const p = initAutoencoder(cfg, new Mulberry32(99));
  for (const [n, v] of p) v.assign(tf.tensor(tensors.get(n)!.values, tensors.get(n)!.shape));
  return p;
}

describe('float16', () => {
  it('round-trips representable values and rounds to nearest even', () => {
    // Exactly representable in float16: unchanged.
    for (const v of [0, 1, -2, 0.5, 65504, 2 ** -24, -0.0999755859375]) expect(float16BitsToFloat32(float32ToFloat16Bits(v))).toBe(v);
    expect(float16BitsToFloat32(float32ToFloat16Bits(1 + 2 ** -11))).toBe(1); // tie → even
    expect(float16BitsToFloat32(float32ToFloat16Bits(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(float16BitsToFloat32(float32ToFloat16Bits(1e6))).toBe(Infinity);
  });
});

describe('save → load', () => {
  it('float32 weights give identical outputs', async () => {
    const params = initAutoencoder(cfg, new Mulberry32(5));
    const f = await folder(params, false);
    const loaded = await loadVerifiedModel(f.source, f.entries, (c) => autoencoderShapes(c as unknown as AEConfig));
    expect(Array.from(outputs(paramsFrom(loaded.tensors)))).toEqual(Array.from(outputs(params)));
  });

  it('float16 weights give the outputs of the float16-rounded model', async () => {
    const params = initAutoencoder(cfg, new Mulberry32(6));
    const f = await folder(params, true);
    expect(f.files.get('ae/weights.bin')!.byteLength).toBe(named(params).reduce((a, w) => a + w.values.length * 2, 0));
    const loaded = await loadVerifiedModel(f.source, f.entries, (c) => autoencoderShapes(c as unknown as AEConfig));
    const rounded = initAutoencoder(cfg, new Mulberry32(7));
    for (const [n, v] of params) rounded.get(n)!.assign(tf.tensor(roundToFloat16(v.dataSync() as Float32Array), v.shape));
    expect(Array.from(outputs(paramsFrom(loaded.tensors)))).toEqual(Array.from(outputs(rounded)));
  });
});

describe('missing or corrupted weights give a typed error that names the file', () => {
  const load = (f: Awaited<ReturnType<typeof folder>>) =>
    loadVerifiedModel(f.source, f.entries, (c) => autoencoderShapes(c as unknown as AEConfig));

  it('missing shard', async () => {
    const f = await folder(initAutoencoder(cfg, new Mulberry32(8)), true);
    f.files.delete('ae/weights.bin');
    const err = await load(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingFileError);
    expect((err as CalmError).file).toBe('ae/weights.bin');
    expect((err as Error).message).toContain('ae/weights.bin');
  });

  it('tampered shard (wrong SHA-256)', async () => {
    const f = await folder(initAutoencoder(cfg, new Mulberry32(9)), true);
    const bytes = f.files.get('ae/weights.bin')!;
    bytes[10] ^= 0xff;
    const err = await load(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadHashError);
    expect((err as CalmError).file).toBe('ae/weights.bin');
    expect((err as CalmError).fix).toMatch(/restore|retrain/i);
  });

  it('truncated shard whose manifest hash was updated too', async () => {
    const f = await folder(initAutoencoder(cfg, new Mulberry32(10)), true);
    const cut = f.files.get('ae/weights.bin')!.slice(0, 1000);
    f.files.set('ae/weights.bin', cut);
    f.entries.find((e) => e.path === 'ae/weights.bin')!.sha256 = await sha256Hex(cut);
    const err = await load(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongShapeError);
    expect((err as Error).message).toContain('ae/weights.bin');
  });

  it('wrong shape: weights of another configuration', async () => {
    const other: AEConfig = { ...cfg, d: 8, ffn: 20 };
    const enc = encodeWeights('autoencoder', { ...cfg }, named(initAutoencoder(other, new Mulberry32(11))), { float16: true, shardName: 'weights.bin' });
    // Same byte count is impossible here, so pad the shard to the expected size to reach the shape check.
    const expectedBytes = named(initAutoencoder(cfg, new Mulberry32(12))).reduce((a, w) => a + w.values.length * 2, 0);
    enc.json.weightsManifest[0].weights = enc.json.weightsManifest[0].weights.map((w) => ({ ...w }));
    const shard = new Uint8Array(expectedBytes);
    shard.set(enc.shards[0].slice(0, Math.min(expectedBytes, enc.shards[0].length)));
    // Declare one tensor with a wrong shape but the same total size.
    enc.json.weightsManifest[0].weights = named(initAutoencoder(cfg, new Mulberry32(12))).map((w) => ({
      name: w.name, shape: w.name === 'emb' ? [cfg.d, cfg.vocabSize] : w.shape, dtype: 'float32' as const, quantization: { dtype: 'float16' as const },
    }));
    const files = new Map([['ae/model.json', new TextEncoder().encode(JSON.stringify(enc.json))], ['ae/weights.bin', shard]]);
    const entries = await Promise.all([...files].map(async ([path, b]) => ({ path, sha256: await sha256Hex(b) })));
    const err = await loadVerifiedModel(async (p) => files.get(p) ?? null, entries, (c) => autoencoderShapes(c as unknown as AEConfig)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WrongShapeError);
    expect((err as Error).message).toMatch(/emb.*\[16,40\]|shape/);
  });

  it('model.json that is not JSON', async () => {
    const f = await folder(initAutoencoder(cfg, new Mulberry32(13)), true);
    const junk = new TextEncoder().encode('<html>404</html>');
    f.files.set('ae/model.json', junk);
    f.entries.find((e) => e.path === 'ae/model.json')!.sha256 = await sha256Hex(junk);
    const err = await load(f).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadFormatError);
    expect((err as CalmError).file).toBe('ae/model.json');
  });
});
