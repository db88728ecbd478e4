import { describe, expect, it } from 'vitest';
import { describeWasmThreads, tfjsDefaultThreads, wantWasmThreads, wasmThreadsText } from './wasm-threads.ts';

describe('WASM threads', () => {
  it('follows TF.js: half the logical cores (integer division), at least 1, at most 8', () => {
    expect([undefined, 0, 1, 2, 3, 4, 5, 8, 12, 16, 17, 32, 64].map((hc) => tfjsDefaultThreads(hc))).toEqual([1, 1, 1, 1, 1, 2, 2, 4, 6, 8, 8, 8, 8]);
    expect(tfjsDefaultThreads(Number.NaN)).toBe(1);
  });

  it('asks for the threaded build only when the page is isolated and TF.js would use more than one thread', () => {
    expect(wantWasmThreads(true, 8)).toBe(true);
    expect(wantWasmThreads(true, 4)).toBe(true);
    expect(wantWasmThreads(true, 3)).toBe(false);
    expect(wantWasmThreads(true, 2)).toBe(false);
    expect(wantWasmThreads(true, undefined)).toBe(false);
    expect(wantWasmThreads(false, 16)).toBe(false);
  });

  it('reports the threaded build with the count TF.js gives, and why', () => {
    const t = describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 8, threaded: true, threadsCount: 4 });
    expect(t).toEqual({ count: 4, reason: "TF.js uses half of this machine's 8 logical cores" });
    expect(wasmThreadsText(t)).toBe("4 threads: TF.js uses half of this machine's 8 logical cores");
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 32, threaded: true, threadsCount: 8 }).reason)
      .toBe("TF.js uses half of this machine's 32 logical cores, at most 8");
    // 16 cores: half is exactly 8, no cap to mention.
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 16, threaded: true, threadsCount: 8 }).reason)
      .toBe("TF.js uses half of this machine's 16 logical cores");
    // A count TF.js could not give (before init) is not made up.
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 8, threaded: true, threadsCount: null }).count).toBe(1);
  });

  it('says why it is one thread: no isolation, too few cores, or no threaded WebAssembly', () => {
    const notIsolated = describeWasmThreads({ crossOriginIsolated: false, hardwareConcurrency: 8, threaded: false, threadsCount: null });
    expect(wasmThreadsText(notIsolated)).toBe('1 thread: this page is not cross-origin isolated (the host must send COOP/COEP headers)');
    expect(wasmThreadsText(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 2, threaded: false, threadsCount: null })))
      .toBe("1 thread: TF.js uses half of this machine's 2 logical cores (navigator.hardwareConcurrency / 2)");
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 1, threaded: false, threadsCount: null }).reason)
      .toBe("TF.js uses half of this machine's 1 logical core (navigator.hardwareConcurrency / 2)");
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: undefined, threaded: false, threadsCount: null }).reason)
      .toBe('TF.js uses half of the logical cores (this browser does not say how many) (navigator.hardwareConcurrency / 2)');
    expect(describeWasmThreads({ crossOriginIsolated: true, hardwareConcurrency: 8, threaded: false, threadsCount: null }))
      .toEqual({ count: 1, reason: 'this browser cannot run threaded WebAssembly here' });
  });
});
