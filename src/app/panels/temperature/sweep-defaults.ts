/**
 * The temperature sweep's choices and defaults (pure data), shared by the panel (SweepSection.tsx) and by
 * `npm run traces` (scripts/make-traces.ts), which precomputes a small sweep for the panel to show while
 * the live model loads.
 */
import type { TempSweepArgs } from '../../../engine/ops/temperature.types.ts';
import { DEFAULTS } from '../../state/schema.ts';

/** T = 1, ½, ⅓, ¼ (the paper's batch rule) and 0.4 (1/T = 2.5: the fractional extension). */
export const SWEEP_TS = [1, 1 / 2, 1 / 3, 1 / 4, 0.4] as const;
export const SWEEP_NS = [1, 10, 50, 100, 200, 500, 1000] as const;
export const DEFAULT_NS = [50, 200];
export const CONTEXT_CHOICES = [8, 16, 32, 64, 128, 256] as const;
export const DEFAULT_CONTEXTS = 64;
export const SWEEP_PAIRS = 2;

/** The precomputed sweep: every T, the default N's, 32 held-out contexts (seconds in Node). */
export const TRACE_SWEEP_ARGS: TempSweepArgs = {
  set: DEFAULTS.set,
  Ts: [...SWEEP_TS],
  Ns: [...DEFAULT_NS],
  contexts: CONTEXT_CHOICES[2],
  pairs: SWEEP_PAIRS,
  seed: DEFAULTS.seed,
};
