import { describe, expect, it } from 'vitest';
import { lmHistory, trainFlopsPerToken, type ManifestModel } from './manifest.ts';

const model = (training: ManifestModel['training']): ManifestModel => ({ kind: 'calm', config: {}, files: [], training });

describe('manifest: a language model’s training history', () => {
  it('reads checkpoint entries, keeping Brier-1, its standard error and the training FLOPs where recorded', () => {
    const h = lmHistory(model({
      history: [
        { step: 0, seconds: 0, loss: null, heldoutLoss: 8.3, tokens: 0, trainFlops: 0, brier1: 0.001, brier1Stderr: 0.0004 },
        { step: 100, seconds: 112, loss: 19.6, heldoutLoss: 18.3, tokens: 409600 },
      ],
    }));
    expect(h).toEqual([
      { step: 0, seconds: 0, loss: null, heldoutLoss: 8.3, tokens: 0, trainFlops: 0, brier1: 0.001, brier1Stderr: 0.0004 },
      { step: 100, seconds: 112, loss: 19.6, heldoutLoss: 18.3, tokens: 409600 },
    ]);
  });

  it('drops malformed entries and invalid optional numbers instead of throwing', () => {
    const h = lmHistory(model({
      history: [
        null, 7, 'x', [],
        { step: 'one', seconds: 1, tokens: 1 },
        { step: 1, seconds: -1, tokens: 1 },
        { step: 2, seconds: 3, tokens: Number.NaN },
        { step: 3, seconds: 4, tokens: 10, loss: 'high', heldoutLoss: null, trainFlops: -5, brier1: Infinity, brier1Stderr: -0.1 },
        { step: 4, seconds: 5, tokens: 20, brier1: -0.002, brier1Stderr: 0.001 },
      ],
    }));
    expect(h).toEqual([
      { step: 3, seconds: 4, tokens: 10, loss: null, heldoutLoss: null },
      { step: 4, seconds: 5, tokens: 20, loss: null, heldoutLoss: null, brier1: -0.002, brier1Stderr: 0.001 },
    ]);
  });

  it('reads no history from models without one, or with a history that is not a list', () => {
    expect(lmHistory(undefined)).toEqual([]);
    expect(lmHistory(model(undefined))).toEqual([]);
    expect(lmHistory(model({ history: { step: 1 } }))).toEqual([]);
  });

  it('reads the training FLOPs per token only when positive and finite', () => {
    expect(trainFlopsPerToken(model({ trainFlopsPerToken: 9.8e6 }))).toBe(9.8e6);
    expect(trainFlopsPerToken(model({ trainFlopsPerToken: 0 }))).toBeNull();
    expect(trainFlopsPerToken(model({}))).toBeNull();
    expect(trainFlopsPerToken(model({ trainFlopsPerToken: '1e6' as unknown as number }))).toBeNull();
  });
});
