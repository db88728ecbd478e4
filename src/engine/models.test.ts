import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { loadNodeModels, readManifestFile } from '../../tests/helpers/node-models.ts';
import { coreBytes, disposeModels, loadCoreModels, loadLMSet, lmAutoencoderName, setBytes } from './models.ts';
import type { ByteSource } from '../model/load.ts';

describe('engine model loading', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });
  it('loads tokenizer, both autoencoders and a set, and frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const models = await loadNodeModels(['stories']);
    expect(models.tokenizer.vocabSize).toBe(4096);
    expect(models.ae.robust.cfg.K).toBe(4);
    expect(models.sets.stories?.calm.cfg.backbone.layers).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    disposeModels(models);
    models.ae = models.ae; // still readable as data
    expect(tf.memory().numTensors).toBe(before);
  });
  it("a set whose CALM names its own autoencoder loads it with the set and frees it with the set", async () => {
    const m = readManifestFile();
    expect(lmAutoencoderName(m, 'stories')).toBe((m.models['stories-calm'].training as { autoencoder?: string } | undefined)?.autoencoder ?? 'ae-robust');
    // A manifest in which the stories CALM was trained with an autoencoder of its own (here: the plain
    // one's files listed under another name, so the bytes exist and verify).
    const own = structuredClone(m);
    own.models['stories-calm'].training = { ...(own.models['stories-calm'].training ?? {}), autoencoder: 'ae-own' } as typeof own.models[string]['training'];
    own.models['ae-own'] = own.models['ae-plain'];
    expect(lmAutoencoderName(own, 'stories')).toBe('ae-own');
    // The set's bytes: its own autoencoder's files replace those of the one the committed manifest names.
    const shipped = lmAutoencoderName(m, 'stories');
    const shippedOwn = shipped === 'ae-robust' ? 0 : m.models[shipped].files.reduce((a, f) => a + f.bytes, 0);
    expect(setBytes(own, 'stories')).toBe(setBytes(m, 'stories') - shippedOwn + own.models['ae-plain'].files.reduce((a, f) => a + f.bytes, 0));
    const { fileSource } = await import('../../tests/helpers/node-models.ts');
    const before = tf.memory().numTensors;
    const models = await loadCoreModels(fileSource, own);
    const core = tf.memory().numTensors;
    const set = await loadLMSet(models, fileSource, 'stories');
    expect(set.ownAE).toBe(true);
    expect(set.ae).not.toBe(models.ae.robust);
    expect(set.ae.name).toBe('ae-own');
    expect(set.ae.cfg.variational).toBe(false);
    // The parameters, and what preparing CALM, the baseline and the set's decoder for generation made.
    const prepared = set.calm.fast!.tensors + set.baseline.fast!.tensors + set.ae.fast!.tensors;
    expect(tf.memory().numTensors - core).toBe(set.calm.params.size + set.baseline.params.size + set.ae.params.size + prepared);
    disposeModels(models);
    expect(tf.memory().numTensors).toBe(before);
  });
  it('counts bytes from the manifest', () => {
    const m = readManifestFile();
    expect(coreBytes(m)).toBeGreaterThan(4e6);
    expect(setBytes(m, 'stories')).toBeGreaterThan(1e6);
  });
  it('a tampered file fails with a typed error naming it, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const m = readManifestFile();
    const { fileSource } = await import('../../tests/helpers/node-models.ts');
    const tampered: ByteSource = async (p) => {
      const b = await fileSource(p);
      if (b && p === 'ae-plain/weights.bin') b[100] ^= 1;
      return b;
    };
    await expect(loadCoreModels(tampered, m)).rejects.toMatchObject({ code: 'bad-hash', file: 'ae-plain/weights.bin' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
