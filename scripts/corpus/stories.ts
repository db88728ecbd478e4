/**
 * Write data/stories.json.gz: synthetic TinyStories-style stories (see stories-generator.ts).
 *
 *   npm run corpus:stories [-- --seed N] [-- --stories N] [-- --out path]
 *
 * Same seed and count -> byte-identical file. Prints stories, words, estimated tokens
 * (words + punctuation marks) and distinct word types to stderr.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { corpusPath } from '../../src/corpus/load-node.ts';
import { DEFAULT_SEED, DEFAULT_STORIES, buildCorpus, storyStats } from './stories-generator.ts';

function parseArgs(argv: string[]): { seed: number; stories: number; out: string } {
  let seed = DEFAULT_SEED;
  let stories = DEFAULT_STORIES;
  let out = corpusPath('stories');
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v: string) => {
      if (!/^\d+$/.test(v)) throw new Error(`${flag} needs a non-negative integer, got "${v}"`);
      return Number(v);
    };
    if (flag === '--seed') seed = int(value());
    else if (flag === '--stories') stories = int(value());
    else if (flag === '--out') out = path.resolve(value());
    else if (flag === '--help' || flag === '-h') {
      process.stderr.write('usage: tsx scripts/corpus/stories.ts [--seed N] [--stories N] [--out FILE]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}`);
  }
  return { seed, stories, out };
}

function main(): void {
  const { seed, stories, out } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const corpus = buildCorpus(seed, stories);
  const st = storyStats(corpus.documents.map((d) => d.text));
  const gz = gzipSync(Buffer.from(JSON.stringify(corpus), 'utf8'), { level: 9 });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, gz);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  process.stderr.write(
    `stories: ${st.stories}, words: ${st.words}, est. tokens: ${st.tokens}, vocab: ${st.vocab} word types\n` +
      `wrote ${path.relative(process.cwd(), out) || out} (${(gz.byteLength / 1024 / 1024).toFixed(2)} MiB, seed ${seed}) in ${secs} s\n`,
  );
}

main();
