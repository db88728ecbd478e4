/**
 * Precomputed traces of the Evaluate and Race panels (issue 8 item 4), for `npm run traces`
 * (scripts/make-traces.ts): each runs the engine's own op handler in Node on the committed weights with the
 * panel's default arguments (src/app/panels/evaluate/eval-trace.ts, src/app/panels/race/race-trace.ts).
 * Nothing is typed by hand. The race's timings are Node's (WASM backend), measured when the trace was made;
 * they differ on every run (see LM_TRACE_TIMING_KEYS).
 *
 *   { name: 'evaluate', op: 'evaluate', args: EVALUATE_TRACE_ARGS, sets: ['stories'], run: evaluateTrace }
 *   { name: 'race', op: 'raceRun', args: RACE_TRACE_ARGS, sets: ['stories'], run: raceTrace }
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../src/corpus/load-node.ts';
import type { OpContext } from '../../src/engine/context.ts';
import { handlers as evaluateHandlers, setEvalDataSource } from '../../src/engine/ops/evaluate.ts';
import type { EvaluateArgs, EvaluateResult } from '../../src/engine/ops/evaluate.types.ts';
import { handlers as raceHandlers } from '../../src/engine/ops/race.ts';
import type { RaceArgs, RaceResult } from '../../src/engine/ops/race.types.ts';
import { EVALUATE_TRACE_ARGS, EVALUATE_TRACE_NAME } from '../../src/app/panels/evaluate/eval-trace.ts';
import { RACE_TRACE_ARGS, RACE_TRACE_NAME } from '../../src/app/panels/race/race-trace.ts';

export { EVALUATE_TRACE_ARGS, EVALUATE_TRACE_NAME, RACE_TRACE_ARGS, RACE_TRACE_NAME };
export type LMTraceName = typeof EVALUATE_TRACE_NAME | typeof RACE_TRACE_NAME;

/**
 * Result fields that are wall-clock measurements (or derived from them): a fresh run gives other values.
 * A check that recomputes these traces compares everything else (scripts/make-traces.test.ts TIMINGS).
 */
export const LM_TRACE_TIMING_KEYS = ['ms', 'stepMs', 'prefillMs', 'tokensPerSecond', 'speedRatio'] as const;

/** The evaluation reads public/heldout/ from disk (the browser fetches it). */
export async function evaluateTrace(args: EvaluateArgs, ctx: OpContext): Promise<EvaluateResult> {
  setEvalDataSource(async (file) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', file), 'utf8')));
  try {
    return await evaluateHandlers.evaluate(args, ctx);
  } finally {
    setEvalDataSource(null);
  }
}

export async function raceTrace(args: RaceArgs, ctx: OpContext): Promise<RaceResult> {
  return raceHandlers.raceRun(args, ctx);
}
