/**
 * The Race panel's precomputed trace (issue 8 item 4): a default race (both models, the default prompt,
 * 128 tokens each, at the Race's default T = 1), computed by `npm run traces` (scripts/traces/lm-traces.ts) in Node from the committed
 * weights and written to public/traces/race.json. Its timings are Node's, measured when the trace was made;
 * the panel says so. Pure; no DOM, no TF.js.
 */
import type { RaceArgs } from '../../../engine/ops/race.types.ts';
import { RACE_DEFAULTS } from '../../../engine/ops/race.types.ts';
import { DEFAULTS } from '../../state/schema.ts';

export const RACE_TRACE_NAME = 'race';

export const RACE_TRACE_ARGS = {
  set: DEFAULTS.set,
  prompt: DEFAULTS.prompt,
  tokens: RACE_DEFAULTS.tokens,
  seed: DEFAULTS.seed,
  models: ['calm', 'baseline'],
  T: DEFAULTS.raceT,
} as const satisfies RaceArgs;

/** Settings (in the panel's words) in which the page differs from the trace's arguments. */
export function raceTraceDifferences(s: { set: string; prompt: string; seed: number; tokens: number; T: number }): string[] {
  const out: string[] = [];
  if (s.set !== RACE_TRACE_ARGS.set) out.push('model set');
  if (s.prompt !== RACE_TRACE_ARGS.prompt) out.push('prompt');
  if (s.tokens !== RACE_TRACE_ARGS.tokens) out.push('number of tokens');
  if (s.seed !== RACE_TRACE_ARGS.seed) out.push('seed');
  if (s.T !== RACE_TRACE_ARGS.T) out.push('temperature');
  return out;
}
