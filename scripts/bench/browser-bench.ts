/**
 * The in-browser half of `npm run bench`: for one backend, load the built app in headless Chromium
 * (`?backend=`), wait until it is interactive (data-state="ready"), then measure through the page's
 * `window.__calm.call(op, args)` hook — the same engine ops the panels call. A measurement whose op
 * this build lacks is skipped with a note instead of failing the run.
 */
import type { Browser, Page } from 'playwright-core';
import { overrideCores } from '../lib/cores.ts';

export type BenchBackend = 'wasm' | 'webgl' | 'webgpu';

/** Per-backend workload (SwiftShader's WebGPU is a slow software fallback here: keep it small). */
export interface Workload {
  raceTokens: number;
  /** Untimed races first (tokens each): the browser optimises its code over the first seconds of work. */
  warmRaces: number[];
  raceReps: number;
  samplerN: number;
  samplerReps: number;
  sigmaMoves: number;
  sweepPoints: number;
  /** Held-out tokens for one default evaluation (0 = skip). */
  evaluateTokens: number;
}

export const WORKLOADS: Record<BenchBackend, Workload> = {
  wasm: { raceTokens: 128, warmRaces: [128, 128], raceReps: 5, samplerN: 200, samplerReps: 3, sigmaMoves: 5, sweepPoints: 41, evaluateTokens: 10_000 },
  webgl: { raceTokens: 128, warmRaces: [32], raceReps: 3, samplerN: 200, samplerReps: 3, sigmaMoves: 5, sweepPoints: 41, evaluateTokens: 0 },
  webgpu: { raceTokens: 16, warmRaces: [8], raceReps: 3, samplerN: 200, samplerReps: 1, sigmaMoves: 2, sweepPoints: 5, evaluateTokens: 0 },
};

/** `--smoke`: a tiny workload that only checks the harness end to end (its numbers mean nothing). */
export const SMOKE_WORKLOAD: Workload = { raceTokens: 8, warmRaces: [], raceReps: 1, samplerN: 20, samplerReps: 1, sigmaMoves: 1, sweepPoints: 3, evaluateTokens: 0 };

export interface Skipped {
  skipped: string;
}

/** How one benchBackend run is set up beyond the backend. */
export interface BenchOptions {
  /** Measure this workload instead of WORKLOADS[backend]. */
  workload?: Workload;
  /**
   * WASM threads wanted: the page and its workers are told (CDP) they have 2 × n logical cores, since TF.js
   * uses half the cores. The threads actually used are read from the app and recorded (`wasmThreads`).
   */
  threads?: number;
  /** Time to interactive and generation only (what `--threads` compares). */
  generationOnly?: boolean;
}

/** WASM only: the threads TF.js computed with and why, as the app reports them (null: this build does not say). */
export interface WasmThreadsRecord {
  /** --threads: the count asked for, and the logical cores the browser was told it has (2 × requested); null without. */
  requested: number | null;
  cores: number | null;
  count: number | null;
  reason: string | null;
}

export interface BackendResult {
  requested: BenchBackend;
  /** The backend the engine actually ran (a failed request falls back). */
  ran: string | null;
  /** The backend after each measurement (a lost GPU device moves the engine to another backend). */
  backendAfter?: Record<string, string | null>;
  status: 'ok' | 'fell-back' | 'failed';
  note?: string;
  wasmThreads?: WasmThreadsRecord;
  workload: Workload;
  /** Navigation to data-state="ready" (models loaded and warmed). */
  timeToInteractiveMs: number | null;
  /** loadSet of the stories models after start (0 when the app had already loaded them). */
  loadSetMs?: number;
  generation?: { tokens: number; calmTps: number; baselineTps: number; ratio: number; runs: { calmTps: number; baselineTps: number; ratio: number }[] } | Skipped;
  batchSampler?: { N: number; engineMs: number; chunksPerSecond: number; callMs: number } | Skipped;
  sigmaMove?: { medianMs: number; runsMs: number[] } | Skipped;
  sigmaSweep?: { points: number; ms: number; msPerPoint: number } | Skipped;
  evaluate?: {
    tokens: number; positions: number; wallMs: number; engineMs: number; calmMs: number; baselineMs: number; calmBrierLM: number; baselineBrierLM: number;
  } | Skipped;
  /**
   * The Bandwidth panel's engine ops (the K dial): loading the K autoencoders (the first time: from the
   * network), then a K change = one bandwidthRoundTrip of the text at each K (call time, median over
   * `sigmaMoves` rounds of K = 1, 2, 4, 8); `panel` is the UI: opening the panel (tab click → bw-accuracy
   * shown, models already loaded) and a K change on the dial (select → bw-vectors updated).
   */
  bandwidth?: { loadMs: number; kChangeMs: number; kChangeRunsMs: number[]; byK: Record<string, number>; panel?: { openMs: number; kChangeMs: number; kChangeRunsMs?: number[] } | Skipped } | Skipped;
}

