/**
 * The committed golden fixtures (e2e/fixtures/ae-golden.json, used by the browser tests)
 * must agree with the committed weights and tokenizer, recomputed here in Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf } from '../scripts/lib/tf-node.ts';
import { computeGolden, goldenPath } from '../scripts/make-golden.ts';
import { aeWeightHashes } from '../scripts/make-golden.ts';

type Golden = ReturnType<typeof computeGolden>;

describe('golden fixtures match the committed weights', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });
  it('μ, log σ within 1e-5 and identical decoded ids', () => {
    expect(existsSync(goldenPath())).toBe(true);
    const stored = JSON.parse(readFileSync(goldenPath(), 'utf8')) as Golden;
    // The fixtures were computed from the autoencoder files the manifest lists now.
    expect(stored.weights).toEqual(aeWeightHashes());
    expect(Object.keys(stored.weights)).toHaveLength(4);
    const fresh = computeGolden(stored.cases.map((c) => c.text));
    expect(fresh.cases).toEqual(stored.cases);
    for (const name of ['robust', 'plain']) {
      const a = fresh.models[name] as { mu: number[]; logSigma: number[] | null; decoded: number[]; decodedNoisy03: number[] }[];
      const b = stored.models[name] as typeof a;
      a.forEach((x, i) => {
        expect(x.decoded).toEqual(b[i].decoded);
        expect(x.decodedNoisy03).toEqual(b[i].decodedNoisy03);
        x.mu.forEach((v, j) => expect(Math.abs(v - b[i].mu[j])).toBeLessThan(1e-5));
        if (x.logSigma) x.logSigma.forEach((v, j) => expect(Math.abs(v - b[i].logSigma![j])).toBeLessThan(1e-5));
      });
    }
  });
});
