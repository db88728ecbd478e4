import type { GenStateView, GenStepResult } from '../../../engine/ops/generate.types.ts';

/**
 * The view after a step or a redraw, or null when the engine's generation moved on without this view (its
 * step count no longer matches: another caller such as a lesson or the test hook stepped, went back or
 * restarted it); the caller then reads the engine's whole state instead.
 */
export function withStep(v: GenStateView, r: GenStepResult, replace: boolean): GenStateView | null {
  const steps = replace ? [...v.steps.slice(0, -1), r.step] : [...v.steps, r.step];
  if (steps.length !== r.counters.steps) return null;
  return { ...v, steps, counters: r.counters, blocked: r.blocked, seed: r.step.seed };
}

