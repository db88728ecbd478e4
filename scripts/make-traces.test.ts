/**
 * The committed traces (public/traces/*.json) are what `npm run traces` computes from the committed weights:
 * decodable, stamped with the current manifest version, and equal to a fresh run of the same engine op.
 * A failure after retraining means: run `npm run traces` and commit the result.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTf } from './lib/tf-node.ts';
import { loadNodeModels, readManifestFile } from '../tests/helpers/node-models.ts';
import { resetAllCaches } from '../src/engine/registry.ts';
import { disposeModels, type EngineModels } from '../src/engine/models.ts';
import { decodeTrace } from '../src/app/traces/trace-format.ts';
import { runTrace, TRACE_TIMING_KEYS, TRACES, TRACES_DIR } from './make-traces.ts';

/** Wall-clock fields (milliseconds a call took) differ from run to run. */
const TIMINGS = new Set(TRACE_TIMING_KEYS);

/** Deep equality with a tolerance for floating-point numbers (typed arrays compared element by element). */
function close(a: unknown, b: unknown, where = 'result'): string | null {
  // Equal infinities (−∞ log-weights of chunks below the batch sampler's level) are equal.
  if (typeof a === 'number' && Object.is(a, b)) return null;
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a)) || (Number.isNaN(a) && Number.isNaN(b)) ? null : `${where}: ${a} ≠ ${b}`;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) return close(Array.from(a as Float32Array), Array.from(b as Float32Array), where);
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${where}: length ${a.length} ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = close(a[i], b[i], `${where}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (TIMINGS.has(k)) continue;
      const d = close((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${where}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return Object.is(a, b) ? null : `${where}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}

let models: EngineModels;
beforeAll(async () => {
  await initTf('wasm');
  models = await loadNodeModels([...new Set(TRACES.flatMap((t) => t.sets))]);
});
afterAll(() => {
  resetAllCaches();
  disposeModels(models);
});

describe('committed precomputed traces', () => {
  for (const spec of TRACES) {
    it(`${spec.name}.json is the ${spec.op} result for the committed weights`, { timeout: 300_000 }, async () => {
      const file = path.join(TRACES_DIR, `${spec.name}.json`);
      expect(existsSync(file), `${file} is missing: run npm run traces`).toBe(true);
      const trace = decodeTrace(readFileSync(file, 'utf8'));
      expect(trace.op).toBe(spec.op);
      expect(trace.args).toEqual(spec.args);
      expect(trace.manifestVersion, 'the weights changed since: run npm run traces').toBe(readManifestFile().version);
      const fresh = await runTrace(spec, models);
      expect(close(trace.result, fresh)).toBeNull();
    });
  }
});
