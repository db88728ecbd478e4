/**
 * Byte-level BPE tokenizer (GPT-2 style): training, encoding, decoding, and
 * import/export as a Hugging Face `tokenizer.json`.
 *
 * Runs unchanged in Node and in the browser (no `node:` imports).
 *
 * Pipeline (identical to a Hugging Face tokenizer with
 * `pre_tokenizer: ByteLevel(add_prefix_space=false, use_regex=true)`, `model: BPE`,
 * `decoder: ByteLevel`, so `@huggingface/tokenizers` produces the same ids):
 *
 *  1. Pre-tokenize with the GPT-2 regex into "words" (`" the"`, `"'s"`, `"\n\n"`, ...).
 *  2. UTF-8 encode each word; every byte starts out as one of 256 byte tokens.
 *  3. Apply merges, always the lowest-rank adjacent pair first (leftmost on ties),
 *     until no adjacent pair has a merge.
 *
 * Vocabulary layout: id 0 `<|pad|>`, id 1 `<|endoftext|>` (special/added tokens),
 * ids 2..257 the 256 byte tokens (id = 2 + byte value), then one id per merge.
 * Token strings use GPT-2's byte-to-unicode mapping (byte 0x20 → "Ġ", 0x0A → "Ċ", ...).
 *
 * Special-token text is NOT special in user text: `encode("<|endoftext|>")` returns
 * the ordinary byte/merge tokens spelling those 13 characters, never `eosId`. (A Hugging
 * Face tokenizer loaded from our JSON does split out added tokens, so the two differ only
 * on inputs that contain the literal text of a special token.) Callers that want an EOS
 * append `eosId` themselves.
 *
 * Round trips: `decode(encode(s)) === s` for every well-formed string (any code points,
 * including NUL, controls, emoji, CJK, RTL). Lone UTF-16 surrogates are not valid Unicode
 * and become U+FFFD, exactly as `TextEncoder` (and Hugging Face) treat them.
 */

/** The GPT-2 pre-tokenization regex (same source and flags as `@huggingface/tokenizers`). */
export const GPT2_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export const PAD_TOKEN = '<|pad|>';
export const EOS_TOKEN = '<|endoftext|>';

/** Ids are packed into pair keys as `a * ID_LIMIT + b`, exact in a double for ids < 2^20. */
const ID_LIMIT = 1 << 20;
/** Heap priorities in `bpeWord` are `rank * POS_LIMIT + position`. */
const POS_LIMIT = 2 ** 32;
/** Encoded words are memoised; the cache is cleared when it grows past this many entries. */
const CACHE_LIMIT = 200_000;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

// ---------------------------------------------------------------------------------------
// GPT-2 byte <-> unicode mapping
// ---------------------------------------------------------------------------------------

/**
 * GPT-2's reversible byte → printable character table: printable Latin-1 bytes map to
 * themselves, the other 68 bytes (controls, space, 0x7F-0xA0, 0xAD) to U+0100 onwards.
 */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const table: string[] = new Array<string>(256);
  const printable = (b: number) =>
    (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
  let n = 0;
  for (let b = 0; b < 256; b++) table[b] = String.fromCharCode(printable(b) ? b : 256 + n++);
  return table;
})();

/** Inverse of BYTE_TO_CHAR. */
const CHAR_TO_BYTE: ReadonlyMap<string, number> = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));

function bytesToTokenString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += BYTE_TO_CHAR[bytes[i]];
  return s;
}

