/**
 * The Evaluate panel's precomputed trace (issue 8 item 4): the default held-out evaluation, computed by
 * `npm run traces` (scripts/traces/lm-traces.ts) in Node from the committed weights and written to
 * public/traces/evaluate.json. The panel shows it until the live model is ready. Pure; no DOM, no TF.js.
 */
import type { EvaluateArgs } from '../../../engine/ops/evaluate.types.ts';
import { EVAL_DEFAULTS } from '../../../engine/ops/evaluate.types.ts';
import { DEFAULTS } from '../../state/schema.ts';

export const EVALUATE_TRACE_NAME = 'evaluate';

/** What the trace was computed with: the panel's first "Evaluate" on a fresh page (held-out, default span). */
export const EVALUATE_TRACE_ARGS = {
  set: DEFAULTS.set,
  source: 'heldout',
  tokens: EVAL_DEFAULTS.tokens,
  stride: EVAL_DEFAULTS.stride,
  samples: EVAL_DEFAULTS.samples,
  seed: EVAL_DEFAULTS.seed,
} as const satisfies EvaluateArgs;

/** Settings (in the panel's words) in which the page differs from the trace's arguments. */
export function evalTraceDifferences(s: { set: string }): string[] {
  return s.set !== EVALUATE_TRACE_ARGS.set ? ['model set'] : [];
}
