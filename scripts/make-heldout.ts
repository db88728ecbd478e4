/**
 * `npm run heldout` — held-out passages for the browser (Evaluate, Temperature sweep, presets):
 * the first held-out documents of each corpus (index % 25 == 7, never trained on), as plain text,
 * written to public/heldout/<set>.json. The app tokenizes them with the committed tokenizer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPORA } from '../src/corpus/corpus.ts';
import { splitCorpus } from '../src/corpus/corpus.ts';
import { loadCorpus, REPO_ROOT } from '../src/corpus/load-node.ts';
import { loadTokenizer } from './lib/token-data.ts';
import { log } from './lib/args.ts';

/** Enough text for a 10k-token evaluation plus a sweep's contexts, small enough to ship. */
const TOKENS_PER_SET = 24_000;

export interface HeldoutFile {
  set: string;
  description: string;
  tokens: number;
  passages: { title?: string; text: string }[];
}

const { tok } = loadTokenizer();
const outDir = path.join(REPO_ROOT, 'public', 'heldout');
mkdirSync(outDir, { recursive: true });
for (const set of CORPORA) {
  const { heldout } = splitCorpus(loadCorpus(set).documents);
  const passages: HeldoutFile['passages'] = [];
  let tokens = 0;
  for (const d of heldout) {
    if (tokens >= TOKENS_PER_SET) break;
    const n = tok.encode(d.text).length;
    passages.push({ title: d.title, text: d.text });
    tokens += n;
  }
  const file: HeldoutFile = {
    set,
    description: `The first ${passages.length} held-out documents of the ${set} corpus (document index % 25 == 7: never seen in training).`,
    tokens,
    passages,
  };
  writeFileSync(path.join(outDir, `${set}.json`), JSON.stringify(file) + '\n');
  log(`${set}: ${passages.length} passages, ${tokens} tokens`);
}
