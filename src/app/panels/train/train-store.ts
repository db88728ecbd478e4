/**
 * The Train panel's controller: a zustand store outside React, so training goes on while another panel is
 * open (the panel says so) and pauses by itself when the tab is hidden. It holds plain numbers only; the
 * runs' tensors live in the engine (ops/train.ts).
 *
 * The loop is a chain of one-step engine jobs (`trainStep`: one step of A and one of B), each awaited
 * before the next is sent, so Pause takes effect after at most one step and another panel's request waits
 * behind at most one step. Held-out accuracy is measured after the first step, every LIVE_EVAL_EVERY steps and
 * on pause; the robustness sweep at most every LIVE_SWEEP_MS of training (src/model/live-training.ts).
 */
import { create } from 'zustand';
import { engine, onEngineBackend } from '../../engine.ts';
import { errorInfo } from '../compress/engine-hooks.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';
import { LIVE_EVAL_EVERY as EVAL_EVERY, LIVE_SWEEP_MS as SWEEP_MS } from '../../../model/live-training.ts';
import type { CustomAEInfo, TrainEvalResult, TrainInfoResult, TrainRunEval, TrainSetup } from '../../../engine/ops/train.types.ts';


export type TrainStatus = 'idle' | 'running' | 'paused' | 'done';
export type PauseReason = 'user' | 'hidden' | 'error';

export interface LossPoint {
  step: number;
  a: number;
  b: number;
}

export interface AccPoint {
  step: number;
  /** Training seconds (pauses excluded) when it was measured. */
  seconds: number;
  a: number;
  b: number;
}

export interface SweepView {
  step: number;
  a: { s: number; accuracy: number }[];
  b: { s: number; accuracy: number }[];
  /** z = μ accuracy on the sweep's own chunks (its σ = 0 point). */
  clean: { a: number; b: number } | null;
}

export interface TrainState {
  status: TrainStatus;
  pausedBy: PauseReason | null;
  /** Steps done (both runs step together). */
  step: number;
  /** The setup the runs were started with (null before the first step). */
  setup: TrainSetup | null;
  info: TrainInfoResult | null;
  loss: LossPoint[];
  accuracy: AccPoint[];
  latest: { a: TrainRunEval; b: TrainRunEval; step: number } | null;
  sweep: SweepView | null;
  /** Training seconds so far (pauses excluded) and the recent steps per second. */
  seconds: number;
  stepsPerSecond: number | null;
  params: { a: number; b: number } | null;
  error: EngineErrorInfo | null;
  custom: CustomAEInfo | null;
  /** A message about the last download / load / use action. */
  fileNote: string | null;

  loadInfo(): Promise<void>;
  start(setup: TrainSetup): void;
  pause(reason?: PauseReason): void;
  reset(): Promise<void>;
  use(run: 'a' | 'b' | null): Promise<void>;
  download(run: 'a' | 'b'): Promise<void>;
  importFiles(files: File[]): Promise<void>;
  refreshCustom(): Promise<void>;
}

const EMPTY = {
  status: 'idle' as TrainStatus, pausedBy: null, step: 0, setup: null, loss: [], accuracy: [], latest: null, sweep: null,
  seconds: 0, stepsPerSecond: null, params: null, error: null,
};

/** Bumped by reset so a loop from before stops (its in-flight step's answer is dropped). */
let generation = 0;
/** The generation whose loop is alive (awaiting the engine), if any. */
let aliveGen: number | null = null;

