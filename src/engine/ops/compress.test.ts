import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../../scripts/lib/tf-node.ts';
import { loadNodeModels } from '../../../tests/helpers/node-models.ts';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { decodeIds } from '../../model/autoencoder.ts';
import { plainContext, type OpContext } from '../context.ts';
import { disposeModels, type EngineModels } from '../models.ts';
import { AUSTEN_HELDOUT } from '../../app/presets/text-presets.ts';
import { chunkEps, handlers, resetCaches } from './compress.ts';
import { outsideTrainingChars as unusualChars } from '../../corpus/alphabet.ts';

interface GoldenModel { mu: number[]; logSigma: number[] | null; decoded: number[] }
interface Golden { cases: { text: string; ids: number[]; chunks: number[] }[]; models: Record<'robust' | 'plain', GoldenModel[]> }
const golden = JSON.parse(readFileSync(path.join(REPO_ROOT, 'e2e', 'fixtures', 'ae-golden.json'), 'utf8')) as Golden;

const AUSTEN = AUSTEN_HELDOUT;
const STORY = 'Once upon a time, a little girl named Lily found a red ball in the park.';

let models: EngineModels;
let ctx: OpContext;
let baseline: number;

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('compress / noise ops', () => {
  beforeAll(async () => {
    await initTf('wasm');
    models = await loadNodeModels();
    ctx = plainContext(models);
    baseline = tf.memory().numTensors;
  });
  afterAll(() => {
    resetCaches();
    disposeModels(models);
  });

  it('matches the golden fixtures within 1e-4 (μ, log σ, decoded ids, both models)', async () => {
    for (const [i, c] of golden.cases.entries()) {
      const r = await handlers.compress({ text: c.text }, ctx);
      expect(r.ids).toEqual(c.ids);
      expect(r.chunkIds).toEqual(c.chunks);
      for (const name of ['robust', 'plain'] as const) {
        const g = golden.models[name][i];
        expect(maxAbsDiff(r[name].mu, g.mu)).toBeLessThan(1e-4);
        if (g.logSigma) expect(maxAbsDiff(r[name].logSigma!, g.logSigma)).toBeLessThan(1e-4);
        else expect(r[name].logSigma).toBeNull();
        expect(r[name].decoded).toEqual(g.decoded);
      }
    }
  });

  it('chunks the text into ceil(n/K) chunks, pads the tail visibly and scores it', async () => {
    const r = await handlers.compress({ text: STORY }, ctx);
    expect(r.K).toBe(4);
    expect(r.chunks).toBe(Math.ceil(r.ids.length / 4));
    expect(r.padded).toBe(r.chunks * 4 - r.ids.length);
    expect(r.padded).toBeGreaterThan(0); // 18 tokens: two padding positions
    expect(r.chunkIds.slice(r.ids.length)).toEqual(Array(r.padded).fill(r.padId));
    expect(r.padToken).toBe('<|endoftext|>');
    expect(r.tokens.join('')).toBe(STORY);
    expect(r.robust.mu.length).toBe(r.chunks * r.latent);
    expect(r.robust.sigma![0]).toBeCloseTo(Math.exp(r.robust.logSigma![0]), 6);
    expect(r.compression).toMatchObject({ tokens: r.ids.length, vectors: r.chunks, tokensPerVector: 4, stepsSaved: r.ids.length - r.chunks, numbersPerVector: 128 });
    const wrong = r.robust.correct.slice(0, r.ids.length).filter((x) => !x).length;
    expect(r.robust.correctTokens).toBe(r.ids.length - wrong);
    expect(r.robust.tokenAccuracy).toBeCloseTo(r.robust.correctTokens / r.ids.length, 12);
  });

  it('reconstructs the held-out Austen preset at 100 %', async () => {
    const r = await handlers.compress({ text: AUSTEN }, ctx);
    expect(r.robust.tokenAccuracy).toBe(1);
    expect(r.robust.chunkAccuracy).toBe(1);
    expect(r.unusualChars).toEqual([]);
  });

  it('rejects empty and whitespace-only text with a typed bad-input error, keeping the cache', async () => {
    await handlers.compress({ text: STORY }, ctx);
    for (const text of ['', '   \n\t ']) {
      await expect(handlers.compress({ text }, ctx)).rejects.toMatchObject({ code: 'bad-input', message: expect.stringMatching(/no text/i) });
    }
    const n = await handlers.noiseDecode({ sigma: 0, seed: 1, scale: 'abs' }, ctx);
    expect(n.text).toBe(STORY);
  });

  it('takes emoji, CJK and RTL through the byte-level tokenizer and names them', async () => {
    const text = 'The GPU crashed 🙃 東京 שלום';
    const r = await handlers.compress({ text }, ctx);
    expect(r.unusualChars).toEqual(expect.arrayContaining(['🙃', '東', 'ש']));
    expect(r.tokens.join('')).toContain('The GPU');
    expect(r.robust.tokenAccuracy).toBeGreaterThanOrEqual(0);
    expect(unusualChars('plain ASCII,\nwith a newline')).toEqual([]);
  });

  it('σ = 0 reproduces the decode at z = μ', async () => {
    const c = await handlers.compress({ text: AUSTEN }, ctx);
    for (const scale of ['abs', 'rel'] as const) {
      const n = await handlers.noiseDecode({ sigma: 0, seed: 7, scale }, ctx);
      expect(n.robust.decoded).toEqual(c.robust.decoded);
      expect(n.plain.decoded).toEqual(c.plain.decoded);
      expect(n.robust.flipped).toEqual([]);
      expect(n.robust.tokenAccuracy).toBe(c.robust.tokenAccuracy);
      for (const x of n.robust.cosine) expect(x).toBeCloseTo(1, 6);
    }
  });

  it('decodes z = μ + σ·ε with ε seeded per chunk: same seed, same ε; new seed, new ε', async () => {
    const c = await handlers.compress({ text: AUSTEN }, ctx);
    const a = await handlers.noiseDecode({ sigma: 1.2, seed: 3, scale: 'abs' }, ctx);
    const b = await handlers.noiseDecode({ sigma: 1.2, seed: 3, scale: 'abs' }, ctx);
    const d = await handlers.noiseDecode({ sigma: 1.2, seed: 4, scale: 'abs' }, ctx);
    expect(b.robust.decoded).toEqual(a.robust.decoded);
    expect(b.robust.cosine).toEqual(a.robust.cosine);
    expect(d.robust.cosine).not.toEqual(a.robust.cosine);
    expect(chunkEps(3, 2, 128)).toEqual(chunkEps(3, 2, 128));
    expect(chunkEps(3, 2, 128)).not.toEqual(chunkEps(3, 1, 128));
    // The formula, recomputed here: decode(μ + σ·ε) with ε from chunkEps.
    const eps = new Float32Array(c.chunks * 128);
    for (let k = 0; k < c.chunks; k++) chunkEps(3, k, 128, eps, k * 128);
    const ae = models.ae.robust;
    const ids = tf.tidy(() => {
      const z = tf.add(tf.tensor2d(c.robust.mu, [c.chunks, 128]), tf.mul(tf.tensor2d(eps, [c.chunks, 128]), 1.2)) as tf.Tensor2D;
      return Array.from(decodeIds(ae.params, ae.cfg, z).dataSync());
    });
    expect(a.robust.decoded).toEqual(ids);
    // Flipped = differs from the σ = 0 decode; wrong = differs from the input (text positions only).
    a.robust.flipped.forEach((p) => expect(a.robust.decoded[p]).not.toBe(c.robust.decoded[p]));
    expect(a.robust.wrong.length).toBe(c.ids.length - a.robust.correctTokens);
    // Cosine by hand for chunk 0.
    let dot = 0, mm = 0, zz = 0;
    for (let j = 0; j < 128; j++) { const m = c.robust.mu[j]; const z = m + 1.2 * eps[j]; dot += m * z; mm += m * m; zz += z * z; }
    expect(a.robust.cosine[0]).toBeCloseTo(dot / Math.sqrt(mm * zz), 5);
  });

  it('`rel` scales σ by each model\'s held-out latent RMS', async () => {
    await handlers.compress({ text: STORY }, ctx);
    const rel = await handlers.noiseDecode({ sigma: 0.8, seed: 5, scale: 'rel' }, ctx);
    const rmsR = models.ae.robust.manifest.metrics!.latentRms!;
    const rmsP = models.ae.plain.manifest.metrics!.latentRms!;
    expect(rel.robust.latentRms).toBe(rmsR);
    expect(rel.robust.sigmaEff).toBeCloseTo(0.8 * rmsR, 12);
    expect(rel.plain.sigmaEff).toBeCloseTo(0.8 * rmsP, 12);
    const absR = await handlers.noiseDecode({ sigma: 0.8 * rmsR, seed: 5, scale: 'abs' }, ctx);
    const absP = await handlers.noiseDecode({ sigma: 0.8 * rmsP, seed: 5, scale: 'abs' }, ctx);
    expect(rel.robust.decoded).toEqual(absR.robust.decoded);
    expect(rel.plain.decoded).toEqual(absP.plain.decoded);
  });

  it('noiseDecode encodes a given text itself, and says so when there is none', async () => {
    resetCaches();
    await expect(handlers.noiseDecode({ sigma: 0.3, seed: 1, scale: 'abs' }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    const n = await handlers.noiseDecode({ sigma: 0.3, seed: 1, scale: 'abs', text: AUSTEN }, ctx);
    expect(n.text).toBe(AUSTEN);
    expect(n.tokens.join('')).toBe(AUSTEN);
    await expect(handlers.noiseDecode({ sigma: -1, seed: 1, scale: 'abs' }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    await expect(handlers.noiseDecode({ sigma: 0.3, seed: 1.5, scale: 'abs' }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('sweeps σ for both models with progress, consistent with noiseDecode', async () => {
    const c = await handlers.compress({ text: AUSTEN }, ctx);
    const seen: number[] = [];
    const s = await handlers.noiseSweep(
      { points: 11, maxSigma: 2, seed: 1, scale: 'abs' },
      plainContext(models, { onProgress: (p) => seen.push(p.done) }),
    );
    expect(s.sigmas).toHaveLength(11);
    expect(s.sigmas[0]).toBe(0);
    expect(s.sigmas[10]).toBe(2);
    expect(s.robust[0]).toBe(c.robust.tokenAccuracy);
    expect(s.plain[0]).toBe(c.plain.tokenAccuracy);
    expect(s.robust[10]).toBeLessThan(s.robust[0]); // σ = 2 breaks both
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(s.meanSigma).toBeGreaterThan(0.1);
    // A slice of the sweep gives the same points.
    const part = await handlers.noiseSweep({ points: 11, maxSigma: 2, seed: 1, scale: 'abs', first: 4, count: 3 }, ctx);
    expect(part).toMatchObject({ first: 4, points: 11, sigmas: s.sigmas.slice(4, 7), robust: s.robust.slice(4, 7), plain: s.plain.slice(4, 7) });
    await expect(handlers.noiseSweep({ points: 11, maxSigma: 2, seed: 1, scale: 'abs', first: 10, count: 2 }, ctx)).rejects.toMatchObject({ code: 'bad-input' });
    // The same σ and seed give the same accuracy as one noiseDecode.
    const one = await handlers.noiseDecode({ sigma: s.sigmas[6], seed: 1, scale: 'abs' }, ctx);
    expect(one.robust.tokenAccuracy).toBe(s.robust[6]);
    expect(one.plain.tokenAccuracy).toBe(s.plain[6]);
  });

  it('cancels a sweep between points and leaks nothing', async () => {
    await handlers.compress({ text: STORY }, ctx);
    await handlers.noiseDecode({ sigma: 0.3, seed: 1, scale: 'rel' }, ctx); // caches ε for seed 1
    const before = tf.memory().numTensors;
    await expect(
      handlers.noiseSweep({ points: 41, maxSigma: 2, seed: 1, scale: 'rel' }, plainContext(models, { cancelAfterYields: 3 })),
    ).rejects.toMatchObject({ name: 'CancelledError' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('survives a text change mid-sweep, and resetCaches frees every cached tensor', async () => {
    await handlers.compress({ text: STORY }, ctx);
    const sweep = handlers.noiseSweep({ points: 6, maxSigma: 2, seed: 2, scale: 'abs' }, ctx);
    const other = handlers.compress({ text: AUSTEN }, ctx);
    const [s, o] = await Promise.all([sweep, other]);
    expect(s.text).toBe(STORY);
    expect(o.text).toBe(AUSTEN);
    for (let seed = 10; seed < 17; seed++) await handlers.noiseDecode({ sigma: 0.5, seed, scale: 'abs' }, ctx);
    expect(tf.memory().numTensors).toBeGreaterThan(baseline);
    resetCaches();
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
