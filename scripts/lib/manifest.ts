/**
 * Node-only: read and update `public/weights/manifest.json`.
 * Every file entry is `{ path, sha256, bytes }` with `path` relative to public/weights/.
 * `version` is a hash over all listed files' hashes, so it changes whenever any weight changes
 * (browsers use it to drop stale caches). The manifest never lists itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';

export const WEIGHTS_DIR = path.join(REPO_ROOT, 'public', 'weights');
export const MANIFEST_PATH = path.join(WEIGHTS_DIR, 'manifest.json');

export interface FileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  version: string;
  tokenizer?: FileEntry & Record<string, unknown>;
  models: Record<string, { kind: string; files: FileEntry[]; [k: string]: unknown }>;
  [k: string]: unknown;
}

export function sha256Of(buf: Uint8Array): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Hash a file under public/weights/ and describe it. */
export function fileEntry(relPath: string): FileEntry {
  const buf = readFileSync(path.join(WEIGHTS_DIR, relPath));
  return { path: relPath, sha256: sha256Of(buf), bytes: buf.byteLength };
}

export function readManifest(): Manifest {
  if (!existsSync(MANIFEST_PATH)) return { version: '', models: {} };
  return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
}

function collectHashes(o: unknown, out: string[]): void {
  if (!o || typeof o !== 'object') return;
  const rec = o as Record<string, unknown>;
  if (typeof rec.sha256 === 'string' && typeof rec.path === 'string') out.push(`${rec.path}:${rec.sha256}`);
  for (const v of Object.values(rec)) collectHashes(v, out);
}

/** Apply `mutate` to the manifest, recompute `version`, and write it back. */
export function updateManifest(mutate: (m: Manifest) => void): Manifest {
  const m = readManifest();
  mutate(m);
  const hashes: string[] = [];
  collectHashes({ ...m, version: undefined }, hashes);
  hashes.sort();
  m.version = sha256Of(new TextEncoder().encode(hashes.join('\n'))).slice(0, 16);
  mkdirSync(WEIGHTS_DIR, { recursive: true });
  writeFileSync(MANIFEST_PATH, JSON.stringify(m, null, 2) + '\n');
  return m;
}