const PROMPT = 'Once upon a time,';
const TEXT = 'Once upon a time, a little girl named Lily found a red ball in the park.';

/** The measurements, run inside the page (plain data in and out). */
async function inPage(w: Workload & { prompt: string; text: string; generationOnly: boolean }): Promise<Omit<BackendResult, 'requested' | 'status' | 'workload' | 'timeToInteractiveMs'>> {
  type Info = { code: string; message: string };
  const hook = (window as unknown as { __calm: { call(op: string, args: unknown): Promise<unknown> } }).__calm;
  const call = async <T,>(op: string, args: unknown): Promise<{ ok: true; value: T; ms: number } | { ok: false; info: Info }> => {
    const t0 = performance.now();
    try {
      const value = (await hook.call(op, args)) as T;
      return { ok: true, value, ms: performance.now() - t0 };
    } catch (e) {
      const info = (e as { info?: Info }).info ?? { code: 'internal', message: String(e) };
      return { ok: false, info };
    }
  };
  const skip = (op: string, info: Info) => ({ skipped: info.code === 'unknown-op' ? `op ${op} is not in this build` : `${op} failed: ${info.message}` });
  // The backend running now: a 4-token CALM-only race reports it (cheap on every backend).
  const backendNow = async () => {
    const r = await call<{ backend: string }>('raceRun', { set: 'stories', prompt: w.prompt, tokens: 4, models: ['calm'] });
    return r.ok ? r.value.backend : null;
  };
  const after: Record<string, string | null> = {};
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const out: Omit<BackendResult, 'requested' | 'status' | 'workload' | 'timeToInteractiveMs'> = { ran: null };

  const ls = await call<{ weightBytes: number }>('loadSet', { set: 'stories' });
  if (ls.ok) out.loadSetMs = ls.ms;

  // Generation: the Race panel's op, CALM and the baseline interleaved at equal context.
  type Lane = { tokensPerSecond: number };
  type Race = { backend: string; speedRatio: number; calm: Lane; baseline: Lane };
  let warm = await call<Race>('raceRun', { set: 'stories', prompt: w.prompt, tokens: 8, seed: 99 });
  for (const tokens of w.warmRaces) if (warm.ok) warm = await call<Race>('raceRun', { set: 'stories', prompt: w.prompt, tokens, seed: 98 });
  if (!warm.ok) {
    out.generation = skip('raceRun', warm.info);
  } else {
    out.ran = warm.value.backend;
    const runs: { calmTps: number; baselineTps: number; ratio: number }[] = [];
    for (let i = 0; i < w.raceReps; i++) {
      const r = await call<Race>('raceRun', { set: 'stories', prompt: w.prompt, tokens: w.raceTokens, seed: i + 1 });
      if (!r.ok) break;
      runs.push({ calmTps: r.value.calm.tokensPerSecond, baselineTps: r.value.baseline.tokensPerSecond, ratio: r.value.speedRatio });
    }
    const mid = [...runs].sort((a, b) => a.ratio - b.ratio)[Math.floor(runs.length / 2)];
    out.generation = mid ? { tokens: w.raceTokens, ...mid, runs } : { skipped: 'raceRun failed' };
  }
  if (w.generationOnly) {
    out.backendAfter = after;
    return out;
  }

  // Batch sampler at N: the Temperature panel's op (head + decoder only; the backbone ran for the context once).
  const first = await call<{ ms: number }>('tempSample', { set: 'stories', prompt: w.prompt, sampler: 'batch', T: 0.5, N: w.samplerN, seed: 1, draw: 0 });
  if (!first.ok) {
    out.batchSampler = skip('tempSample', first.info);
  } else {
    const eng: number[] = [];
    const wall: number[] = [];
    for (let i = 1; i <= w.samplerReps; i++) {
      const r = await call<{ ms: number }>('tempSample', { set: 'stories', prompt: w.prompt, sampler: 'batch', T: 0.5, N: w.samplerN, seed: 1, draw: i });
      if (!r.ok) break;
      eng.push(r.value.ms);
      wall.push(r.ms);
    }
    out.batchSampler = eng.length
      ? { N: w.samplerN, engineMs: median(eng), chunksPerSecond: (w.samplerN / median(eng)) * 1000, callMs: median(wall) }
      : { skipped: 'tempSample failed' };
  }
  after.batchSampler = await backendNow();

  // One σ move (decode of the cached text at a new σ) and a full σ sweep: the Noise panel's ops.
  const n0 = await call('noiseDecode', { sigma: 0.3, seed: 1, scale: 'abs', text: w.text });
  if (!n0.ok) {
    out.sigmaMove = skip('noiseDecode', n0.info);
  } else {
    const ms: number[] = [];
    for (let i = 1; i <= w.sigmaMoves; i++) {
      const r = await call('noiseDecode', { sigma: 0.1 * i, seed: 1, scale: 'abs', text: w.text });
      if (r.ok) ms.push(r.ms);
    }
    out.sigmaMove = ms.length ? { medianMs: median(ms), runsMs: ms } : { skipped: 'noiseDecode failed' };
  }
  const sw = await call('noiseSweep', { points: w.sweepPoints, maxSigma: 2, seed: 1, scale: 'abs', text: w.text });
  out.sigmaSweep = sw.ok ? { points: w.sweepPoints, ms: sw.ms, msPerPoint: sw.ms / w.sweepPoints } : skip('noiseSweep', sw.info);
  after.sigma = await backendNow();

  if (w.evaluateTokens > 0) {
    type Ev = { positions: number; ms: number; calm: { brierLM: number; ms: number }; baseline: { brierLM: number; ms: number } };
    const ev = await call<Ev>('evaluate', { set: 'stories', source: 'heldout', tokens: w.evaluateTokens });
    out.evaluate = ev.ok
      ? {
        tokens: w.evaluateTokens, positions: ev.value.positions, wallMs: ev.ms, engineMs: ev.value.ms, calmMs: ev.value.calm.ms, baselineMs: ev.value.baseline.ms,
        calmBrierLM: ev.value.calm.brierLM, baselineBrierLM: ev.value.baseline.brierLM,
      }
      : skip('evaluate', ev.info);
    after.evaluate = await backendNow();
  }
  const bl = await call<{ loaded: number[] }>('bandwidthLoad', {});
  if (!bl.ok) {
    out.bandwidth = skip('bandwidthLoad', bl.info);
  } else {
    const runs: number[] = [];
    const byK: Record<string, number> = {};
    for (let i = 0; i < Math.max(1, w.sigmaMoves); i++) {
      for (const K of bl.value.loaded) {
        const r = await call<{ ms: number }>('bandwidthRoundTrip', { text: w.text, K });
        if (!r.ok) continue;
        if (i > 0) runs.push(r.ms); // the first round sets up each K's kernels
        byK[String(K)] = r.ms;
      }
    }
    out.bandwidth = runs.length ? { loadMs: bl.ms, kChangeMs: median(runs), kChangeRunsMs: runs, byK } : skip('bandwidthRoundTrip', { code: 'failed', message: 'no run succeeded' });
  }
  out.backendAfter = after;
  return out;
}

