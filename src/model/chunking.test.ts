import { describe, expect, it } from 'vitest';
import { documentStream, leftPadPrompt } from './chunking.ts';

const EOS = 9;

describe('document framing', () => {
  it('frames a document as [eos×K, ids, eos, eos padding] by default', () => {
    expect([...documentStream([1, 2, 3], 4, EOS)]).toEqual([9, 9, 9, 9, 1, 2, 3, 9]);
    expect([...documentStream([1, 2, 3, 4], 4, EOS)]).toEqual([9, 9, 9, 9, 1, 2, 3, 4, 9, 9, 9, 9]);
  });

  it('left padding shifts the text against the chunk grid and keeps whole chunks', () => {
    expect([...documentStream([1, 2, 3], 4, EOS, 1)]).toEqual([9, 9, 9, 9, 9, 1, 2, 3, 9, 9, 9, 9]);
    expect([...documentStream([1, 2, 3], 4, EOS, 3)]).toEqual([9, 9, 9, 9, 9, 9, 9, 1, 2, 3, 9, 9]);
    expect(() => documentStream([1], 4, EOS, 4)).toThrow(/leftPad/);
    expect(() => documentStream([1], 4, EOS, -1)).toThrow(/leftPad/);
  });

  it('a prompt of any length, framed as generation frames it, is a chunk pattern of some padded document', () => {
    const doc = [1, 2, 3, 4, 5, 6, 7];
    for (let L = 1; L <= doc.length; L++) {
      // Generation: an eos chunk, then the prompt left-padded to whole chunks.
      const framed = [EOS, EOS, EOS, EOS, ...leftPadPrompt(doc.slice(0, L), 4, EOS)];
      const pad = (4 - (L % 4)) % 4;
      const trained = [...documentStream(doc, 4, EOS, pad)];
      expect(trained.slice(0, framed.length)).toEqual(framed);
    }
  });
});
