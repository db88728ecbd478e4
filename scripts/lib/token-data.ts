/**
 * Node-only: tokenised corpora, cached on disk (keyed by the tokenizer file's hash), as
 * document token streams ready to be cut into K-token chunks.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BpeTokenizer } from '../../src/model/tokenizer.ts';
import { splitCorpus, type CorpusName } from '../../src/corpus/corpus.ts';
import { loadCorpus, REPO_ROOT } from '../../src/corpus/load-node.ts';
import { documentStream } from '../../src/model/chunking.ts';
import { WEIGHTS_DIR, sha256Of } from './manifest.ts';
import { Mulberry32, randInt } from '../../src/model/random.ts';

export const CACHE_DIR = path.join(REPO_ROOT, '.cache');

export function loadTokenizer(): { tok: BpeTokenizer; sha: string } {
  const file = path.join(WEIGHTS_DIR, 'tokenizer.json');
  if (!existsSync(file)) throw new Error('public/weights/tokenizer.json is missing: run `npm run train:tokenizer` first');
  const buf = readFileSync(file);
  return { tok: BpeTokenizer.fromHuggingFaceJSON(JSON.parse(buf.toString('utf8'))), sha: sha256Of(buf) };
}

/** Token ids of every document of one split, each as its own array (no eos framing). */
export function tokenizedDocs(corpus: CorpusName, split: 'train' | 'heldout'): Int32Array[] {
  const { tok, sha } = loadTokenizer();
  mkdirSync(CACHE_DIR, { recursive: true });
  const cache = path.join(CACHE_DIR, `tokens-${sha.slice(0, 12)}-${corpus}-${split}.bin`);
  if (existsSync(cache)) {
    const raw = new Int32Array(new Uint8Array(readFileSync(cache)).buffer);
    const nDocs = raw[0];
    const docs: Int32Array[] = [];
    let off = 1 + nDocs;
    for (let i = 0; i < nDocs; i++) {
      docs.push(raw.subarray(off, off + raw[1 + i]));
      off += raw[1 + i];
    }
    return docs;
  }
  const docs = splitCorpus(loadCorpus(corpus).documents)[split].map((d) => Int32Array.from(tok.encode(d.text)));
  const total = docs.reduce((a, d) => a + d.length, 0);
  const raw = new Int32Array(1 + docs.length + total);
  raw[0] = docs.length;
  let off = 1 + docs.length;
  docs.forEach((d, i) => {
    raw[1 + i] = d.length;
    raw.set(d, off);
    off += d.length;
  });
  writeFileSync(cache, new Uint8Array(raw.buffer));
  return docs;
}

/** Seed of the per-document left padding (one fixed draw per document, shared by every run). */
export const DOC_PAD_SEED = 20261204;

/**
 * Each document's left padding 0 … K−1, drawn once from a fixed seed (so a posterior cache of the
 * padded stream is shared by every run that uses it).
 */
export function docLeftPads(nDocs: number, K: number): Int32Array {
  const rng = new Mulberry32(DOC_PAD_SEED);
  const out = new Int32Array(nDocs);
  for (let i = 0; i < nDocs; i++) out[i] = randInt(rng, K);
  return out;
}

/**
 * All K-token chunks of a split (documents framed with eos as in training), flattened [n·K].
 * `skipFirstChunk` drops each document's leading eos chunk; `padDocs` gives each document its fixed
 * random left padding (docLeftPads).
 */
export function corpusChunks(
  corpus: CorpusName, split: 'train' | 'heldout', K: number, eosId: number, skipFirstChunk = false, padDocs = false,
): Int32Array {
  const docs = tokenizedDocs(corpus, split);
  const pads = padDocs ? docLeftPads(docs.length, K) : new Int32Array(docs.length);
  const streams = docs.map((d, i) => documentStream(d, K, eosId, pads[i]).subarray(skipFirstChunk ? K : 0));
  const total = streams.reduce((a, s) => a + s.length, 0);
  const out = new Int32Array(total);
  let off = 0;
  for (const s of streams) {
    out.set(s, off);
    off += s.length;
  }
  return out;
}
