import type { AEMetrics } from '../model/metrics.ts';

/** The shape of public/weights/manifest.json as the app reads it (plain data, no tensors). */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** What the manifest stores for an autoencoder: its metrics and the held-out token count. */
export type AEMetricsView = AEMetrics & { heldoutTokens: number };

export interface ManifestModel {
  kind: string;
  description?: string;
  config: Record<string, unknown>;
  files: ManifestFile[];
  training?: { wallSeconds?: number; steps?: number; parameters?: number; corpora?: string[] };
  metrics?: Partial<AEMetricsView> & Record<string, unknown>;
}

export interface WeightsManifest {
  version: string;
  tokenizer?: ManifestFile & { vocabSize?: number };
  models: Record<string, ManifestModel>;
}

export function manifestUrl(): string {
  return `${import.meta.env.BASE_URL}weights/manifest.json`;
}

export async function fetchManifest(signal?: AbortSignal): Promise<WeightsManifest> {
  const res = await fetch(manifestUrl(), { signal, cache: 'no-cache' });
  if (!res.ok) throw new Error(`weights/manifest.json could not be loaded (HTTP ${res.status})`);
  const m = (await res.json()) as WeightsManifest;
  if (!m || typeof m.version !== 'string' || typeof m.models !== 'object') {
    throw new Error('weights/manifest.json is not a CALM Playground manifest');
  }
  return m;
}

export function totalBytes(m: WeightsManifest): number {
  let n = m.tokenizer?.bytes ?? 0;
  for (const model of Object.values(m.models)) for (const f of model.files) n += f.bytes;
  return n;
}
