/**
 * The engine's status in the header: the active backend (badge), why it runs and on which adapter,
 * a backend override, byte-level loading progress, typed errors with a Retry, and notices.
 * Plain data from the store only (no tensors, no engine handles).
 */
import { useApp } from './state/store.ts';
import { restart } from './boot.ts';
import { WARMUP_LABEL, WEIGHTS_LABEL } from '../engine/ops/core.types.ts';
import { BACKENDS, type BackendName, type ProgressInfo } from '../engine/protocol.ts';
import { wasmThreadsText, type WasmThreads } from '../engine/wasm-threads.ts';
import './engine-status.css';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

function progressText(p: ProgressInfo): { title: string; value: string } {
  const label = p.label ?? '';
  if (label.startsWith(WARMUP_LABEL)) {
    return { title: label, value: `${Math.min(p.done, p.total)} of ${p.total} models` };
  }
  const title = label.startsWith(WEIGHTS_LABEL) ? label : label || 'Working';
  return { title, value: `${mb(Math.min(p.done, p.total))} of ${mb(p.total)}` };
}

function Progress({ p }: { p: ProgressInfo }) {
  const pct = p.total > 0 ? Math.min(100, Math.round((100 * p.done) / p.total)) : 0;
  const { title, value } = progressText(p);
  return (
    <div className="engine-progress">
      <div
        className="engine-progress-bar"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={value}
      >
        <div className="engine-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="engine-progress-text">
        {title} — {value}
      </span>
    </div>
  );
}

function BackendSelect() {
  const backend = useApp((s) => s.settings.backend);
  const update = useApp((s) => s.update);
  return (
    <label className="engine-select">
      Backend{' '}
      <select
        value={backend ?? 'auto'}
        onChange={(e) => update({ backend: e.target.value === 'auto' ? null : (e.target.value as BackendName) })}
      >
        <option value="auto">auto</option>
        {BACKENDS.map((b) => (
          <option key={b} value={b}>
            {b}
          </option>
        ))}
      </select>
    </label>
  );
}

function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" aria-label="Notices">
      {notices.map((n, i) => (
        <li key={`${i}-${n}`}>
          <span>{n}</span>
          <button type="button" className="notice-dismiss" onClick={() => dismiss(i)} aria-label="Dismiss this notice">
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** " · 4 threads: TF.js uses half of …" (the count alone in its test id). */
function WasmThreadsNote({ threads }: { threads: WasmThreads }) {
  return (
    <span className="engine-threads" title={wasmThreadsText(threads)}>
      {' '}· <span data-testid="wasm-threads">{threads.count}</span> {threads.count === 1 ? 'thread' : 'threads'}: {threads.reason}
    </span>
  );
}

export function EngineStatus() {
  const status = useApp((s) => s.engine);
  const { state, backend, progress, error } = status;
  return (
    <section className="engine-status" aria-label="Engine status">
      <div className="engine-line">
        <span className="engine-label">Engine</span>
        {backend ? (
          <>
            <span className="backend-badge" data-backend={backend.name} data-testid="backend-badge">
              {backend.name}
            </span>
            <span className="engine-reason" title={backend.reason}>
              {backend.reason}
              {backend.adapter && (
                <>
                  {' '}· adapter: <span className="engine-adapter">{backend.adapter}</span>
                </>
              )}
              {backend.wasmThreads && <WasmThreadsNote threads={backend.wasmThreads} />}
            </span>
          </>
        ) : (
          state !== 'error' && <span role="status" className="engine-reason">Choosing a backend…</span>
        )}
        <BackendSelect />
      </div>
      {backend?.requestFailed && (
        <p className="engine-warning" role="status">
          {backend.requestFailed} Running on {backend.name} instead.
        </p>
      )}
      {progress && <Progress p={progress} />}
      {state === 'ready' && !progress && (
        <p className="visually-hidden" role="status">
          Models loaded and warm.
        </p>
      )}
      {error && (
        <div className="engine-error" role="alert">
          <p className="engine-error-message">{error.message}</p>
          <p className="engine-error-fix">{error.fix}</p>
          <button type="button" onClick={() => void restart()}>
            Retry
          </button>
        </div>
      )}
      <Notices />
    </section>
  );
}
