/** Pure helpers of the Train panel: chart rows, tables, headline numbers (unit-tested, no React). */
import type { AccPoint, LossPoint, SweepView } from './train-store.ts';
import type { TrainReplay } from './replay.ts';

export interface AccRow {
  step: number;
  a: number;
  b: number;
  /** The replay's accuracies at the same step (when shown beside a live run). */
  ra?: number;
  rb?: number;
}

/** Accuracy rows by step: the live points, or the replay's points when there is no live run. */
export function accuracyRows(points: AccPoint[]): AccRow[] {
  return points.map((p) => ({ step: p.step, a: p.a, b: p.b }));
}

export function replayAccuracyRows(r: TrainReplay): AccRow[] {
  return r.points.map((p) => ({ step: p.step, a: p.a, b: p.b }));
}

/**
 * At most `max` loss rows (every n-th step, the last always kept): a 2,000-step run would otherwise redraw
 * 2,000 points per step.
 */
export function lossRows(points: LossPoint[], max = 200): LossPoint[] {
  if (points.length <= max) return points;
  const every = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % every === 0);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
  return out;
}

export interface SweepRow {
  s: number;
  a: number;
  b: number;
}

/** Robustness rows: σ = 0 (the held-out accuracy) and each relative level, for both runs. */
export function sweepRows(sweep: Pick<SweepView, 'a' | 'b'>, clean: { a: number; b: number }): SweepRow[] {
  const rows: SweepRow[] = [{ s: 0, a: clean.a, b: clean.b }];
  for (let i = 0; i < sweep.a.length; i++) rows.push({ s: sweep.a[i].s, a: sweep.a[i].accuracy, b: sweep.b[i]?.accuracy ?? NaN });
  return rows;
}

/** Accuracy at relative σ = s in a sweep (null when not measured). */
export function accuracyAt(points: { s: number; accuracy: number }[], s: number): number | null {
  return points.find((p) => Math.abs(p.s - s) < 1e-9)?.accuracy ?? null;
}

/** A − B in percentage points at σ = 1 × RMS (null when not measured). */
export function gapAtOne(sweep: Pick<SweepView, 'a' | 'b'> | null): number | null {
  if (!sweep) return null;
  const a = accuracyAt(sweep.a, 1);
  const b = accuracyAt(sweep.b, 1);
  return a === null || b === null ? null : (a - b) * 100;
}

/** "12 min 5 s" / "45 s". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

/** The replay's headline: when A reached 95 % and the A − B gap at σ = 1 × RMS at the end. */
export function replaySummary(r: TrainReplay): string {
  const at95 = r.points.find((p) => p.a >= 0.95);
  const last = r.sweeps[r.sweeps.length - 1];
  const gap = last ? gapAtOne(last) : null;
  const parts = [
    at95 ? `run A passed 95 % held-out accuracy at step ${at95.step} (${formatDuration(at95.seconds)} of training)` : 'run A did not reach 95 %',
  ];
  if (last && gap !== null) parts.push(`at step ${last.step}, with noise of 1 × its latent RMS, A kept ${(accuracyAt(last.a, 1)! * 100).toFixed(1)} % and B ${(accuracyAt(last.b, 1)! * 100).toFixed(1)} % (${gap >= 0 ? '+' : ''}${gap.toFixed(1)} points)`);
  return parts.join('; ');
}

export interface CurveRow {
  step: number;
  a?: number;
  b?: number;
  lossA?: number;
  lossB?: number;
}

/** One row per step that has an accuracy or a loss point (sorted by step), for the combined chart. */
export function mergeCurves(acc: AccRow[], loss: LossPoint[]): CurveRow[] {
  const by = new Map<number, CurveRow>();
  for (const p of loss) by.set(p.step, { step: p.step, lossA: p.a, lossB: p.b });
  for (const p of acc) by.set(p.step, { ...(by.get(p.step) ?? { step: p.step }), a: p.a, b: p.b });
  return [...by.values()].sort((x, y) => x.step - y.step);
}

/** CSV-ready table of the curves (empty cells where a step has no such point). */
export function accuracyTable(rows: CurveRow[]): { columns: string[]; rows: (string | number)[][] } {
  const cell = (v: number | undefined) => (v === undefined ? '' : v);
  return {
    columns: ['step', 'run A held-out token accuracy', 'run B held-out token accuracy', 'run A training loss', 'run B training loss'],
    rows: rows.map((r) => [r.step, cell(r.a), cell(r.b), cell(r.lossA), cell(r.lossB)]),
  };
}

export function sweepTable(rows: SweepRow[]): { columns: string[]; rows: (string | number)[][] } {
  return { columns: ['sigma / latent RMS', 'run A token accuracy', 'run B token accuracy'], rows: rows.map((r) => [r.s, r.a, r.b]) };
}
