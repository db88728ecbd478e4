/**
 * Where the engine's weight bytes come from: the app's own origin, through a versioned browser cache.
 *
 * - manifest.json is always revalidated (no-cache); its `version` names the cache
 *   (`calm-weights-<version>`), and every other `calm-weights-*` cache is deleted, so a new training
 *   run never mixes with old files and old files do not pile up.
 * - Each file is streamed with byte-level progress; its SHA-256 is checked before it goes into the
 *   cache. A cached file whose hash no longer matches is dropped and fetched from the network once.
 * - `source()` is a ByteSource for src/model/load.ts, which checks every file's hash and shapes again
 *   and throws the typed errors (missing file, bad hash, wrong shape) that name the file.
 *
 * Fetch and the Cache API are injected, so Node tests run this with fakes.
 */
import { BadFormatError, MissingFileError } from '../model/errors.ts';
import { sha256Hex, type ByteSource } from '../model/load.ts';
import type { ManifestFile, WeightsManifest } from './manifest.ts';

export const CACHE_PREFIX = 'calm-weights-';

type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** The parts of the Cache API used here (CacheStorage / Cache). */
export interface CacheLike {
  match(url: string): Promise<Response | undefined>;
  put(url: string, res: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
}
export interface CacheStorageLike {
  open(name: string): Promise<CacheLike>;
  keys(): Promise<string[]>;
  delete(name: string): Promise<boolean>;
}

export interface WeightsDeps {
  fetch?: FetchLike;
  /** null: no browser cache (files always come from the network). Default: globalThis.caches. */
  caches?: CacheStorageLike | null;
}

export interface WeightsStats {
  /** Bytes that came over the network / out of the browser cache. */
  networkBytes: number;
  cacheBytes: number;
  /** Cached files that failed their hash and were fetched again. */
  refetched: string[];
}

export interface WeightsSource {
  manifest: WeightsManifest;
  /** The browser cache in use, or null when none is available. */
  cacheName: string | null;
  stats: WeightsStats;
  /** The bytes of one file (path relative to the weights folder); `onBytes` gets each new slice's size. */
  read(path: string, onBytes?: (n: number) => void): Promise<Uint8Array>;
  /** A ByteSource (src/model/load.ts) over `read`. */
  source(onBytes?: (n: number) => void): ByteSource;
}

function httpError(res: Response): Error {
  return new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
}

/** Fetch and check the manifest (always revalidated with the server). */
export async function fetchWeightsManifest(base: string, fetchFn: FetchLike): Promise<WeightsManifest> {
  let res: Response;
  try {
    res = await fetchFn(new URL('manifest.json', base).href, { cache: 'no-cache' });
  } catch (e) {
    throw new MissingFileError('manifest.json', (e as Error).message);
  }
  if (!res.ok) throw new MissingFileError('manifest.json', httpError(res).message);
  let m: WeightsManifest;
  try {
    m = (await res.json()) as WeightsManifest;
  } catch (e) {
    throw new BadFormatError('manifest.json', `not JSON (${(e as Error).message})`);
  }
  if (!m || typeof m.version !== 'string' || !m.version || typeof m.models !== 'object' || m.models === null) {
    throw new BadFormatError('manifest.json', 'it has no version or no models');
  }
  return m;
}

/** Every file the manifest lists, by path. */
export function manifestEntries(m: WeightsManifest): Map<string, ManifestFile> {
  const out = new Map<string, ManifestFile>();
  if (m.tokenizer) out.set(m.tokenizer.path, m.tokenizer);
  for (const model of Object.values(m.models)) for (const f of model.files ?? []) out.set(f.path, f);
  return out;
}

/** Read a response body in slices, reporting each slice (byte-level progress). */
export async function readBody(res: Response, expected: number, onBytes?: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) {
    const b = new Uint8Array(await res.arrayBuffer());
    onBytes?.(b.length);
    return b;
  }
  const reader = res.body.getReader();
  let buf = new Uint8Array(Math.max(0, expected));
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (n + value.length > buf.length) {
      const bigger = new Uint8Array(Math.max(n + value.length, buf.length * 2));
      bigger.set(buf.subarray(0, n));
      buf = bigger;
    }
    buf.set(value, n);
    n += value.length;
    onBytes?.(value.length);
  }
  return n === buf.length ? buf : buf.slice(0, n);
}

/** Open the browser cache for this manifest version and delete the caches of older versions. */
async function openVersionedCache(storage: CacheStorageLike | null, version: string): Promise<{ cache: CacheLike | null; name: string | null }> {
  if (!storage) return { cache: null, name: null };
  const name = `${CACHE_PREFIX}${version}`;
  try {
    for (const key of await storage.keys()) {
      if (key.startsWith(CACHE_PREFIX) && key !== name) await storage.delete(key);
    }
    return { cache: await storage.open(name), name };
  } catch {
    // Storage disabled or unavailable (private mode, opaque origin): load from the network.
    return { cache: null, name: null };
  }
}

function defaultCaches(): CacheStorageLike | null {
  const c = (globalThis as { caches?: CacheStorageLike }).caches;
  return c ?? null;
}

/** Fetch the manifest and return a source for its files. `base` is the weights folder URL (absolute). */
export async function openWeights(base: string, deps: WeightsDeps = {}): Promise<WeightsSource> {
  const fetchFn: FetchLike = deps.fetch ?? ((u, i) => fetch(u, i));
  const manifest = await fetchWeightsManifest(base, fetchFn);
  const entries = manifestEntries(manifest);
  const { cache, name } = await openVersionedCache(deps.caches === undefined ? defaultCaches() : deps.caches, manifest.version);
  const stats: WeightsStats = { networkBytes: 0, cacheBytes: 0, refetched: [] };

  async function fromCache(url: string, entry: ManifestFile | undefined, path: string, onBytes?: (n: number) => void): Promise<Uint8Array | null> {
    if (!cache || !entry) return null;
    let hit: Response | undefined;
    try {
      hit = await cache.match(url);
    } catch {
      return null;
    }
    if (!hit) return null;
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if ((await sha256Hex(bytes)) === entry.sha256) {
      stats.cacheBytes += bytes.length;
      onBytes?.(bytes.length);
      return bytes;
    }
    // The cached copy went bad (disk corruption, an interrupted write): drop it, fetch it again once.
    stats.refetched.push(path);
    await cache.delete(url).catch(() => false);
    return null;
  }

  async function read(path: string, onBytes?: (n: number) => void): Promise<Uint8Array> {
    const entry = entries.get(path);
    const url = new URL(path, base).href;
    const cached = await fromCache(url, entry, path, onBytes);
    if (cached) return cached;
    const res = await fetchFn(url, { cache: 'no-cache' });
    if (!res.ok) throw httpError(res);
    const expected = entry?.bytes ?? Number(res.headers.get('content-length') ?? 0);
    const bytes = await readBody(res, expected || 0, onBytes);
    stats.networkBytes += bytes.length;
    if (cache && entry && (await sha256Hex(bytes)) === entry.sha256) {
      // Only verified bytes enter the cache. A failed put (quota) just means no cache next time.
      await cache.put(url, new Response(bytes as unknown as BodyInit, { headers: { 'content-type': 'application/octet-stream' } })).catch(() => {});
    }
    return bytes;
  }

  return {
    manifest,
    cacheName: name,
    stats,
    read,
    source: (onBytes) => (path) => read(path, onBytes),
  };
}
