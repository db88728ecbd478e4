/** Layout of the Race panel's step strips (pure; unit-tested). */

export interface StepBar {
  /** Left edge and width in percent of the strip. */
  x: number;
  w: number;
  /** Height in percent of the strip (step time relative to the slowest step shown). */
  h: number;
  done: boolean;
}

/**
 * One bar per backbone step, over a strip that stands for `tokens` tokens: a CALM step covers K tokens'
 * width, a baseline step one, so both strips span the same width and the step counts differ K-fold.
 * Steps not yet run are drawn empty; heights follow stepMs (when known) against `maxMs`.
 */
export function stepBars(totalSteps: number, tokensPerStep: number, tokens: number, doneSteps: number, stepMs: number[] | null, maxMs: number): StepBar[] {
  const out: StepBar[] = [];
  const unit = 100 / Math.max(1, tokens);
  for (let i = 0; i < totalSteps; i++) {
    const x = i * tokensPerStep * unit;
    const w = Math.min(tokensPerStep, tokens - i * tokensPerStep) * unit;
    const ms = stepMs?.[i];
    const h = ms !== undefined && maxMs > 0 ? Math.max(6, Math.min(100, (100 * ms) / maxMs)) : 100;
    out.push({ x, w, h, done: i < doneSteps });
  }
  return out;
}

/**
 * The step time a strip's full height stands for: 1.5 × the 90th percentile of all steps shown, so one
 * slow outlier (a garbage collection, another program) does not flatten every other bar; taller steps
 * are clipped at full height.
 */
export function barScaleMs(stepMs: number[]): number {
  if (stepMs.length === 0) return 0;
  const sorted = [...stepMs].sort((a, b) => a - b);
  return 1.5 * sorted[Math.min(sorted.length - 1, Math.floor(0.9 * sorted.length))];
}
