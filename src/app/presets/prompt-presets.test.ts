import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { BpeTokenizer } from '../../model/tokenizer.ts';
import { PROMPT_PRESETS } from './prompt-presets.ts';

const tok = BpeTokenizer.fromHuggingFaceJSON(JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'weights', 'tokenizer.json'), 'utf8')));

function heldout(set: string): string[] {
  const d = JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', `${set}.json`), 'utf8')) as { passages: { text: string }[] };
  return d.passages.map((p) => p.text);
}

describe('prompt presets', () => {
  it('are whole chunks of K = 4 tokens (no padding inside a chunk)', () => {
    for (const list of Object.values(PROMPT_PRESETS)) {
      for (const p of list) expect(tok.encode(p.text).length % 4, p.text).toBe(0);
    }
  });
  it('held-out presets open a held-out passage of their set', () => {
    for (const [set, list] of Object.entries(PROMPT_PRESETS)) {
      const passages = heldout(set);
      for (const p of list.filter((x) => x.kind === 'held-out')) expect(passages.some((t) => t.startsWith(p.text)), p.text).toBe(true);
    }
  });
  it('unseen presets name things neither training corpus mentions', () => {
    const corpora = ['austen', 'stories'].map((n) =>
      (JSON.parse(gunzipSync(readFileSync(path.join(REPO_ROOT, 'data', `${n}.json.gz`))).toString('utf8')) as { documents: { text: string }[] })
        .documents.map((d) => d.text).join('\n').toLowerCase(),
    );
    const words: Record<string, string> = { smartphone: 'smartphone', 'text message': 'text message', astronaut: 'astronaut' };
    for (const list of Object.values(PROMPT_PRESETS)) {
      const unseen = list.filter((x) => x.kind === 'unseen');
      expect(unseen.length).toBeGreaterThanOrEqual(2);
      for (const p of unseen) {
        const w = Object.keys(words).find((k) => p.text.toLowerCase().includes(k));
        expect(w, p.text).toBeDefined();
        for (const c of corpora) expect(c.includes(w!)).toBe(false);
      }
    }
  });
});
