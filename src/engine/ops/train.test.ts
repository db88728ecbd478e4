import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { CalmError } from '../../model/errors.ts';
import { PAPER_RECIPE, RECONSTRUCTION_ONLY, LIVE_RELATIVE_SIGMAS } from '../../model/live-training.ts';
import { plainContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import { handlers as compressHandlers, resetCaches as resetCompress } from './compress.ts';
import { handlers, resetCaches, setSampleSource } from './train.ts';
import type { TrainSetup } from './train.types.ts';

let models: EngineModels;
let baseline: number;
const TEXT = 'Once upon a time, a little girl named Lily found a red ball in the park.';
const setup: TrainSetup = { a: { ...PAPER_RECIPE }, b: { ...RECONSTRUCTION_ONLY, latent: 32 }, seed: 7 };
const dir = path.join(REPO_ROOT, 'public', 'train');

beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels();
  baseline = tf.memory().numTensors;
  setSampleSource(async () => ({ metaText: readFileSync(path.join(dir, 'stories.json'), 'utf8'), bytes: new Uint8Array(readFileSync(path.join(dir, 'stories.bin'))) }));
}, 60_000);

afterAll(() => {
  setSampleSource(null);
  disposeModels(models);
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CalmError);
    return (e as CalmError).code;
  }
  return 'resolved';
}

describe('train ops (the Train panel)', () => {
  it('trainInfo loads and checks the training sample and states its size', async () => {
    const info = await handlers.trainInfo({}, plainContext(models));
    expect(info.sampleTokens).toBe(65536 * 4);
    expect(info.heldoutTokens).toBe(512 * 4);
    expect(info.splitTokens).toBeGreaterThan(info.sampleTokens);
    expect(info.model.K).toBe(4);
    expect(info.relativeSigmas).toEqual([...LIVE_RELATIVE_SIGMAS]);
    expect(info.session).toBeNull();
  });

  it('steps both runs together, refuses a wrong step count, and evaluates', async () => {
    const ctx = plainContext(models);
    const s1 = await handlers.trainStep({ setup, fromStep: 0 }, ctx);
    expect(s1.step).toBe(1);
    expect(s1.params.b).toBeLessThan(s1.params.a); // latent 32 and no σ head
    const after1 = tf.memory().numTensors;
    let s = s1;
    for (let i = 1; i < 4; i++) s = await handlers.trainStep({ setup, fromStep: i }, ctx);
    expect(s.step).toBe(4);
    expect(tf.memory().numTensors).toBe(after1);
    // The panel and the engine disagree: a clear error, not a silent restart.
    expect(await code(handlers.trainStep({ setup, fromStep: 2 }, ctx))).toBe('bad-input');
    expect(await code(handlers.trainStep({ setup: { ...setup, seed: 8 }, fromStep: 4 }, ctx))).toBe('bad-input');
    expect(await code(handlers.trainStep({ setup: { ...setup, a: { ...setup.a, dropToken: 3 } }, fromStep: 0 }, ctx))).toBe('bad-input');
    const e = await handlers.trainEval({ sweep: true }, ctx);
    expect(e.step).toBe(4);
    expect(e.a.byRelativeSigma.map((x) => x.s)).toEqual([...LIVE_RELATIVE_SIGMAS]);
    expect(e.a.meanSigma).toBeGreaterThan(0);
    expect(e.b.meanSigma).toBe(0);
    expect(e.a.accuracy).toBeGreaterThanOrEqual(0);
    expect((await handlers.trainInfo({}, ctx)).session?.step).toBe(4);
    expect(tf.memory().numTensors).toBe(after1);
  });

  it('a run goes to Compress and Noise as "your autoencoder", and back; downloads load back the same', async () => {
    const ctx = plainContext(models);
    expect(await code(compressHandlers.compress({ text: TEXT, custom: true }, ctx))).toBe('bad-input');
    const used = await handlers.trainUse({ run: 'a' }, ctx);
    expect(used.custom?.label).toBe('your autoencoder (run A, step 4)');
    const c = await compressHandlers.compress({ text: TEXT, custom: true }, ctx);
    expect(c.custom).toBe(used.custom!.label);
    expect(c.latent).toBe(64);
    expect(c.robust.mu.length).toBe(c.chunks * 64);
    expect(c.plain.mu.length).toBe(c.chunks * 128);
    const n = await compressHandlers.noiseDecode({ sigma: 0.3, seed: 1, scale: 'rel', custom: true }, ctx);
    expect(n.custom).toBe(used.custom!.label);
    expect(n.robust.cosine.length).toBe(c.chunks);
    const shipped = await compressHandlers.compress({ text: TEXT }, ctx);
    expect(shipped.custom).toBeNull();
    expect(shipped.latent).toBe(128);

    const exp = await handlers.trainExport({ run: 'a' }, ctx);
    expect(exp.files.map((f) => f.name)).toEqual(['calm-ae-a-step4.manifest.json', 'calm-ae-a-step4.model.json', 'calm-ae-a-step4.weights.bin']);
    const imported = await handlers.trainImport({ files: exp.files }, ctx);
    expect(imported.custom?.label).toBe('your autoencoder (file calm-ae-a-step4)');
    const again = await compressHandlers.compress({ text: TEXT, custom: true }, ctx);
    expect(Array.from(again.robust.mu)).toEqual(Array.from(c.robust.mu));
    const bad = exp.files.map((f) => ({ ...f, bytes: f.bytes.slice() }));
    bad[2].bytes[10] ^= 1;
    expect(await code(handlers.trainImport({ files: bad }, ctx))).toBe('bad-hash');
    expect((await handlers.customAEInfo({}, ctx)).custom?.label).toBe(imported.custom!.label); // a failed load keeps the last one
    expect((await handlers.trainUse({ run: null }, ctx)).custom).toBeNull();
    expect(await code(compressHandlers.compress({ text: TEXT, custom: true }, ctx))).toBe('bad-input');
  });

  it('Reset (and resetCaches) free every training tensor: memory back to the baseline', async () => {
    const ctx = plainContext(models);
    expect((await handlers.trainReset({}, ctx)).freed).toBe(true);
    expect(await code(handlers.trainStep({ setup, fromStep: 4 }, ctx))).toBe('bad-input');
    expect(await code(handlers.trainEval({ sweep: false }, ctx))).toBe('bad-input');
    await handlers.trainStep({ setup, fromStep: 0 }, ctx);
    resetCaches();
    resetCompress();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('the same seed trains the same runs: A and B see the same batches', async () => {
    const ctx = plainContext(models);
    const same: TrainSetup = { a: { ...RECONSTRUCTION_ONLY }, b: { ...RECONSTRUCTION_ONLY }, seed: 3 };
    const r1 = await handlers.trainStep({ setup: same, fromStep: 0 }, ctx);
    const r2 = await handlers.trainStep({ setup: same, fromStep: 1 }, ctx);
    // Identical settings and one seed: the two runs are the same model on the same data.
    expect(r1.a).toEqual(r1.b);
    expect(r2.a).toEqual(r2.b);
    await handlers.trainReset({}, ctx);
    const again = await handlers.trainStep({ setup: same, fromStep: 0 }, ctx);
    expect(again.a).toEqual(r1.a);
    await handlers.trainReset({}, ctx);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
