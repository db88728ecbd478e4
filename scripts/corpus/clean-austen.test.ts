import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AUSTEN_BOOKS,
  buildAustenCorpus,
  cleanBook,
  cleanParagraph,
  countWords,
  encodeCorpus,
  groupParagraphs,
  isChapterHeading,
  normaliseText,
  parseDump,
} from './clean-austen.ts';
import { corpusPath, loadCorpus } from '../../src/corpus/load-node.ts';

const dump = (book: string, text: string) =>
  text
    .split('\n')
    .map((l) => `${book}\t${l}`)
    .join('\n') + '\n';

const EMMA_RAW = `EMMA

By Jane Austen



VOLUME I


CHAPTER I


Emma Woodhouse, handsome, clever, and rich, with a comfortable home
and happy disposition, seemed to unite some of the best blessings of
existence.

Between _them_ it was more the intimacy of sisters.

                          * * * * *

"Poor Miss Taylor!--I wish she were here again."



VOLUME II


CHAPTER I

Emma and Harriet had been walking together one morning--and, in
Emma's opinion, had been talking enough of Mr. Elton.



FINIS
`;

describe('parseDump / groupParagraphs', () => {
  it('splits "<book>\\t<text>" lines by book, in order of first appearance', () => {
    const books = parseDump(dump('Emma', 'a\nb') + dump('Persuasion', 'c'));
    expect([...books.keys()]).toEqual(['Emma', 'Persuasion']);
    expect(books.get('Emma')).toEqual(['a', 'b']);
    expect(books.get('Persuasion')).toEqual(['c']);
  });

  it('keeps tabs inside the text and rejects lines without a tab', () => {
    expect(parseDump('Emma\ta\tb\n').get('Emma')).toEqual(['a\tb']);
    expect(() => parseDump('no tab here\n')).toThrow(/no tab/);
  });

  it('a blank (or whitespace-only) line is a paragraph break', () => {
    expect(groupParagraphs(['a', 'b', '', '   ', 'c', '', ''])).toEqual([['a', 'b'], ['c']]);
  });
});

describe('cleanParagraph / normaliseText', () => {
  it('joins wrapped lines with single spaces and collapses whitespace', () => {
    expect(cleanParagraph(['It is a truth universally acknowledged,  that a', '   single man'])).toBe(
      'It is a truth universally acknowledged, that a single man',
    );
  });

  it('strips _italic_ underscores, also across a line break', () => {
    expect(cleanParagraph(['"_You_ want to tell me, and _I have', 'no_ objection."'])).toBe(
      '"You want to tell me, and I have no objection."',
    );
  });

  it('normalises curly quotes to straight ones', () => {
    expect(normaliseText('\u201CIt\u2019s \u2018quite\u2019 so,\u201D said she.')).toBe(`"It's 'quite' so," said she.`);
  });

  it('normalises dashes to "--" with no spaces around it', () => {
    expect(normaliseText('pride\u2014from a wish')).toBe('pride--from a wish');
    expect(normaliseText('pride \u2013 from a wish')).toBe('pride--from a wish');
    expect(normaliseText('generosity.-- "Yes, he would')).toBe('generosity.--"Yes, he would');
    expect(normaliseText('pride -- from')).toBe('pride--from');
    expect(normaliseText('in 1797\u201398')).toBe('in 1797-98');
  });

  it('leaves longer hyphen runs (blanks in the source) and single hyphens alone', () => {
    expect(normaliseText('in the ----shire, Lord ----, and my mother-in-law')).toBe(
      'in the ----shire, Lord ----, and my mother-in-law',
    );
  });

  it('writes pounds in ASCII and drops footnote markers', () => {
    expect(normaliseText('her \u00A320,000, any one')).toBe('her 20,000 pounds, any one');
    expect(normaliseText('is declared,* it must be')).toBe('is declared, it must be');
  });
});

