/**
 * The Noise and K dial lessons claim something about the models: check it on the committed weights with the
 * engine's own ops (the same code the browser runs), so a lesson cannot quietly stop showing what its caption says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../scripts/lib/tf-node.ts';
import { fileSource, loadNodeModels } from '../../tests/helpers/node-models.ts';
import { plainContext } from '../engine/context.ts';
import { disposeModels, type EngineModels } from '../engine/models.ts';
import { handlers, resetCaches } from '../engine/ops/compress.ts';
import { handlers as bandwidth, setBandwidthLoader } from '../engine/ops/bandwidth.ts';
import { lessonBase, lessonById } from './lessons.ts';

let models: EngineModels;
beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels([]);
  setBandwidthLoader(async (_ctx, _total, _label, load) => load(fileSource, models));
});
afterAll(() => {
  setBandwidthLoader(null);
  resetCaches();
  disposeModels(models);
});

async function decode(id: string) {
  const s = lessonBase(lessonById(id)!);
  return handlers.noiseDecode({ text: s.text, sigma: s.sigma, seed: s.seed, scale: s.noise }, plainContext(models));
}

describe('the Noise lessons show what their captions say', () => {
  it('sigma-barely-matters: the robust autoencoder keeps (nearly) every token at σ = 0.3', async () => {
    const r = await decode('sigma-barely-matters');
    expect(r.sigma).toBe(0.3);
    expect(r.robust.tokenAccuracy).toBeGreaterThanOrEqual(0.95);
  });
  it('plain-vectors-break: at relative noise the plain autoencoder loses more tokens than the robust one', async () => {
    const r = await decode('plain-vectors-break');
    expect(r.scale).toBe('rel');
    expect(r.plain.tokenAccuracy).toBeLessThan(r.robust.tokenAccuracy - 0.1);
    expect(r.plain.tokenAccuracy).toBeLessThan(0.9);
  });
});

describe('the K dial lesson shows what its caption says', () => {
  it('k-is-a-dial: turning K up from 1 makes the same sentence fewer vectors, each still decoded', async () => {
    const s = lessonBase(lessonById('k-is-a-dial')!);
    expect(s.K).toBe(1);
    const ctx = plainContext(models);
    const { loaded } = await bandwidth.bandwidthLoad({}, ctx);
    expect(loaded).toContain(1); // the lesson starts at K = 1: its autoencoder must ship
    const runs = [];
    for (const K of loaded) runs.push(await bandwidth.bandwidthRoundTrip({ text: s.text, K }, ctx));
    const n = runs[0].tokens.length;
    expect(runs[0].vectors).toBe(n); // K = 1: a vector per token
    for (const r of runs) {
      expect(r.vectors).toBe(Math.ceil(n / r.K));
      expect(r.tokenAccuracy).toBeGreaterThanOrEqual(0.95);
    }
    for (let i = 1; i < runs.length; i++) expect(runs[i].vectors).toBeLessThan(runs[i - 1].vectors);
  }, 60_000);
});
