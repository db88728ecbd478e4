/** The Bandwidth panel's data shaping (pure, unit-tested): chunks of K, chart rows, the compute chart's points. */
import type {
  BandwidthInfoResult, BandwidthLMInfo, BandwidthRoundTripResult, BandwidthSweepResult,
} from '../../../engine/ops/bandwidth.types.ts';
import type { CsvTable } from '../../charts/export.ts';

export interface ChunkToken {
  input: string;
  decoded: string;
  correct: boolean;
  /** A padding position of the last chunk (not part of the text). */
  pad: boolean;
}

/** The text's tokens cut into chunks of K, each position with its decode. */
export function chunkGroups(r: BandwidthRoundTripResult, padToken = '⟨end⟩'): ChunkToken[][] {
  const out: ChunkToken[][] = [];
  for (let c = 0; c < r.vectors; c++) {
    const chunk: ChunkToken[] = [];
    for (let k = 0; k < r.K; k++) {
      const i = c * r.K + k;
      const pad = i >= r.tokens.length;
      chunk.push({ input: pad ? padToken : r.tokens[i], decoded: r.decodedTokens[i] ?? '', correct: r.correct[i] ?? false, pad });
    }
    out.push(chunk);
  }
  return out;
}

/** One row per relative σ, one column per K ("k1", "k2", …). */
export function sweepRows(r: BandwidthSweepResult): Record<string, number>[] {
  return r.relSigmas.map((rel, i) => {
    const row: Record<string, number> = { rel };
    for (const [K, accs] of Object.entries(r.byK)) row[`k${K}`] = accs[i];
    return row;
  });
}

export function sweepTable(r: BandwidthSweepResult): CsvTable {
  const ks = Object.keys(r.byK);
  return { columns: ['sigma_relative', ...ks.map((K) => `K${K}_token_accuracy`)], rows: r.relSigmas.map((rel, i) => [rel, ...ks.map((K) => r.byK[K][i])]) };
}

export type FrontierMetric = 'brier1' | 'brierLM';

export interface FrontierPoint {
  label: string;
  kind: 'calm' | 'baseline';
  /** Inference FLOPs per token (millions) and the backbone's part of it. */
  mflops: number;
  backboneMflops: number;
  value: number;
  /** ±1 standard error (Brier-1 only). */
  err: number | null;
}

const labelOf = (l: BandwidthLMInfo) => (l.K === 'baseline' ? 'baseline (1 token a step)' : `CALM K = ${l.K}`);

/** One point per K with metrics, plus the baseline; the models without metrics named apart. */
export function frontierPoints(info: BandwidthInfoResult, metric: FrontierMetric): { points: FrontierPoint[]; missing: string[] } {
  const points: FrontierPoint[] = [];
  const missing: string[] = [];
  for (const l of info.lms) {
    const value = metric === 'brier1' ? l.brier?.[0] ?? null : l.brierLM;
    if (!l.available || value === null || l.flopsPerToken === null) {
      missing.push(l.K === 'baseline' ? 'the baseline' : `K = ${l.K}`);
      continue;
    }
    points.push({
      label: labelOf(l), kind: l.K === 'baseline' ? 'baseline' : 'calm', mflops: l.flopsPerToken / 1e6,
      backboneMflops: (l.backboneFlopsPerToken ?? 0) / 1e6, value, err: metric === 'brier1' ? l.stderr?.[0] ?? null : null,
    });
  }
  return { points, missing };
}

export function frontierTable(info: BandwidthInfoResult): CsvTable {
  return {
    columns: ['model', 'flops_per_token', 'backbone_flops_per_token', 'brier1', 'brier1_stderr', 'brierLM', 'train_minutes', 'tokens_seen'],
    rows: info.lms.map((l) => [
      l.K === 'baseline' ? 'baseline' : `calm_K${l.K}`, l.flopsPerToken ?? '', l.backboneFlopsPerToken ?? '', l.brier?.[0] ?? '', l.stderr?.[0] ?? '',
      l.brierLM ?? '', l.trainMinutes ?? '', l.tokensSeen ?? '',
    ]),
  };
}

