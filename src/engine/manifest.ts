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
  training?: ManifestTraining;
  metrics?: Partial<AEMetricsView> & Record<string, unknown>;
}

/**
 * What a model's manifest entry says about its training. Optional throughout: older weights lack the newer
 * fields. `history` is kept raw (the autoencoders' and the language models' histories differ); read a
 * language model's through `lmHistory`, which validates it.
 */
export interface ManifestTraining {
  wallSeconds?: number;
  steps?: number;
  parameters?: number;
  corpora?: string[];
  history?: unknown;
  /** Language models: analytic training FLOPs per token (forward + backward) and in all. */
  trainFlopsPerToken?: number;
  trainFlops?: number;
}

/**
 * One checkpoint of a language model's training as scripts/train-lm.ts records it (meta.training.history,
 * copied into the manifest). Only some checkpoints carry the held-out Brier-1 and the training FLOPs.
 */
export interface LmHistoryEntry {
  step: number;
  /** Training wall time in seconds, evaluations excluded. */
  seconds: number;
  /** Training loss (running average); null where none was measured yet (step 0). */
  loss: number | null;
  /** Held-out loss; null when absent or not a finite number. */
  heldoutLoss: number | null;
  /** Training tokens seen. */
  tokens: number;
  /** Cumulative training FLOPs. */
  trainFlops?: number;
  /** Held-out Brier-1 at this checkpoint and its standard error. */
  brier1?: number;
  brier1Stderr?: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A language model's training history, validated: entries without a finite, non-negative step, seconds and
 * token count are dropped; optional numbers that are missing, null or not finite (JSON writes NaN as null)
 * are left out. Never throws: a malformed history reads as fewer (or no) entries.
 */
export function lmHistory(model: ManifestModel | undefined): LmHistoryEntry[] {
  const raw = model?.training?.history;
  if (!Array.isArray(raw)) return [];
  const out: LmHistoryEntry[] = [];
  for (const h of raw as unknown[]) {
    if (!h || typeof h !== 'object') continue;
    const e = h as Record<string, unknown>;
    if (!finite(e.step) || !finite(e.seconds) || !finite(e.tokens) || e.step < 0 || e.seconds < 0 || e.tokens < 0) continue;
    const entry: LmHistoryEntry = {
      step: e.step, seconds: e.seconds, tokens: e.tokens,
      loss: finite(e.loss) ? e.loss : null,
      heldoutLoss: finite(e.heldoutLoss) ? e.heldoutLoss : null,
    };
    if (finite(e.trainFlops) && e.trainFlops >= 0) entry.trainFlops = e.trainFlops;
    if (finite(e.brier1)) entry.brier1 = e.brier1;
    if (finite(e.brier1Stderr) && e.brier1Stderr >= 0) entry.brier1Stderr = e.brier1Stderr;
    out.push(entry);
  }
  return out;
}

/** A model's training FLOPs per token from its manifest entry, or null when absent or invalid. */
export function trainFlopsPerToken(model: ManifestModel | undefined): number | null {
  const v = model?.training?.trainFlopsPerToken;
  return finite(v) && v > 0 ? v : null;
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