/** Byte-level token string → bytes, or null if it contains a character outside the mapping. */
function tokenStringToBytes(token: string): Uint8Array | null {
  const out = new Uint8Array(token.length);
  for (let i = 0; i < token.length; i++) {
    const b = CHAR_TO_BYTE.get(token[i]);
    if (b === undefined) return null;
    out[i] = b;
  }
  return out;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

// ---------------------------------------------------------------------------------------
// Display helpers
// ---------------------------------------------------------------------------------------

/** Length of the well-formed UTF-8 sequence starting at `bytes[i]`, or 0 if there is none. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  let len: number;
  let lo = 0x80;
  let hi = 0xbf; // allowed range of the second byte (excludes overlongs and surrogates)
  if (b0 >= 0xc2 && b0 <= 0xdf) len = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    if (b0 === 0xe0) lo = 0xa0;
    if (b0 === 0xed) hi = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    if (b0 === 0xf0) lo = 0x90;
    if (b0 === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + len > bytes.length) return 0;
  if (bytes[i + 1] < lo || bytes[i + 1] > hi) return 0;
  for (let k = 2; k < len; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return len;
}

/**
 * Render bytes for display: every well-formed UTF-8 character is shown as itself; every
 * byte that is not part of one (e.g. half of a CJK character or emoji split across two
 * tokens) is shown as `<0xE4>`.
 */
export function bytesToDisplayString(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const len = utf8SequenceLength(bytes, i);
    if (len === 0) {
      out += `<0x${bytes[i].toString(16).toUpperCase().padStart(2, '0')}>`;
      i += 1;
    } else {
      out += utf8Decoder.decode(bytes.subarray(i, i + len));
      i += len;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Max-heap of (count, pair key) used by training
// ---------------------------------------------------------------------------------------

/** Max-heap ordered by count (higher first), then pair key (lower first: deterministic ties). */
class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.counts.length;
  }

  /** True if entry i should be above entry j. */
  private above(i: number, j: number): boolean {
    const ci = this.counts[i];
    const cj = this.counts[j];
    return ci > cj || (ci === cj && this.keys[i] < this.keys[j]);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i];
    this.counts[i] = this.counts[j];
    this.counts[j] = c;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Remove the top entry and return it as [count, key]. Heap must be non-empty. */
  pop(): [number, number] {
    const top: [number, number] = [this.counts[0], this.keys[0]];
    const lastCount = this.counts.pop()!;
    const lastKey = this.keys.pop()!;
    const n = this.counts.length;
    if (n > 0) {
      this.counts[0] = lastCount;
      this.keys[0] = lastKey;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < n && this.above(l, best)) best = l;
        if (r < n && this.above(r, best)) best = r;
        if (best === i) break;
        this.swap(i, best);
        i = best;
      }
    }
    return top;
  }
}

// ---------------------------------------------------------------------------------------
// The tokenizer
// ---------------------------------------------------------------------------------------

export interface TrainOptions {
  /** Total vocabulary size including the 2 special tokens and 256 byte tokens (≥ 258). */
  vocabSize: number;
  /** Called every few merges and once at the end with (merges learned, merges wanted). */
  onProgress?: (merges: number, total: number) => void;
}

export interface DecodeOptions {
  /** Drop special tokens (`<|pad|>`, `<|endoftext|>`) instead of rendering their text. */
  skipSpecialTokens?: boolean;
}

interface SpecialToken {
  id: number;
  content: string;
}

function pairKey(a: number, b: number): number {
  return a * ID_LIMIT + b;
}

export class BpeTokenizer {
  static readonly PAD_ID = 0;
  static readonly EOS_ID = 1;

  /** Token string by id: byte-level characters for ordinary tokens, literal text for specials. */
  private readonly tokens: readonly string[];
  /** UTF-8 bytes by id; null for special tokens. */
  private readonly bytes: readonly (Uint8Array | null)[];
  private readonly tokenIds: ReadonlyMap<string, number>;
  private readonly specials: readonly SpecialToken[];
  private readonly specialIds: ReadonlySet<number>;
  /** Id of the single-byte token for each byte value. */
  private readonly byteToId: Int32Array;
  /** Merges in rank order, as pairs of ids. */
  private readonly mergePairs: readonly (readonly [number, number])[];
  /** pairKey(a, b) → rank. */
  private readonly mergeRanks: ReadonlyMap<number, number>;
  /** rank → id of the merged token. */
  private readonly mergeResults: Int32Array;
  /** Pre-token word → its ids. */
  private readonly cache = new Map<string, readonly number[]>();

