import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

// Cross-origin isolation lets the WASM backend use SharedArrayBuffer where it can; every
// asset (weights, .wasm, workers) is served from the app's own origin.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), tfjsWasmFiles()],
  server: { headers: isolationHeaders, port: 5173, strictPort: false },
  preview: { headers: isolationHeaders, port: 4173, strictPort: false },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
