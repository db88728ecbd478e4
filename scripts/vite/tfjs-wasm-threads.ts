/**
 * Threaded WASM in production builds (TF.js 4.22 + Vite 8).
 *
 * tfjs-backend-wasm starts its pthread workers from a Blob holding `wasmFactoryThreadedSimd.toString()`:
 * the *bundled* source of the Emscripten factory, run in a fresh worker where none of the bundle's other
 * names exist. Vite 8's minifier (Oxc) rewrites the factory's `typeof _scriptDir !== "undefined" &&
 * _scriptDir` into `e !== void 0 && e`, with `e` a variable of the surrounding bundle, so every pthread
 * throws "ReferenceError: e is not defined" and `setBackend('wasm')` never resolves (tfjs#4253, #4539).
 *
 * This plugin (for the worker bundle: `worker.plugins` in vite.config.ts) replaces that Blob with the URL
 * of the untouched Emscripten file, emitted as an asset (`assets/tfjs-backend-wasm-threaded-simd-<hash>.js`),
 * so the pthreads load code the minifier never saw while the rest of the bundle stays minified.
 * The URL is absolute because the pthreads are blob: workers (a relative URL would not resolve).
 *
 * It fails the build if the code it expects is not there (a TF.js upgrade changed it): check that the
 * threaded backend still starts in a production build (e2e/wasm-threads.spec.ts), then update the pattern.
 */
import type { Plugin } from 'vite';

const BACKEND_FILE = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const FACTORY_BLOB = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;

export function tfjsWasmThreadsMainScript(): Plugin {
  return {
    name: 'calm-tfjs-wasm-threads-main-script',
    transform(code, id) {
      if (!BACKEND_FILE.test(id.split('?')[0])) return null;
      if (!FACTORY_BLOB.test(code)) {
        this.error('tfjs-backend-wasm changed: the mainScriptUrlOrBlob Blob of wasmFactoryThreadedSimd.toString() was not found (see scripts/vite/tfjs-wasm-threads.ts)');
      }
      return {
        code: "import calmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n" +
          code.replace(FACTORY_BLOB, 'new URL(calmThreadedSimdUrl, self.location.href).href'),
        map: null,
      };
    },
  };
}
