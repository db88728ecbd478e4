/**
 * Loading a model from a manifest entry through any byte source (fetch in the browser,
 * the file system in Node): every file's SHA-256 is checked against the manifest before
 * it is parsed, shapes are checked against the model config, and every failure is a typed
 * error naming the file.
 */
import { BadHashError, MissingFileError } from './errors.ts';
import { decodeWeights, parseModelJson, type ModelJson } from './weights-io.ts';

export interface ManifestFileEntry {
  path: string;
  sha256: string;
  bytes?: number;
}

/** Returns the bytes of a file (path relative to the weights folder), or throws/returns null when missing. */
export type ByteSource = (path: string) => Promise<Uint8Array | null>;

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('SHA-256 needs crypto.subtle (a secure context: https or localhost)');
  const digest = await subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Fetch one file and check it against its manifest entry. */
export async function fetchVerified(source: ByteSource, entry: ManifestFileEntry): Promise<Uint8Array> {
  let bytes: Uint8Array | null;
  try {
    bytes = await source(entry.path);
  } catch (e) {
    throw new MissingFileError(entry.path, (e as Error).message);
  }
  if (!bytes) throw new MissingFileError(entry.path);
  const actual = await sha256Hex(bytes);
  if (actual !== entry.sha256) throw new BadHashError(entry.path, entry.sha256, actual);
  return bytes;
}

export interface LoadedWeights {
  json: ModelJson;
  tensors: Map<string, { shape: number[]; values: Float32Array }>;
}

/**
 * Load a model whose files are listed in `files` (one ends in model.json; the shards it names
 * are looked up relative to it). `expectedShapes` comes from the model code and the config.
 */
export async function loadVerifiedModel(
  source: ByteSource,
  files: ManifestFileEntry[],
  expectedShapes: (config: Record<string, unknown>) => Map<string, number[]>,
): Promise<LoadedWeights> {
  const jsonEntry = files.find((f) => f.path.endsWith('model.json'));
  if (!jsonEntry) throw new MissingFileError('model.json', 'the manifest lists no model.json for this model');
  const dir = jsonEntry.path.slice(0, jsonEntry.path.length - 'model.json'.length);
  const jsonBytes = await fetchVerified(source, jsonEntry);
  const json = parseModelJson(new TextDecoder().decode(jsonBytes), jsonEntry.path);
  const shardPaths = json.weightsManifest.flatMap((g) => g.paths.map((p) => dir + p));
  const shards: Uint8Array[] = [];
  for (const p of shardPaths) {
    const entry = files.find((f) => f.path === p);
    if (!entry) throw new MissingFileError(p, 'the manifest does not list this shard');
    shards.push(await fetchVerified(source, entry));
  }
  const tensors = decodeWeights(json, shards, shardPaths, expectedShapes(json.config));
  return { json, tensors };
}
