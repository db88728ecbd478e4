import { describe, expect, it } from 'vitest';
import { backendOrder, chooseBackend, decideBackend, describeAdapter, isSoftwareAdapter, type AdapterFacts } from './backend.ts';
import type { BackendName } from './protocol.ts';

const swiftshader: AdapterFacts = { status: 'found', vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true };
const swiftshaderNoFlag: AdapterFacts = { status: 'found', vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: false };
const nvidia: AdapterFacts = { status: 'found', vendor: 'nvidia', architecture: 'ampere', isFallbackAdapter: false };
const none: AdapterFacts = { status: 'none' };
const noApi: AdapterFacts = { status: 'no-api' };

/** A fake start(): the listed backends fail with a message, the others start. */
function starter(failing: Partial<Record<BackendName, string>>) {
  const tried: BackendName[] = [];
  const start = async (name: BackendName) => {
    tried.push(name);
    if (failing[name]) throw new Error(failing[name]);
  };
  return { start, tried };
}

describe('adapter facts', () => {
  it('treats the fallback flag and SwiftShader as software', () => {
    expect(isSoftwareAdapter(swiftshader)).toBe(true);
    expect(isSoftwareAdapter(swiftshaderNoFlag)).toBe(true);
    expect(isSoftwareAdapter({ status: 'found', vendor: 'mesa', description: 'llvmpipe (LLVM 15)' })).toBe(true);
    expect(isSoftwareAdapter(nvidia)).toBe(false);
    expect(isSoftwareAdapter(none)).toBe(false);
  });
  it('describes the adapter', () => {
    expect(describeAdapter(swiftshader)).toBe('google swiftshader');
    expect(describeAdapter(nvidia)).toBe('nvidia ampere');
    expect(describeAdapter(none)).toBeUndefined();
  });
});

describe('backend order', () => {
  it('auto: WebGPU first only on a hardware adapter', () => {
    expect(backendOrder(null, nvidia)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendOrder(null, swiftshader)).toEqual(['wasm', 'webgl', 'cpu']);
    expect(backendOrder(null, none)).toEqual(['wasm', 'webgl', 'cpu']);
  });
  it('a request goes first, then the usual order', () => {
    expect(backendOrder('cpu', swiftshader)).toEqual(['cpu', 'wasm', 'webgl']);
    expect(backendOrder('webgpu', swiftshader)).toEqual(['webgpu', 'wasm', 'webgl', 'cpu']);
    expect(backendOrder('webgl', nvidia)).toEqual(['webgl', 'webgpu', 'wasm', 'cpu']);
  });
});

describe('chooseBackend', () => {
  it('picks WASM over a software WebGPU adapter and says why', async () => {
    const { start, tried } = starter({});
    const { info } = await chooseBackend(null, swiftshader, start);
    expect(tried).toEqual(['wasm']);
    expect(info).toMatchObject({ name: 'wasm', adapter: 'google swiftshader', requested: null });
    expect(info.reason).toMatch(/software fallback/);
    expect(info.reason).toMatch(/using WASM/);
    expect(info.requestFailed).toBeUndefined();
  });
  it('picks WebGPU on a hardware adapter', async () => {
    const { start } = starter({});
    const { info } = await chooseBackend(null, nvidia, start);
    expect(info.name).toBe('webgpu');
    expect(info.reason).toMatch(/hardware GPU adapter \(nvidia ampere\)/);
  });
  it('falls back from a hardware WebGPU that fails to start, naming the failure', async () => {
    const { start, tried } = starter({ webgpu: 'device request failed' });
    const { info } = await chooseBackend(null, nvidia, start);
    expect(tried).toEqual(['webgpu', 'wasm']);
    expect(info.name).toBe('wasm');
    expect(info.reason).toMatch(/WebGPU failed to start \(device request failed\)/);
  });
  it('WASM failing falls to WebGL, then CPU', async () => {
    const a = await chooseBackend(null, none, starter({ wasm: 'no WebAssembly' }).start);
    expect(a.info.name).toBe('webgl');
    expect(a.info.reason).toMatch(/WASM failed to start \(no WebAssembly\).*using WebGL/);
    const b = await chooseBackend(null, none, starter({ wasm: 'x', webgl: 'no context' }).start);
    expect(b.info.name).toBe('cpu');
  });
  it('a forced backend that starts is used and the reason says it was asked for', async () => {
    const { info } = await chooseBackend('cpu', swiftshader, starter({}).start);
    expect(info).toMatchObject({ name: 'cpu', requested: 'cpu' });
    expect(info.reason).toMatch(/You asked for CPU/);
    expect(info.requestFailed).toBeUndefined();
  });
  it('forced WebGPU on a software adapter runs, with a warning in the reason', async () => {
    const { info } = await chooseBackend('webgpu', swiftshader, starter({}).start);
    expect(info.name).toBe('webgpu');
    expect(info.reason).toMatch(/software fallback/);
  });
  it('forced WebGPU without an adapter is not attempted, says so, and falls back to WASM', async () => {
    const { start, tried } = starter({});
    const { info, attempts } = await chooseBackend('webgpu', none, start);
    expect(tried).toEqual(['wasm']);
    expect(attempts[0]).toMatchObject({ name: 'webgpu' });
    expect(info.name).toBe('wasm');
    expect(info.requested).toBe('webgpu');
    expect(info.requestFailed).toMatch(/^WebGPU could not start: no WebGPU adapter/);
    expect(info.reason).toBe('WebGPU could not start; using WASM');
    const noApiInfo = (await chooseBackend('webgpu', noApi, start)).info;
    expect(noApiInfo.requestFailed).toMatch(/has no WebGPU/);
  });
  it('a forced backend whose init fails reports the failure', async () => {
    const { info } = await chooseBackend('webgl', none, starter({ webgl: 'TensorFlow.js could not initialise it' }).start);
    expect(info.name).toBe('wasm');
    expect(info.requestFailed).toBe('WebGL could not start: TensorFlow.js could not initialise it.');
    expect(info.reason).toBe('WebGL could not start; no WebGPU adapter (navigator.gpu.requestAdapter() returned null); using WASM');
  });
  it('excluded backends are skipped (a lost GPU is not tried again)', async () => {
    const { start, tried } = starter({});
    const { info } = await chooseBackend(null, nvidia, start, ['webgpu']);
    expect(tried).toEqual(['wasm']);
    expect(info.name).toBe('wasm');
  });
  it('no backend at all is a typed no-backend error naming each failure', async () => {
    await expect(chooseBackend(null, none, starter({ wasm: 'a', webgl: 'b', cpu: 'c' }).start)).rejects.toMatchObject({
      code: 'no-backend',
      message: expect.stringMatching(/WASM: a; WebGL: b; CPU: c/),
    });
  });
  it('decideBackend is null when nothing started', () => {
    expect(decideBackend(null, none, [{ name: 'wasm', error: 'x' }])).toBeNull();
  });
});
