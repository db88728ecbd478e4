import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tfjsWasmThreadsMainScript } from './scripts/vite/tfjs-wasm-threads.ts';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const WASM_DIR = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');

/**
 * The TF.js WASM backend loads its .wasm binaries at run time. Serve them from our own origin
 * under /tfjs-wasm/ (dev server) and emit them into the build (dist/tfjs-wasm/): no CDN.
 */
function tfjsWasmFiles(): Plugin {
  const files = readdirSync(WASM_DIR).filter((f) => f.endsWith('.wasm'));
  return {
    name: 'calm-tfjs-wasm-files',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = req.url?.match(/\/tfjs-wasm\/([\w.-]+\.wasm)$/);
        if (!m || !files.includes(m[1])) return next();
        res.setHeader('Content-Type', 'application/wasm');
        res.end(readFileSync(path.join(WASM_DIR, m[1])));
      });
    },
    generateBundle() {
      for (const f of files) this.emitFile({ type: 'asset', fileName: `tfjs-wasm/${f}`, source: readFileSync(path.join(WASM_DIR, f)) });
    },
  };
}

/**
 * The offline service worker's file list (public/sw.js, registered by src/app/offline.ts): after a build,
 * write `sw-precache.json` = { build, files } into the output folder: every built file (JS, CSS, the WASM
 * binaries), the held-out passages and the weights manifest. `build` is a hash of those files' names and
 * bytes, so any change installs a new worker. Weight files are left out: the engine caches them itself.
 */
function swPrecacheList(): Plugin {
  let outDir = 'dist';
  const walk = (dir: string, rel = ''): string[] =>
    readdirSync(dir).flatMap((f) => {
      const full = path.join(dir, f);
      const r = rel ? `${rel}/${f}` : f;
      return statSync(full).isDirectory() ? walk(full, r) : [r];
    });
  return {
    name: 'calm-sw-precache',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      if (!existsSync(outDir)) return;
      const keep = (f: string) =>
        f === 'index.html' || f.startsWith('assets/') || f.startsWith('tfjs-wasm/') || f.startsWith('heldout/') || f.startsWith('train/') || f === 'weights/manifest.json' ||
        (f.startsWith('traces/') && f.endsWith('.json'));
      const files = walk(outDir).filter(keep).sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(f).update(readFileSync(path.join(outDir, f)));
      const list = { build: hash.digest('hex').slice(0, 16), files };
      writeFileSync(path.join(outDir, 'sw-precache.json'), JSON.stringify(list, null, 1));
    },
  };
}

/**
 * index.html carries the app's Content Security Policy (a <meta>, so it holds on any static host). The dev
 * server needs two things it forbids: React Fast Refresh's inline preamble script and the HMR WebSocket.
 * Only in dev, widen script-src and connect-src for those; builds ship the policy as written.
 */
function devCsp(): Plugin {
  return {
    name: 'calm-dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: wss:");
    },
  };
}

// Cross-origin isolation (COOP + COEP) gives the page SharedArrayBuffer, which the threaded WASM backend
// needs; every asset (weights, .wasm, workers) is served from the app's own origin. These two headers
// reach the dev server and `vite preview` only: a production host must send them on every response,
// the engine worker's script included (a worker without COEP is refused in an isolated page).
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), tfjsWasmFiles(), swPrecacheList(), devCsp()],
  server: { headers: isolationHeaders, port: 5173, strictPort: false },
  preview: { headers: isolationHeaders, port: 4173, strictPort: false },
  // The engine worker's bundle: pthreads of the threaded WASM build load the untouched Emscripten file
  // (scripts/vite/tfjs-wasm-threads.ts; the minified factory crashes in them).
  worker: { format: 'es', plugins: () => [tfjsWasmThreadsMainScript()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