describe('cleanBook', () => {
  const book = cleanBook('Emma', parseDump(dump('Emma', EMMA_RAW)).get('Emma')!);

  it('splits at chapter headings and drops title, volume headings, separators and end marks', () => {
    expect(book.chapters).toEqual([
      [
        'Emma Woodhouse, handsome, clever, and rich, with a comfortable home and happy disposition, seemed to unite some of the best blessings of existence.',
        'Between them it was more the intimacy of sisters.',
        '"Poor Miss Taylor!--I wish she were here again."',
      ],
      ["Emma and Harriet had been walking together one morning--and, in Emma's opinion, had been talking enough of Mr. Elton."],
    ]);
    expect(book.dropped).toEqual(['EMMA', 'By Jane Austen', 'VOLUME I', '* * * * *', 'VOLUME II', 'FINIS']);
    expect(book.warnings).toEqual([]); // numbering may restart at I in each volume
  });

  it('recognises the heading styles of all six books, and only whole-line headings', () => {
    for (const h of ['CHAPTER 1', 'Chapter 12', 'CHAPTER I', 'CHAPTER XLVIII', '  Chapter 7  ']) expect(isChapterHeading(h)).toBe(true);
    for (const t of ['chapter of accidents', 'the CHAPTER I read', 'CHAPTERS 1']) expect(isChapterHeading(t)).toBe(false);
  });

  it('drops front matter before the first chapter, editorial notes, footnotes and back matter', () => {
    const raw = `NORTHANGER ABBEY

by

Jane Austen (1803)

ADVERTISEMENT BY THE AUTHORESS, TO NORTHANGER ABBEY

THIS little work was finished in the year 1803.

CHAPTER 1

No one who had ever seen Catherine Morland in her infancy.

                        [End volume one of this edition.
                        Printed by T. and A. Constable]

CHAPTER 2

Love declared,* it must be.

*Vide a letter from Mr. Richardson, No. 97, Vol. II, Rambler.

A NOTE ON THE TEXT

Northanger Abbey was written in 1797-98 under a different title.

THE END`;
    const b = cleanBook('Northanger Abbey', raw.split('\n'));
    expect(b.chapters).toEqual([
      ['No one who had ever seen Catherine Morland in her infancy.'],
      ['Love declared, it must be.'],
    ]);
    expect(b.dropped).toHaveLength(10);
    expect(b.dropped.at(-1)).toBe('THE END');
  });

  it('reports chapter numbering that skips', () => {
    const b = cleanBook('X', ['Chapter 1', '', 'a', '', 'Chapter 3', '', 'b']);
    expect(b.chapters).toHaveLength(2);
    expect(b.warnings[0]).toMatch(/Chapter 3.*follows chapter 1/);
  });
});

describe('buildAustenCorpus', () => {
  it('one document per chapter titled "<Book>, chapter N", counted within the book', () => {
    const raw = dump('Emma', EMMA_RAW) + dump('Persuasion', 'Persuasion\n\nby\n\nChapter 1\n\nSir Walter Elliot,\nof Kellynch Hall.\n\nFinis');
    const { corpus } = buildAustenCorpus(raw);
    expect(corpus.name).toBe('austen');
    expect(corpus.source).toMatch(/janeaustenr \(MIT\)/);
    expect(corpus.documents.map((d) => d.title)).toEqual(['Emma, chapter 1', 'Emma, chapter 2', 'Persuasion, chapter 1']);
    expect(corpus.documents[0].text.split('\n\n')).toHaveLength(3);
    expect(corpus.documents[2].text).toBe('Sir Walter Elliot, of Kellynch Hall.');
  });

  it('encodes deterministically', () => {
    const { corpus } = buildAustenCorpus(dump('Emma', EMMA_RAW));
    const a = encodeCorpus(corpus);
    expect(a.equals(encodeCorpus(corpus))).toBe(true);
    expect(a.readUInt32LE(4)).toBe(0); // no mtime
  });

  it('counts words, treating "--" as a separator', () => {
    expect(countWords('"Poor Miss Taylor!--I wish," -- she said; mother-in-law.')).toBe(8);
  });
});

describe.skipIf(!existsSync(corpusPath('austen')))('committed data/austen.json.gz', () => {
  const corpus = loadCorpus('austen');
  const texts = corpus.documents.map((d) => d.text);

  it('has the six novels, in order, chapter by chapter', () => {
    const books = [...new Set(corpus.documents.map((d) => d.title.replace(/, chapter \d+$/, '')))];
    expect(books).toEqual([...AUSTEN_BOOKS]);
    expect(corpus.documents.length).toBeGreaterThan(250);
    for (const d of corpus.documents) {
      expect(d.title).toMatch(/^.+, chapter \d+$/);
      expect(d.text.length).toBeGreaterThan(0);
    }
    const words = texts.reduce((a, t) => a + countWords(t), 0);
    expect(words).toBeGreaterThan(650_000);
  });

  it('is clean: no chapter headings, underscores, curly quotes, blank paragraphs or stray whitespace', () => {
    for (const t of texts) {
      expect(t.split('\n').some((l) => /^CHAPTER/i.test(l))).toBe(false);
      expect(t).not.toMatch(/_/);
      expect(t).not.toMatch(/[\u2018\u2019\u201C\u201D\u2013\u2014]/);
      expect(t).not.toMatch(/\n{3,}|^\s|\s$|[ \t]{2,}|\t/);
      expect(t.split('\n\n').every((p) => p.length > 0 && !p.includes('\n'))).toBe(true);
    }
  });

  it('starts Pride & Prejudice where it should', () => {
    const pp = corpus.documents.find((d) => d.title === 'Pride & Prejudice, chapter 1')!;
    expect(pp.text.startsWith('It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.\n\n')).toBe(true);
  });
});
