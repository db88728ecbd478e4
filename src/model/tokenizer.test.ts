import { describe, it, expect, beforeAll } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import { BpeTokenizer, bytesToDisplayString, EOS_TOKEN, PAD_TOKEN } from './tokenizer.ts';
import { corpusPath, loadCorpus, REPO_ROOT } from '../corpus/load-node.ts';
import { CORPORA, splitCorpus } from '../corpus/corpus.ts';

/** A few KB of plain English, written for this test. */
const ENGLISH = `The lighthouse keeper woke before the sun, as he always did, and climbed the ninety-two steps to the lamp room. The glass was fogged with salt. He wiped it slowly, pane by pane, while the sea below turned from black to grey to a pale and restless green.

"You'll catch your death up there," his sister called from the kitchen. She had said the same thing every morning for eleven years, and he had never once caught anything worse than a cold. He didn't answer. He was counting the fishing boats that were heading out past the point: three, four, five. There should have been six.

By noon the wind had risen. The sixth boat, a small blue one that belonged to the Harper brothers, had still not come round the headland. The keeper watched the water through his old brass telescope. He saw gulls, and spray, and once something that might have been a sail, but it was gone before he could be sure.

At two o'clock he went down to the harbour. The harbour master was standing on the quay with his hands in his pockets. "They'll be sheltering in the cove," he said. "They're not fools, the Harpers." The keeper nodded, but he didn't believe it, and he could tell that the harbour master didn't either.

They took the lifeboat out at half past three. Eight men rowed, and the keeper sat in the bow with a lantern, although it was not yet dark. The waves were higher than he had expected. Each one lifted the boat, held it for a moment, and then dropped it into a trough so deep that the harbour wall disappeared behind them.

They found the Harpers at a quarter to five, clinging to their upturned hull a mile south of the cove. Both brothers were cold, frightened and furious with each other, which the keeper took to be a good sign. On the way back nobody spoke. The lamp was lit when they reached the harbour; his sister had climbed the ninety-two steps herself.

That evening the keeper wrote in his log, as he did every evening: wind south-west, force seven, rising; visibility poor; six boats out, six boats in. He looked at the last line for a long time before he closed the book. Then he went up to the lamp room again, because the glass would need wiping before morning, and because he liked to watch the beam turning over the water, round and round, all night long.

In the spring the Harpers painted their boat red. When people asked them why, the elder brother said it was easier to see from the lighthouse, and the younger one said it was cheaper, and they argued about it all the way down the quay.`;

/** Strings that must round-trip exactly (and match Hugging Face) whatever the vocabulary. */
const EDGE_STRINGS: string[] = [
  '',
  ' ',
  '   ',
  '\n',
  '\n\n\n',
  '\r\n',
  '\t\t x',
  'a  b   c    ',
  '  leading and trailing  ',
  ' \n \t\n  mixed \u00a0 whitespace\u3000here\u2028\u2029\u000b\u000c end',
  'Hello, world!',
  "I'm sure we'll see they'd've said it's 'quoted' and THEY'RE LOUD 'S 'T",
  '3.14159 1,000,000 42nd ٣٤٥ ½ Ⅻ',
  'emoji: 👋🌍 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷 ❤️',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𐍈 🂡',
  'CJK: 你好，世界。日本語のテキスト、カタカナ。한국어 문장입니다.',
  'Arabic: مرحبا بالعالم، كيف حالك؟',
  'Hebrew: שָׁלוֹם עוֹלָם',
  'bidi: abc \u202Eolleh\u202C def \u200F\u200E',
  'controls: \u0000\u0001\u0007\b\u001b[31mred\u001b[0m\u007f\u0085\u009f',
  'zero width: a\u200bb\u200dc\ufeffd\u00ade',
  'combining: e\u0301 n\u0303 a\u0308\u0304',
  'symbols: <tag attr="x">&amp;</tag> {"json": [1, 2.5e-3, null]} ~`!@#$%^&*()_+-=[]\\|;:,./?',
  'the quick brown fox jumps over the lazy dog. '.repeat(400),
  'a'.repeat(3000),
  ' '.repeat(1000) + 'x',
  '\n'.repeat(500),
  'ab'.repeat(1500),
  'supercalifragilisticexpialidocious'.repeat(50),
];