  private constructor(
    tokens: string[],
    bytes: (Uint8Array | null)[],
    specials: SpecialToken[],
    mergePairs: [number, number][],
  ) {
    this.tokens = tokens;
    this.bytes = bytes;
    this.specials = specials;
    this.specialIds = new Set(specials.map((s) => s.id));
    const ids = new Map<string, number>();
    tokens.forEach((t, id) => ids.set(t, id));
    this.tokenIds = ids;

    this.byteToId = new Int32Array(256).fill(-1);
    bytes.forEach((b, id) => {
      if (b !== null && b.length === 1) this.byteToId[b[0]] = id;
    });

    this.mergePairs = mergePairs;
    const ranks = new Map<number, number>();
    this.mergeResults = new Int32Array(mergePairs.length);
    mergePairs.forEach(([a, b], rank) => {
      ranks.set(pairKey(a, b), rank);
      this.mergeResults[rank] = ids.get(tokens[a] + tokens[b])!;
    });
    this.mergeRanks = ranks;
  }

  // ----- basic properties ---------------------------------------------------------------

  /** Number of ids (0 .. vocabSize-1). */
  get vocabSize(): number {
    return this.tokens.length;
  }

  /** Id of `<|endoftext|>` (always 1). */
  get eosId(): number {
    return BpeTokenizer.EOS_ID;
  }

  get padId(): number {
    return BpeTokenizer.PAD_ID;
  }

  /** Number of merges (may exceed vocabSize − 258 if two merges spell the same token). */
  get mergeCount(): number {
    return this.mergePairs.length;
  }

  /** The merges in rank order, as pairs of token strings (for display). */
  merges(): [string, string][] {
    return this.mergePairs.map(([a, b]) => [this.tokens[a], this.tokens[b]]);
  }

  /** The token's string in the vocabulary: GPT-2 byte-level characters ("Ġthe"), or a special's text. */
  idToToken(id: number): string {
    this.checkId(id);
    return this.tokens[id];
  }

  /** Inverse of idToToken, or undefined for a string that is not a token. */
  tokenToId(token: string): number | undefined {
    return this.tokenIds.get(token);
  }

  isSpecial(id: number): boolean {
    return this.specialIds.has(id);
  }

  /** The UTF-8 bytes the token stands for (empty for special tokens). */
  tokenBytes(id: number): Uint8Array {
    this.checkId(id);
    return this.bytes[id] ?? new Uint8Array(0);
  }

