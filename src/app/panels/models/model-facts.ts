/**
 * What the Models page says about one model, as plain rows (label, value) from its manifest entry: what it is,
 * its configuration, its training budget and its held-out metrics. Pure (no React, no DOM) so that every line
 * can be checked; fields a manifest lacks (older weights) are left out rather than shown as blanks.
 */
import type { ManifestModel } from '../../../engine/manifest.ts';
import { fmtBrier } from '../evaluate/format.ts';

export interface FactRow {
  label: string;
  value: string;
}

export interface FactSection {
  title: string;
  rows: FactRow[];
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const nums = (v: unknown): number[] | undefined => (Array.isArray(v) && v.every((x) => num(x) !== undefined) ? (v as number[]) : undefined);

export const pct = (x: number, digits = 2): string => `${(x * 100).toFixed(digits)} %`;
/** 1234567 → "1.23 M", 4096 → "4,096". */
export function count(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  return n.toLocaleString('en-US');
}
export function minutes(seconds: number): string {
  return seconds >= 5 * 3600 ? `${(seconds / 3600).toFixed(1)} h` : `${(seconds / 60).toFixed(1)} min`;
}

function push(rows: FactRow[], label: string, value: string | undefined): void {
  if (value !== undefined && value !== '') rows.push({ label, value });
}

function configRows(model: ManifestModel): FactRow[] {
  const c = model.config as Rec;
  const rows: FactRow[] = [];
  if (model.kind === 'autoencoder') {
    push(rows, 'Chunk size K', num(c.K) !== undefined ? `${c.K} ${c.K === 1 ? 'token' : 'tokens'} per vector` : undefined);
    push(rows, 'Latent size', num(c.latent) !== undefined ? `${c.latent} numbers per vector` : undefined);
    push(rows, 'Width', num(c.d) !== undefined ? `d = ${c.d}, feed-forward ${c.ffn ?? '?'}` : undefined);
    push(rows, 'Kind', c.variational === true ? 'variational (μ, σ; z = μ + σ·ε)' : c.variational === false ? 'plain (z = μ)' : undefined);
  } else {
    const b = rec(c.backbone);
    if (num(c.K) !== undefined) push(rows, 'Chunk size K', `${c.K} ${c.K === 1 ? 'token' : 'tokens'} per vector`);
    if (b) {
      const ctx = num(b.maxLen);
      const perPos = num(c.K) !== undefined ? `${ctx} chunk positions (${(ctx ?? 0) * (c.K as number)} tokens)` : `${ctx} tokens`;
      push(rows, 'Backbone', `${b.layers} layers, d = ${b.d}, ${b.heads} heads, feed-forward ${b.ffn}`);
      push(rows, 'Context', ctx !== undefined ? perPos : undefined);
    }
    const h = rec(c.head);
    if (h) push(rows, 'Energy head', `${h.blocks} residual block${h.blocks === 1 ? '' : 's'}, width ${h.width}, noise ${h.noiseDim}`);
    if (num(c.samples) !== undefined) push(rows, 'Energy loss', `N = ${c.samples} head samples, M = ${c.targets ?? '?'} target samples`);
    if (num(c.vocabSize) !== undefined) push(rows, 'Vocabulary', `${count(c.vocabSize as number)} tokens${model.kind === 'baseline' ? ' (softmax over all of them)' : ''}`);
  }
  return rows;
}

function trainingRows(model: ManifestModel): FactRow[] {
  const t = (model.training ?? {}) as Rec;
  const rows: FactRow[] = [];
  push(rows, 'Parameters', num(t.parameters) !== undefined ? count(t.parameters as number) : undefined);
  const corpora = Array.isArray(t.corpora) ? (t.corpora as string[]).join(' + ') : typeof t.set === 'string' ? t.set : undefined;
  push(rows, 'Trained on', corpora);
  if (num(t.wallSeconds) !== undefined) {
    const budget = num(t.budgetMinutes) !== undefined ? ` (budget ${t.budgetMinutes} min)` : '';
    push(rows, 'Training time', `${minutes(t.wallSeconds as number)} on one CPU core${budget}`);
  }
  if (num(t.steps) !== undefined) {
    const batch = num(t.batchChunks) !== undefined ? `, ${t.batchChunks} chunks each` : num(t.batch) !== undefined ? `, batch ${t.batch}` : '';
    push(rows, 'Steps', `${count(t.steps as number)}${batch}`);
  }
  if (num(t.tokensSeen) !== undefined) {
    const corpus = num(t.trainingTokens) !== undefined ? ` (${((t.tokensSeen as number) / (t.trainingTokens as number)).toFixed(1)} passes over ${count(t.trainingTokens as number)})` : '';
    push(rows, 'Tokens seen', `${count(t.tokensSeen as number)}${corpus}`);
  }
  if (num(t.trainFlops) !== undefined) push(rows, 'Training compute', `${((t.trainFlops as number) / 1e12).toFixed(1)} TFLOP`);
  const o = rec(t.objective);
  if (o) {
    const parts = [`KL weight β ${o.klWeight}`, `KL clip ${o.klClip}`, `DropToken ${o.dropToken}`, `DropLatent ${o.dropLatent}`];
    push(rows, 'Objective', o.klWeight === 0 && o.dropToken === 0 ? 'reconstruction only' : parts.join(', '));
  }
  const opt = rec(t.optimizer);
  if (opt && num(opt.lr) !== undefined) push(rows, 'Optimizer', `AdamW, lr ${opt.lr}, weight decay ${opt.weightDecay ?? '?'}`);
  if (typeof t.autoencoder === 'string') push(rows, 'Predicts vectors of', t.autoencoder);
  return rows;
}

function metricRows(model: ManifestModel): FactRow[] {
  const m = (model.metrics ?? {}) as Rec;
  const rows: FactRow[] = [];
  if (num(m.tokenAccuracy) !== undefined) {
    push(rows, 'Token accuracy', pct(m.tokenAccuracy as number));
    if (num(m.chunkAccuracy) !== undefined) push(rows, 'Whole chunks right', pct(m.chunkAccuracy as number));
    const noise = rec(m.noise);
    for (const s of ['0.3', '1.0']) if (noise && num(noise[s]) !== undefined) push(rows, `At σ = ${s} noise`, pct(noise[s] as number));
    if (num(m.meanSigma) !== undefined && num(m.latentRms) !== undefined) {
      push(rows, 'Learned σ / latent RMS', `${(m.meanSigma as number).toFixed(3)} / ${(m.latentRms as number).toFixed(3)}`);
    }
    if (num(m.heldoutTokens) !== undefined) push(rows, 'Measured on', `${count(m.heldoutTokens as number)} held-out tokens`);
  }
  const brier = nums(m.brier);
  if (brier) {
    const se = nums(m.stderr);
    push(rows, 'Brier-1…4', brier.map((b, i) => (se ? `${fmtBrier(b)} ± ${fmtBrier(se[i])}` : fmtBrier(b))).join(' · '));
    if (num(m.brierLM) !== undefined) push(rows, 'BrierLM', (m.brierLM as number).toFixed(2));
    if (num(m.repeatRate) !== undefined) push(rows, 'Repeat rate (100 head samples)', pct(m.repeatRate as number, 1));
    if (num(m.flopsPerToken) !== undefined) push(rows, 'Inference FLOPs per token', count(m.flopsPerToken as number));
    if (num(m.positions) !== undefined) push(rows, 'Measured on', `${count(m.positions as number)} held-out windows`);
  }
  const fl = rec(m.fluency);
  const half = rec(fl?.calmTHalf);
  const held = rec(fl?.heldout);
  if (half && num(half.lexiconRate) !== undefined) {
    const judge = num(half.judgeCE) !== undefined && num(held?.judgeCE) !== undefined ? `, judge CE ${(half.judgeCE as number).toFixed(2)} nats (held-out text ${(held!.judgeCE as number).toFixed(2)})` : '';
    push(rows, 'Fluency at T = ½', `${pct(half.lexiconRate as number, 1)} real words${judge}`);
  }
  return rows;
}

/** The sections of a model's card: configuration, training, held-out metrics (empty sections dropped). */
export function modelFacts(model: ManifestModel): FactSection[] {
  return [
    { title: 'Configuration', rows: configRows(model) },
    { title: 'Training', rows: trainingRows(model) },
    { title: 'Held-out', rows: metricRows(model) },
  ].filter((s) => s.rows.length > 0);
}

/** How far from the paper's scale (CALM.md): parameters as a fraction of the paper's smallest model of the same role. */
export function paperScale(model: ManifestModel): string | undefined {
  const p = num((model.training as Rec | undefined)?.parameters);
  if (p === undefined) return undefined;
  if (model.kind === 'autoencoder') return `${(75e6 / p).toFixed(0)}× smaller than the paper's 75M-parameter autoencoder`;
  if (model.kind === 'calm') return `${(371e6 / p).toFixed(0)}× smaller than the paper's smallest CALM (CALM-M, 371M parameters)`;
  if (model.kind === 'baseline') return `${(281e6 / p).toFixed(0)}× smaller than the paper's smallest Transformer baseline (281M parameters)`;
  return undefined;
}
