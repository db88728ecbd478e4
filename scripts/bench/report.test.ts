import { describe, expect, it } from 'vitest';
import { browserTable, formatTable, trainingTable } from './report.ts';
import { WORKLOADS, type BackendResult } from './browser-bench.ts';

describe('bench report', () => {
  const ok: BackendResult = {
    requested: 'wasm', ran: 'wasm', status: 'ok', workload: WORKLOADS.wasm, timeToInteractiveMs: 3210,
    generation: { tokens: 128, calmTps: 1500.4, baselineTps: 560.2, ratio: 2.678, runs: [] },
    batchSampler: { skipped: 'op tempSample is not in this build' },
    sigmaMove: { medianMs: 12.3, runsMs: [12.3] },
    sigmaSweep: { points: 41, ms: 850, msPerPoint: 20.7 },
  };
  const failed: BackendResult = { requested: 'webgpu', ran: null, status: 'failed', note: 'no adapter', workload: WORKLOADS.webgpu, timeToInteractiveMs: null };

  it('puts each backend in a column, skipped and failed measurements marked', () => {
    const t = browserTable([ok, failed]);
    expect(t[0]).toEqual(['', 'wasm', 'webgpu (failed)']);
    const get = (label: string) => t.find((r) => r[0] === label)!;
    expect(get('time to interactive')).toEqual(['time to interactive', '3.2 s', '—']);
    expect(get('CALM tokens/s')[1]).toBe('1500');
    expect(get('CALM ÷ baseline')[1]).toBe('2.68× (128 tok)');
    expect(get('batch sampler chunks/s')[1]).toBe('skipped');
    expect(get('evaluate')[1]).toBe('—');
  });

  it('names the threads asked for (--threads) and shows the threads used', () => {
    const at = (requested: number, count: number): BackendResult => ({ ...ok, wasmThreads: { requested, cores: 2 * requested, count, reason: 'TF.js uses half of …' } });
    const t = browserTable([at(1, 1), at(4, 4), { ...failed, requested: 'wasm', wasmThreads: { requested: 2, cores: 4, count: null, reason: null } }]);
    expect(t[0]).toEqual(['', 'wasm (1 thread asked)', 'wasm (4 threads asked)', 'wasm (failed, 2 threads asked)']);
    expect(t.find((r) => r[0] === 'WASM threads used')).toEqual(['WASM threads used', '1 (2 cores)', '4 (8 cores)', '—']);
    // Without --threads: the count the app reports, no column suffix; builds that do not report it show '?'.
    const plain = browserTable([{ ...ok, wasmThreads: { requested: null, cores: null, count: null, reason: null } }]);
    expect(plain[0]).toEqual(['', 'wasm']);
    expect(plain[1]).toEqual(['WASM threads used', '?']);
    expect(browserTable([ok]).some((r) => r[0] === 'WASM threads used')).toBe(false);
  });

  it('formats aligned columns', () => {
    const s = formatTable([['a', 'bb'], ['ccc', 'd']]);
    expect(s).toBe('a    bb\nccc  d');
    expect(trainingTable([{ model: 'calm', batch: 32, contextTokens: 128, stepMs: 1540, tokensPerSecond: 2659.7, partsMs: {} }])[1]).toEqual(['calm', '2660', '1.54 s', '32 × 128', '—']);
    expect(trainingTable([{ model: 'calm', batch: 32, contextTokens: 128, stepMs: 1540, tokensPerSecond: 2659.7, partsMs: {}, gflops: 12.674, shareOfPeak: 0.4296 }])[1][4]).toBe('12.67 (43 %)');
  });
});
