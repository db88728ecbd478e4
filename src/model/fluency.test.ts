/** Fluency metrics (hand-computed small cases), prompt spans, the judge pass and the batch-sampler generation. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initTf, tf } from '../../scripts/lib/tf-node.ts';
import { initAutoencoder, type AEConfig } from './autoencoder.ts';
import { baselineLogits, initBaseline, type BaselineConfig } from './baseline.ts';
import { defaultCalmConfig, initCalm } from './calm.ts';
import {
  addWords, BASELINE_FRAME, distinct2, generateCalmTempered, judgeCrossEntropy, lexiconRate, meanCrossEntropy, paragraphPrompts,
  sampleWords, scoreFluency, takeRoundRobin, words,
} from './fluency.ts';
import { Mulberry32 } from './random.ts';

describe('words', () => {
  it('lower-cases, keeps inner apostrophes, strips quote-like apostrophes at both ends', () => {
    expect(words(`"Don't go," said Anne's DOG. 'Tis the dogs' bone!`)).toEqual(["don't", 'go', 'said', "anne's", 'dog', 'tis', 'the', 'dogs', 'bone']);
    expect(words("'Yes,' she said -- 42 times ''")).toEqual(['yes', 'she', 'said', 'times']);
    expect(words('')).toEqual([]);
    expect(words("... '' 123")).toEqual([]);
  });

  it('drops a cut-off last word only when the sample was cut inside a word', () => {
    expect(sampleWords('the cat sa', true)).toEqual(['the', 'cat']);
    expect(sampleWords('the cat sa', false)).toEqual(['the', 'cat', 'sa']);
    expect(sampleWords('the cat sat.', true)).toEqual(['the', 'cat', 'sat']);
    expect(sampleWords('the cat sat ', true)).toEqual(['the', 'cat', 'sat']);
    expect(sampleWords("the cat's", true)).toEqual(['the']);
    expect(sampleWords("the cat '", true)).toEqual(['the', 'cat']);
  });

  it('builds a lexicon with the same rule', () => {
    const lex = addWords(new Set(), "Tom's 'big' DOG");
    expect([...lex].sort()).toEqual(['big', 'dog', "tom's"]);
  });
});

describe('rates', () => {
  it('lexiconRate pools words over samples', () => {
    // a, b, a known; c, z not: 3 of 5.
    expect(lexiconRate([['a', 'b', 'c'], ['a', 'z']], new Set(['a', 'b']))).toBeCloseTo(0.6, 12);
    expect(lexiconRate([[], []], new Set(['a']))).toBeNaN();
  });

  it('distinct2 forms bigrams within samples and pools them', () => {
    // Sample 1: a b (1 bigram); sample 2: b a, a b (2). Pooled 3 bigrams, 2 distinct ("a b", "b a").
    // (Joined across the boundary it would be a b, b b, b a, a b: 3 of 4.)
    expect(distinct2([['a', 'b'], ['b', 'a', 'b']])).toBeCloseTo(2 / 3, 12);
    // A loop: the the the the → 3 bigrams, 1 distinct.
    expect(distinct2([['the', 'the', 'the', 'the']])).toBeCloseTo(1 / 3, 12);
    expect(distinct2([['x', 'y'], ['z', 'w']])).toBe(1);
    expect(distinct2([['one'], []])).toBeNaN();
  });

  it('meanCrossEntropy is per token, pooled (not a mean of per-sample means)', () => {
    // (6 + 1) / (3 + 1) = 1.75; the mean of the means would be (2 + 1) / 2 = 1.5.
    expect(meanCrossEntropy([{ nats: 6, tokens: 3 }, { nats: 1, tokens: 1 }])).toBeCloseTo(1.75, 12);
    expect(meanCrossEntropy([{ nats: 0, tokens: 0 }])).toBeNaN();
  });

  it('scoreFluency puts the pieces together', () => {
    const lex = new Set(['the', 'cat', 'sat', 'on', 'mat']);
    const f = scoreFluency([
      { text: 'The cat sat on the ma', cut: true, endOfText: false, nats: 12, tokens: 6 },
      { text: 'The cat zz.', cut: false, endOfText: true, nats: 3, tokens: 4 },
    ], lex);
    // Words: [the cat sat on the] (cut "ma" dropped) + [the cat zz] = 8; known 7.
    // Bigrams: the-cat, cat-sat, sat-on, on-the | the-cat, cat-zz = 6, distinct 5.
    expect(f).toEqual({
      samples: 2, words: 8, lexiconRate: 7 / 8, judgeCE: 15 / 10, distinct2: 5 / 6, tokens: 10, endOfText: 1,
    });
  });
});

describe('prompt spans', () => {
  it('takes the first sentence of each paragraph that has a real sentence end', () => {
    const text = 'Mrs. Bennet was restless. She walked.\n\nno sentence end here\n\n"Where?" asked Tom. Then.\n\nOne sentence only.';
    const spans = paragraphPrompts(text).map((s) => text.slice(s.start, s.end));
    expect(spans).toEqual(['Mrs. Bennet was restless.', '"Where?"', 'One sentence only.']);
  });

  it('round-robin takes the first item of every source, then the second, and stops at n', () => {
    expect(takeRoundRobin([[1, 2, 3], [4], [5, 6]], 5)).toEqual([1, 4, 5, 2, 6]);
    expect(takeRoundRobin([[1, 2, 3], [4], [5, 6]], 10)).toEqual([1, 4, 5, 2, 6, 3]);
    let pulled = 0;
    function* lazy(): Generator<number> {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    expect(takeRoundRobin([lazy(), lazy()], 3)).toEqual([0, 0, 1]);
    expect(pulled).toBe(3);
  });
});

const EOS = 1;

describe('judge and tempered generation (tiny models)', () => {
  beforeAll(async () => {
    await initTf('wasm');
  });

  it('judgeCrossEntropy equals the teacher-forced log-loss of each row scored alone', () => {
    const cfg: BaselineConfig = { vocabSize: 30, backbone: { d: 16, layers: 2, heads: 4, ffn: 24, maxLen: 32 } };
    const params = initBaseline(cfg, new Mulberry32(5));
    const prompt = [7, 8, 9];
    const conts = [[3, 4, 5, 6, 2], [10, EOS], [], [11, 12, 13]];
    const before = tf.memory().numTensors;
    const got = judgeCrossEntropy(params, cfg, prompt, conts, EOS);
    expect(tf.memory().numTensors).toBe(before);
    conts.forEach((c, r) => {
      const seq = [...Array(BASELINE_FRAME).fill(EOS), ...prompt, ...c];
      let want = 0;
      if (c.length > 0) {
        const lp = tf.tidy(() => tf.logSoftmax(baselineLogits(params, cfg, tf.tensor2d(seq, [1, seq.length], 'int32'))));
        const d = lp.dataSync();
        lp.dispose();
        const start = BASELINE_FRAME + prompt.length;
        for (let t = 0; t < c.length; t++) want -= d[(start + t - 1) * cfg.vocabSize + c[t]];
      }
      expect(got[r].tokens).toBe(c.length);
      expect(got[r].nats).toBeCloseTo(want, 3);
    });
    // An untrained model is near uniform over 30 tokens: about ln 30 nats per token.
    expect(got[0].nats / got[0].tokens).toBeGreaterThan(2);
    expect(() => judgeCrossEntropy(params, cfg, Array(20).fill(5), [Array(20).fill(6)], EOS)).toThrow(RangeError);
  });

  it('generateCalmTempered is seeded, frees its tensors, and counts fallbacks', async () => {
    const aeCfg: AEConfig = { K: 4, vocabSize: 30, d: 16, ffn: 32, latent: 8, variational: true };
    const calmCfg = defaultCalmConfig(4, 30, 8, { d: 16, layers: 1, heads: 2, ffn: 32, maxLen: 16 });
    const ae = initAutoencoder(aeCfg, new Mulberry32(1));
    const calm = initCalm(calmCfg, new Mulberry32(2));
    // Spread the head's output so that draws differ (an untrained head is nearly deterministic).
    calm.get('head.final2.w')!.assign(tf.randomNormal(calm.get('head.final2.w')!.shape, 0, 3, 'float32', 3));
    const before = tf.memory().numTensors;
    const a = await generateCalmTempered(calm, calmCfg, ae, aeCfg, [5, 6, 7], 16, EOS, 0.5, 8, 42);
    expect(tf.memory().numTensors).toBe(before);
    const b = await generateCalmTempered(calm, calmCfg, ae, aeCfg, [5, 6, 7], 16, EOS, 0.5, 8, 42);
    expect(b).toEqual(a);
    expect(a.steps).toBeGreaterThan(0);
    expect(a.steps).toBeLessThanOrEqual(4);
    expect(a.draws).toBe(8 * a.steps);
    expect(a.ids).not.toContain(EOS);
    if (!a.endOfText) expect(a.ids.length).toBe(4 * a.steps);
    expect(a.fallbacks).toBeGreaterThanOrEqual(0);
    expect(a.fallbacks).toBeLessThanOrEqual(a.steps);
    // N = 1 at T = ½: one draw can never occur twice, so every step falls back.
    const one = await generateCalmTempered(calm, calmCfg, ae, aeCfg, [5, 6, 7], 16, EOS, 0.5, 1, 7);
    expect(one.fallbacks).toBe(one.steps);
    // T = 1 never falls back.
    const t1 = await generateCalmTempered(calm, calmCfg, ae, aeCfg, [5, 6, 7], 16, EOS, 1, 4, 7);
    expect(t1.fallbacks).toBe(0);
    // A long prompt leaves room for fewer steps: 1 eos chunk + 10 prompt chunks of 16 leave 5.
    const long = await generateCalmTempered(calm, calmCfg, ae, aeCfg, Array.from({ length: 40 }, (_, i) => 2 + (i % 20)), 1000, EOS, 0.5, 4, 3);
    expect(long.steps).toBeLessThanOrEqual(5);
    expect(tf.memory().numTensors).toBe(before);
  });
});
