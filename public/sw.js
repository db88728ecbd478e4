/*
 * CALM Playground service worker: after the first visit the app works offline.
 *
 * Registered by src/app/offline.ts (production builds only) as `sw.js?build=<id>`, where <id> and the list of
 * files to keep come from `sw-precache.json`, written by the build (vite.config.ts). A new build has a new id,
 * so the browser installs a new worker, which stores the new files and, once active (when no page of the old
 * build is open any more), drops the old ones.
 *
 * What it keeps, and how it answers (same-origin GET requests inside its scope only; everything else passes):
 * - the page (navigations): network first, the stored copy when the network fails;
 * - assets/* and tfjs-wasm/* (file names change with their content): stored copy first;
 * - weights/manifest.json, heldout/*, train/* (the Train panel's sample and replay), sw-precache.json: network first, the stored copy when offline;
 * - weights/* other than the manifest: not kept here. The engine keeps them, verified, in its own
 *   versioned Cache API cache (src/engine/weights-source.ts), so they are stored once.
 *
 * Files are kept in IndexedDB (database "calm-offline"), not in the Cache API, so the Cache API holds only the
 * engine's `calm-weights-<version>` cache. Stored responses keep their headers, Cross-Origin-Opener-Policy and
 * Cross-Origin-Embedder-Policy included: a page served offline stays cross-origin isolated like online.
 */
/* eslint-env serviceworker */
'use strict';

const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const SCOPE = new URL(self.registration.scope);
const DB_NAME = 'calm-offline';
const STORE = 'files';
const INDEX_KEY = 'index.html';

function openDb() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'key' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function tx(mode, work) {
  return openDb().then(
    (db) =>
      new Promise((resolve, reject) => {
        const t = db.transaction(STORE, mode);
        const result = work(t.objectStore(STORE));
        t.oncomplete = () => {
          db.close();
          resolve(result && 'result' in result ? result.result : undefined);
        };
        t.onerror = t.onabort = () => {
          db.close();
          reject(t.error);
        };
      }),
  );
}

/** The key of a URL: its path relative to the scope ("assets/index-abc.js"); the page itself is "index.html". */
function keyOf(url) {
  const u = new URL(url, SCOPE);
  const rel = u.pathname.startsWith(SCOPE.pathname) ? u.pathname.slice(SCOPE.pathname.length) : null;
  if (rel === null) return null;
  return rel === '' ? INDEX_KEY : decodeURIComponent(rel);
}

async function store(key, res) {
  const body = await res.arrayBuffer();
  const record = { key, build: BUILD, status: res.status, statusText: res.statusText, headers: [...res.headers], body };
  await tx('readwrite', (s) => s.put(record));
}

async function stored(key) {
  const r = await tx('readonly', (s) => s.get(key)).catch(() => undefined);
  if (!r) return undefined;
  const headers = new Headers(r.headers);
  // Says where the answer came from (tests and devtools read it).
  headers.set('X-Calm-Offline', `stored ${r.build}`);
  return new Response(r.body, { status: r.status, statusText: r.statusText, headers });
}

const keepable = (res) => res && res.ok && res.status === 200 && (res.type === 'basic' || res.type === 'default');

async function precache() {
  const listRes = await fetch(new URL('sw-precache.json', SCOPE), { cache: 'no-store' });
  if (!listRes.ok) throw new Error(`sw-precache.json: HTTP ${listRes.status}`);
  const list = await listRes.json();
  const files = [...new Set([INDEX_KEY, ...list.files])];
  for (const f of files) {
    const url = f === INDEX_KEY ? SCOPE.href : new URL(f, SCOPE).href;
    const res = await fetch(url, { cache: 'no-cache' });
    if (!keepable(res)) throw new Error(`${f}: HTTP ${res.status}`);
    await store(f, res);
  }
  await store('sw-precache.json', new Response(JSON.stringify(list), { headers: listRes.headers }));
}

async function dropOtherBuilds() {
  await tx('readwrite', (s) => {
    const req = s.openCursor();
    req.onsuccess = () => {
      const c = req.result;
      if (!c) return;
      if (c.value.build !== BUILD) c.delete();
      c.continue();
    };
  });
}

// No skipWaiting(): a new build's worker waits until no page of the old build is open, so an open page never
// loses the files of its own build mid-session. Online, pages get the new build anyway (the page is network
// first); only the offline copy changes over when the old pages are gone.
self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOtherBuilds().then(() => self.clients.claim()));
});

async function networkFirst(request, key) {
  try {
    const res = await fetch(request);
    if (keepable(res)) {
      const copy = res.clone();
      // Keep the newest copy; a failure to store must not fail the response.
      store(key, copy).catch(() => {});
    }
    return res;
  } catch (e) {
    const hit = await stored(key);
    if (hit) return hit;
    throw e;
  }
}

/**
 * The page: network first. The query string is for the app, not the server, and a long one (a link with a
 * long text) can make a server refuse the request (414 URI Too Long, 431 Request Header Fields Too Large):
 * then the stored page answers, and the app reads (and trims) the link itself.
 */
async function navigate(request) {
  const res = await networkFirst(request, INDEX_KEY);
  if (res.status === 414 || res.status === 431) return (await stored(INDEX_KEY)) ?? res;
  return res;
}

async function storedFirst(request, key) {
  const hit = await stored(key);
  if (hit) return hit;
  const res = await fetch(request);
  if (keepable(res)) store(key, res.clone()).catch(() => {});
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || request.headers.has('range')) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
    return;
  }
  const key = keyOf(url.href);
  if (key === null) return;
  if (key.startsWith('assets/') || key.startsWith('tfjs-wasm/')) {
    event.respondWith(storedFirst(request, key));
  } else if (key === 'weights/manifest.json' || key.startsWith('heldout/') || key.startsWith('train/') || key === 'sw-precache.json' || key === INDEX_KEY) {
    event.respondWith(networkFirst(request, key));
  }
  // Anything else (the weight files, sw.js itself) goes to the network untouched.
});
