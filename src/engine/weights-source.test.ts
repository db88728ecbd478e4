import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { fetchVerified } from '../model/load.ts';
import { CACHE_PREFIX, openWeights, type CacheLike, type CacheStorageLike } from './weights-source.ts';
import type { WeightsManifest } from './manifest.ts';

const BASE = 'http://app.test/weights/';
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** Byte-equality without a slow element-by-element deep compare. */
const same = (a: Uint8Array | undefined, b: Uint8Array) => !!a && Buffer.from(a).equals(Buffer.from(b));

function bytes(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 255;
  return b;
}

const FILES: Record<string, Uint8Array> = {
  'tokenizer.json': bytes(300, 1),
  'ae-robust/model.json': bytes(50, 2),
  'ae-robust/weights.bin': bytes(100_000, 3),
};

function manifest(version = 'v1'): WeightsManifest {
  const e = (path: string) => ({ path, sha256: sha(FILES[path]), bytes: FILES[path].length });
  return {
    version,
    tokenizer: e('tokenizer.json'),
    models: { 'ae-robust': { kind: 'autoencoder', config: {}, files: [e('ae-robust/model.json'), e('ae-robust/weights.bin')] } },
  };
}

/** A server: manifest + files, bodies streamed in 16 KiB slices; `override` replaces a file's bytes or status. */
function server(m: WeightsManifest, override: Record<string, Uint8Array | number> = {}) {
  const requests: string[] = [];
  const fetchFn = async (url: string) => {
    requests.push(url.replace(BASE, ''));
    const path = url.replace(BASE, '');
    if (path === 'manifest.json') return new Response(JSON.stringify(m), { status: 200 });
    const o = override[path];
    if (typeof o === 'number') return new Response('nope', { status: o, statusText: 'Not Found' });
    const body = o ?? FILES[path];
    if (!body) return new Response('nope', { status: 404, statusText: 'Not Found' });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < body.length; i += 16384) c.enqueue(body.slice(i, i + 16384));
        c.close();
      },
    });
    return new Response(stream, { status: 200, headers: { 'content-length': String(body.length) } });
  };
  return { fetchFn, requests };
}

/** An in-memory Cache API. */
function fakeCaches() {
  const stores = new Map<string, Map<string, Uint8Array>>();
  const storage: CacheStorageLike = {
    async open(name) {
      if (!stores.has(name)) stores.set(name, new Map());
      const s = stores.get(name)!;
      const cache: CacheLike = {
        async match(url) {
          const b = s.get(url);
          return b ? new Response(b.slice()) : undefined;
        },
        async put(url, res) {
          s.set(url, new Uint8Array(await res.arrayBuffer()));
        },
        async delete(url) {
          return s.delete(url);
        },
      };
      return cache;
    },
    async keys() {
      return [...stores.keys()];
    },
    async delete(name) {
      return stores.delete(name);
    },
  };
  return { storage, stores };
}

