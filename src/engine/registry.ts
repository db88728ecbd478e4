/**
 * Every engine operation by name: the worker dispatches through this table. Each ops module exports
 * `handlers` and, when it keeps tensors between calls, `resetCaches()` (called by the core op
 * `resetCaches` and whenever the backend is rebuilt).
 */
import type { OpHandler } from './context.ts';
import type { OpName } from './protocol.ts';
import * as core from './ops/core.ts';
import * as compress from './ops/compress.ts';
import * as generate from './ops/generate.ts';
import * as temperature from './ops/temperature.ts';
import * as evaluate from './ops/evaluate.ts';
import * as race from './ops/race.ts';
import * as probe from './ops/probe.ts';
import * as bandwidth from './ops/bandwidth.ts';
import * as train from './ops/train.ts';

interface OpsModule {
  handlers: object;
  resetCaches?: () => void;
}

const MODULES: Record<string, OpsModule> = { core, compress, generate, temperature, evaluate, race, probe, bandwidth, train };

function merge(): Record<OpName, OpHandler<unknown, unknown>> {
  const out: Record<string, OpHandler<unknown, unknown>> = {};
  const owner: Record<string, string> = {};
  for (const [name, m] of Object.entries(MODULES)) {
    for (const [op, h] of Object.entries(m.handlers)) {
      // Two modules claiming one op name would silently shadow each other.
      if (owner[op]) throw new Error(`engine op "${op}" is defined by both ops/${owner[op]}.ts and ops/${name}.ts`);
      owner[op] = name;
      out[op] = h as OpHandler<unknown, unknown>;
    }
  }
  return out as Record<OpName, OpHandler<unknown, unknown>>;
}

export const REGISTRY = merge();

/** Call every module's `resetCaches()`; one failing does not stop the others (the first error is rethrown). */
export function resetAllCaches(): void {
  let first: unknown = null;
  for (const m of Object.values(MODULES)) {
    if (typeof m.resetCaches !== 'function') continue;
    try {
      m.resetCaches();
    } catch (e) {
      first ??= e;
    }
  }
  if (first) throw first;
}
