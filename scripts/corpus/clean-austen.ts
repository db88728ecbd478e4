/**
 * Cleans the janeaustenr dump into the `austen` corpus (`data/austen.json.gz`).
 *
 *   tsx scripts/corpus/clean-austen.ts <dump.tsv> [out.json.gz]
 *
 * The dump (written by scripts/corpus/austen.sh) has one line per source line, "<book>\t<text>",
 * books in the package's order (publication order). What the cleaner does, and why:
 *
 * - Lines are grouped into paragraphs (a blank line is a paragraph break) and each paragraph's
 *   wrapped lines are joined with single spaces. Indented letters and verse are joined the same way.
 * - A chapter starts at a paragraph that is only a heading: "CHAPTER 1", "Chapter 1", "CHAPTER I".
 *   Emma restarts its numbering in each volume, so documents are numbered 1..N within each book.
 * - Dropped: everything before a book's first chapter heading (title, "by Jane Austen", the year,
 *   "VOLUME I", Northanger Abbey's "Advertisement by the Authoress"); volume headings; "THE END",
 *   "FINIS"/"Finis"; scene-break rows of asterisks ("***", "* * * * *"); the edition's
 *   "[End volume one of this edition. Printed by ...]" note in Mansfield Park; footnotes (a
 *   paragraph starting with "*") and their "*" markers; and everything from a "A NOTE ON THE TEXT"
 *   heading to the end of the book (the Signet Classic note after Northanger Abbey).
 * - Text: `_italic_` underscores removed; curly quotes to ' and "; em dashes (and en dashes that are
 *   not number ranges) to "--", with no spaces around a two-hyphen dash; runs of three or more
 *   hyphens ("the ----shire", "Lord ----") are blanks in the source and are kept as they are;
 *   "£20,000" to "20,000 pounds"; whitespace collapsed. The output is ASCII when the source has
 *   no other non-ASCII characters (the stats list any that remain).
 *
 * Output is deterministic: compact JSON, gzip level 9, no file name and mtime 0 in the header.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { CorpusDocument, CorpusFile } from '../../src/corpus/corpus.ts';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';

export const AUSTEN_SOURCE =
  "Jane Austen's six novels (public domain) via the R package janeaustenr (MIT), " +
  'Debian r-cran-janeaustenr; cleaned by scripts/corpus/clean-austen.ts';

/** The books janeaustenr ships, in its (publication) order. */
export const AUSTEN_BOOKS: readonly string[] = [
  'Sense & Sensibility',
  'Pride & Prejudice',
  'Mansfield Park',
  'Emma',
  'Northanger Abbey',
  'Persuasion',
];

// A paragraph that is only one of these lines is structural, not text.
const CHAPTER_RE = /^chapter\s+(\d+|[ivxlc]+)\.?$/i;
const VOLUME_RE = /^(volume|vol\.|book|part)\s+(\d+|[ivxlc]+|one|two|three)\.?$/i;
const END_RE = /^(the\s+end|finis)\.?$/i;
const SEPARATOR_RE = /^[*\s]*\*[*\s]*$/;
/** From this heading to the end of the book is the edition's apparatus, not the novel. */
const BACK_MATTER_RE = /^(a\s+note\s+on\s+the\s+text|transcriber'?s\s+notes?)\.?$/i;
/** Editorial notes of the edition, e.g. "[End volume one of this edition. Printed by ...]". */
const EDITORIAL_RE = /^\[(end\s+(of\s+)?volume|printed\s+by)/i;
/** A footnote paragraph: "*Vide a letter from Mr. Richardson, ...". */
const FOOTNOTE_RE = /^\*/;

/** Parses the "<book>\t<text>" dump into books (first-appearance order) and their raw lines. */
export function parseDump(raw: string): Map<string, string[]> {
  const books = new Map<string, string[]>();
  const lines = raw.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const tab = line.indexOf('\t');
    if (tab < 0) throw new Error(`dump line ${i + 1} has no tab: ${JSON.stringify(line.slice(0, 80))}`);
    const book = line.slice(0, tab);
    let bookLines = books.get(book);
    if (!bookLines) books.set(book, (bookLines = []));
    bookLines.push(line.slice(tab + 1));
  });
  return books;
}

/** Groups lines into paragraphs: runs of non-blank lines, split at blank (whitespace-only) lines. */
export function groupParagraphs(lines: readonly string[]): string[][] {
  const paras: string[][] = [];
  let cur: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') {
      if (cur.length) paras.push(cur);
      cur = [];
    } else {
      cur.push(line);
    }
  }
  if (cur.length) paras.push(cur);
  return paras;
}

