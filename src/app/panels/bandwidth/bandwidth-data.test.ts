import { describe, expect, it } from 'vitest';
import type { BandwidthInfoResult, BandwidthLMInfo, BandwidthRoundTripResult } from '../../../engine/ops/bandwidth.types.ts';
import type { BandwidthAEInfo } from '../../../engine/ops/bandwidth.types.ts';
import {
  aeLoadList, chunkGroups, fmtMB, frontierCaption, frontierPoints, frontierTable, raceLoadNote, sizeRows, sweepRows, sweepTable,
} from './bandwidth-data.ts';

const lm = (K: BandwidthLMInfo['K'], brier1: number | null, flops: number | null, backbone: number | null): BandwidthLMInfo => ({
  K, name: String(K), bytes: 1, available: brier1 !== null, brier: brier1 === null ? null : [brier1, 0.5, 0.4, 0.3],
  stderr: brier1 === null ? null : [0.01, 0.01, 0.01, 0.01], brierLM: brier1 === null ? null : brier1 * 50, flopsPerToken: flops,
  backboneFlopsPerToken: backbone, params: 1, trainMinutes: 110, tokensSeen: 1e6,
});

const info = (lms: BandwidthLMInfo[]): BandwidthInfoResult => ({ aes: [], lms, aeBytesToLoad: 0, lmBytesToLoad: 0, loaded: [4] });

describe('Bandwidth panel data', () => {
  it('cuts the round trip into chunks of K, the padding of the last chunk marked', () => {
    const r: BandwidthRoundTripResult = {
      text: 'a b c', K: 2, tokens: ['a', ' b', ' c'], vectors: 2, padded: 1, decodedTokens: ['a', ' x', ' c', '<eos>'],
      correct: [true, false, true, true], tokenAccuracy: 2 / 3, chunkAccuracy: 0.5, latent: 64, ms: 1,
    };
    const g = chunkGroups(r);
    expect(g).toHaveLength(2);
    expect(g[0].map((t) => t.input)).toEqual(['a', ' b']);
    expect(g[0][1]).toEqual({ input: ' b', decoded: ' x', correct: false, pad: false });
    expect(g[1][1].pad).toBe(true);
    expect(g[1][1].input).toBe('⟨end⟩');
  });

  it('sweep rows and CSV: one column per K', () => {
    const r = { text: 't', relSigmas: [0, 1], byK: { '1': [1, 0.9], '4': [1, 0.8] } };
    expect(sweepRows(r)).toEqual([{ rel: 0, k1: 1, k4: 1 }, { rel: 1, k1: 0.9, k4: 0.8 }]);
    expect(sweepTable(r).columns).toEqual(['sigma_relative', 'K1_token_accuracy', 'K4_token_accuracy']);
    expect(sweepTable(r).rows[1]).toEqual([1, 0.9, 0.8]);
  });

  it('compute chart: a point per model with metrics, the others named as missing', () => {
    const i = info([lm(1, null, null, null), lm(2, 0.5, 2.5e6, 0.85e6), lm(4, 0.7, 2e6, 0.41e6), lm('baseline', 0.87, 2.9e6, 1.8e6)]);
    const b1 = frontierPoints(i, 'brier1');
    expect(b1.missing).toEqual(['K = 1']);
    expect(b1.points.map((p) => p.label)).toEqual(['CALM K = 2', 'CALM K = 4', 'baseline (1 token a step)']);
    expect(b1.points[0]).toMatchObject({ mflops: 2.5, backboneMflops: 0.85, value: 0.5, err: 0.01 });
    const lmPts = frontierPoints(i, 'brierLM');
    expect(lmPts.points[1].value).toBeCloseTo(35);
    expect(lmPts.points[1].err).toBeNull();
    expect(frontierTable(i).rows).toHaveLength(4);
  });

  it('the caption says what the numbers show, either way', () => {
    const trails = frontierCaption(info([lm(1, 0.6, 3.8e6, 1.8e6), lm(4, 0.7, 2e6, 0.41e6), lm('baseline', 0.87, 2.9e6, 1.8e6)]));
    expect(trails).toContain('At K = 1 CALM trails the baseline (Brier-1 0.600 vs 0.870)');
    expect(trails).toContain('1.80M at K = 1, 0.41M at K = 4');
    const beats = frontierCaption(info([lm(1, 0.9, 3.8e6, 1.8e6), lm('baseline', 0.87, 2.9e6, 1.8e6)]));
    expect(beats).toContain('does not trail the baseline here');
    expect(fmtMB(2_395_648)).toBe('2.4 MB');
  });

  it('sizes before loading: the autoencoders this panel fetches, what the race fetches, every model in a table', () => {
    const ae = (K: BandwidthAEInfo['K'], bytes: number, available = true): BandwidthAEInfo => ({
      K, name: K === 4 ? 'ae-robust' : `ae-k${K}`, latent: 32 * K, bytes, available, tokenAccuracy: null, noise03: null, noiseRel1: null, latentRms: null, params: null,
    });
    const i: BandwidthInfoResult = {
      aes: [ae(1, 1_060_000), ae(2, 1_150_000), ae(4, 4_800_000), ae(8, 0, false)],
      lms: [lm(1, null, null, null), lm(2, 0.5, 2.5e6, 0.85e6), lm(4, 0.7, 2e6, 0.41e6), lm('baseline', 0.87, 2.9e6, 1.8e6)],
      aeBytesToLoad: 2_210_000, lmBytesToLoad: 12_300_000, loaded: [4],
    };
    expect(aeLoadList(i)).toBe('K = 1 1.1 MB, K = 2 1.1 MB');
    expect(aeLoadList({ ...i, loaded: [1, 2, 4] })).toBe('');
    expect(raceLoadNote(i)).toBe('The first race fetches 12.3 MB of models (the K = 2 CALM among them). Not in this checkout: K = 1 (the race goes without it).');
    expect(raceLoadNote({ ...i, lmBytesToLoad: 0, lms: i.lms.filter((l) => l.available) })).toBe('Its models are loaded.');
    const rows = sizeRows(i);
    expect(rows.map((r) => r.model)).toEqual(['ae-k1', 'ae-k2', 'ae-robust', 'ae-k8', '1', '2', '4', 'baseline']);
    expect(rows.map((r) => r.status)).toEqual([
      'loads with this panel', 'loads with this panel', 'loaded', 'not in this checkout', 'not in this checkout', 'for the race', 'for the race', 'for the race',
    ]);
    expect(rows[1].what).toBe('autoencoder, K = 2 (64 numbers a vector)');
    expect(rows[7].what).toBe('language model, discrete baseline');
    expect(sizeRows({ ...i, lmBytesToLoad: 0 })[6].status).toBe('loaded');
  });
});
