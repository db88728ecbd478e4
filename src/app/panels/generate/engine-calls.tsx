/** Small links to the engine shared by the Generate and Temperature panels. */
import { EngineCallError } from '../../engine.ts';
import { useApp } from '../../state/store.ts';
import type { EngineErrorInfo } from '../../../engine/protocol.ts';

export function errorInfo(e: unknown): EngineErrorInfo {
  if (e instanceof EngineCallError) return e.info;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), fix: 'Try again or reload the page.' };
}

/** True once the models are loaded and warm. */
export function useReady(): boolean {
  return useApp((s) => s.engine.state === 'ready');
}

export function ErrorNote({ error }: { error: EngineErrorInfo | null }) {
  if (!error) return null;
  return (
    <p className="gn-error" role="alert">
      {error.message} {error.fix}
    </p>
  );
}