/**
 * The Bandwidth panel as a user meets it (its models already loaded by the op part): click its tab and wait
 * for bw-accuracy to show a value; then pick another K on the dial and wait for bw-vectors to change.
 */
async function bandwidthPanelTiming(page: Page): Promise<{ openMs: number; kChangeMs: number; kChangeRunsMs: number[] } | Skipped> {
  try {
    const t0 = Date.now();
    await page.getByRole('tab', { name: /Bandwidth/ }).or(page.getByRole('link', { name: /^Bandwidth/ })).first().click();
    await page.getByTestId('bw-accuracy').filter({ hasText: /%/ }).waitFor({ timeout: 60_000 });
    const openMs = Date.now() - t0;
    await page.waitForTimeout(3000); // the σ sweep of every K runs once after opening: let it finish
    // In the page: from the dial's change event to the first frame painted after the new round trip shows
    // (the vectors count changes), for a tour of every K; no CDP round trips inside the timing.
    const runs = await page.evaluate(async () => {
      const sel = document.querySelector('[data-testid="bw-k"]') as HTMLSelectElement;
      const text = () => document.querySelector('[data-testid="bw-vectors"]')?.textContent ?? '';
      const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')!.set!;
      const out: number[] = [];
      const tour = ['1', '2', '4', '8', '4', '2', '1', '4', '8', '2', '4'];
      for (const next of tour) {
        if (next === sel.value || [...sel.options].find((o) => o.value === next)?.disabled) continue;
        const before = text();
        const changed = new Promise<void>((resolve) => {
          const mo = new MutationObserver(() => {
            if (text() !== before) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(document.body, { subtree: true, childList: true, characterData: true });
        });
        const t = performance.now();
        setValue.call(sel, next);
        sel.dispatchEvent(new Event('change', { bubbles: true }));
        await changed;
        const painted = await new Promise<number>((r) => requestAnimationFrame(() => r(performance.now())));
        out.push(painted - t);
        await new Promise((r) => setTimeout(r, 400));
      }
      return out;
    });
    const sorted = [...runs].sort((a, b) => a - b);
    return { openMs, kChangeMs: sorted[Math.floor(sorted.length / 2)], kChangeRunsMs: runs.map((x) => Number(x.toFixed(1))) };
  } catch (e) {
    return { skipped: `the Bandwidth panel: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Record when the app root first says ready (or error), from navigation start. */
function readinessProbe(): void {
  const w = window as unknown as { __bench?: { state: string; at: number } };
  const check = () => {
    const s = document.querySelector('.app')?.getAttribute('data-state');
    if ((s === 'ready' || s === 'error') && !w.__bench) w.__bench = { state: s, at: performance.now() };
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
}

/** The app's own account of the WASM threads (`__calm.backend()`, src/app/boot.ts); null in builds without it. */
async function readWasmThreads(page: Page, threads: number | undefined): Promise<WasmThreadsRecord> {
  const t = await page.evaluate(() => {
    const hook = (window as unknown as { __calm: { backend?: () => { wasmThreads?: { count: number; reason: string } } | null } }).__calm;
    return hook.backend?.()?.wasmThreads ?? null;
  }).catch(() => null);
  return { requested: threads ?? null, cores: threads ? 2 * threads : null, count: t?.count ?? null, reason: t?.reason ?? null };
}

export async function benchBackend(
  browser: Browser, baseUrl: string, backend: BenchBackend, log: (s: string) => void, opts: BenchOptions = {},
): Promise<BackendResult> {
  const workload = opts.workload ?? WORKLOADS[backend];
  const context = await browser.newContext();
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // What a failed run still records about the threads it asked for.
  const asked = opts.threads ? { wasmThreads: { requested: opts.threads, cores: 2 * opts.threads, count: null, reason: null } } : {};
  try {
    if (opts.threads) await overrideCores(page, 2 * opts.threads);
    // tsx compiles with esbuild's keepNames: functions sent to the page call __name(); give it one.
    await page.addInitScript({ content: 'window.__name = window.__name || ((f) => f);' });
    await page.addInitScript(readinessProbe);
    await page.goto(`${baseUrl}?backend=${backend}`);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined, null, { timeout: 240_000 });
    const probe = await page.evaluate(() => (window as unknown as { __bench: { state: string; at: number } }).__bench);
    if (probe.state !== 'ready') {
      const alert = await page.getByRole('alert').first().textContent().catch(() => null);
      return { requested: backend, ran: null, status: 'failed', note: alert ?? 'the app reported an error', workload, timeToInteractiveMs: null, ...asked };
    }
    log(`[bench] ${backend}: interactive after ${(probe.at / 1000).toFixed(1)} s; measuring …`);
    const r = await page.evaluate(inPage, { ...workload, prompt: PROMPT, text: TEXT, generationOnly: opts.generationOnly === true });
    if (r.bandwidth && !('skipped' in r.bandwidth)) r.bandwidth.panel = await bandwidthPanelTiming(page);
    const wasmThreads = r.ran === 'wasm' || opts.threads ? await readWasmThreads(page, opts.threads) : undefined;
    const threadsOff = opts.threads !== undefined && wasmThreads?.count !== opts.threads;
    const moved = Object.entries(r.backendAfter ?? {}).filter(([, b]) => b !== null && b !== r.ran);
    const fellBack = r.ran !== null && r.ran !== backend;
    return {
      requested: backend, status: fellBack ? 'fell-back' : 'ok', workload, timeToInteractiveMs: probe.at, ...r,
      ...(wasmThreads ? { wasmThreads } : {}),
      ...(fellBack || moved.length || pageErrors.length || threadsOff
        ? {
          note: [
            fellBack ? `asked for ${backend}, the engine ran ${r.ran}` : '',
            moved.length ? `the engine changed backend during the run (after ${moved.map(([m, b]) => `${m}: ${b}`).join(', ')}); later numbers are from that backend` : '',
            threadsOff ? `asked for ${opts.threads} WASM threads (${2 * opts.threads!} cores), the app ran ${wasmThreads?.count ?? 'an unreported number'}${wasmThreads?.reason ? ` (${wasmThreads.reason})` : ''}` : '',
            pageErrors.length ? `page errors: ${pageErrors.join(' | ').slice(0, 300)}` : '',
          ].filter(Boolean).join('; '),
        }
        : {}),
    };
  } catch (e) {
    return { requested: backend, ran: null, status: 'failed', note: (e as Error).message.split('\n')[0], workload, timeToInteractiveMs: null, ...asked };
  } finally {
    await context.close();
  }
}