/** What the compute chart shows, in one or two sentences, from the numbers it shows. */
export function frontierCaption(info: BandwidthInfoResult): string {
  const calm = info.lms.filter((l) => l.K !== 'baseline' && l.flopsPerToken !== null);
  const k1 = calm.find((l) => l.K === 1);
  const k4 = calm.find((l) => l.K === 4);
  const base = info.lms.find((l) => l.K === 'baseline');
  let s = 'Each point is one model of the same size on the same held-out stories text. As K grows, the backbone runs K× fewer ' +
    'steps per token, so its FLOPs per token fall as 1/K; the autoencoder\u2019s decoder still projects every token onto the ' +
    '4,096-token vocabulary, so the total falls more slowly.';
  if (k1?.backboneFlopsPerToken && k4?.backboneFlopsPerToken) {
    s += ` Backbone per token: ${(k1.backboneFlopsPerToken / 1e6).toFixed(2)}M at K = 1, ${(k4.backboneFlopsPerToken / 1e6).toFixed(2)}M at K = 4.`;
  }
  if (base?.brier && k1?.brier) {
    s += k1.brier[0] < base.brier[0]
      ? ` At K = 1 CALM trails the baseline (Brier-1 ${k1.brier[0].toFixed(3)} vs ${base.brier[0].toFixed(3)}), as in the paper.`
      : ` At K = 1 CALM does not trail the baseline here (Brier-1 ${k1.brier[0].toFixed(3)} vs ${base.brier[0].toFixed(3)}), unlike the paper.`;
  }
  return s;
}

/** Bytes as "2.3 MB". */
export function fmtMB(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

const kName = (K: number | 'baseline') => (K === 'baseline' ? 'the baseline' : `K = ${K}`);

/** The autoencoders opening the panel fetches, each with its size ("K = 1 1.1 MB, K = 2 1.2 MB"); '' when none. */
export function aeLoadList(info: BandwidthInfoResult): string {
  return info.aes.filter((a) => a.available && !info.loaded.includes(a.K)).map((a) => `K = ${a.K} ${fmtMB(a.bytes)}`).join(', ');
}

/** What the first race fetches, and which Ks have no CALM in this checkout. */
export function raceLoadNote(info: BandwidthInfoResult): string {
  const extra = info.lms.filter((l) => l.K !== 'baseline' && l.K !== 4 && l.available).map((l) => `K = ${l.K}`);
  const absent = info.lms.filter((l) => !l.available).map((l) => kName(l.K));
  let s = info.lmBytesToLoad > 0
    ? `The first race fetches ${fmtMB(info.lmBytesToLoad)} of models${extra.length ? ` (the ${extra.join(' and ')} CALM${extra.length > 1 ? 's' : ''} among them)` : ''}.`
    : 'Its models are loaded.';
  if (absent.length) s += ` Not in this checkout: ${absent.join(', ')} (the race goes without ${absent.length > 1 ? 'them' : 'it'}).`;
  return s;
}

export interface SizeRow {
  model: string;
  what: string;
  bytes: number;
  status: 'loaded' | 'loads with this panel' | 'for the race' | 'not in this checkout';
}

/** Every model of the K dial with its size: the autoencoders per K, then the language models. */
export function sizeRows(info: BandwidthInfoResult): SizeRow[] {
  const aes: SizeRow[] = info.aes.map((a) => ({
    model: a.name, what: `autoencoder, K = ${a.K} (${a.latent} numbers a vector)`, bytes: a.bytes,
    status: !a.available ? 'not in this checkout' : info.loaded.includes(a.K) ? 'loaded' : 'loads with this panel',
  }));
  const lms: SizeRow[] = info.lms.map((l) => ({
    model: l.name, what: l.K === 'baseline' ? 'language model, discrete baseline' : `language model, CALM K = ${l.K}`, bytes: l.bytes,
    // The manifest facts do not say which language model is loaded, only what the race still fetches.
    status: !l.available ? 'not in this checkout' : info.lmBytesToLoad === 0 ? 'loaded' : 'for the race',
  }));
  return [...aes, ...lms];
}
