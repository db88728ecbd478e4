/**
 * `npm run bench` — what CALM's efficiency claims look like on this machine, in one run:
 *  - in headless Chromium (Debian's /usr/bin/chromium via playwright-core, --enable-unsafe-webgpu), for
 *    each backend that can start (wasm, webgl, webgpu via `?backend=`): time to interactive; CALM vs
 *    baseline generation tokens/s at equal context (the Race panel's op) and their ratio; batch sampler
 *    chunks/s at N = 200; one σ move and a full σ sweep (Noise panel ops); one default 10k-token
 *    evaluation (WASM);
 *  - in Node (WASM, one thread): training tokens/s of each stories model's configuration and the
 *    per-stage generation profile of the shipped stories models;
 *  - weight bytes from the manifest.
 * Prints a table and writes bench/results/latest.json (with the machine it ran on).
 *
 * Options: --backends wasm,webgl,webgpu   --no-node (skip the Node part)   --rebuild (force vite build)
 *          --port 4390   --train-steps 1   --out bench/results/latest.json
 *          --compare <git ref>   also build that commit (a worktree under bench/tmp/) and measure it in the same
 *                                run, each backend ref first then the working tree; the JSON gains `compare`
 *                                (the ref's results and working ÷ ref ratios); `browser` stays the working tree's
 *          --train        also train the Train panel's default A-vs-B run live in the page per backend (WASM: up to
 *                         --train-seconds 360 of wall time; WebGL 20 steps; WebGPU 5 steps): steps/s, when run A
 *                         reached 95 %, A − B at σ = 1 × RMS by 360 s (JSON `train`)
 *          --train-only   only that (no generation measurements, no Node part)
 *          --node-only    only the Node half: training tokens/s and GFLOP/s against the matmul peak, generation profile
 *          --threads 1,2,4  WASM once per thread count n, the browser told (CDP) it has 2 × n logical cores, since TF.js
 *                         uses half the cores (needs the cross-origin isolated `vite preview`); each `browser[]` entry records
 *                         `wasmThreads` {requested, cores, count, reason}, count = the threads the app actually used. Time to
 *                         interactive and generation only (`--threads-all`: the whole WASM workload per n). Not with --compare.
 *          --smoke        a tiny workload (8-token races, one rep, no evaluation): checks the harness, numbers mean nothing
 * The app is built into dist-bench when its sources are newer than that build. Timings on a busy
 * machine are slower: the JSON records the load average at the start.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../playwright.config.ts';
import { parseArgs, numArg, log } from './lib/args.ts';
import { ensureBuild } from './bench/build.ts';
import { startPreview } from './bench/server.ts';
import { machineInfo } from './bench/machine.ts';
import { benchBackend, SMOKE_WORKLOAD, WORKLOADS, type BackendResult, type BenchBackend, type BenchOptions } from './bench/browser-bench.ts';
import { benchTraining, type TrainBenchResult } from './bench/train-bench.ts';
import { generationProfile, trainingBench, trainingGflops, type TrainingBench } from './bench/node-bench.ts';
import { browserTable, formatTable, trainingTable } from './bench/report.ts';
import { checkoutRef, compareRatios, type RefCheckout } from './bench/compare.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = parseArgs(process.argv.slice(2));
const backends = String(args.backends ?? 'wasm,webgl,webgpu').split(',').map((b) => b.trim()).filter(Boolean) as BenchBackend[];
for (const b of backends) if (!['wasm', 'webgl', 'webgpu'].includes(b)) throw new Error(`--backends: unknown backend ${b}`);
/** --threads 1,2,4: WASM thread counts to measure (TF.js: 1 … 8). */
const threadCounts = typeof args.threads === 'string'
  ? args.threads.split(',').map((t) => t.trim()).filter(Boolean).map((t) => {
    const n = Number(t);
    if (!Number.isInteger(n) || n < 1 || n > 8) throw new Error(`--threads: whole numbers from 1 to 8 (TF.js's limits), not ${t}`);
    return n;
  })
  : null;
if (args.threads === true) throw new Error('--threads needs a list, e.g. --threads 1,2,4');
if (threadCounts && !backends.includes('wasm')) throw new Error('--threads measures the WASM backend: include wasm in --backends');
if (threadCounts && typeof args.compare === 'string') throw new Error('--threads and --compare do not go together');
const smoke = args.smoke === true;
/** The runs of one backend: one, or one per --threads count for WASM. */
function runsOf(b: BenchBackend): BenchOptions[] {
  const workload = smoke ? SMOKE_WORKLOAD : WORKLOADS[b];
  if (b !== 'wasm' || !threadCounts) return [{ workload }];
  return threadCounts.map((threads) => ({ workload, threads, generationOnly: args['threads-all'] !== true }));
}
const port = numArg(args, 'port', 4390);
const outFile = path.resolve(ROOT, String(args.out ?? 'bench/results/latest.json'));
const DIST = 'dist-bench';

