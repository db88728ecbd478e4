/**
 * Start the engine and keep the store's engine status in step with it:
 * starting → loading (byte progress) → warming → ready, or error (with Retry = `restart()`).
 * Changing `settings.set` loads that set (progress in the status area); changing `settings.backend`
 * restarts the engine on that backend. Also installs the `window.__calm` test hook.
 */
import { engine, EngineCallError, onEngineBackend, restartEngine } from './engine.ts';
import { useApp } from './state/store.ts';
import { isWarmupProgress } from '../engine/ops/core.types.ts';
import type { EngineErrorInfo, ModelSetName, OpArgs, OpName } from '../engine/protocol.ts';

let generation = 0;
let booted = false;

function errorInfo(e: unknown): EngineErrorInfo {
  if (e instanceof EngineCallError) return e.info;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e), fix: 'Reload the page.' };
}

/** (Re)start the engine with the current settings. Safe to call at any time (Retry). */
export async function restart(): Promise<void> {
  const gen = ++generation;
  const { settings, setEngine } = useApp.getState();
  setEngine({ state: 'starting', progress: undefined, error: undefined, backend: undefined, init: undefined });
  const client = restartEngine();
  try {
    const init = await client.call(
      'init',
      { weightsBase: `${import.meta.env.BASE_URL}weights/`, backend: settings.backend, set: settings.set },
      {
        onProgress: (p) => {
          if (gen !== generation) return;
          useApp.getState().setEngine({ state: isWarmupProgress(p) ? 'warming' : 'loading', progress: p });
        },
      },
    );
    if (gen !== generation) return;
    setEngine({ state: 'ready', progress: undefined, backend: init.backend, init });
    // For measurements (e2e, bench): when the app became ready, with what it loaded.
    performance.mark('calm-ready', { detail: { ...init, backend: init.backend.name } });
    // The set may have changed while we were loading.
    const now = useApp.getState().settings.set;
    if (now !== settings.set) void loadSet(now);
  } catch (e) {
    if (gen !== generation) return;
    const info = errorInfo(e);
    if (info.code === 'cancelled') return;
    setEngine({ state: 'error', progress: undefined, error: info });
  }
}

/** Load a language-model set into the running engine (progress shows in the status area). */
async function loadSet(set: ModelSetName): Promise<void> {
  const gen = generation;
  const { setEngine } = useApp.getState();
  if (useApp.getState().engine.state !== 'ready') return; // init will load the current set
  try {
    await engine().call('loadSet', { set }, {
      onProgress: (p) => {
        if (gen === generation) useApp.getState().setEngine({ progress: p });
      },
    });
    if (gen === generation) setEngine({ progress: undefined });
  } catch (e) {
    if (gen !== generation) return;
    const info = errorInfo(e);
    if (info.code === 'cancelled') return;
    setEngine({ progress: undefined, error: info });
  }
}

/** window.__calm: the hook e2e tests and `npm run bench` use (plain data in, plain data out). */
function installTestHook(): void {
  (window as unknown as { __calm: unknown }).__calm = {
    call: <K extends OpName>(op: K, args: OpArgs<K>) => engine().call(op, args),
    memory: () => engine().call('memory', {}),
    /** The backend the engine runs on, as the status line shows it (WASM: with its thread count). */
    backend: () => useApp.getState().engine.backend ?? null,
  };
}

export function boot(): void {
  if (booted) return;
  booted = true;
  installTestHook();
  onEngineBackend(({ info, notice }) => {
    useApp.getState().setEngine({ backend: info });
    if (notice) useApp.getState().notify(notice);
  });
  useApp.subscribe((s, prev) => {
    if (s.settings.backend !== prev.settings.backend) void restart();
    else if (s.settings.set !== prev.settings.set) void loadSet(s.settings.set);
  });
  void restart();
}
