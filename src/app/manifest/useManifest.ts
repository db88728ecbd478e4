/**
 * The weights manifest for the main thread's views (the Evaluate panel's compute frontier, the Models page): fetched once per
 * page and shared by every component that asks; a failed fetch is forgotten, so the next mount tries again.
 * Independent of the engine: it needs neither the worker nor the weights.
 */
import { useEffect, useState } from 'react';
import { fetchManifest, type WeightsManifest } from '../../engine/manifest.ts';

export type ManifestLoad =
  | { state: 'loading' }
  | { state: 'ready'; manifest: WeightsManifest }
  | { state: 'error'; message: string };

let shared: Promise<WeightsManifest> | null = null;

function manifestOnce(): Promise<WeightsManifest> {
  if (!shared) {
    const p = fetchManifest();
    shared = p;
    p.catch(() => {
      if (shared === p) shared = null;
    });
  }
  return shared;
}

/** `retry`: a value whose change asks again after a failure (e.g. the engine becoming ready after a Retry). */
export function useManifest(retry?: unknown): ManifestLoad {
  const [load, setLoad] = useState<ManifestLoad>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    manifestOnce().then(
      (manifest) => live && setLoad({ state: 'ready', manifest }),
      (e: unknown) => live && setLoad({ state: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [retry]);
  return load;
}