/** Deterministic pseudo-random text over a mixed alphabet (including astral characters). */
function randomText(seed: number, length: number): string {
  const alphabet = [...'abcdefghij ABC  \n\t.,\'"0123456789éß你好🙂👍\u0000\u200d-'];
  let s = seed >>> 0;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out += alphabet[s % alphabet.length];
  }
  return out;
}

function hfTokenizer(tok: BpeTokenizer): Tokenizer {
  return new Tokenizer(tok.toHuggingFaceJSON(), { clean_up_tokenization_spaces: false });
}

/** Paragraphs of ENGLISH with a few variations. */
const PARAGRAPHS = ENGLISH.split('\n\n');

describe('BpeTokenizer (small tokenizer trained in the test)', () => {
  let tok: BpeTokenizer;
  let hf: Tokenizer;

  beforeAll(() => {
    tok = BpeTokenizer.train([ENGLISH], { vocabSize: 600 });
    hf = hfTokenizer(tok);
  });

  it('has the requested vocabulary size and special ids', () => {
    expect(tok.vocabSize).toBe(600);
    expect(BpeTokenizer.PAD_ID).toBe(0);
    expect(tok.eosId).toBe(1);
    expect(tok.idToToken(0)).toBe(PAD_TOKEN);
    expect(tok.idToToken(1)).toBe(EOS_TOKEN);
    expect(tok.isSpecial(0) && tok.isSpecial(1) && !tok.isSpecial(2)).toBe(true);
    // Byte tokens: id 2 + byte, GPT-2 byte-level strings.
    expect(tok.idToToken(2 + 0x41)).toBe('A');
    expect(tok.idToToken(2 + 0x20)).toBe('Ġ');
    expect(tok.idToToken(2 + 0x0a)).toBe('Ċ');
    expect(tok.tokenToId('Ġthe')).toBeGreaterThanOrEqual(258);
    expect(() => tok.idToToken(600)).toThrow(RangeError);
    expect(() => tok.decode([-1])).toThrow(RangeError);
  });

  it('round-trips edge strings and random text exactly', () => {
    const strings = [...EDGE_STRINGS, ...PARAGRAPHS, ENGLISH];
    for (let seed = 1; seed <= 20; seed++) strings.push(randomText(seed, 300));
    for (const s of strings) {
      const ids = tok.encode(s);
      expect(tok.decode(ids)).toBe(s);
      for (const id of ids) expect(id >= 2 && id < tok.vocabSize).toBe(true);
    }
    expect(tok.encode('')).toEqual([]);
  });

  it('compresses English (merges are used)', () => {
    const ids = tok.encode(ENGLISH);
    expect(ENGLISH.length / ids.length).toBeGreaterThan(2.5);
  });

  it('treats special-token text literally', () => {
    const s = `end${EOS_TOKEN}pad${PAD_TOKEN}`;
    const ids = tok.encode(s);
    expect(ids).not.toContain(0);
    expect(ids).not.toContain(1);
    expect(tok.decode(ids)).toBe(s);
    // Appending the EOS id is the caller's job; it decodes to its text or to nothing.
    expect(tok.decode([...tok.encode('Hi.'), tok.eosId])).toBe(`Hi.${EOS_TOKEN}`);
    expect(tok.decode([...tok.encode('Hi.'), tok.eosId, 0], { skipSpecialTokens: true })).toBe('Hi.');
  });

  it('turns lone surrogates into U+FFFD, like TextEncoder', () => {
    expect(tok.decode(tok.encode('a\ud800b'))).toBe('a\ufffdb');
    expect(tok.encode('a\udc00b')).toEqual(hf.encode('a\udc00b').ids);
  });

  it('shows per-token strings for chips', () => {
    const ids = tok.encode('The keeper 你');
    const shown = tok.tokenStrings(ids);
    expect(shown.length).toBe(ids.length);
    // 你 = E4 BD A0 has no merges in an English vocabulary: three single-byte tokens.
    expect(shown.slice(-3)).toEqual(['<0xE4>', '<0xBD>', '<0xA0>']);
    expect(shown.slice(0, -3).join('')).toBe('The keeper ');
    expect(tok.tokenStrings([1, 0])).toEqual([EOS_TOKEN, PAD_TOKEN]);
    expect(bytesToDisplayString(new Uint8Array([0x61, 0xe4, 0xbd, 0xa0, 0xf0, 0x9f, 0x62]))).toBe('a你<0xF0><0x9F>b');
    expect(bytesToDisplayString(new Uint8Array([0xc0, 0xaf, 0xed, 0xa0, 0x80]))).toBe(
      '<0xC0><0xAF><0xED><0xA0><0x80>', // overlong and surrogate encodings are not characters
    );
  });

  it('survives a JSON round trip unchanged', () => {
    const json = tok.toHuggingFaceJSON();
    const text = JSON.stringify(json);
    const again = BpeTokenizer.fromHuggingFaceJSON(JSON.parse(text));
    expect(JSON.stringify(again.toHuggingFaceJSON())).toBe(text);
    expect(BpeTokenizer.fromHuggingFaceJSON(text).vocabSize).toBe(600); // a string is parsed too
    expect(again.merges()).toEqual(tok.merges());
    for (const s of [...EDGE_STRINGS, ENGLISH]) expect(again.encode(s)).toEqual(tok.encode(s));
    for (let id = 0; id < tok.vocabSize; id++) expect(again.idToToken(id)).toBe(tok.idToToken(id));
  });

  it('accepts legacy "a b" merge strings', () => {
    const json = tok.toHuggingFaceJSON() as { model: { merges: [string, string][] } };
    const legacy = structuredClone(json) as { model: { merges: unknown[] } };
    legacy.model.merges = json.model.merges.map(([a, b]) => `${a} ${b}`);
    expect(BpeTokenizer.fromHuggingFaceJSON(legacy).encode(ENGLISH)).toEqual(tok.encode(ENGLISH));
  });

  it('matches @huggingface/tokenizers on paragraphs and edge strings', () => {
    const strings = [...PARAGRAPHS, ENGLISH, ...EDGE_STRINGS];
    for (let seed = 100; seed < 120; seed++) strings.push(randomText(seed, 400));
    for (const s of strings) {
      const ours = tok.encode(s);
      expect(ours, JSON.stringify(s.slice(0, 60))).toEqual(hf.encode(s).ids);
      if (ours.length > 0) expect(hf.decode(ours)).toBe(tok.decode(ours));
    }
  });

  it('differs from @huggingface/tokenizers only by splitting out special-token text', () => {
    const s = `one${EOS_TOKEN}two`;
    expect(hf.encode(s).ids).toEqual([...tok.encode('one'), 1, ...tok.encode('two')]);
    expect(tok.encode(s)).not.toContain(1);
  });
});

