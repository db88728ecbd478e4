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
 * To add a trace, add an entry to TRACES (the op, its default args, the LM sets it needs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { initTf, tf } from './lib/tf-node.ts';
import { loadNodeModels, readManifestFile } from '../tests/helpers/node-models.ts';
import { REPO_ROOT } from '../src/corpus/load-node.ts';
import { plainContext } from '../src/engine/context.ts';
import { REGISTRY, resetAllCaches } from '../src/engine/registry.ts';
import { disposeModels } from '../src/engine/models.ts';
import type { ModelSetName, OpArgs, OpName } from '../src/engine/protocol.ts';
import { DEFAULTS } from '../src/app/state/schema.ts';
import { SWEEP_MAX_SIGMA, SWEEP_POINTS } from '../src/app/panels/noise/sweep-slices.ts';
import { encodeTrace, TRACE_FORMAT, type TraceFile } from '../src/app/traces/trace-format.ts';

interface TraceSpec<K extends OpName = OpName> {
  name: string;
  op: K;
  args: OpArgs<K>;
  sets: ModelSetName[];
}

const spec = <K extends OpName>(s: TraceSpec<K>): TraceSpec => s as unknown as TraceSpec;

/** One trace per panel view that can be computed without user input (defaults from src/app/state/schema.ts). */
export const TRACES: TraceSpec[] = [
  spec({ name: 'compress', op: 'compress', args: { text: DEFAULTS.text }, sets: [] }),
  spec({
    name: 'noise',
    op: 'noiseDecode',
    args: { text: DEFAULTS.text, sigma: DEFAULTS.sigma, seed: DEFAULTS.seed, scale: DEFAULTS.noise },
    sets: [],
  }),
  spec({
    name: 'noise-sweep',
    op: 'noiseSweep',
    args: { text: DEFAULTS.text, points: SWEEP_POINTS, maxSigma: SWEEP_MAX_SIGMA, seed: DEFAULTS.seed, scale: DEFAULTS.noise },
    sets: [],
  }),
];

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
      const handler = REGISTRY[t.op];
      if (!handler) throw new Error(`engine op "${t.op}" does not exist (trace "${t.name}")`);
      const started = performance.now();
      const result = await handler(t.args, plainContext(models));
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
