/**
 * The temperature sweep as a small zustand store: it keeps running (and its result stays) when the user
 * switches tabs. The engine caches finished sweeps by their settings too, so asking again is instant.
 */
import { create } from 'zustand';
import { engine } from '../../engine.ts';
import type { EngineErrorInfo, ProgressInfo } from '../../../engine/protocol.ts';
import type { TempSweepArgs, TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { errorInfo } from '../generate/engine-calls.tsx';

export interface SweepStore {
  running: boolean;
  progress: ProgressInfo | null;
  result: TempSweepResult | null;
  error: EngineErrorInfo | null;
  /** Wall time of the last finished call as the page saw it (ms). */
  ms: number | null;
  controller: AbortController | null;
  run(args: TempSweepArgs): Promise<void>;
  cancel(): void;
}

export const useSweep = create<SweepStore>()((set, get) => ({
  running: false,
  progress: null,
  result: null,
  error: null,
  ms: null,
  controller: null,
  async run(args) {
    if (get().running) return;
    const controller = new AbortController();
    set({ running: true, progress: null, error: null, controller });
    const t0 = performance.now();
    try {
      await engine().call('loadSet', { set: args.set });
      const result = await engine().call('tempSweep', args, { signal: controller.signal, onProgress: (p) => set({ progress: p }) });
      set({ result, ms: performance.now() - t0 });
    } catch (e) {
      const info = errorInfo(e);
      set({ error: info.code === 'cancelled' ? { ...info, message: 'Sweep cancelled.', fix: 'Press Sweep to run it again.' } : info });
    } finally {
      set({ running: false, progress: null, controller: null });
    }
  },
  cancel() {
    get().controller?.abort();
  },
}));