describe('BpeTokenizer.train', () => {
  it('learns the expected merges in order', () => {
    // Classic example: hug×10, pug×5, pun×12, bun×4, hugs×5 (newlines keep words apart).
    const words = [
      ...Array<string>(10).fill('hug'),
      ...Array<string>(5).fill('pug'),
      ...Array<string>(12).fill('pun'),
      ...Array<string>(4).fill('bun'),
      ...Array<string>(5).fill('hugs'),
    ];
    const tok = BpeTokenizer.train([words.join('\n')], { vocabSize: 258 + 4 });
    // (u,g)=20 > (p,u)=17 > (u,n)=16; then (u,n)=16 > (h,ug)=15; then (h,ug)=15; then (p,un)=12.
    expect(tok.merges()).toEqual([
      ['u', 'g'],
      ['u', 'n'],
      ['h', 'ug'],
      ['p', 'un'],
    ]);
    expect(tok.tokenStrings(tok.encode('hugs pun'))).toEqual(['hug', 's', ' ', 'pun']);
  });

  it('breaks ties by the smaller (left id, right id) pair', () => {
    // Every pair occurs once: "Ġ"(0x20) < "a"(0x61) < "c"(0x63), so Ġc, then ab, then Ġc+d.
    const tok = BpeTokenizer.train(['ab cd'], { vocabSize: 258 + 3 });
    expect(tok.merges()).toEqual([
      ['Ġ', 'c'],
      ['a', 'b'],
      ['Ġc', 'd'],
    ]);
  });

  it('is deterministic and reports progress', () => {
    const progress: [number, number][] = [];
    const a = BpeTokenizer.train([ENGLISH], { vocabSize: 500, onProgress: (m, t) => progress.push([m, t]) });
    const b = BpeTokenizer.train([ENGLISH], { vocabSize: 500 });
    expect(JSON.stringify(b.toHuggingFaceJSON())).toBe(JSON.stringify(a.toHuggingFaceJSON()));
    expect(a.vocabSize).toBe(500);
    expect(progress.at(-1)).toEqual([242, 242]);
    for (let i = 1; i < progress.length; i++) expect(progress[i][0]).toBeGreaterThan(progress[i - 1][0]);
  });

  it('stops early on a corpus too small for the vocabulary', () => {
    const tok = BpeTokenizer.train(['abab'], { vocabSize: 1000 });
    expect(tok.merges()).toEqual([
      ['a', 'b'],
      ['ab', 'ab'],
    ]);
    expect(tok.vocabSize).toBe(260);
  });

  it('rejects a bad vocabulary size', () => {
    expect(() => BpeTokenizer.train(['x'], { vocabSize: 100 })).toThrow(/vocabSize/);
    expect(() => BpeTokenizer.train(['x'], { vocabSize: 300.5 })).toThrow(/vocabSize/);
  });
});