export function isChapterHeading(line: string): boolean {
  return CHAPTER_RE.test(line.trim());
}

/** Structural one-line paragraphs that are dropped inside a book: volume headings, end marks, rows of asterisks. */
export function isStructuralLine(line: string): boolean {
  const t = line.trim();
  return VOLUME_RE.test(t) || END_RE.test(t) || SEPARATOR_RE.test(t);
}

/** Normalises one paragraph's (already joined) text. */
export function normaliseText(s: string): string {
  return (
    s
      // quotes and primes
      .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      // dashes: hyphen-like characters to "-", number ranges to "-", the rest to "--"
      .replace(/[\u2010\u2011\u2012\u2212]/g, '-')
      .replace(/(\d)\s*\u2013\s*(\d)/g, '$1-$2')
      .replace(/[\u2013\u2014\u2015]/g, '--')
      .replace(/\u2026/g, '...')
      // money: "£20,000" reads "20,000 pounds"
      .replace(/\u00A3\s*(\d+(?:,\d{3})*)/g, '$1 pounds')
      .replace(/\u00A3/g, 'pounds ')
      // markup: _italic_ and footnote markers
      .replace(/_/g, '')
      .replace(/\*/g, '')
      // whitespace (incl. no-break and zero-width spaces)
      .replace(/[\u200B\u200C\u200D\uFEFF]/g, '')
      .replace(/[\s\u00A0]+/g, ' ')
      .trim()
      // a two-hyphen dash takes no spaces; longer runs (blanks such as "the ----shire") are left alone
      .replace(/ ?(?<!-)--(?!-) ?/g, '--')
  );
}

/** Joins a paragraph's wrapped lines with single spaces and normalises the text. */
export function cleanParagraph(lines: readonly string[]): string {
  return normaliseText(lines.map((l) => l.trim()).join(' '));
}

export interface CleanedBook {
  book: string;
  /** One entry per chapter, in order: its cleaned paragraphs. */
  chapters: string[][];
  /** Raw paragraphs that were dropped (front matter, headings, end marks, notes), for the log. */
  dropped: string[];
  /** Chapter-heading numbering that is neither n+1 nor a restart at 1. */
  warnings: string[];
}

function headingNumber(line: string): number {
  const m = CHAPTER_RE.exec(line.trim());
  if (!m) return NaN;
  const tok = m[1];
  if (/^\d+$/.test(tok)) return Number(tok);
  const val: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  const chars = tok.toLowerCase().split('');
  return chars.reduce((acc, ch, i) => {
    const v = val[ch];
    const next = i + 1 < chars.length ? val[chars[i + 1]] : 0;
    return acc + (v < next ? -v : v);
  }, 0);
}

/** Splits one book's raw lines into chapters of cleaned paragraphs, dropping everything that is not the novel. */
export function cleanBook(book: string, lines: readonly string[]): CleanedBook {
  const chapters: string[][] = [];
  const dropped: string[] = [];
  const warnings: string[] = [];
  let current: string[] | null = null;
  let lastNumber = 0;
  const paras = groupParagraphs(lines);
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    const first = p[0].trim();
    const single = p.length === 1;
    if (single && isChapterHeading(first)) {
      const n = headingNumber(first);
      if (n !== lastNumber + 1 && n !== 1) warnings.push(`${book}: "${first}" follows chapter ${lastNumber}`);
      lastNumber = n;
      current = [];
      chapters.push(current);
      continue;
    }
    if (single && BACK_MATTER_RE.test(first)) {
      for (const rest of paras.slice(i)) dropped.push(rest.map((l) => l.trim()).join(' '));
      break;
    }
    if (
      current === null ||
      (single && isStructuralLine(first)) ||
      EDITORIAL_RE.test(first) ||
      FOOTNOTE_RE.test(first)
    ) {
      dropped.push(p.map((l) => l.trim()).join(' '));
      continue;
    }
    const text = cleanParagraph(p);
    if (text) current.push(text);
  }
  chapters.forEach((c, i) => {
    if (c.length === 0) warnings.push(`${book}: chapter ${i + 1} is empty`);
  });
  return { book, chapters, dropped, warnings };
}

/** Documents (one per chapter, "<Book>, chapter N", N counted 1.. within the book) from cleaned books. */
export function toDocuments(books: readonly CleanedBook[]): CorpusDocument[] {
  return books.flatMap((b) =>
    b.chapters.map((paras, i) => ({ title: `${b.book}, chapter ${i + 1}`, text: paras.join('\n\n') })),
  );
}

