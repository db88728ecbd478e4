import { describe, expect, it } from 'vitest';
import { contextFull, endedText, haltReason } from './halt.ts';

const counters = (contextChunks: number, maxChunks = 32) => ({
  steps: 0, tokens: 0, K: 4, backbonePositions: 0, headCalls: 0, decodeCalls: 0, draws: 0, contextChunks, maxChunks,
});

describe('haltReason', () => {
  it('goes on when nothing stops it', () => {
    expect(haltReason({ blocked: null, counters: counters(5), steps: [{ endOfText: false }] }, true)).toBeNull();
    expect(haltReason({ blocked: null, counters: counters(3), steps: [] }, true)).toBeNull();
  });
  it('an end-of-text chunk stops Step only while stopAtEnd is on', () => {
    const v = { blocked: 'The model wrote <|endoftext|>…', counters: counters(6), steps: [{ endOfText: false }, { endOfText: true }] };
    expect(endedText(v)).toBe(true);
    expect(haltReason(v, true)).toBe(v.blocked);
    expect(haltReason(v, false)).toBeNull();
    // An end of text earlier in the text does not stop it.
    expect(haltReason({ ...v, blocked: null, steps: [{ endOfText: true }, { endOfText: false }] }, true)).toBeNull();
  });
  it('a full context stops Step either way', () => {
    const v = { blocked: 'The context is full…', counters: counters(33), steps: [{ endOfText: true }] };
    expect(contextFull(v)).toBe(true);
    expect(haltReason(v, false)).toBe(v.blocked);
    expect(contextFull({ ...v, counters: counters(32) })).toBe(false);
  });
});