export const useTrain = create<TrainState>()((set, get) => {
  const record = (e: TrainEvalResult) => {
    set((s) => ({
      latest: { a: e.a, b: e.b, step: e.step },
      accuracy: s.accuracy.length && s.accuracy[s.accuracy.length - 1].step === e.step
        ? s.accuracy
        : [...s.accuracy, { step: e.step, seconds: s.seconds, a: e.a.accuracy, b: e.b.accuracy }],
      sweep: e.a.byRelativeSigma.length
        ? { step: e.step, a: e.a.byRelativeSigma, b: e.b.byRelativeSigma, clean: e.a.sweepClean !== null && e.b.sweepClean !== null ? { a: e.a.sweepClean, b: e.b.sweepClean } : null }
        : s.sweep,
    }));
  };

  /** Measure and record, unless a Reset came in meanwhile (then the answer belongs to discarded runs). */
  const evaluate = async (gen: number, sweep: boolean) => {
    const e = await engine().call('trainEval', { sweep });
    if (gen === generation) record(e);
  };

  async function loop(gen: number, setup: TrainSetup): Promise<void> {
    aliveGen = gen;
    try {
      await steps(gen, setup);
    } finally {
      if (aliveGen === gen) aliveGen = null;
    }
    // Start was pressed again while this loop was finishing: go on.
    if (gen === generation && get().status === 'running') void loop(gen, setup);
  }

  let lastSweep = -Infinity;

  async function steps(gen: number, setup: TrainSetup): Promise<void> {
    const total = get().info?.model.totalSteps ?? Infinity;
    try {
      while (gen === generation && get().status === 'running') {
        const from = get().step;
        const r = await engine().call('trainStep', { setup, fromStep: from });
        // The engine's time for the step (not time spent queued behind other panels' jobs).
        const dt = r.ms / 1000;
        if (gen !== generation) return;
        set((s) => ({
          step: r.step, setup, params: r.params, seconds: s.seconds + dt,
          stepsPerSecond: s.stepsPerSecond === null ? 1 / dt : 0.9 * s.stepsPerSecond + 0.1 / dt,
          loss: [...s.loss, { step: r.step, a: r.a.loss, b: r.b.loss }],
        }));
        const finished = r.step >= total;
        if (r.step === 1 || r.step % EVAL_EVERY === 0 || finished) {
          const seconds = get().seconds;
          const sweep = finished || r.step === 1 || (seconds - lastSweep) * 1000 >= SWEEP_MS;
          if (sweep) lastSweep = seconds;
          await evaluate(gen, sweep);
        }
        if (finished && gen === generation) set({ status: 'done', pausedBy: null });
      }
      // Paused: measure where the runs stand now (the view is then current), unless nothing changed.
      if (gen === generation && get().status === 'paused' && get().step > 0 && get().latest?.step !== get().step) {
        await evaluate(gen, true);
      }
    } catch (e) {
      if (gen !== generation) return;
      set({ status: 'paused', pausedBy: 'error', error: errorInfo(e) });
    }
  }

  return {
    ...EMPTY,
    info: null,
    custom: null,
    fileNote: null,

    async loadInfo() {
      try {
        const info = await engine().call('trainInfo', {});
        // An error that stopped the runs stays on screen; a failed load of the sample is cleared.
        set({ info, error: get().pausedBy === 'error' ? get().error : null });
        // The engine lost the runs (backend change, leak-test reset): the view starts over with it.
        if (get().step > 0 && (!info.session || info.session.step !== get().step) && get().status !== 'running') {
          generation++;
          set({ ...EMPTY, error: { code: 'bad-input', message: 'The training runs were lost (the engine restarted or moved to another backend).', fix: 'Press Start to train again.' } });
        }
      } catch (e) {
        set({ error: errorInfo(e) });
      }
    },

    start(setup) {
      const s = get();
      if (s.status === 'running' || s.status === 'done') return;
      if (!s.info) {
        // The sample did not load (offline, a failed fetch): try again, then start.
        void get().loadInfo().then(() => {
          if (get().info) get().start(setup);
        });
        return;
      }
      // New settings only apply from step 0; a paused run resumes with the setup it started with.
      const use = s.step > 0 && s.setup ? s.setup : setup;
      set({ status: 'running', pausedBy: null, error: null, setup: use });
      // A loop still finishing its last step goes on by itself; otherwise start one.
      if (aliveGen !== generation) void loop(generation, use);
    },

    pause(reason = 'user') {
      if (get().status !== 'running') return;
      set({ status: 'paused', pausedBy: reason });
    },

    async reset() {
      generation++;
      lastSweep = -Infinity;
      set({ ...EMPTY });
      try {
        await engine().call('trainReset', {});
      } catch (e) {
        set({ error: errorInfo(e) });
      }
    },

    async use(run) {
      try {
        const r = await engine().call('trainUse', { run });
        set({ custom: r.custom, fileNote: r.custom ? `Compress and Noise now use ${r.custom.label}.` : 'Compress and Noise use the shipped autoencoder again.' });
      } catch (e) {
        set({ fileNote: `${errorInfo(e).message} ${errorInfo(e).fix}` });
      }
    },

    async download(run) {
      try {
        const r = await engine().call('trainExport', { run });
        for (const f of r.files) saveFile(f.name, f.bytes);
        set({ fileNote: `Downloaded run ${run.toUpperCase()} at step ${r.step.toLocaleString('en-US')}: ${r.files.map((f) => f.name).join(', ')}.` });
      } catch (e) {
        set({ fileNote: `${errorInfo(e).message} ${errorInfo(e).fix}` });
      }
    },

    async importFiles(files) {
      try {
        const read = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
        const r = await engine().call('trainImport', { files: read });
        set({ custom: r.custom, fileNote: r.custom ? `Loaded. Compress and Noise now use ${r.custom.label}.` : null });
      } catch (e) {
        const info = errorInfo(e);
        set({ fileNote: `Not loaded: ${info.message} ${info.fix}` });
      }
    },

    async refreshCustom() {
      try {
        set({ custom: (await engine().call('customAEInfo', {})).custom });
      } catch {
        // the engine is not ready: nothing is in use
      }
    },
  };
});

function saveFile(name: string, bytes: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([bytes as unknown as BlobPart]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// A backend change replaces (or rebuilds) the engine: the custom autoencoder and the runs are gone there.
// Only where the Train panel was used: nothing is fetched for a page that never opened it.
onEngineBackend(() => {
  const s = useTrain.getState();
  if (s.custom) void s.refreshCustom();
  if (s.info || s.step > 0) void s.loadInfo();
});

let watching = false;

/** Pause training when the tab is hidden (once, for the page's life). */
export function watchVisibility(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') useTrain.getState().pause('hidden');
  });
}
