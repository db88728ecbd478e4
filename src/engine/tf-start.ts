/**
 * Browser side of the backend choice (runs in the engine's Web Worker): ask the WebGPU adapter about
 * itself, start a TensorFlow.js backend and prove it computes, and watch a WebGPU device for loss.
 * Backend packages are imported on demand, so a WASM session never downloads the WebGPU code.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AdapterFacts } from './backend.ts';
import type { BackendName } from './protocol.ts';
import { describeWasmThreads, wantWasmThreads, type WasmThreads } from './wasm-threads.ts';

/** The few WebGPU shapes we read (TypeScript's DOM library has no WebGPU types). */
interface GPUAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GPUAdapterLike {
  info?: GPUAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GPULike {
  requestAdapter(opts?: { powerPreference?: string }): Promise<GPUAdapterLike | null>;
}
export interface GPUDeviceLostInfoLike {
  reason?: string;
  message?: string;
}
interface GPUDeviceLike {
  lost: Promise<GPUDeviceLostInfoLike>;
  destroy(): void;
}

/** Ask for a WebGPU adapter the way TF.js does (high-performance) and describe it as plain data. */
export async function probeAdapter(): Promise<AdapterFacts> {
  const gpu = (globalThis.navigator as { gpu?: GPULike } | undefined)?.gpu;
  if (!gpu || typeof gpu.requestAdapter !== 'function') return { status: 'no-api' };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { status: 'none' };
    const info = adapter.info ?? {};
    return {
      status: 'found',
      vendor: info.vendor || undefined,
      architecture: info.architecture || undefined,
      device: info.device || undefined,
      description: info.description || undefined,
      isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
    };
  } catch (e) {
    return { status: 'error', error: e instanceof Error ? e.message : String(e) };
  }
}

let wasmPathsSet = false;
let wasmModule: typeof import('@tensorflow/tfjs-backend-wasm') | null = null;
let wasmThreads: WasmThreads | null = null;

const isCrossOriginIsolated = () => (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
const hardwareConcurrency = () => (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency;

/** Threads of the running WASM backend and why that many (null on other backends). */
export function currentWasmThreads(): WasmThreads | null {
  return tf.getBackend() === 'wasm' ? wasmThreads : null;
}

/** Read what TF.js actually started: the threaded build (and its thread count) or the single-thread one. */
async function readWasmThreads(): Promise<WasmThreads> {
  const threaded = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) === true;
  let threadsCount: number | null = null;
  if (threaded && wasmModule) {
    try {
      threadsCount = wasmModule.getThreadsCount();
    } catch {
      // throws only before the backend is initialised
    }
  }
  return describeWasmThreads({ crossOriginIsolated: isCrossOriginIsolated(), hardwareConcurrency: hardwareConcurrency(), threaded, threadsCount });
}

/** Load the backend's package (registers it with TF.js). */
async function importBackend(name: BackendName, wasmBase: string): Promise<void> {
  switch (name) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      // The engine's own WGSL kernels (fused matmul + argmax); imported here so WASM sessions skip them too.
      (await import('./webgpu-kernels.ts')).registerWebGpuKernels();
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasmModule = wasm;
      // TF.js loads its threaded build when the page is cross-origin isolated (it probes SharedArrayBuffer
      // itself; production builds need scripts/vite/tfjs-wasm-threads.ts for its pthreads to start). Where
      // it would use one thread anyway (hardwareConcurrency / 2 <= 1), keep the single-thread SIMD build
      // instead of starting its 8 idle pthread workers.
      if (!wantWasmThreads(isCrossOriginIsolated(), hardwareConcurrency())) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (!wasmPathsSet) {
        // Our own origin only (vite.config.ts serves and emits the .wasm files under tfjs-wasm/).
        wasm.setWasmPaths(wasmBase);
        wasmPathsSet = true;
      }
      return;
    }
  }
}

/**
 * Start `name` and prove it works with a tiny computation. `tf.setBackend` resolves false on failure
 * while TF.js still *names* that backend, so both the boolean and the numbers are checked.
 */
export async function startTfBackend(name: BackendName, wasmBase: string): Promise<void> {
  await importBackend(name, wasmBase);
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (e) {
    throw new Error(`TensorFlow.js could not initialise it (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!ok || tf.getBackend() !== name) throw new Error('TensorFlow.js could not initialise it');
  const t = tf.tidy(() => tf.add(tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([1, 0, 0, 1], [2, 2])), tf.scalar(1)));
  try {
    const v = await t.data();
    const want = [2, 3, 4, 5];
    if (v.length !== 4 || want.some((w, i) => Math.abs(v[i] - w) > 1e-5)) {
      throw new Error(`a test computation gave wrong numbers (${Array.from(v).join(', ')})`);
    }
  } finally {
    t.dispose();
  }
  if (name === 'wasm') wasmThreads = await readWasmThreads();
}

/** The live WebGPU device of the current TF.js backend, if it is WebGPU. */
export function currentGpuDevice(): GPUDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const be = tf.backend() as unknown as { device?: GPUDeviceLike };
  return be.device ?? null;
}

/** Call `onLost` once if the current WebGPU device is lost (no-op on other backends). */
export function watchDeviceLoss(onLost: (info: GPUDeviceLostInfoLike) => void): void {
  const device = currentGpuDevice();
  if (!device) return;
  device.lost.then(onLost, () => {});
}

/** Forget a backend TF.js has (after its device was lost) so that it is never picked again. */
export function dropTfBackend(name: BackendName): void {
  try {
    tf.removeBackend(name);
  } catch {
    // a dead backend may fail to dispose itself; it is unusable either way
  }
}
