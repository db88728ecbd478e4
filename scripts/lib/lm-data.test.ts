import { describe, expect, it } from 'vitest';
import { docLeftPads, corpusChunks, loadTokenizer, tokenizedDocs } from './token-data.ts';
import { promptWindowsByResidue, EVAL_CONTEXT } from './lm-eval.ts';
import { leftPadPrompt } from '../../src/model/chunking.ts';

describe('language-model training data', () => {
  it('per-document left padding is fixed, covers 0 … K−1 about evenly, and shifts the text', () => {
    const a = docLeftPads(4000, 4);
    expect([...docLeftPads(4000, 4)]).toEqual([...a]);
    const counts = [0, 0, 0, 0];
    for (const p of a) counts[p]++;
    // Each residue 1000 ± 4·√(4000·¼·¾) ≈ 1000 ± 110 (a fixed seed: this either always passes or never).
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThan(110);
    const { tok } = loadTokenizer();
    const docs = tokenizedDocs('stories', 'heldout');
    const plain = corpusChunks('stories', 'heldout', 4, tok.eosId);
    const padded = corpusChunks('stories', 'heldout', 4, tok.eosId, false, true);
    const pads = docLeftPads(docs.length, 4);
    // The first document: [eos×4, eos×pad, its tokens…].
    expect([...padded.subarray(4 + pads[0], 4 + pads[0] + 20)]).toEqual([...docs[0].subarray(0, 20)]);
    expect([...padded.subarray(0, 4 + pads[0])].every((t) => t === tok.eosId)).toBe(true);
    expect(padded.length % 4).toBe(0);
    expect(padded.length).toBeGreaterThanOrEqual(plain.length);
  });

  it('prompt windows frame a prompt of each length as generation does, grouped by length mod K', () => {
    const { tok } = loadTokenizer();
    const lengths = [4, 5, 6, 7, 9];
    const groups = promptWindowsByResidue('stories', tok.eosId, 3, lengths);
    expect(groups.map((g) => g.length)).toEqual([3, 6, 3, 3]); // 3 documents × lengths {4}, {5, 9}, {6}, {7}
    const doc = tokenizedDocs('stories', 'heldout').find((d) => d.length >= 13 && !d.subarray(0, 13).includes(tok.eosId)) as Int32Array;
    const w = groups[1][0]; // the first document, L = 5
    const framed = leftPadPrompt(doc.subarray(0, 5), 4, tok.eosId);
    expect([...w.subarray(EVAL_CONTEXT - framed.length, EVAL_CONTEXT)]).toEqual([...framed]);
    expect([...w.subarray(0, EVAL_CONTEXT - framed.length)].every((t) => t === tok.eosId)).toBe(true);
    expect([...w.subarray(EVAL_CONTEXT)]).toEqual([...doc.subarray(5, 9)]);
  });
});
