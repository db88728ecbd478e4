/**
 * `npm run bench -- --train`: the Train panel's live training in headless Chromium, per backend. The page's
 * engine hook drives the same ops with the same cadence as the panel's loop (src/app/panels/train/train-store.ts:
 * one `trainStep` of both runs at a time, held-out accuracy after step 1 and every 25 steps, the robustness
 * sweep at most every 4 s), on the default setup (A = the paper's recipe, B = reconstruction only, seed 1).
 *
 * Reported per backend: training steps per second (both runs, evaluations excluded), and on WASM (the full
 * run, up to `seconds` of wall time): the wall time at which run A first reached 95 % held-out accuracy, and
 * A − B in points at σ = 1 × latent RMS at the last sweep within 360 s. Wall time counts from the first step
 * and includes the evaluations, as a class watching the panel sees it.
 */
import type { Browser } from 'playwright-core';
import type { BenchBackend } from './browser-bench.ts';
import { LIVE_EVAL_EVERY, LIVE_SWEEP_MS, PAPER_RECIPE, RECONSTRUCTION_ONLY, type LiveRunSettings } from '../../src/model/live-training.ts';

export interface TrainBenchResult {
  requested: BenchBackend;
  ran: string | null;
  status: 'ok' | 'fell-back' | 'failed';
  note?: string;
  /** Wall seconds the run was allowed and the steps it made. */
  wallLimitSeconds: number;
  steps: number;
  stepsPerSecond: number | null;
  msPerStep: number | null;
  /** First evaluation with run A ≥ 95 % (wall seconds, step), null if not within the run. */
  aReached95: { seconds: number; step: number } | null;
  /** The last robustness sweep within 360 s: A and B at σ = 1 × RMS and A − B in points. */
  at360: { seconds: number; step: number; a: number; b: number; gapPoints: number } | null;
  /** Every evaluation: wall seconds, step, A and B held-out accuracy (and σ = 1 × RMS where swept). */
  curve: { seconds: number; step: number; a: number; b: number; a1?: number; b1?: number }[];
}

interface InPageArgs {
  seconds: number;
  maxSteps: number;
  /** The panel's default setup and cadence (src/model/live-training.ts), passed in: the page function cannot import. */
  setup: { a: LiveRunSettings; b: LiveRunSettings; seed: number };
  evalEvery: number;
  sweepMs: number;
}

/** Runs in the page: the panel's loop, on the engine hook. */
async function trainInPage(a: InPageArgs) {
  type Call = (op: string, args: unknown) => Promise<any>;
  const call = (window as unknown as { __calm: { call: Call } }).__calm.call;
  const { setup } = a;
  await call('trainReset', {});
  const info = await call('trainInfo', {});
  const curve: { seconds: number; step: number; a: number; b: number; a1?: number; b1?: number }[] = [];
  let trainMs = 0;
  let step = 0;
  let lastSweep = -Infinity;
  const t0 = performance.now();
  const limit = Math.min(a.maxSteps, info.model.totalSteps);
  while (step < limit && (performance.now() - t0) / 1000 < a.seconds) {
    const s0 = performance.now();
    const r = await call('trainStep', { setup, fromStep: step });
    trainMs += performance.now() - s0;
    step = r.step;
    if (step === 1 || step % a.evalEvery === 0 || step === limit) {
      const sweep = step === 1 || trainMs - lastSweep >= a.sweepMs || step === limit;
      if (sweep) lastSweep = trainMs;
      const e = await call('trainEval', { sweep });
      const at1 = (x: { byRelativeSigma: { s: number; accuracy: number }[] }) => x.byRelativeSigma.find((p) => p.s === 1)?.accuracy;
      curve.push({ seconds: (performance.now() - t0) / 1000, step, a: e.a.accuracy, b: e.b.accuracy, ...(sweep ? { a1: at1(e.a), b1: at1(e.b) } : {}) });
    }
  }
  await call('trainReset', {});
  return { steps: step, trainMs, curve };
}

export async function benchTraining(
  browser: Browser, baseUrl: string, backend: BenchBackend, opts: { seconds: number; maxSteps: number }, log: (s: string) => void,
): Promise<TrainBenchResult> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const empty = { steps: 0, stepsPerSecond: null, msPerStep: null, aReached95: null, at360: null, curve: [] };
  try {
    await page.addInitScript({ content: 'window.__name = window.__name || ((f) => f);' });
    await page.goto(`${baseUrl}?backend=${backend}&panel=train`);
    await page.waitForFunction(() => ['ready', 'error'].includes(document.querySelector('.app')?.getAttribute('data-state') ?? ''), null, { timeout: 240_000 });
    const ran = await page.getByTestId('backend-badge').textContent().catch(() => null);
    if ((await page.locator('.app').getAttribute('data-state')) !== 'ready') {
      return { requested: backend, ran: null, status: 'failed', note: 'the app reported an error', wallLimitSeconds: opts.seconds, ...empty };
    }
    log(`[bench] train on ${backend} (ran ${ran}): up to ${opts.seconds} s or ${opts.maxSteps} steps …`);
    const r = await page.evaluate(trainInPage, {
      seconds: opts.seconds, maxSteps: opts.maxSteps, setup: { a: { ...PAPER_RECIPE }, b: { ...RECONSTRUCTION_ONLY }, seed: 1 },
      evalEvery: LIVE_EVAL_EVERY, sweepMs: LIVE_SWEEP_MS,
    });
    const first95 = r.curve.find((p) => p.a >= 0.95);
    const swept = r.curve.filter((p) => p.a1 !== undefined && p.b1 !== undefined && p.seconds <= 360);
    const last = swept[swept.length - 1];
    const status = ran !== null && ran !== backend ? 'fell-back' : 'ok';
    return {
      requested: backend, ran, status, wallLimitSeconds: opts.seconds,
      ...(status === 'fell-back' ? { note: `asked for ${backend}, the engine ran ${ran}` } : {}),
      steps: r.steps,
      stepsPerSecond: r.steps / (r.trainMs / 1000),
      msPerStep: r.trainMs / r.steps,
      aReached95: first95 ? { seconds: Number(first95.seconds.toFixed(1)), step: first95.step } : null,
      at360: last ? { seconds: Number(last.seconds.toFixed(1)), step: last.step, a: last.a1!, b: last.b1!, gapPoints: Number(((last.a1! - last.b1!) * 100).toFixed(2)) } : null,
      curve: r.curve.map((p) => ({ ...p, seconds: Number(p.seconds.toFixed(2)) })),
    };
  } catch (e) {
    return { requested: backend, ran: null, status: 'failed', note: (e as Error).message.split('\n')[0], wallLimitSeconds: opts.seconds, ...empty };
  } finally {
    await context.close();
  }
}
