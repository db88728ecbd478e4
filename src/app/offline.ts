/**
 * Offline after the first visit: registers the service worker (public/sw.js) in production builds, once the
 * engine is ready (so its downloads do not compete with the weights). The worker's URL carries the build id
 * from `sw-precache.json` (written by the build), so a new build installs a new worker.
 *
 * The state is readable by tests and the UI: `document.documentElement.dataset.offline` is `registering`,
 * `ready` (this build is stored; the next visit works offline), `unsupported` (no service workers here: an
 * http:// host, a private window) or `failed`; `useOfflineState()` gives the same to React.
 */
import { useSyncExternalStore } from 'react';

export type OfflineState = 'off' | 'registering' | 'ready' | 'unsupported' | 'failed';

let state: OfflineState = 'off';
const listeners = new Set<() => void>();

function setState(s: OfflineState): void {
  state = s;
  if (typeof document !== 'undefined') document.documentElement.dataset.offline = s;
  for (const l of listeners) l();
}

export function useOfflineState(): OfflineState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

let started = false;

/** Register the service worker (production builds only; safe to call more than once). */
export async function registerOffline(): Promise<void> {
  if (started || !import.meta.env.PROD) return;
  started = true;
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    setState('unsupported');
    return;
  }
  setState('registering');
  const base = import.meta.env.BASE_URL;
  try {
    // Served by the network, or by the service worker's stored copy when offline.
    const res = await fetch(`${base}sw-precache.json`, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`sw-precache.json: HTTP ${res.status}`);
    const { build } = (await res.json()) as { build: string };
    const reg = await navigator.serviceWorker.register(`${base}sw.js?build=${encodeURIComponent(build)}`, { scope: base });
    const active = await waitActive(reg);
    setState(active ? 'ready' : 'failed');
  } catch (e) {
    console.warn('Offline support is not available:', e);
    setState('failed');
  }
}

/**
 * Resolve true once this build's files are stored: its worker is active, or installed and waiting behind an
 * older build's (which keeps serving offline until no old page is open); false if it fails to install.
 */
function waitActive(reg: ServiceWorkerRegistration): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      if (reg.waiting && !reg.installing) {
        resolve(true);
        return;
      }
      const w = reg.installing;
      if (!w) {
        resolve(!!reg.active);
        return;
      }
      w.addEventListener('statechange', () => {
        if (w.state === 'activated' || (w.state === 'installed' && reg.active)) resolve(true);
        else if (w.state === 'redundant') resolve(!!reg.active && reg.active !== w);
      });
    };
    if (reg.installing || reg.waiting || reg.active) check();
    else reg.addEventListener('updatefound', check, { once: true });
  });
}
