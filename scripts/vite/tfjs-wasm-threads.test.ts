import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tfjsWasmThreadsMainScript } from './tfjs-wasm-threads.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BACKEND = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

type Transform = (this: { error(msg: string): never }, code: string, id: string) => { code: string } | null;
const transform = tfjsWasmThreadsMainScript().transform as unknown as Transform;
const ctx = { error: (msg: string): never => { throw new Error(msg); } };

describe('tfjsWasmThreadsMainScript', () => {
  it('points the pthreads of the installed tfjs-backend-wasm at the untouched Emscripten file', () => {
    const code = readFileSync(BACKEND, 'utf8');
    const out = transform.call(ctx, code, `${BACKEND}?v=123`)!;
    expect(out.code.startsWith("import calmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n")).toBe(true);
    expect(out.code).toContain('factoryConfig.mainScriptUrlOrBlob = new URL(calmThreadedSimdUrl, self.location.href).href;');
    expect(out.code).not.toContain('wasmFactoryThreadedSimd.toString()');
    // Nothing else changed.
    expect(out.code.length - code.length).toBeLessThan(200);
  });

  it('leaves every other module alone', () => {
    expect(transform.call(ctx, 'export const x = 1;', '/x/node_modules/@tensorflow/tfjs-core/dist/index.js')).toBeNull();
  });

  it('fails the build when TF.js no longer has the code it replaces', () => {
    expect(() => transform.call(ctx, 'factoryConfig.mainScriptUrlOrBlob = somethingElse;', BACKEND)).toThrow(/tfjs-backend-wasm changed/);
  });
});
