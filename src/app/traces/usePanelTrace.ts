/**
 * A panel's precomputed trace while the live model is not ready, with the settings in which the link differs
 * from the trace's (the banner then says the trace shows the default example). Null once the model is ready,
 * or when there is no usable trace (missing, or computed from other weights or other arguments).
 *
 *   const t = usePanelTrace<CompressResult>('compress');
 *   {!live && t && <><TraceBanner what="…" differs={t.differs} /><View r={t.trace.result} live={false} /></>}
 */
import { useApp } from '../state/store.ts';
import { traceDifferences, TRACE_ARGS, type TraceName } from './trace-args.ts';
import type { TraceFile } from './trace-format.ts';
import { useTrace } from './useTrace.ts';

export interface PanelTrace<R> {
  trace: TraceFile<R, (typeof TRACE_ARGS)[TraceName]>;
  differs: string[];
}

export function usePanelTrace<R>(name: TraceName): PanelTrace<R> | null {
  const ready = useApp((s) => s.engine.state === 'ready');
  const settings = useApp((s) => s.settings);
  const trace = useTrace<R, (typeof TRACE_ARGS)[TraceName]>(name, !ready, TRACE_ARGS[name]);
  return trace ? { trace, differs: traceDifferences(name, settings) } : null;
}