  private checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.tokens.length) {
      throw new RangeError(`Token id ${id} is outside the vocabulary (0..${this.tokens.length - 1})`);
    }
  }

  // ----- encoding -----------------------------------------------------------------------

  /** Encode text literally (special-token text is not special; see the file comment). */
  encode(text: string): number[] {
    const out: number[] = [];
    if (text.length === 0) return out;
    const words = text.match(GPT2_PATTERN);
    if (words === null) return out;
    for (const word of words) {
      let ids = this.cache.get(word);
      if (ids === undefined) {
        ids = this.bpeWord(utf8Encoder.encode(word));
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, ids);
      }
      for (let i = 0; i < ids.length; i++) out.push(ids[i]);
    }
    return out;
  }

  /**
   * BPE on one pre-token: repeatedly merge the adjacent pair with the lowest rank, leftmost
   * first on ties (the same order as Hugging Face's implementations). Symbols live in a
   * linked list over the original byte positions; candidate merges sit in a min-heap keyed
   * by `rank * 2^32 + position` and are re-validated when popped, so long words stay
   * O(n log n).
   */
  private bpeWord(word: Uint8Array): number[] {
    const n = word.length;
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.byteToId[word[i]];
    if (n < 2 || this.mergePairs.length === 0) return Array.from(ids);

    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    const alive = new Uint8Array(n).fill(1);
    for (let i = 0; i < n; i++) {
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }

    const heap: number[] = [];
    const push = (priority: number) => {
      heap.push(priority);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heap[p] <= priority) break;
        heap[i] = heap[p];
        i = p;
      }
      heap[i] = priority;
    };
    const pop = (): number => {
      const top = heap[0];
      const last = heap.pop()!;
      const len = heap.length;
      if (len > 0) {
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          if (l >= len) break;
          const r = l + 1;
          const c = r < len && heap[r] < heap[l] ? r : l;
          if (heap[c] >= last) break;
          heap[i] = heap[c];
          i = c;
        }
        heap[i] = last;
      }
      return top;
    };
    const rankAt = (i: number): number => {
      const j = next[i];
      if (j < 0) return -1;
      return this.mergeRanks.get(pairKey(ids[i], ids[j])) ?? -1;
    };
    const consider = (i: number) => {
      const r = rankAt(i);
      if (r >= 0) push(r * POS_LIMIT + i);
    };

    for (let i = 0; i < n - 1; i++) consider(i);
    while (heap.length > 0) {
      const priority = pop();
      const rank = Math.floor(priority / POS_LIMIT);
      const pos = priority - rank * POS_LIMIT;
      // Stale entry: the symbol was absorbed, or its right neighbour changed.
      if (!alive[pos] || rankAt(pos) !== rank) continue;
      const right = next[pos];
      ids[pos] = this.mergeResults[rank];
      alive[right] = 0;
      const after = next[right];
      next[pos] = after;
      if (after >= 0) prev[after] = pos;
      if (prev[pos] >= 0) consider(prev[pos]);
      consider(pos);
    }

    const out: number[] = [];
    for (let i = 0; i >= 0; i = next[i]) out.push(ids[i]);
    return out;
  }

  // ----- decoding -----------------------------------------------------------------------

  /**
   * Concatenate the tokens' bytes and decode them as UTF-8 (invalid sequences → U+FFFD).
   * Special tokens render as their text (`<|endoftext|>`) unless skipSpecialTokens is set.
   */
  decode(ids: readonly number[], opts: DecodeOptions = {}): string {
    let out = '';
    let run: number[] = [];
    const flush = () => {
      if (run.length === 0) return;
      let total = 0;
      for (const id of run) total += this.bytes[id]!.length;
      const buf = new Uint8Array(total);
      let o = 0;
      for (const id of run) {
        buf.set(this.bytes[id]!, o);
        o += this.bytes[id]!.length;
      }
      out += utf8Decoder.decode(buf);
      run = [];
    };
    for (const id of ids) {
      this.checkId(id);
      if (this.bytes[id] === null) {
        flush();
        if (!opts.skipSpecialTokens) out += this.tokens[id];
      } else run.push(id);
    }
    flush();
    return out;
  }

  /**
   * One display string per id, for token chips: the token's own decoded text; bytes that
   * are not a whole UTF-8 character on their own appear as `<0xE4>`; specials as their text.
   */
  tokenStrings(ids: readonly number[]): string[] {
    return ids.map((id) => {
      this.checkId(id);
      const b = this.bytes[id];
      return b === null ? this.tokens[id] : bytesToDisplayString(b);
    });
  }

  // ----- training -----------------------------------------------------------------------

  /**
   * Learn merges from `texts` until the vocabulary has `vocabSize` tokens (or no adjacent
   * pair is left, for tiny corpora). Each step merges the most frequent adjacent pair;
   * ties go to the pair with the smaller (left id, right id), so training is deterministic.
   *
   * Words are counted once; pair counts are then updated incrementally, touching only the
   * distinct words that contain the merged pair, and the best pair comes from a lazily
   * invalidated max-heap.
   */
  static train(texts: Iterable<string>, opts: TrainOptions): BpeTokenizer {
    const { vocabSize, onProgress } = opts;
    const base = 2 + 256;
    if (!Number.isInteger(vocabSize) || vocabSize < base || vocabSize >= ID_LIMIT) {
      throw new RangeError(`vocabSize must be an integer in [${base}, ${ID_LIMIT - 1}], got ${vocabSize}`);
    }

    // 1. Count pre-token words.
    const wordCounts = new Map<string, number>();
    for (const text of texts) {
      const words = text.match(GPT2_PATTERN);
      if (words === null) continue;
      for (const w of words) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
    }

    // 2. Initial vocabulary: specials, then bytes (id = 2 + byte).
    const tokens: string[] = [PAD_TOKEN, EOS_TOKEN];
    const bytes: (Uint8Array | null)[] = [null, null];
    for (let b = 0; b < 256; b++) {
      tokens.push(BYTE_TO_CHAR[b]);
      bytes.push(Uint8Array.of(b));
    }
    const tokenIds = new Map<string, number>();
    tokens.forEach((t, id) => tokenIds.set(t, id));

    // 3. Words as id sequences, with their frequencies.
    const words: number[][] = [];
    const freqs: number[] = [];
    for (const [w, f] of wordCounts) {
      const enc = utf8Encoder.encode(w);
      if (enc.length < 2) continue; // single bytes have no pairs and never change
      words.push(Array.from(enc, (b) => b + 2));
      freqs.push(f);
    }
    wordCounts.clear();

    // 4. Pair counts and, per pair, the words that (may) contain it.
    const pairCounts = new Map<number, number>();
    const pairWords = new Map<number, Set<number>>();
    const addPairs = (w: number, sign: 1 | -1, touched: Set<number> | null) => {
      const word = words[w];
      const f = freqs[w] * sign;
      for (let i = 0; i + 1 < word.length; i++) {
        const k = pairKey(word[i], word[i + 1]);
        pairCounts.set(k, (pairCounts.get(k) ?? 0) + f);
        if (touched) touched.add(k);
        if (sign > 0) {
          let set = pairWords.get(k);
          if (set === undefined) pairWords.set(k, (set = new Set()));
          set.add(w);
        }
      }
    };
    for (let w = 0; w < words.length; w++) addPairs(w, 1, null);
    const heap = new PairHeap();
    for (const [k, c] of pairCounts) heap.push(c, k);

    // 5. Merge loop.
    const mergePairs: [number, number][] = [];
    const merged = new Set<number>(); // pair keys already merged (never merged twice)
    const total = vocabSize - base;
    let learned = 0;
    let reported = -1;
    const progressEvery = Math.max(1, Math.floor(total / 100));
    while (tokens.length < vocabSize && heap.size > 0) {
      const [count, key] = heap.pop();
      if (pairCounts.get(key) !== count) continue; // stale heap entry
      if (merged.has(key)) continue; // re-created via a duplicate token string; see below
      const a = Math.floor(key / ID_LIMIT);
      const b = key - a * ID_LIMIT;

      // A merge may spell a token that already exists (e.g. "a"+"bc" after "ab"+"c"): it
      // then reuses that id, like the Hugging Face trainer, and adds no vocabulary entry.
      const str = tokens[a] + tokens[b];
      if (str === PAD_TOKEN || str === EOS_TOKEN) {
        // Cannot happen with the GPT-2 regex (it splits "<|", letters and "|>"), but a
        // token must never spell a special token's text: retire the pair unmerged.
        merged.add(key);
        continue;
      }
      let c = tokenIds.get(str);
      if (c === undefined) {
        c = tokens.length;
        tokens.push(str);
        bytes.push(concatBytes(bytes[a]!, bytes[b]!));
        tokenIds.set(str, c);
        learned++;
      }
      mergePairs.push([a, b]);
      merged.add(key);

      // Rewrite every word containing (a, b): remove its old pairs, merge, add new pairs.
      const touched = new Set<number>();
      const candidates = pairWords.get(key);
      pairWords.delete(key);
      if (candidates) {
        for (const w of candidates) {
          const word = words[w];
          let found = false;
          for (let i = 0; i + 1 < word.length; i++) {
            if (word[i] === a && word[i + 1] === b) {
              found = true;
              break;
            }
          }
          if (!found) continue;
          addPairs(w, -1, touched);
          const out: number[] = [];
          for (let i = 0; i < word.length; i++) {
            if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
              out.push(c);
              i++;
            } else out.push(word[i]);
          }
          words[w] = out;
          addPairs(w, 1, touched);
        }
      }
      for (const k of touched) {
        const n = pairCounts.get(k)!;
        if (n <= 0) {
          pairCounts.delete(k);
          pairWords.delete(k);
        } else if (!merged.has(k)) heap.push(n, k);
      }
      if (onProgress && learned % progressEvery === 0 && learned !== reported) {
        reported = learned;
        onProgress(learned, total);
      }
    }
    if (onProgress && learned !== reported) onProgress(learned, total);

    const specials: SpecialToken[] = [
      { id: 0, content: PAD_TOKEN },
      { id: 1, content: EOS_TOKEN },
    ];
    return new BpeTokenizer(tokens, bytes, specials, mergePairs);
  }

  // ----- Hugging Face tokenizer.json ----------------------------------------------------

  /** A Hugging Face `tokenizer.json` object (JSON.stringify it to write the file). */
  toHuggingFaceJSON(): object {
    const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
    return {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: this.specials.map((s) => ({
        id: s.id,
        content: s.content,
        single_word: false,
        lstrip: false,
        rstrip: false,
        normalized: false,
        special: true,
      })),
      normalizer: null,
      pre_tokenizer: byteLevel,
      post_processor: { ...byteLevel, trim_offsets: false },
      decoder: byteLevel,
      model: {
        type: 'BPE',
        dropout: null,
        unk_token: null,
        continuing_subword_prefix: null,
        end_of_word_suffix: null,
        fuse_unk: false,
        byte_fallback: false,
        ignore_merges: false,
        // fromEntries (not assignment) so that a token like "__proto__" stays an own key.
        vocab: Object.fromEntries(this.tokens.map((t, id) => [t, id])),
        merges: this.mergePairs.map(([a, b]) => [this.tokens[a], this.tokens[b]]),
      },
    };
  }

  /**
   * Load a `tokenizer.json` (object, or its text) of the shape toHuggingFaceJSON writes.
   * Throws an Error saying what is wrong for anything else: other models or
   * pre-tokenizers, missing byte tokens, gaps in the ids, merges over unknown tokens, ...
   */
  static fromHuggingFaceJSON(json: unknown): BpeTokenizer {
    const fail = (msg: string): never => {
      throw new Error(`Invalid tokenizer.json: ${msg}`);
    };
    const isObject = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    const absentOr = (v: unknown, ...allowed: unknown[]) => v === undefined || allowed.includes(v);

    if (typeof json === 'string') {
      try {
        json = JSON.parse(json) as unknown;
      } catch (e) {
        fail(`not valid JSON (${(e as Error).message})`);
      }
    }
    if (!isObject(json)) return fail('expected a JSON object');

    // Components we reproduce exactly; anything else would encode differently.
    if (!absentOr(json.normalizer, null)) fail('normalizers are not supported (expected "normalizer": null)');
    const pre = json.pre_tokenizer;
    if (!isObject(pre) || pre.type !== 'ByteLevel') fail('expected a ByteLevel pre_tokenizer');
    const preObj = pre as Record<string, unknown>;
    if (!absentOr(preObj.add_prefix_space, false)) fail('pre_tokenizer.add_prefix_space must be false');
    if (!absentOr(preObj.use_regex, true)) fail('pre_tokenizer.use_regex must be true');
    const dec = json.decoder;
    if (!isObject(dec) || dec.type !== 'ByteLevel') fail('expected a ByteLevel decoder');

    const model = json.model;
    if (!isObject(model)) return fail('missing "model" object');
    if (model.type !== 'BPE') fail(`model.type must be "BPE", got ${JSON.stringify(model.type)}`);
    if (!absentOr(model.dropout, null, 0)) fail('BPE dropout is not supported');
    if (!absentOr(model.unk_token, null)) fail('unk_token is not supported (byte-level BPE needs none)');
    if (!absentOr(model.continuing_subword_prefix, null, '')) fail('continuing_subword_prefix is not supported');
    if (!absentOr(model.end_of_word_suffix, null, '')) fail('end_of_word_suffix is not supported');
    if (!absentOr(model.byte_fallback, false)) fail('byte_fallback is not supported');
    if (!absentOr(model.ignore_merges, false)) fail('ignore_merges is not supported');
    if (!isObject(model.vocab)) fail('model.vocab must be an object mapping token → id');
    if (!Array.isArray(model.merges)) fail('model.merges must be an array');

    // Ids: the model vocabulary plus the added tokens, together exactly 0..n-1.
    const byId = new Map<number, string>();
    const setId = (token: string, id: unknown, where: string) => {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= ID_LIMIT) {
        fail(`${where}: id of ${JSON.stringify(token)} must be an integer in [0, ${ID_LIMIT}), got ${JSON.stringify(id)}`);
      }
      const prior = byId.get(id as number);
      if (prior !== undefined && prior !== token) {
        fail(`${where}: id ${id} is used by both ${JSON.stringify(prior)} and ${JSON.stringify(token)}`);
      }
      byId.set(id as number, token);
    };
    const vocabEntries = Object.entries(model.vocab as Record<string, unknown>);
    for (const [token, id] of vocabEntries) setId(token, id, 'model.vocab');

    const addedRaw = json.added_tokens ?? [];
    if (!Array.isArray(addedRaw)) fail('added_tokens must be an array');
    const specials: SpecialToken[] = [];
    for (const [i, t] of (addedRaw as unknown[]).entries()) {
      if (!isObject(t) || typeof t.content !== 'string' || t.content.length === 0) {
        fail(`added_tokens[${i}] must be an object with a non-empty "content" string`);
      }
      const tok = t as Record<string, unknown>;
      setId(tok.content as string, tok.id, `added_tokens[${i}]`);
      specials.push({ id: tok.id as number, content: tok.content as string });
    }
    for (const [id, content] of [
      [BpeTokenizer.PAD_ID, PAD_TOKEN],
      [BpeTokenizer.EOS_ID, EOS_TOKEN],
    ] as const) {
      if (!specials.some((s) => s.id === id && s.content === content)) {
        fail(`added_tokens must contain ${content} with id ${id}`);
      }
    }

    const n = byId.size;
    const tokens: string[] = new Array<string>(n);
    const bytes: (Uint8Array | null)[] = new Array<Uint8Array | null>(n);
    const specialIds = new Set(specials.map((s) => s.id));
    for (let id = 0; id < n; id++) {
      const t = byId.get(id);
      if (t === undefined) fail(`ids must be contiguous from 0 to ${n - 1}, but ${id} is missing`);
      tokens[id] = t as string;
      if (specialIds.has(id)) bytes[id] = null;
      else {
        const b = tokenStringToBytes(t as string);
        if (b === null || b.length === 0) {
          fail(`token ${JSON.stringify(t)} (id ${id}) is not a GPT-2 byte-level string`);
        }
        bytes[id] = b;
      }
    }
    const tokenIds = new Map<string, number>();
    tokens.forEach((t, id) => {
      if (tokenIds.has(t)) fail(`token ${JSON.stringify(t)} appears twice`);
      tokenIds.set(t, id);
    });
    for (let b = 0; b < 256; b++) {
      const id = tokenIds.get(BYTE_TO_CHAR[b]);
      if (id === undefined || specialIds.has(id)) fail(`byte token for 0x${b.toString(16)} is missing`);
    }

    // Merges: ["a", "b"] pairs or legacy "a b" strings, over known tokens, spelling known tokens.
    const mergePairs: [number, number][] = [];
    const seen = new Set<number>();
    for (const [i, m] of (model.merges as unknown[]).entries()) {
      let parts: unknown[];
      if (typeof m === 'string') parts = m.split(' ');
      else if (Array.isArray(m)) parts = m;
      else return fail(`merges[${i}] must be a [left, right] pair or a "left right" string`);
      if (parts.length !== 2 || typeof parts[0] !== 'string' || typeof parts[1] !== 'string') {
        fail(`merges[${i}] must have exactly two token strings, got ${JSON.stringify(m)}`);
      }
      const [left, right] = parts as [string, string];
      const a = tokenIds.get(left);
      const b = tokenIds.get(right);
      if (a === undefined || b === undefined || specialIds.has(a) || specialIds.has(b)) {
        fail(`merges[${i}] ${JSON.stringify(m)} refers to a token that is not in the vocabulary`);
      }
      const c = tokenIds.get(left + right);
      if (c === undefined || specialIds.has(c)) {
        fail(`merges[${i}] ${JSON.stringify(m)} produces ${JSON.stringify(left + right)}, which is not in the vocabulary`);
      }
      const k = pairKey(a as number, b as number);
      if (seen.has(k)) fail(`merges[${i}] ${JSON.stringify(m)} is a duplicate`);
      seen.add(k);
      mergePairs.push([a as number, b as number]);
    }

    specials.sort((x, y) => x.id - y.id);
    return new BpeTokenizer(tokens, bytes, specials, mergePairs);
  }
}
