/** Node-only: read a committed corpus file. */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { CorpusFile, CorpusName } from './corpus.ts';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function corpusPath(name: CorpusName): string {
  return path.join(REPO_ROOT, 'data', `${name}.json.gz`);
}

export function loadCorpus(name: CorpusName): CorpusFile {
  const raw = gunzipSync(readFileSync(corpusPath(name))).toString('utf8');
  const parsed = JSON.parse(raw) as CorpusFile;
  if (parsed.name !== name || !Array.isArray(parsed.documents)) {
    throw new Error(`${corpusPath(name)} is not a ${name} corpus file`);
  }
  return parsed;
}
