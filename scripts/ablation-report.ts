/**
 * `npx tsx scripts/ablation-report.ts` — the table of every finished ablation run
 * (checkpoints/sweep/<tag>/result.json, written by `train-lm.ts --tag`), in the order of the queue file,
 * written into docs/calm-ablation.md between the `<!-- ablation-table -->` markers (the prose around
 * them is kept). Also prints the rows as JSON lines on stdout.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { log } from './lib/args.ts';

const queue = process.env.QUEUE ?? path.join(REPO_ROOT, 'scripts', 'ablation-runs.txt');
const doc = path.join(REPO_ROOT, 'docs', 'calm-ablation.md');
const lines = readFileSync(queue, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const e = (x: number) => (Number.isFinite(x) ? x.toExponential(1) : '–');
const rows: string[] = [];
let heldout = '';
for (const line of lines) {
  const [tag, ...rest] = line.split(/\s+/);
  const file = path.join(REPO_ROOT, 'checkpoints', 'sweep', tag, 'result.json');
  if (!existsSync(file)) continue;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const s = r.scores;
  process.stdout.write(JSON.stringify({ tag, args: rest.join(' '), ...r }) + '\n');
  const prompt = (s.promptBrier1 as number[]).map((b, i) => `${f(b, 2)}±${f(s.promptBrier1Stderr[i], 2)}`).join(' / ');
  const fl = r.fluency;
  const fluency = fl
    ? `${f(fl.calmT1.lexiconRate)} | ${f(fl.calmTHalf.lexiconRate)} / ${f(fl.calmTHalf.judgeCE, 2)} / ${f(fl.calmTHalf.distinct2, 2)} / ${f(fl.calmTHalf.fallbackRate, 2)}`
    : '– | –';
  if (fl) heldout = `held-out text: judge CE ${f(fl.heldout.judgeCE, 2)} nats/token, distinct-2 ${f(fl.heldout.distinct2, 2)}, lexicon rate ${f(fl.heldout.lexiconRate)}`;
  rows.push(`| ${tag} | \`${rest.join(' ') || '–'}\` | ${r.step} | ${(r.tokens / 1e6).toFixed(2)}M | ${Math.round(r.tokens / r.seconds)} | ${f(r.heldoutLoss, 2)} | **${f(s.brier[0])}** ± ${f(s.stderr[0])} | ${f(s.brier[1])} | ${e(s.brier[2])} | ${e(s.brier[3])} | ${f(s.repeatRate, 2)} | ${prompt} | ${fluency} |`);
}
const table = `<!-- ablation-table -->
| run | settings changed | steps | tokens | tok/s | held-out energy loss | Brier-1 ± s.e. | Brier-2 | Brier-3 | Brier-4 | repeat rate | Brier-1 at prompt length mod 4 = 0 / 1 / 2 / 3 | T = 1 lexicon rate | T = ½ (batch, N = 200): lexicon rate / judge CE / distinct-2 / fallback rate |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Fluency reference (the same 20 prompts), ${heldout || 'not measured yet'}.
<!-- /ablation-table -->`;
const old = existsSync(doc) ? readFileSync(doc, 'utf8') : '# CALM ablation\n\n<!-- ablation-table -->\n<!-- /ablation-table -->\n';
const out = old.replace(/<!-- ablation-table -->[\s\S]*<!-- \/ablation-table -->/, table);
writeFileSync(doc, out);
log(`wrote ${rows.length} rows into docs/calm-ablation.md`);
