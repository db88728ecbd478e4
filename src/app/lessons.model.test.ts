/**
 * The Noise lessons claim something about the models: check it on the committed weights with the engine's
 * own op (the same code the browser runs), so a lesson cannot quietly stop showing what its caption says.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../tests/helpers/node-models.ts';
import { plainContext } from '../engine/context.ts';
import { disposeModels, type EngineModels } from '../engine/models.ts';
import { handlers, resetCaches } from '../engine/ops/compress.ts';
import { lessonBase, lessonById } from './lessons.ts';

let models: EngineModels;
beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels([]);
});
afterAll(() => {
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