describe('weights source', () => {
  it('streams each file with byte-level progress that adds up to the manifest bytes', async () => {
    const m = manifest();
    const { fetchFn } = server(m);
    const w = await openWeights(BASE, { fetch: fetchFn, caches: null });
    const slices: number[] = [];
    const got = await fetchVerified(w.source((n) => slices.push(n)), m.models['ae-robust'].files[1]);
    expect(same(got, FILES['ae-robust/weights.bin'])).toBe(true);
    expect(slices.length).toBeGreaterThan(3); // several slices, not one jump
    expect(slices.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(w.stats.networkBytes).toBe(100_000);
  });

  it('a missing file is a typed error naming it', async () => {
    const m = manifest();
    const { fetchFn } = server(m, { 'ae-robust/weights.bin': 404 });
    const w = await openWeights(BASE, { fetch: fetchFn, caches: null });
    await expect(fetchVerified(w.source(), m.models['ae-robust'].files[1])).rejects.toMatchObject({
      code: 'missing-file',
      file: 'ae-robust/weights.bin',
      message: expect.stringMatching(/HTTP 404/),
    });
  });

  it('corrupted bytes fail the hash check, naming the file, and never enter the cache', async () => {
    const m = manifest();
    const bad = FILES['ae-robust/weights.bin'].slice();
    bad[777] ^= 0xff;
    const { fetchFn } = server(m, { 'ae-robust/weights.bin': bad });
    const { storage, stores } = fakeCaches();
    const w = await openWeights(BASE, { fetch: fetchFn, caches: storage });
    await expect(fetchVerified(w.source(), m.models['ae-robust'].files[1])).rejects.toMatchObject({ code: 'bad-hash', file: 'ae-robust/weights.bin' });
    expect(stores.get(`${CACHE_PREFIX}v1`)!.size).toBe(0);
  });

  it('a missing or broken manifest is a typed error', async () => {
    const gone = async () => new Response('x', { status: 404 });
    await expect(openWeights(BASE, { fetch: gone, caches: null })).rejects.toMatchObject({ code: 'missing-file', file: 'manifest.json' });
    const junk = async () => new Response('{"hello": 1}', { status: 200 });
    await expect(openWeights(BASE, { fetch: junk, caches: null })).rejects.toMatchObject({ code: 'bad-format', file: 'manifest.json' });
  });

  it('second load comes from the versioned cache without touching the network', async () => {
    const m = manifest();
    const { storage, stores } = fakeCaches();
    const first = server(m);
    const w1 = await openWeights(BASE, { fetch: first.fetchFn, caches: storage });
    for (const f of [m.tokenizer!, ...m.models['ae-robust'].files]) await fetchVerified(w1.source(), f);
    expect(w1.cacheName).toBe(`${CACHE_PREFIX}v1`);
    expect(stores.get(`${CACHE_PREFIX}v1`)!.size).toBe(3);

    const second = server(m);
    const w2 = await openWeights(BASE, { fetch: second.fetchFn, caches: storage });
    let seen = 0;
    for (const f of [m.tokenizer!, ...m.models['ae-robust'].files]) await fetchVerified(w2.source((n) => (seen += n)), f);
    expect(second.requests).toEqual(['manifest.json']); // the manifest is always revalidated, files are not
    expect(w2.stats).toMatchObject({ networkBytes: 0, cacheBytes: 100_350 });
    expect(seen).toBe(100_350);
  });

  it('a new manifest version uses a new cache and deletes the old ones', async () => {
    const { storage, stores } = fakeCaches();
    await storage.open(`${CACHE_PREFIX}old`);
    await storage.open('someone-else');
    const w = await openWeights(BASE, { fetch: server(manifest('v2')).fetchFn, caches: storage });
    expect(w.cacheName).toBe(`${CACHE_PREFIX}v2`);
    expect([...stores.keys()].sort()).toEqual([`${CACHE_PREFIX}v2`, 'someone-else']);
  });

  it('a cached file whose hash fails is fetched from the network once, then cached again', async () => {
    const m = manifest();
    const { storage, stores } = fakeCaches();
    const url = `${BASE}ae-robust/weights.bin`;
    const rotten = FILES['ae-robust/weights.bin'].slice();
    rotten[5] ^= 1;
    await (await storage.open(`${CACHE_PREFIX}v1`)).put(url, new Response(rotten));
    const s = server(m);
    const w = await openWeights(BASE, { fetch: s.fetchFn, caches: storage });
    const got = await fetchVerified(w.source(), m.models['ae-robust'].files[1]);
    expect(same(got, FILES['ae-robust/weights.bin'])).toBe(true);
    expect(s.requests.filter((r) => r === 'ae-robust/weights.bin')).toHaveLength(1);
    expect(w.stats.refetched).toEqual(['ae-robust/weights.bin']);
    expect(same(stores.get(`${CACHE_PREFIX}v1`)!.get(url), FILES['ae-robust/weights.bin'])).toBe(true);
  });

  it('works without a Cache API (storage disabled)', async () => {
    const m = manifest();
    const broken: CacheStorageLike = {
      open: () => Promise.reject(new Error('SecurityError')),
      keys: () => Promise.reject(new Error('SecurityError')),
      delete: () => Promise.reject(new Error('SecurityError')),
    };
    const w = await openWeights(BASE, { fetch: server(m).fetchFn, caches: broken });
    expect(w.cacheName).toBeNull();
    expect(same(await fetchVerified(w.source(), m.tokenizer!), FILES['tokenizer.json'])).toBe(true);
  });
});
