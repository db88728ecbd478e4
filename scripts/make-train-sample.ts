/**
 * `npm run train-sample` — the Train panel's static training text: a sample of the `stories` training
 * split and of its held-out split, as K = 4 chunks of token ids (documents framed with end-of-text as in
 * training), written to public/train/stories.bin (little-endian uint16 ids: the training chunks, then the
 * held-out chunks) with public/train/stories.json (counts, tokenizer and file SHA-256). The page loads
 * them when the Train panel opens; the service worker keeps them for offline use.
 *
 *   --train-chunks N     training chunks (default 65536: 262,144 tokens, the first N of the split)
 *   --heldout-chunks N   held-out chunks (default 512: 2,048 tokens, the first N of the held-out split)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, numArg, log } from './lib/args.ts';
import { corpusChunks, loadTokenizer } from './lib/token-data.ts';
import { sha256Of } from './lib/manifest.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { TRAIN_SAMPLE_K, type TrainSampleMeta } from '../src/model/train-sample.ts';

const args = parseArgs(process.argv.slice(2));
const trainChunks = numArg(args, 'train-chunks', 65536);
const heldoutChunks = numArg(args, 'heldout-chunks', 512);
const K = TRAIN_SAMPLE_K;
const { tok, sha } = loadTokenizer();
if (tok.vocabSize > 65536) throw new Error('the sample stores ids as uint16: the vocabulary is too large');
const train = corpusChunks('stories', 'train', K, tok.eosId);
const held = corpusChunks('stories', 'heldout', K, tok.eosId);
if (train.length < trainChunks * K || held.length < heldoutChunks * K) throw new Error('the stories splits are smaller than the sample asked for');
const ids = new Uint16Array((trainChunks + heldoutChunks) * K);
ids.set(train.subarray(0, trainChunks * K), 0);
ids.set(held.subarray(0, heldoutChunks * K), trainChunks * K);
const bytes = new Uint8Array(ids.buffer);
const outDir = path.join(REPO_ROOT, 'public', 'train');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'stories.bin'), bytes);
const meta: TrainSampleMeta = {
  format: 'calm-playground-train-sample',
  corpus: 'stories',
  K,
  dtype: 'uint16',
  trainChunks,
  heldoutChunks,
  splitChunks: { train: train.length / K, heldout: held.length / K },
  vocabSize: tok.vocabSize,
  tokenizerSha256: sha,
  file: 'stories.bin',
  bytes: bytes.length,
  sha256: sha256Of(bytes),
};
writeFileSync(path.join(outDir, 'stories.json'), JSON.stringify(meta, null, 1) + '\n');
log(`[train-sample] ${trainChunks} training chunks (${trainChunks * K} tokens, of ${train.length / K} in the split) and ${heldoutChunks} held-out chunks: ${bytes.length} bytes`);