const machineAtStart = machineInfo(null);

function weightBytes(): { total: number; atStart: number; files: Record<string, number> } {
  const m = JSON.parse(readFileSync(path.join(ROOT, 'public', 'weights', 'manifest.json'), 'utf8')) as {
    tokenizer?: { bytes: number }; models: Record<string, { files: { bytes: number }[] }>;
  };
  const files: Record<string, number> = { tokenizer: m.tokenizer?.bytes ?? 0 };
  for (const [name, model] of Object.entries(m.models)) files[name] = model.files.reduce((a, f) => a + f.bytes, 0);
  const total = Object.values(files).reduce((a, b) => a + b, 0);
  // What the app fetches before it is interactive: tokenizer, both autoencoders, the default (stories) set
  // with its CALM's own autoencoder. The K dial's models (ae-k*, *-calm-k*) load only with the Bandwidth panel.
  const own = (m.models['stories-calm'] as { training?: { autoencoder?: unknown } } | undefined)?.training?.autoencoder;
  const startNames = ['tokenizer', 'ae-robust', 'ae-plain', 'stories-calm', 'stories-baseline', ...(typeof own === 'string' && own !== 'ae-robust' ? [own] : [])];
  const atStart = startNames.reduce((a, k) => a + (files[k] ?? 0), 0);
  return { total, atStart, files };
}

const build = ensureBuild(ROOT, DIST, args.rebuild === true, log);
log(`[bench] app build (${DIST}): ${build}`);
const compareRef = typeof args.compare === 'string' ? args.compare : null;
let refCheckout: RefCheckout | null = null;
if (compareRef) {
  refCheckout = checkoutRef(ROOT, compareRef, log);
  log(`[bench] ${compareRef} (${refCheckout.commit.slice(0, 12)}): ${ensureBuild(refCheckout.dir, DIST, true, log)}`);
}
const preview = await startPreview(ROOT, DIST, port);
const refPreview = refCheckout ? await startPreview(refCheckout.dir, DIST, port + 1).catch((e) => {
  preview.stop();
  throw e;
}) : null;
const trainOnly = args['train-only'] === true;
/** --node-only: only the Node half (training speed and GFLOP/s, the generation profile). */
const nodeOnly = args['node-only'] === true;
const trainWanted = trainOnly || args.train === true;
const TRAIN_STEPS: Record<BenchBackend, number> = { wasm: Infinity, webgl: 20, webgpu: 5 };
const trainResults: TrainBenchResult[] = [];
const browserResults: BackendResult[] = [];
const refResults: BackendResult[] = [];
let chromiumVersion: string | null = null;
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--enable-unsafe-webgpu'],
    headless: true,
  });
  chromiumVersion = browser.version();
  try {
    for (const b of trainOnly || nodeOnly ? [] : backends) {
      for (const opts of runsOf(b)) {
        const label = opts.threads ? `${b} (${opts.threads} thread${opts.threads === 1 ? '' : 's'} asked, ${2 * opts.threads} cores)` : b;
        if (refPreview) {
          log(`[bench] ${label} (${compareRef}): loading the app …`);
          const r = await benchBackend(browser, refPreview.url, b, log, opts);
          refResults.push(r);
          log(`[bench] ${label} (${compareRef}): ${r.status}${r.note ? ` (${r.note})` : ''}`);
        }
        log(`[bench] ${label}: loading the app …`);
        const r = await benchBackend(browser, preview.url, b, log, opts);
        browserResults.push(r);
        log(`[bench] ${label}: ${r.status}${r.wasmThreads ? `, ${r.wasmThreads.count ?? '?'} WASM thread(s) used` : ''}${r.note ? ` (${r.note})` : ''}`);
      }
    }
    for (const b of trainWanted ? backends : []) {
      const r = await benchTraining(browser, preview.url, b, { seconds: numArg(args, 'train-seconds', 360), maxSteps: TRAIN_STEPS[b] }, log);
      trainResults.push(r);
      log(`[bench] train on ${b}: ${r.status}, ${r.steps} steps, ${r.stepsPerSecond?.toFixed(2) ?? '—'} steps/s${r.aReached95 ? `, A ≥ 95 % at ${r.aReached95.seconds} s (step ${r.aReached95.step})` : ''}${r.at360 ? `, A − B at σ = 1 × RMS ${r.at360.gapPoints} points (step ${r.at360.step}, ${r.at360.seconds} s)` : ''}${r.note ? ` (${r.note})` : ''}`);
    }
  } finally {
    await browser.close();
  }
} finally {
  preview.stop();
  refPreview?.stop();
  refCheckout?.remove();
}

