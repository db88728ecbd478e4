/**
 * The two training corpora share one on-disk shape: `data/<name>.json.gz`, a gzipped
 * `CorpusFile`. Documents are the unit of the held-out split: a document is either
 * wholly training text or wholly held-out text, decided by its index alone.
 */

export type CorpusName = 'stories' | 'austen';
export const CORPORA: readonly CorpusName[] = ['stories', 'austen'];

export interface CorpusDocument {
  /** A human-readable label, e.g. "Emma, chapter 3" or "story 1234". */
  title: string;
  /** Plain text: paragraphs separated by one blank line ("\n\n"). */
  text: string;
}

export interface CorpusFile {
  name: CorpusName;
  /** Where the text comes from, and its licence. */
  source: string;
  documents: CorpusDocument[];
}

/** Every HELDOUT_EVERY-th document (index % HELDOUT_EVERY === HELDOUT_OFFSET) is held out: 4 %. */
export const HELDOUT_EVERY = 25;
export const HELDOUT_OFFSET = 7;

export function isHeldOut(index: number): boolean {
  return index % HELDOUT_EVERY === HELDOUT_OFFSET;
}

export interface CorpusSplit {
  train: CorpusDocument[];
  heldout: CorpusDocument[];
}

/** Deterministic split of a corpus into training and held-out documents. */
export function splitCorpus(docs: readonly CorpusDocument[]): CorpusSplit {
  const train: CorpusDocument[] = [];
  const heldout: CorpusDocument[] = [];
  docs.forEach((d, i) => (isHeldOut(i) ? heldout : train).push(d));
  return { train, heldout };
}
