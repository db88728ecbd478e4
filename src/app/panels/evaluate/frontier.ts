/**
 * The compute frontier (issue 12 item 4): held-out Brier-1 of CALM and the baseline at the checkpoints their
 * training recorded (manifest `training.history`), against cumulative training FLOPs or training wall time,
 * plus the one-sentence comparison at equal compute. Pure; no DOM, no recharts, no TF.js.
 */
import type { LmHistoryEntry } from '../../../engine/manifest.ts';
import { fmtBrier } from './format.ts';

export type FrontierAxis = 'flops' | 'minutes';

export const AXIS_LABEL: Record<FrontierAxis, string> = {
  flops: 'training FLOPs (cumulative)',
  minutes: 'training time (minutes, evaluations excluded)',
};

/** One checkpoint on the chart. `se`: one standard error of `y`, null when not recorded. */
export interface FrontierPoint {
  x: number;
  y: number;
  se: number | null;
  step: number;
  tokens: number;
  minutes: number;
  flops: number | null;
  loss: number | null;
  heldoutLoss: number | null;
}

/**
 * The checkpoints of one history that carry a finite Brier-1, placed on `axis`, sorted by x (ties: the later
 * step wins, so a resumed run that re-recorded a checkpoint is drawn once). On the FLOPs axis an entry
 * without `trainFlops` falls back to tokens × `flopsPerToken`, and is left out when neither is known.
 */
export function frontierPoints(history: readonly LmHistoryEntry[], axis: FrontierAxis, flopsPerToken: number | null = null): FrontierPoint[] {
  const byX = new Map<number, FrontierPoint>();
  for (const h of history) {
    if (typeof h.brier1 !== 'number' || !Number.isFinite(h.brier1)) continue;
    const flops = h.trainFlops ?? (flopsPerToken !== null && flopsPerToken > 0 ? h.tokens * flopsPerToken : null);
    const minutes = h.seconds / 60;
    const x = axis === 'flops' ? flops : minutes;
    if (x === null || !Number.isFinite(x) || x < 0) continue;
    const se = typeof h.brier1Stderr === 'number' && Number.isFinite(h.brier1Stderr) && h.brier1Stderr >= 0 ? h.brier1Stderr : null;
    const p: FrontierPoint = { x, y: h.brier1, se, step: h.step, tokens: h.tokens, minutes, flops, loss: h.loss, heldoutLoss: h.heldoutLoss };
    const prev = byX.get(x);
    if (!prev || p.step >= prev.step) byX.set(x, p);
  }
  return [...byX.values()].sort((a, b) => a.x - b.x);
}

/** One row of the chart's data: both models' values at an x, null where a model has no checkpoint there. */
export interface FrontierRow {
  x: number;
  calm: number | null;
  calmSe: number | null;
  baseline: number | null;
  baselineSe: number | null;
}

/** Both series merged into rows sorted by x, for one recharts LineChart (lines drawn with connectNulls). */
export function frontierRows(calm: readonly FrontierPoint[], baseline: readonly FrontierPoint[]): FrontierRow[] {
  const rows = new Map<number, FrontierRow>();
  const row = (x: number) => {
    let r = rows.get(x);
    if (!r) rows.set(x, (r = { x, calm: null, calmSe: null, baseline: null, baselineSe: null }));
    return r;
  };
  for (const p of calm) Object.assign(row(p.x), { calm: p.y, calmSe: p.se });
  for (const p of baseline) Object.assign(row(p.x), { baseline: p.y, baselineSe: p.se });
  return [...rows.values()].sort((a, b) => a.x - b.x);
}

/** How far below 0 a step-0 point may lie and still set the range. */
const OFF_SCALE_BELOW = 0.25;

/**
 * The y range that holds every trained point and its error bar, rounded out to multiples of 0.05. The
 * untrained step-0 points are left out of the range when they lie more than 0.25 below 0 (CALM starts at Brier-1 = −1:
 * an untrained head's two samples agree and both miss), so that they do not squash the curves into the
 * top of the chart; `offScale` names them and the chart draws their line running off the bottom.
 */
export function frontierYDomain(points: readonly FrontierPoint[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    hi = Math.max(hi, p.y + (p.se ?? 0));
    if (p.step !== 0 || p.y - (p.se ?? 0) >= -OFF_SCALE_BELOW) lo = Math.min(lo, p.y - (p.se ?? 0));
  }
  if (!Number.isFinite(hi)) return [0, 1];
  if (!Number.isFinite(lo)) lo = Math.min(...points.map((p) => p.y - (p.se ?? 0)));
  const a = Math.floor(Math.min(lo, 0) * 20) / 20;
  const b = Math.ceil(hi * 20) / 20;
  return [a, b > a ? b : a + 0.05];
}

/** Round y ticks inside the domain: every 0.2, 0.1 or 0.05 by its span (recharts' own land on −0.05, 0.2, 0.45…). */
export function frontierYTicks([lo, hi]: readonly [number, number]): number[] {
  const span = hi - lo;
  const step = span > 0.6 ? 0.2 : span > 0.3 ? 0.1 : 0.05;
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++) out.push(Math.round(k * step * 100) / 100 + 0); // + 0: no −0
  return out;
}