let training: TrainingBench[] | { skipped: string } = { skipped: '--no-node' };
let matmulPeakGflops: number | null = null;
let nodeGeneration: Record<string, unknown> | { skipped: string } = { skipped: '--no-node' };
if (args['no-node'] !== true && !trainOnly) {
  try {
    nodeGeneration = generationProfile(ROOT, 5, log);
  } catch (e) {
    nodeGeneration = { skipped: (e as Error).message };
  }
  try {
    training = trainingBench(ROOT, numArg(args, 'train-steps', 1), log);
  } catch (e) {
    training = { skipped: (e as Error).message };
  }
  if (Array.isArray(training)) {
    try {
      const g = trainingGflops(ROOT, training, log);
      training = g.rows;
      matmulPeakGflops = g.peakGflops;
    } catch (e) {
      log(`[bench] training GFLOP/s: ${(e as Error).message}`);
    }
  }
}

const result = {
  machine: { ...machineInfo(chromiumVersion), loadAverage1mAtStart: machineAtStart.loadAverage1m },
  app: { build: DIST, weightBytes: weightBytes() },
  options: { threads: threadCounts, smoke },
  browser: browserResults,
  node: { generation: nodeGeneration, training, matmulPeakGflops },
  ...(trainWanted ? { train: trainResults } : {}),
  ...(refCheckout ? { compare: { ref: compareRef, commit: refCheckout.commit, browser: refResults, ratios: compareRatios(browserResults, refResults) } } : {}),
};
mkdirSync(path.dirname(outFile), { recursive: true });
writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');

const lines = [
  `CALM Playground benchmark — ${result.machine.cpuModel}, ${result.machine.cores} cores, Chromium ${chromiumVersion ?? '?'}, ${result.machine.date.slice(0, 16)}Z (load ${machineAtStart.loadAverage1m} at start)`,
  '',
  formatTable(browserTable(browserResults)),
  ...browserResults.filter((r) => r.note).map((r) => `  ${r.requested}: ${r.note}`),
  '',
  `weights: ${(result.app.weightBytes.atStart / 2 ** 20).toFixed(2)} MiB fetched before interactive, ${(result.app.weightBytes.total / 2 ** 20).toFixed(2)} MiB shipped`,
];
if (Array.isArray(training)) lines.push('', formatTable(trainingTable(training)), `  single-thread WASM matmul peak (512³): ${matmulPeakGflops?.toFixed(1) ?? '—'} GFLOP/s`);
for (const t of trainResults) {
  lines.push(`live training (Train panel) on ${t.requested}${t.ran && t.ran !== t.requested ? ` (ran ${t.ran})` : ''}: ${t.status}, ${t.steps} steps, ${t.stepsPerSecond?.toFixed(2) ?? '—'} steps/s (both runs)` +
    (t.requested === 'wasm' ? `; A ≥ 95 % ${t.aReached95 ? `at ${t.aReached95.seconds} s (step ${t.aReached95.step})` : 'not reached'}; A − B at σ = 1 × RMS by 360 s: ${t.at360 ? `${t.at360.gapPoints} points (step ${t.at360.step})` : '—'}` : ''));
}
const g = nodeGeneration as {
  lanes?: { calm: { msPerToken: number; stages: Record<string, number> }; baseline: { msPerToken: number; stages: Record<string, number> }; ratio: number };
  race?: { calmTps: number; baselineTps: number; ratio: number };
};
if (g.lanes && g.race) {
  const split = (st: Record<string, number>) => Object.entries(st).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ');
  lines.push(
    '',
    `generation in Node (WASM), raceRun median: CALM ${g.race.calmTps.toFixed(0)} tokens/s, baseline ${g.race.baselineTps.toFixed(0)} tokens/s, ratio ${g.race.ratio.toFixed(2)}×`,
    `  lanes alone, ms per token: CALM ${g.lanes.calm.msPerToken.toFixed(3)} (${split(g.lanes.calm.stages)}); baseline ${g.lanes.baseline.msPerToken.toFixed(3)} (${split(g.lanes.baseline.stages)})`,
  );
}
if (refCheckout) {
  lines.push('', `compared with ${compareRef} (${refCheckout.commit.slice(0, 12)}), measured in the same run:`, formatTable(browserTable(refResults)));
  for (const c of compareRatios(browserResults, refResults)) {
    const f = (x: number | null) => (x === null ? '—' : `${x.toFixed(2)}×`);
    lines.push(`  ${c.backend}: CALM tokens/s ${f(c.calmTps)}, baseline tokens/s ${f(c.baselineTps)}, CALM ÷ baseline ${c.ratio.ref?.toFixed(2) ?? '—'} → ${c.ratio.working?.toFixed(2) ?? '—'} (${f(c.ratio.change)})`);
  }
}
lines.push('', `written: ${path.relative(ROOT, outFile)}`);
process.stdout.write(lines.join('\n') + '\n');