/** The whole pipeline on a dump's text: parse, clean every book, build the corpus file. */
export function buildAustenCorpus(raw: string): { corpus: CorpusFile; books: CleanedBook[] } {
  const books = [...parseDump(raw)].map(([book, lines]) => cleanBook(book, lines));
  const corpus: CorpusFile = { name: 'austen', source: AUSTEN_SOURCE, documents: toDocuments(books) };
  return { corpus, books };
}

/** Deterministic gzip of the compact JSON: level 9, mtime 0, no name, OS byte fixed to 3 (Unix). */
export function encodeCorpus(corpus: CorpusFile): Buffer {
  const gz = gzipSync(Buffer.from(JSON.stringify(corpus), 'utf8'), { level: 9 });
  gz.writeUInt32LE(0, 4); // mtime (zlib already writes 0; be explicit)
  gz[9] = 3; // OS: zlib writes its build platform's code here
  return gz;
}

/** Words: whitespace-separated tokens with a letter or digit, a "--" dash counting as a separator. */
export function countWords(text: string): number {
  return text
    .replace(/-{2,}/g, ' ')
    .split(/\s+/)
    .filter((t) => /[A-Za-z0-9]/.test(t)).length;
}

function printStats(books: readonly CleanedBook[], corpus: CorpusFile, jsonBytes: number, gzBytes: number): void {
  const log = (s = '') => process.stderr.write(s + '\n');
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  log(`${'book'.padEnd(22)}${pad('chapters', 9)}${pad('paragraphs', 11)}${pad('words', 9)}`);
  let tc = 0;
  let tp = 0;
  let tw = 0;
  for (const b of books) {
    const paras = b.chapters.flat();
    const words = paras.reduce((a, p) => a + countWords(p), 0);
    tc += b.chapters.length;
    tp += paras.length;
    tw += words;
    log(`${b.book.padEnd(22)}${pad(b.chapters.length, 9)}${pad(paras.length, 11)}${pad(words, 9)}`);
  }
  log(`${'total'.padEnd(22)}${pad(tc, 9)}${pad(tp, 11)}${pad(tw, 9)}`);
  const chars = corpus.documents.reduce((a, d) => a + d.text.length, 0);
  log(`characters (document texts): ${chars}; JSON ${jsonBytes} bytes; gzip ${gzBytes} bytes`);
  const nonAscii = new Map<string, number>();
  for (const d of corpus.documents) {
    for (const ch of d.title + d.text) if (ch.codePointAt(0)! > 0x7e || (ch < ' ' && ch !== '\n')) nonAscii.set(ch, (nonAscii.get(ch) ?? 0) + 1);
  }
  if (nonAscii.size === 0) log('non-ASCII characters remaining: none');
  else {
    log('non-ASCII characters remaining:');
    for (const [ch, n] of [...nonAscii].sort((a, b) => b[1] - a[1]))
      log(`  U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(ch)} x${n}`);
  }
  log('dropped (front/back matter, headings other than chapters, end marks, notes):');
  for (const b of books) {
    const counts = new Map<string, number>();
    for (const d of b.dropped) {
      const key = d.length > 70 ? d.slice(0, 67) + '...' : d;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    log(`  ${b.book}: ${[...counts].map(([k, n]) => (n > 1 ? `${JSON.stringify(k)} x${n}` : JSON.stringify(k))).join(', ')}`);
  }
  const warnings = books.flatMap((b) => b.warnings);
  for (const w of warnings) log(`WARNING: ${w}`);
  const names = books.map((b) => b.book);
  if (names.join('|') !== AUSTEN_BOOKS.join('|')) log(`WARNING: books are ${JSON.stringify(names)}, expected ${JSON.stringify(AUSTEN_BOOKS)}`);
}

function main(argv: string[]): void {
  const [input, output = path.join(REPO_ROOT, 'data', 'austen.json.gz')] = argv;
  if (!input) {
    process.stderr.write('usage: tsx scripts/corpus/clean-austen.ts <dump.tsv> [out.json.gz]\n');
    process.exit(2);
  }
  const { corpus, books } = buildAustenCorpus(readFileSync(input, 'utf8'));
  if (corpus.documents.length === 0) throw new Error('no chapters found in the dump');
  const json = Buffer.byteLength(JSON.stringify(corpus), 'utf8');
  const gz = encodeCorpus(corpus);
  mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
  writeFileSync(output, gz);
  printStats(books, corpus, json, gz.length);
  process.stderr.write(`wrote ${output} (${corpus.documents.length} documents)\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2));
}
