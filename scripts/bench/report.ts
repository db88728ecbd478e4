/** The benchmark's printed table (pure: unit-tested). */
import type { BackendResult, Skipped } from './browser-bench.ts';
import type { TrainingBench } from './node-bench.ts';

const isSkipped = (x: unknown): x is Skipped => typeof x === 'object' && x !== null && 'skipped' in x;

function cell<T>(x: T | Skipped | undefined, f: (v: T) => string): string {
  if (x === undefined) return '—';
  if (isSkipped(x)) return 'skipped';
  return f(x);
}

const n0 = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/** A column's name: the backend, the threads asked for (--threads), and how the run ended when not ok. */
function columnName(r: BackendResult): string {
  const asked = r.wasmThreads?.requested ? `, ${r.wasmThreads.requested} thread${r.wasmThreads.requested === 1 ? '' : 's'} asked` : '';
  return r.status === 'ok' ? `${r.requested}${asked ? ` (${asked.slice(2)})` : ''}` : `${r.requested} (${r.status}${r.ran ? `: ${r.ran}` : ''}${asked})`;
}

/** Rows of label + one column per backend, then notes. */
export function browserTable(results: BackendResult[]): string[][] {
  const head = ['', ...results.map(columnName)];
  const row = (label: string, f: (r: BackendResult) => string) => [label, ...results.map((r) => (r.status === 'failed' ? '—' : f(r)))];
  const threadsRow = results.some((r) => r.wasmThreads)
    ? [row('WASM threads used', (r) => (r.wasmThreads ? `${r.wasmThreads.count ?? '?'}${r.wasmThreads.cores ? ` (${r.wasmThreads.cores} cores)` : ''}` : '—'))]
    : [];
  return [
    head,
    ...threadsRow,
    row('time to interactive', (r) => (r.timeToInteractiveMs === null ? '—' : `${(r.timeToInteractiveMs / 1000).toFixed(1)} s`)),
    row('CALM tokens/s', (r) => cell(r.generation, (g) => n0(g.calmTps))),
    row('baseline tokens/s', (r) => cell(r.generation, (g) => n0(g.baselineTps))),
    row('CALM ÷ baseline', (r) => cell(r.generation, (g) => `${g.ratio.toFixed(2)}× (${g.tokens} tok)`)),
    row('batch sampler chunks/s', (r) => cell(r.batchSampler, (b) => `${n0(b.chunksPerSecond)} (N=${b.N})`)),
    row('one σ move', (r) => cell(r.sigmaMove, (m) => `${n0(m.medianMs)} ms`)),
    row('σ sweep', (r) => cell(r.sigmaSweep, (s) => `${n0(s.ms)} ms (${s.points} pts)`)),
    row('evaluate', (r) => cell(r.evaluate, (e) => `${(e.wallMs / 1000).toFixed(1)} s (${e.tokens} tok)`)),
    row('K dial: one K change (op)', (r) => cell(r.bandwidth, (b) => `${n0(b.kChangeMs)} ms`)),
    row('K dial: panel open / K change', (r) => cell(r.bandwidth, (b) => cell(b.panel, (p) => `${n0(p.openMs)} / ${n0(p.kChangeMs)} ms`))),
  ];
}

export function trainingTable(t: TrainingBench[]): string[][] {
  return [['training (Node, WASM)', 'tokens/s', 'step', 'batch × context', 'GFLOP/s (share of matmul peak)'], ...t.map((x) => [
    x.model, n0(x.tokensPerSecond), `${(x.stepMs / 1000).toFixed(2)} s`, `${x.batch} × ${x.contextTokens}`,
    x.gflops !== undefined && x.shareOfPeak !== undefined ? `${x.gflops.toFixed(2)} (${(x.shareOfPeak * 100).toFixed(0)} %)` : '—',
  ])];
}

/** Fixed-width text table. */
export function formatTable(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((v, c) => (v ?? '').padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}
