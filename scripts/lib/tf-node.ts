/**
 * Node-only: TensorFlow.js on the WASM backend (SIMD, one thread), as PLATFORM.md advises,
 * with the gradients registered (needed for training).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * tfjs-core's gradient registration ships only as extensionless ESM, which Node's loader
 * rejects. Bundle it once into a CommonJS file with esbuild (a dependency of tsx/Vite) and
 * require that: it registers into the global gradient registry that the core reads.
 */
function registerGradientsInNode(): void {
  const g = globalThis as { __calmGradientsRegistered?: boolean };
  if (g.__calmGradientsRegistered) return;
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@tensorflow/tfjs-core/dist/register_all_gradients.js');
  const version = (require('@tensorflow/tfjs-core/package.json') as { version: string }).version;
  const out = path.join(ROOT, '.cache', `tfjs-gradients-${version}.cjs`);
  if (!existsSync(out)) {
    mkdirSync(path.dirname(out), { recursive: true });
    const esbuild = require('esbuild') as typeof import('esbuild');
    esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  }
  require(out);
  g.__calmGradientsRegistered = true;
}

export async function initTf(backend: 'wasm' | 'cpu' = 'wasm'): Promise<typeof tf> {
  registerGradientsInNode();
  const ok = await tf.setBackend(backend);
  if (!ok) throw new Error(`could not start the TensorFlow.js ${backend} backend`);
  await tf.ready();
  return tf;
}

export { tf };
