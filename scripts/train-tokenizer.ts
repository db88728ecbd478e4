/**
 * `npm run train:tokenizer`: train the byte-level BPE tokenizer (4,096 tokens) on the
 * TRAINING documents of both corpora, write public/weights/tokenizer.json, and record it
 * in public/weights/manifest.json. Progress goes to stderr; a summary (including
 * characters per token on each corpus's held-out documents) goes to stdout.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { BpeTokenizer } from '../src/model/tokenizer.ts';
import { loadCorpus } from '../src/corpus/load-node.ts';
import { splitCorpus, CORPORA, type CorpusDocument } from '../src/corpus/corpus.ts';
import { updateManifest, fileEntry, WEIGHTS_DIR } from './lib/manifest.ts';

const VOCAB_SIZE = 4096;
const OUT_FILE = 'tokenizer.json';

const t0 = performance.now();
const elapsed = () => ((performance.now() - t0) / 1000).toFixed(1);
const log = (msg: string) => process.stderr.write(`[train-tokenizer ${elapsed()}s] ${msg}\n`);

// Training documents only: the held-out split must stay unseen.
const train: CorpusDocument[] = [];
const heldout = new Map<string, CorpusDocument[]>();
for (const name of CORPORA) {
  const split = splitCorpus(loadCorpus(name).documents);
  train.push(...split.train);
  heldout.set(name, split.heldout);
  const chars = split.train.reduce((a, d) => a + d.text.length, 0);
  log(`${name}: ${split.train.length} training documents, ${chars.toLocaleString('en-US')} characters`);
}
const characters = train.reduce((a, d) => a + d.text.length, 0);

log(`training ${VOCAB_SIZE} tokens on ${train.length} documents (${characters.toLocaleString('en-US')} characters)`);
const trainStart = performance.now();
let lastReport = 0;
const tok = BpeTokenizer.train(
  train.map((d) => d.text),
  {
    vocabSize: VOCAB_SIZE,
    onProgress: (merges, total) => {
      const now = performance.now();
      if (now - lastReport < 2000 && merges < total) return;
      lastReport = now;
      log(`merges ${merges}/${total}`);
    },
  },
);
const seconds = Math.round((performance.now() - trainStart) / 100) / 10;
if (tok.vocabSize !== VOCAB_SIZE) {
  throw new Error(`the corpora only supported ${tok.vocabSize} tokens, not ${VOCAB_SIZE}`);
}
log(`trained in ${seconds}s (${tok.mergeCount} merges)`);

mkdirSync(WEIGHTS_DIR, { recursive: true });
writeFileSync(path.join(WEIGHTS_DIR, OUT_FILE), JSON.stringify(tok.toHuggingFaceJSON()) + '\n');
updateManifest((m) => {
  m.tokenizer = {
    ...fileEntry(OUT_FILE),
    vocabSize: VOCAB_SIZE,
    padId: BpeTokenizer.PAD_ID,
    eosId: tok.eosId,
    training: { corpora: [...CORPORA], documents: train.length, characters, seconds },
  };
});
log(`wrote public/weights/${OUT_FILE} and updated manifest.json`);

// Compression on held-out text (never seen in training).
const words = (s: string) => s.match(/\S+/g)?.length ?? 0;
for (const [name, docs] of heldout) {
  let chars = 0;
  let tokens = 0;
  let nWords = 0;
  for (const d of docs) {
    chars += d.text.length;
    tokens += tok.encode(d.text).length;
    nWords += words(d.text);
  }
  console.log(
    `${name} held-out: ${docs.length} docs, ${tokens.toLocaleString('en-US')} tokens, ` +
      `${(chars / tokens).toFixed(2)} chars/token, ${(tokens / nWords).toFixed(3)} tokens/word`,
  );
}
console.log(`tokenizer: ${tok.vocabSize} tokens, ${characters.toLocaleString('en-US')} training characters, ${seconds}s`);
