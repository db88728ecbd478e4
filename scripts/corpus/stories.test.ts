import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SEED,
  PLOT_NAMES,
  buildCorpus,
  generateStories,
  storyStats,
  words,
  type Story,
} from './stories-generator.ts';
import { article } from './stories/grammar.ts';

const SAMPLE = 3000;
const stories: Story[] = generateStories(DEFAULT_SEED, SAMPLE);

/** Speech verbs that may follow a closing quote in lower case: "Hi!" she said. */
const TAG = /^(?:(?:he|she|they|his|her|the|[a-z]+)\s+){0,2}(?:said|asked|shouted|called|whispered|cried|replied)\b/;

/**
 * Split a paragraph into sentences: a sentence ends at . ! or ? (maybe followed by a
 * closing quote) before whitespace. A closing quote that ends in ? or ! may be followed
 * by a lower-case dialogue tag, which then continues the same sentence.
 */
function sentences(paragraph: string): string[] {
  const raw = paragraph.split(/(?<=[.!?]"?)\s+/);
  const out: string[] = [];
  for (const s of raw) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /[!?]"$/.test(prev) && /^[a-z]/.test(s) && TAG.test(s)) out[out.length - 1] = `${prev} ${s}`;
    else out.push(s);
  }
  return out;
}

function problems(story: Story): string[] {
  const bad: string[] = [];
  const t = story.text;
  if (!/^[\x20-\x7e\n]+$/.test(t)) bad.push('non-ASCII or control character');
  if (/ {2}/.test(t)) bad.push('double space');
  if (/ \n|\n | $|^ /.test(t)) bad.push('space at a line edge');
  if (/\n{3,}/.test(t) || /(^|[^\n])\n([^\n]|$)/.test(t)) bad.push('paragraphs not separated by exactly one blank line');
  if (/[{}$<>[\]_\\|]|undefined|null|NaN|\[object/.test(t)) bad.push('unfilled slot or code fragment');
  if (/\b[A-Z]{2,}\b/.test(t.replace(/\bI\b/g, ''))) bad.push('placeholder-like upper-case word');
  if (/ [,.!?;:]/.test(t) || /[,;:][^\s"]/.test(t) || /[.!?,]{2}/.test(t)) bad.push('bad punctuation spacing');
  if (/[!?,]" (?:(?:He|She|They) (?:said|asked|shouted|called|whispered|cried)|Said|Asked|Shouted|Called|Whispered|Cried)\b/.test(t))
    bad.push('capitalised dialogue tag after a quote');
  const dup = t.match(/\b(\w+) \1\b/i);
  if (dup && dup[1].toLowerCase() !== 'choo') bad.push(`doubled word "${dup[0]}"`);
  for (const m of t.matchAll(/\b(a|an|A|An) ([A-Za-z]+)/g)) {
    const want = article(m[2]);
    if (m[1].toLowerCase() !== want) bad.push(`"${m[0]}" should use "${want}"`);
  }
  for (const p of t.split('\n\n')) {
    if ((p.match(/"/g) ?? []).length % 2 !== 0) bad.push(`unbalanced quotes: ${p.slice(0, 60)}`);
    for (const s of sentences(p)) {
      if (!/^"?[A-Z]/.test(s)) bad.push(`sentence does not start with a capital: ${s}`);
      if (!/[.!?]"?$/.test(s)) bad.push(`sentence does not end with . ! or ?: ${s}`);
    }
  }
  return bad;
}

const HE = /\b(he|him|his|himself)\b/i;
const SHE = /\b(she|her|hers|herself)\b/i;

describe('stories generator', () => {
  it('is deterministic: same seed, same stories; other seed, other stories', () => {
    const again = generateStories(DEFAULT_SEED, 200);
    expect(again.map((s) => s.text)).toEqual(stories.slice(0, 200).map((s) => s.text));
    expect(JSON.stringify(buildCorpus(7, 50))).toBe(JSON.stringify(buildCorpus(7, 50)));
    const other = generateStories(DEFAULT_SEED + 1, 200);
    const same = other.filter((s, i) => s.text === stories[i].text).length;
    expect(same).toBe(0);
  });

  it('story i does not depend on how many stories are asked for', () => {
    expect(generateStories(DEFAULT_SEED, 10).map((s) => s.text)).toEqual(stories.slice(0, 10).map((s) => s.text));
  });

  it('builds a corpus file of documents titled "story N"', () => {
    const c = buildCorpus(DEFAULT_SEED, 5);
    expect(c.name).toBe('stories');
    expect(c.source).toMatch(/stories-generator\.ts.*seed 20261128/);
    expect(c.documents.map((d) => d.title)).toEqual(['story 0', 'story 1', 'story 2', 'story 3', 'story 4']);
    expect(Object.keys(c.documents[0]).sort()).toEqual(['text', 'title']);
  });

  it('uses many plot templates and both boys and girls as heroes', () => {
    const plots = new Set(stories.map((s) => s.meta.plot));
    expect(plots.size).toBe(PLOT_NAMES.length);
    expect(plots.size).toBeGreaterThanOrEqual(8);
    const girls = stories.filter((s) => s.meta.hero.gender === 'girl').length;
    expect(girls / SAMPLE).toBeGreaterThan(0.4);
    expect(girls / SAMPLE).toBeLessThan(0.6);
    expect(new Set(stories.map((s) => s.meta.hero.name)).size).toBeGreaterThanOrEqual(40);
    expect(new Set(stories.map((s) => s.text)).size).toBe(SAMPLE);
  });

  it('keeps pronouns consistent: a story whose people are all girls never says he, and vice versa', () => {
    let checked = 0;
    const perPlot = new Map<string, number>();
    for (const s of stories) {
      const genders = new Set(s.meta.cast.map((p) => p.gender));
      if (genders.size !== 1) continue;
      checked++;
      perPlot.set(s.meta.plot, (perPlot.get(s.meta.plot) ?? 0) + 1);
      const wrong = genders.has('girl') ? HE : SHE;
      const m = s.text.match(wrong);
      expect(m, `${s.title} (${s.meta.plot}, ${s.meta.cast.map((p) => p.name).join(', ')}): "${m?.[0]}"\n${s.text}`).toBeNull();
      // The hero is named in the story and introduced with the right word.
      expect(s.text).toContain(s.meta.hero.name);
    }
    expect(checked).toBeGreaterThan(SAMPLE / 5);
    for (const plot of PLOT_NAMES) expect(perPlot.get(plot) ?? 0, plot).toBeGreaterThan(10);
  });

  it('never calls the hero by the other gender in the first paragraph', () => {
    // The first paragraph is about the hero alone (plus, at most, a named friend).
    for (const s of stories) {
      const first = s.text.split('\n\n')[0];
      if (s.meta.cast.some((p) => p !== s.meta.hero && first.includes(p.name))) continue;
      if (/\b(mom|dad|grandma|grandpa|teacher)\b/i.test(first)) continue;
      const wrong = s.meta.hero.gender === 'girl' ? HE : SHE;
      expect(first.match(wrong), `${s.title}: ${first}`).toBeNull();
      if (/\b(boy|girl)\b/.test(first)) expect(first).toMatch(s.meta.hero.gender === 'girl' ? /\bgirl\b/ : /\bboy\b/);
    }
  });

  it('has a text checker that catches bad text (so the checks below mean something)', () => {
    const mk = (text: string): Story => ({ title: 't', text, meta: stories[0].meta });
    const bad = ['Tom ran. he fell.', 'Tom saw a apple.', 'Tom saw an ball.', 'Tom  ran.', 'Tom ran', '"Hi?" Asked Tom.',
      'Tom had {toy}.', 'Tom ran .', 'Tom said, "Hi.', 'Tom ran.\nHe fell.', 'the dog ran.', 'Tom saw the the dog.', 'Tom met HERO.', 'Tom ate undefined.'];
    for (const t of bad) expect(problems(mk(t)).length, t).toBeGreaterThan(0);
    const good = ['"Can I play too?" asked Tom.', '"Hi!" she said. Tom ran.', 'Tom said, "Yes!" Then he ran.', '"Hi," said his mom.', 'An elephant saw a unicorn.'];
    for (const t of good) expect(problems(mk(t)), t).toEqual([]);
  });

  it('writes grammatical, well-punctuated, plain-ASCII text with no unfilled slots', () => {
    const failures: string[] = [];
    for (const s of stories) for (const p of problems(s)) failures.push(`${s.title}: ${p}`);
    expect(failures.slice(0, 20)).toEqual([]);
  });

  it('has a beginning, a middle and an end of a sensible length', () => {
    for (const s of stories) {
      const paras = s.text.split('\n\n');
      expect(paras.length).toBeGreaterThanOrEqual(3);
      const n = words(s.text).length;
      expect(n, s.title).toBeGreaterThanOrEqual(80);
      expect(n, s.title).toBeLessThanOrEqual(280);
      expect(paras[0]).toMatch(/Once upon a time|There once was|One day|was (a|an) |were best friends|years old/);
    }
  });

  it('uses quoted dialogue and the connectives because / so / but / then', () => {
    const all = stories.map((s) => s.text).join('\n');
    for (const w of ['because', 'so', 'but', 'then']) expect(all).toMatch(new RegExp(`\\b${w}\\b`, 'i'));
    const withDialogue = stories.filter((s) => /"[A-Z][^"]*[.!?,]"/.test(s.text)).length;
    expect(withDialogue / SAMPLE).toBeGreaterThan(0.9);
  });

  it('has a vocabulary of 1,000 to 2,000 word types', () => {
    const st = storyStats(stories.map((s) => s.text));
    expect(st.vocab).toBeGreaterThanOrEqual(1000);
    expect(st.vocab).toBeLessThanOrEqual(2000);
    // words plus punctuation marks: a rough token count
    expect(st.tokens).toBeGreaterThan(st.words);
  });

  it('estimates tokens as words plus punctuation marks', () => {
    expect(storyStats(['"Can I play too?" asked Tom. I don\'t know.'])).toEqual({
      stories: 1,
      words: 9,
      tokens: 9 + 5,
      vocab: 8,
    });
  });
});
