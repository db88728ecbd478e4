/**
 * `npm run traces` — precomputed traces for the panels to show until the live model is ready (issue 8):
 * runs engine op handlers in Node on the committed weights (the same handlers and loaders as the browser
 * engine, src/engine/registry.ts + tests/helpers/node-models.ts) with each panel's default arguments, and
 * writes public/traces/<name>.json (src/app/traces/trace-format.ts) stamped with the weights manifest version.
 * Nothing in a trace is typed by hand. Re-run after retraining: the app ignores traces of other weights.
 *
 *   npm run traces              # every trace
 *   npm run traces -- compress  # only the named ones
 *
 * To add a trace, add its default args to src/app/traces/trace-args.ts and an entry to TRACES (the op, the LM
 * sets it needs, and `run` when it takes several ops).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf, tf } from './lib/tf-node.ts';
import { loadNodeModels, readManifestFile } from '../tests/helpers/node-models.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { plainContext, type OpContext } from '../src/engine/context.ts';
import { REGISTRY, resetAllCaches } from '../src/engine/registry.ts';
import { disposeModels, type EngineModels } from '../src/engine/models.ts';
import type { ModelSetName, OpName } from '../src/engine/protocol.ts';
import { setHeldoutSource } from '../src/engine/ops/temperature.ts';
import { encodeTrace, TRACE_FORMAT, type TraceFile } from '../src/app/traces/trace-format.ts';
import { TRACE_ARGS, type GenerateTraceArgs, type TraceName } from '../src/app/traces/trace-args.ts';
import {
  EVALUATE_TRACE_ARGS, EVALUATE_TRACE_NAME, evaluateTrace, LM_TRACE_TIMING_KEYS, RACE_TRACE_ARGS, RACE_TRACE_NAME, raceTrace, type LMTraceName,
} from './traces/lm-traces.ts';

export interface TraceSpec {
  name: TraceName | LMTraceName;
  /** The engine op whose result the trace holds. */
  op: OpName;
  args: unknown;
  /** Language-model sets the ops need (the autoencoders are always loaded). */
  sets: ModelSetName[];
  /** Default: the one op `op` with `args`. A trace that needs several ops (a generation) runs them here. */
  run?: (args: never, ctx: OpContext) => Promise<unknown>;
}

const op = <K extends OpName>(name: K, args: unknown, ctx: OpContext) => REGISTRY[name](args as never, ctx);
const none = {} as Record<string, never>;

/** Start from the default prompt and take the steps, as the panel does; the result is what the panel shows. */
async function generateTrace(a: GenerateTraceArgs, ctx: OpContext): Promise<unknown> {
  await op('genReset', none, ctx);
  try {
    await op('genStart', { set: a.set, prompt: a.prompt, seed: a.seed }, ctx);
    for (let i = 0; i < a.steps; i++) await op('genStep', { sampler: a.sampler, T: a.T, N: a.N }, ctx);
    return await op('genState', none, ctx);
  } finally {
    await op('genReset', none, ctx);
  }
}

/** tempSample continues the current generation: start from none, as a freshly loaded page does. */
async function temperatureTrace(a: unknown, ctx: OpContext): Promise<unknown> {
  await op('genReset', none, ctx);
  try {
    return await op('tempSample', a, ctx);
  } finally {
    await op('genReset', none, ctx);
  }
}

/** One trace per panel view that can be computed without user input (src/app/traces/trace-args.ts). */
export const TRACES: TraceSpec[] = [
  { name: 'compress', op: 'compress', args: TRACE_ARGS.compress, sets: [] },
  { name: 'noise', op: 'noiseDecode', args: TRACE_ARGS.noise, sets: [] },
  { name: 'noise-sweep', op: 'noiseSweep', args: TRACE_ARGS['noise-sweep'], sets: [] },
  { name: 'generate', op: 'genState', args: TRACE_ARGS.generate, sets: [TRACE_ARGS.generate.set], run: generateTrace },
  { name: 'temperature', op: 'tempSample', args: TRACE_ARGS.temperature, sets: [TRACE_ARGS.temperature.set], run: temperatureTrace },
  { name: 'temperature-sweep', op: 'tempSweep', args: TRACE_ARGS['temperature-sweep'], sets: [TRACE_ARGS['temperature-sweep'].set] },
  { name: EVALUATE_TRACE_NAME, op: 'evaluate', args: EVALUATE_TRACE_ARGS, sets: [EVALUATE_TRACE_ARGS.set], run: evaluateTrace },
  { name: RACE_TRACE_NAME, op: 'raceRun', args: RACE_TRACE_ARGS, sets: [RACE_TRACE_ARGS.set], run: raceTrace },
];

/** Result fields that are wall-clock measurements: a fresh run gives other values (the check skips them). */
export const TRACE_TIMING_KEYS: readonly string[] = ['ms', ...LM_TRACE_TIMING_KEYS];

/** Compute one trace's result with the engine's own handlers (caches dropped first: a fresh engine). */
export async function runTrace(t: TraceSpec, models: EngineModels): Promise<unknown> {
  const ctx = plainContext(models);
  resetAllCaches();
  setHeldoutSource(async (set) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'public', 'heldout', `${set}.json`), 'utf8')));
  try {
    if (t.run) return await t.run(t.args as never, ctx);
    if (!REGISTRY[t.op]) throw new Error(`engine op "${t.op}" does not exist (trace "${t.name}")`);
    return await op(t.op, t.args, ctx);
  } finally {
    setHeldoutSource(null);
  }
}

export const TRACES_DIR = path.join(REPO_ROOT, 'public', 'traces');

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const chosen = only.length ? TRACES.filter((t) => only.includes(t.name)) : TRACES;
  const unknown = only.filter((n) => !TRACES.some((t) => t.name === n));
  if (unknown.length) throw new Error(`unknown trace(s): ${unknown.join(', ')} (known: ${TRACES.map((t) => t.name).join(', ')})`);
  await initTf('wasm');
  const manifest = readManifestFile();
  const sets = [...new Set(chosen.flatMap((t) => t.sets))];
  const models = await loadNodeModels(sets);
  mkdirSync(TRACES_DIR, { recursive: true });
  try {
    for (const t of chosen) {
      const started = performance.now();
      const result = await runTrace(t, models);
      const file: TraceFile = {
        format: TRACE_FORMAT,
        name: t.name,
        op: t.op,
        args: t.args,
        manifestVersion: manifest.version,
        createdAt: new Date().toISOString(),
        backend: `node-${tf.getBackend()}`,
        result,
      };
      const out = path.join(TRACES_DIR, `${t.name}.json`);
      const json = encodeTrace(file);
      writeFileSync(out, json);
      console.log(`${path.relative(REPO_ROOT, out)}: ${t.op} in ${(performance.now() - started).toFixed(0)} ms, ${json.length} bytes`);
    }
  } finally {
    resetAllCaches();
    disposeModels(models);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