describe('BpeTokenizer.fromHuggingFaceJSON validation', () => {
  const good = () =>
    structuredClone(BpeTokenizer.train([ENGLISH], { vocabSize: 300 }).toHuggingFaceJSON()) as {
      model: { type: string; vocab: Record<string, number>; merges: unknown[]; byte_fallback?: boolean };
      added_tokens: { id: number; content: string }[];
      pre_tokenizer: unknown;
      normalizer: unknown;
    };

  const cases: [string, unknown, RegExp][] = [
    ['not an object', 42, /expected a JSON object/],
    ['bad JSON text', '{"model": ', /not valid JSON/],
    ['no model', { ...good(), model: undefined }, /missing "model"/],
    ['wrong model type', (() => { const j = good(); j.model.type = 'WordPiece'; return j; })(), /model.type must be "BPE"/],
    ['byte fallback', (() => { const j = good(); j.model.byte_fallback = true; return j; })(), /byte_fallback/],
    ['normalizer', { ...good(), normalizer: { type: 'NFC' } }, /normalizer/],
    ['other pre-tokenizer', { ...good(), pre_tokenizer: { type: 'Whitespace' } }, /ByteLevel pre_tokenizer/],
    ['missing byte token', (() => { const j = good(); delete j.model.vocab['Ā']; return j; })(), /ids must be contiguous|byte token/],
    ['id gap', (() => { const j = good(); j.model.vocab['Ġzzz'] = 9999; return j; })(), /contiguous/],
    ['duplicate id', (() => { const j = good(); j.model.vocab['Ġzzz'] = 5; return j; })(), /id 5 is used by both/],
    ['non-integer id', (() => { const j = good(); j.model.vocab['a'] = 1.5; return j; })(), /must be an integer/],
    ['unknown merge token', (() => { const j = good(); j.model.merges.push(['q', 'Ġnope']); return j; })(), /not in the vocabulary/],
    ['malformed merge', (() => { const j = good(); j.model.merges.push(['a', 'b', 'c']); return j; })(), /exactly two/],
    ['duplicate merge', (() => { const j = good(); j.model.merges.push(j.model.merges[0]); return j; })(), /duplicate/],
    ['missing eos', (() => { const j = good(); j.added_tokens = j.added_tokens.filter((t) => t.id !== 1); return j; })(), /<\|endoftext\|> with id 1/],
    ['non-byte-level token', (() => { const j = good(); j.model.vocab['a b'] = Object.keys(j.model.vocab).length; return j; })(), /not a GPT-2 byte-level string/],
  ];
  for (const [name, json, message] of cases) {
    it(`rejects ${name}`, () => {
      expect(() => BpeTokenizer.fromHuggingFaceJSON(json)).toThrow(/^Invalid tokenizer\.json: /);
      expect(() => BpeTokenizer.fromHuggingFaceJSON(json)).toThrow(message);
    });
  }
});

