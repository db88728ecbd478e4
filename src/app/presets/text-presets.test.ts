import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../corpus/load-node.ts';
import { TEXT_PRESETS } from './text-presets.ts';

function heldout(set: string): string[] {
  const d = JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', `${set}.json`), 'utf8')) as { passages: { text: string }[] };
  return d.passages.map((p) => p.text);
}

describe('text presets', () => {
  it('held-out presets are verbatim held-out text', () => {
    const sets = { 'austen-heldout': heldout('austen'), 'stories-heldout': heldout('stories') } as Record<string, string[]>;
    const held = TEXT_PRESETS.filter((p) => p.source !== 'modern');
    expect(held.map((p) => p.source)).toEqual(expect.arrayContaining(['austen-heldout', 'stories-heldout']));
    for (const p of held) expect(sets[p.source].some((t) => t.includes(p.text))).toBe(true);
  });
  it('modern presets appear in neither training corpus', () => {
    const corpora = ['austen', 'stories'].map((n) =>
      (JSON.parse(gunzipSync(readFileSync(path.join(REPO_ROOT, 'data', `${n}.json.gz`))).toString('utf8')) as { documents: { text: string }[] })
        .documents.map((d) => d.text).join('\n'),
    );
    const modern = TEXT_PRESETS.filter((p) => p.source === 'modern');
    expect(modern.length).toBeGreaterThanOrEqual(3);
    for (const p of modern) for (const c of corpora) expect(c.includes(p.text)).toBe(false);
  });
  it('ids are unique and texts non-empty', () => {
    expect(new Set(TEXT_PRESETS.map((p) => p.id)).size).toBe(TEXT_PRESETS.length);
    for (const p of TEXT_PRESETS) expect(p.text.trim().length).toBeGreaterThan(0);
  });
});
