import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../scripts/lib/tf-node.ts';
import { makeBundle, readBundle, type BundleFile } from './ae-bundle.ts';
import { autoencoderShapes, initAutoencoder, type AEConfig } from './autoencoder.ts';
import { CalmError } from './errors.ts';
import { Mulberry32 } from './random.ts';

const cfg: AEConfig = { K: 4, vocabSize: 32, d: 8, ffn: 16, latent: 4, variational: true };
const expectFit = { K: 4, vocabSize: 32 };
let files: BundleFile[];
let named: { name: string; shape: number[]; values: Float32Array }[];

beforeAll(async () => {
  await initTf('wasm');
  const params = initAutoencoder(cfg, new Mulberry32(1));
  named = [...params].map(([name, v]) => ({ name, shape: [...v.shape], values: v.dataSync() as Float32Array }));
  for (const v of params.values()) v.dispose();
  files = await makeBundle('calm-ae-a-step10', cfg, named, { run: 'A', steps: 10 });
});

async function failure(fs: BundleFile[]): Promise<CalmError> {
  try {
    await readBundle(fs, expectFit);
  } catch (e) {
    expect(e).toBeInstanceOf(CalmError);
    return e as CalmError;
  }
  throw new Error('readBundle accepted a bad bundle');
}

describe('autoencoder bundles (Train panel download / load back)', () => {
  it('round-trips: three files, every tensor back bit for bit (float32)', async () => {
    expect(files.map((f) => f.name)).toEqual(['calm-ae-a-step10.manifest.json', 'calm-ae-a-step10.model.json', 'calm-ae-a-step10.weights.bin']);
    const b = await readBundle(files, expectFit);
    expect(b.config).toEqual(cfg);
    expect(b.manifest.training).toEqual({ run: 'A', steps: 10 });
    expect([...b.tensors.keys()].sort()).toEqual([...autoencoderShapes(cfg).keys()].sort());
    for (const w of named) expect(Array.from(b.tensors.get(w.name)!.values)).toEqual(Array.from(w.values));
  });

  it('finds files a browser renamed ("x.model (1).json") and in any order', async () => {
    const renamed = files.map((f) => ({ ...f, name: f.name.replace(/\.(json|bin)$/, ' (1).$1') })).reverse();
    expect((await readBundle(renamed, expectFit)).config).toEqual(cfg);
  });

  it('a corrupted weights file: bad-hash naming that file', async () => {
    const bin = files[2].bytes.slice();
    bin[100] ^= 0xff;
    const e = await failure([files[0], files[1], { name: files[2].name, bytes: bin }]);
    expect(e.code).toBe('bad-hash');
    expect(e.file).toBe(files[2].name);
    expect(e.message).toContain(files[2].name);
    expect(e.fix).toMatch(/Download the three files again/);
  });

  it('a partial download: the size mismatch is named', async () => {
    const e = await failure([files[0], files[1], { name: files[2].name, bytes: files[2].bytes.slice(0, 1000) }]);
    expect(e.code).toBe('bad-hash');
    expect(e.message).toMatch(/1000 bytes; its manifest says/);
  });

  it('a missing manifest or a missing weights file is named', async () => {
    expect((await failure([files[1], files[2]])).code).toBe('missing-file');
    const e = await failure([files[0], files[1]]);
    expect(e.code).toBe('missing-file');
    expect(e.message).toContain('calm-ae-a-step10.weights.bin');
  });

  it('another file passed as the manifest, or a manifest for another K, is refused', async () => {
    expect((await failure([{ name: 'x.manifest.json', bytes: new TextEncoder().encode('{"format":"nope"}') }, files[1], files[2]])).code).toBe('bad-format');
    expect((await failure([{ name: 'x.manifest.json', bytes: new TextEncoder().encode('not json') }, files[1], files[2]])).code).toBe('bad-format');
    await expect(readBundle(files, { K: 2, vocabSize: 32 })).rejects.toThrow(/K = 4 .*this app uses K = 2/);
  });

  it("another model's files fail the hash check; with a rewritten manifest, the config check", async () => {
    const other = await makeBundle('calm-ae-a-step10', { ...cfg, latent: 6 }, (() => {
      const p = initAutoencoder({ ...cfg, latent: 6 }, new Mulberry32(2));
      const out = [...p].map(([name, v]) => ({ name, shape: [...v.shape], values: v.dataSync() as Float32Array }));
      for (const v of p.values()) v.dispose();
      return out;
    })(), {});
    // The manifest (latent 4) with the other model's files: their hashes do not match the manifest.
    expect((await failure([files[0], other[1], other[2]])).code).toBe('bad-hash');
    // A manifest edited to carry the other files' hashes but its own config (latent 4).
    const m = JSON.parse(new TextDecoder().decode(files[0].bytes));
    const om = JSON.parse(new TextDecoder().decode(other[0].bytes));
    m.files = om.files;
    const e = await failure([{ name: files[0].name, bytes: new TextEncoder().encode(JSON.stringify(m)) }, other[1], other[2]]);
    expect(e.code).toBe('bad-format');
    expect(e.message).toMatch(/describe different models/);
  });
});
