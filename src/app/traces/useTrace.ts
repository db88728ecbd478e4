/**
 * Read a precomputed trace (public/traces/<name>.json, see trace-format.ts) for a panel to show until the
 * live model is ready. Returns null while loading, when there is none, when it was computed from other
 * weights than the ones the app serves, or (given `args`) with other arguments than the panel's defaults
 * (a stale trace would show numbers the live model no longer gives).
 *
 *   const trace = useTrace<CompressResult>('compress', !ready, TRACE_ARGS.compress);
 *   {!live && trace && <><TraceBanner /><View r={trace.result} /></>}   // no data-testid on trace views
 */
import { useEffect, useState } from 'react';
import { decodeTrace, sameTraceArgs, type TraceFile } from './trace-format.ts';

const memo = new Map<string, Promise<TraceFile | null>>();

async function manifestVersion(base: string): Promise<string | null> {
  try {
    const res = await fetch(`${base}weights/manifest.json`);
    return res.ok ? ((await res.json()) as { version?: string }).version ?? null : null;
  } catch {
    return null;
  }
}

/** Fetch and check one trace (cached per page); null when missing, unreadable or stale. */
export function loadTrace<R = unknown, A = unknown>(name: string): Promise<TraceFile<R, A> | null> {
  if (!/^[a-z0-9-]+$/.test(name)) return Promise.resolve(null);
  let p = memo.get(name);
  if (!p) {
    const base = import.meta.env.BASE_URL;
    p = (async () => {
      try {
        const [res, version] = await Promise.all([fetch(`${base}traces/${name}.json`), manifestVersion(base)]);
        if (!res.ok) return null;
        const t = decodeTrace(await res.text());
        return version !== null && t.manifestVersion === version ? t : null;
      } catch {
        return null;
      }
    })();
    memo.set(name, p);
  }
  return p as Promise<TraceFile<R, A> | null>;
}

/**
 * The trace `name` while `wanted` (typically: the live model is not ready yet); null otherwise, and null
 * when `args` (a module constant, such as TRACE_ARGS.compress) is given and the trace was computed with other arguments.
 */
export function useTrace<R = unknown, A = unknown>(name: string, wanted: boolean, args?: A): TraceFile<R, A> | null {
  const [trace, setTrace] = useState<TraceFile<R, A> | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let alive = true;
    void loadTrace<R, A>(name).then((t) => alive && setTrace(t && (args === undefined || sameTraceArgs(t.args, args)) ? t : null));
    return () => {
      alive = false;
    };
  }, [name, wanted, args]);
  return wanted ? trace : null;
}
