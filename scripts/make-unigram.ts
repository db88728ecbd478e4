/**
 * `npm run unigram` — token frequencies of each corpus's TRAINING split (never the held-out documents),
 * written to public/heldout/<set>-unigram.json for the Evaluate panel's unigram floor:
 *   {set, description, tokens, vocabSize, counts: [count of token id 0, 1, …, V−1]}
 * The evaluation smooths them add-one (src/model/evaluate.ts unigramProbabilities), as eval:lm does.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { CORPORA } from '../src/corpus/corpus.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { loadTokenizer, tokenizedDocs } from './lib/token-data.ts';
import { log } from './lib/args.ts';

const { tok } = loadTokenizer();
for (const set of CORPORA) {
  const counts = new Array<number>(tok.vocabSize).fill(0);
  let tokens = 0;
  for (const d of tokenizedDocs(set, 'train')) {
    for (const t of d) counts[t]++;
    tokens += d.length;
  }
  const file = {
    set,
    description: `Token counts of the ${set} training split (${tokens} tokens; documents without eos framing), for the unigram floor.`,
    tokens,
    vocabSize: tok.vocabSize,
    counts,
  };
  const out = path.join(REPO_ROOT, 'public', 'heldout', `${set}-unigram.json`);
  writeFileSync(out, JSON.stringify(file) + '\n');
  log(`${set}: ${tokens} training tokens → ${path.relative(REPO_ROOT, out)}`);
}
