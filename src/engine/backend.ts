/**
 * Which TensorFlow.js backend the engine runs on, and why.
 *
 * The decision is a pure function of what was asked for, what the WebGPU adapter says about itself and
 * which backends actually started (unit-tested in Node). The browser side — probing the adapter and
 * starting a backend — is injected, so `chooseBackend` runs the same logic with fakes in tests.
 *
 * Rules (PLATFORM.md): WebGPU when an adapter exists and is not a software fallback (SwiftShader is
 * ≈ 50× slower than WASM); otherwise WASM, then WebGL, then CPU. A requested backend goes first; when
 * it cannot start, the result says so (`requestFailed`) and the usual order takes over.
 */
import { CalmError } from '../model/errors.ts';
import type { BackendInfo, BackendName } from './protocol.ts';

/** What `navigator.gpu.requestAdapter()` told us, as plain data. */
export interface AdapterFacts {
  /** 'no-api': the browser has no navigator.gpu; 'none': requestAdapter() returned null; 'error': it threw. */
  status: 'found' | 'none' | 'no-api' | 'error';
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
  error?: string;
}

export interface StartAttempt {
  name: BackendName;
  /** null when the backend started and passed its check; otherwise why it did not. */
  error: string | null;
}

export const BACKEND_LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', wasm: 'WASM', webgl: 'WebGL', cpu: 'CPU' };

/** The usual order when nothing (or nothing that works) was requested. */
const FALLBACKS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** A software adapter (SwiftShader, llvmpipe, WARP…) runs WebGPU on the CPU: slower than WASM. */
export function isSoftwareAdapter(a: AdapterFacts): boolean {
  if (a.status !== 'found') return false;
  if (a.isFallbackAdapter) return true;
  const text = `${a.architecture ?? ''} ${a.description ?? ''} ${a.device ?? ''}`.toLowerCase();
  return /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|microsoft basic|warp/.test(text);
}

/** "google swiftshader", "nvidia ampere"; undefined when there is no adapter. */
export function describeAdapter(a: AdapterFacts): string | undefined {
  if (a.status !== 'found') return undefined;
  const words = [a.vendor, a.architecture || a.device || a.description].filter((w): w is string => !!w && w.trim() !== '');
  return words.length ? words.join(' ') : 'unnamed adapter';
}

/** Why WebGPU cannot even be attempted, or null when an adapter exists. */
export function webgpuUnavailable(a: AdapterFacts): string | null {
  switch (a.status) {
    case 'found':
      return null;
    case 'no-api':
      return 'this browser has no WebGPU (navigator.gpu is missing)';
    case 'none':
      return 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)';
    case 'error':
      return `asking for a WebGPU adapter failed (${a.error ?? 'unknown error'})`;
  }
}

/** The order to try backends in (each at most once). */
export function backendOrder(requested: BackendName | null, adapter: AdapterFacts): BackendName[] {
  const auto: BackendName[] = adapter.status === 'found' && !isSoftwareAdapter(adapter) ? ['webgpu', ...FALLBACKS] : [...FALLBACKS];
  if (!requested) return auto;
  return [requested, ...auto.filter((b) => b !== requested)];
}

/** Why the automatic choice skipped WebGPU (a clause), or null when it did not. */
function whyNotWebGPU(adapter: AdapterFacts): string | null {
  const missing = webgpuUnavailable(adapter);
  if (missing) return missing;
  if (isSoftwareAdapter(adapter)) return `the WebGPU adapter (${describeAdapter(adapter)}) is a software fallback, slower than WASM`;
  return null;
}

/**
 * Pure: given what was asked, the adapter and the start attempts in order (the last one succeeded),
 * say which backend runs and why. Returns null when every attempt failed.
 */
export function decideBackend(requested: BackendName | null, adapter: AdapterFacts, attempts: StartAttempt[]): BackendInfo | null {
  const winner = attempts.find((a) => a.error === null);
  if (!winner) return null;
  const failed = attempts.filter((a) => a.error !== null);
  const info: BackendInfo = { name: winner.name, reason: '', adapter: describeAdapter(adapter), requested };
  const requestFailure = requested && requested !== winner.name ? failed.find((a) => a.name === requested) : undefined;
  if (requestFailure) info.requestFailed = `${BACKEND_LABEL[requested!]} could not start: ${requestFailure.error}.`;

  const parts: string[] = [];
  if (requested && winner.name === requested) {
    parts.push(`You asked for ${BACKEND_LABEL[requested]} (backend=${requested})`);
    if (requested === 'webgpu' && isSoftwareAdapter(adapter)) parts.push('the adapter is a software fallback, so expect it to be slow');
  } else {
    if (winner.name === 'webgpu') parts.push(`WebGPU on a hardware GPU adapter (${describeAdapter(adapter)})`);
    else {
      // A failed WebGPU request already says why there is no WebGPU (requestFailed).
      const skip = requestFailure && requested === 'webgpu' ? null : whyNotWebGPU(adapter);
      if (requestFailure) parts.push(`${BACKEND_LABEL[requested!]} could not start`);
      if (skip) parts.push(skip);
      for (const f of failed) {
        if (f.name === requested) continue;
        parts.push(`${BACKEND_LABEL[f.name]} failed to start (${f.error})`);
      }
      parts.push(`using ${BACKEND_LABEL[winner.name]}`);
    }
  }
  info.reason = parts.join('; ').replace(/^./, (c) => c.toUpperCase());
  return info;
}

/** Thrown when no backend at all could start. */
export class NoBackendError extends CalmError {
  constructor(attempts: StartAttempt[]) {
    super('no-backend', `No compute backend could start: ${attempts.map((a) => `${BACKEND_LABEL[a.name]}: ${a.error}`).join('; ')}.`,
      'Use a current desktop browser (Chrome, Edge, Firefox or Safari) with JavaScript and WebAssembly enabled, then reload.');
    this.name = 'NoBackendError';
  }
}

/**
 * Try backends in order until one starts. `start(name)` resolves when the backend runs and passed its
 * check, and rejects (or throws) with the reason otherwise. WebGPU is not attempted without an adapter.
 */
export async function chooseBackend(
  requested: BackendName | null,
  adapter: AdapterFacts,
  start: (name: BackendName) => Promise<void>,
  exclude: readonly BackendName[] = [],
): Promise<{ info: BackendInfo; attempts: StartAttempt[] }> {
  const attempts: StartAttempt[] = [];
  for (const name of backendOrder(requested, adapter)) {
    if (exclude.includes(name)) continue;
    let error: string | null = null;
    if (name === 'webgpu' && webgpuUnavailable(adapter)) error = webgpuUnavailable(adapter);
    else {
      try {
        await start(name);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    attempts.push({ name, error });
    if (error === null) return { info: decideBackend(requested, adapter, attempts)!, attempts };
  }
  throw new NoBackendError(attempts);
}