/** The points below the domain's floor (only ever step-0 points): drawn off the chart, named in its note. */
export function offScale(points: readonly FrontierPoint[], domain: readonly [number, number]): FrontierPoint[] {
  return points.filter((p) => p.y < domain[0]);
}

/** Linear interpolation of a sorted series at x (inside its range), with the standard error interpolated too. */
export function interpolate(points: readonly FrontierPoint[], x: number): { y: number; se: number | null } | null {
  if (points.length === 0 || x < points[0].x || x > points[points.length - 1].x) return null;
  const exact = points.find((p) => p.x === x);
  if (exact) return { y: exact.y, se: exact.se };
  let i = 0;
  while (points[i + 1].x < x) i++;
  const a = points[i];
  const b = points[i + 1];
  const t = (x - a.x) / (b.x - a.x);
  const se = a.se !== null && b.se !== null ? a.se + t * (b.se - a.se) : null;
  return { y: a.y + t * (b.y - a.y), se };
}

/** Which model is higher where both were measured at equal x. */
export interface FrontierComparison {
  verdict: 'calm' | 'baseline' | 'mixed' | 'none';
  /** Checkpoint x's compared (strictly after the common start, up to the common end) and how many had CALM above. */
  compared: number;
  calmAbove: number;
  /** The largest x both reached, and both models' Brier-1 (interpolated) there. */
  at: number | null;
  calm: number | null;
  baseline: number | null;
  /** At `at`: the gap is within two standard errors of the difference (or no standard errors were recorded). */
  withinNoise: boolean;
}

/**
 * Compares the two curves where both exist: at every checkpoint x of either model strictly after the later
 * start and up to the earlier end (both untrained models sit near 0 at the start), each curve interpolated
 * linearly. A single shared x (both ranges a point) is compared there.
 */
export function compareFrontier(calm: readonly FrontierPoint[], baseline: readonly FrontierPoint[]): FrontierComparison {
  const none: FrontierComparison = { verdict: 'none', compared: 0, calmAbove: 0, at: null, calm: null, baseline: null, withinNoise: true };
  if (calm.length === 0 || baseline.length === 0) return none;
  const lo = Math.max(calm[0].x, baseline[0].x);
  const hi = Math.min(calm[calm.length - 1].x, baseline[baseline.length - 1].x);
  if (lo > hi) return none;
  const xs = [...new Set([...calm, ...baseline].map((p) => p.x).filter((x) => (lo === hi ? x === hi : x > lo && x <= hi)))].sort((a, b) => a - b);
  let calmAbove = 0;
  let baseAbove = 0;
  for (const x of xs) {
    const c = interpolate(calm, x)!;
    const b = interpolate(baseline, x)!;
    if (c.y > b.y) calmAbove++;
    else if (b.y > c.y) baseAbove++;
  }
  const c = interpolate(calm, hi)!;
  const b = interpolate(baseline, hi)!;
  const noise = 2 * Math.sqrt((c.se ?? 0) ** 2 + (b.se ?? 0) ** 2);
  const verdict = xs.length === 0 ? 'none' : calmAbove === xs.length ? 'calm' : baseAbove === xs.length ? 'baseline' : 'mixed';
  return { verdict, compared: xs.length, calmAbove, at: hi, calm: c.y, baseline: b.y, withinNoise: Math.abs(c.y - b.y) <= noise };
}

/** SI-prefixed count for FLOPs: 720, 1.2k, 35M, 7.4T, 1.1P. */
export function fmtFlops(x: number): string {
  if (!Number.isFinite(x)) return '—';
  if (x === 0) return '0';
  const units = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let i = 0;
  let v = Math.abs(x);
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const s = v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  return `${x < 0 ? '-' : ''}${s.includes('.') ? s.replace(/\.?0+$/, '') : s}${units[i]}`;
}

/** An x on the axis in words: "7.4T FLOPs" or "12.5 minutes". */
export function fmtX(x: number, axis: FrontierAxis): string {
  return axis === 'flops' ? `${fmtFlops(x)} FLOPs` : `${x.toFixed(x >= 10 ? 0 : 1)} minute${x === 1 ? '' : 's'}`;
}

/** The chart's finding in one sentence, from the comparison (never hard-coded). */
export function frontierSentence(c: FrontierComparison, axis: FrontierAxis): string {
  const equal = axis === 'flops' ? 'equal training compute' : 'equal training time';
  if (c.verdict === 'none' || c.at === null || c.calm === null || c.baseline === null) {
    return `CALM and the baseline were evaluated over ${axis === 'flops' ? 'compute' : 'time'} ranges that do not overlap, so they cannot be compared at ${equal} yet.`;
  }
  const at = `at ${fmtX(c.at, axis)}, the most both reached: CALM ${fmtBrier(c.calm)}, baseline ${fmtBrier(c.baseline)}${c.withinNoise ? ', within two standard errors of each other' : ''}`;
  const points = c.compared === 1 ? 'at the one checkpoint compared' : `at all ${c.compared} checkpoints compared`;
  if (c.verdict === 'calm') return `At ${equal}, CALM's held-out Brier-1 is above the baseline's ${points} (${at}).`;
  if (c.verdict === 'baseline') return `At ${equal}, the baseline's held-out Brier-1 is above CALM's ${points} (${at}).`;
  return `At ${equal} the lead changes hands, with CALM above the baseline at ${c.calmAbove} of ${c.compared} checkpoints compared (${at}).`;
}