// ---------------------------------------------------------------------------------------
// The committed tokenizer (public/weights/tokenizer.json), on held-out corpus paragraphs.
// ---------------------------------------------------------------------------------------

const COMMITTED = path.join(REPO_ROOT, 'public', 'weights', 'tokenizer.json');
const committedMissing = !existsSync(COMMITTED);

describe.skipIf(committedMissing)(
  `committed tokenizer${committedMissing ? ' (skipped: public/weights/tokenizer.json not found; run `npm run train:tokenizer`)' : ''}`,
  () => {
    let tok: BpeTokenizer;
    let hf: Tokenizer;
    beforeAll(() => {
      const json = JSON.parse(readFileSync(COMMITTED, 'utf8')) as object;
      tok = BpeTokenizer.fromHuggingFaceJSON(json);
      hf = new Tokenizer(json, { clean_up_tokenization_spaces: false });
    });

    it('has 4,096 tokens with <|pad|> = 0 and <|endoftext|> = 1', () => {
      expect(tok.vocabSize).toBe(4096);
      expect(tok.idToToken(0)).toBe(PAD_TOKEN);
      expect(tok.idToToken(1)).toBe(EOS_TOKEN);
    });

    it('round-trips and matches @huggingface/tokenizers on edge strings', () => {
      for (const s of EDGE_STRINGS) {
        const ids = tok.encode(s);
        expect(tok.decode(ids)).toBe(s);
        expect(ids).toEqual(hf.encode(s).ids);
      }
    });

    for (const name of CORPORA) {
      const missing = !existsSync(corpusPath(name));
      it.skipIf(missing)(
        `matches @huggingface/tokenizers on held-out ${name} paragraphs${missing ? ` (skipped: data/${name}.json.gz not found)` : ''}`,
        () => {
          const { heldout } = splitCorpus(loadCorpus(name).documents);
          const paragraphs = heldout
            .flatMap((d) => d.text.split('\n\n'))
            .filter((p) => p.trim().length > 0 && !p.includes(EOS_TOKEN) && !p.includes(PAD_TOKEN));
          // A few dozen paragraphs spread over the held-out documents.
          const step = Math.max(1, Math.floor(paragraphs.length / 40));
          const sample = paragraphs.filter((_, i) => i % step === 0).slice(0, 40);
          expect(sample.length).toBeGreaterThan(0);
          for (const p of sample) {
            const ids = tok.encode(p);
            expect(ids, p.slice(0, 60)).toEqual(hf.encode(p).ids);
            expect(tok.decode(ids)).toBe(p);
          }
        },
      );
    }
  },
);
