/**
 * Chart data for the temperature sweep (pure): one series per CALM batch size N and one for the baseline,
 * each a line through its temperatures from T = 1 to the sharpest, x = diversity, y = accuracy.
 */
import type { SweepPoint, TempSweepResult } from '../../../engine/ops/temperature.types.ts';
import { formatTemperature } from '../../../model/sweep.ts';

export type AccuracyMetric = 'firstToken' | 'chunk';

export const METRIC_LABEL: Record<AccuracyMetric, string> = {
  firstToken: 'first-token match with the held-out text',
  chunk: 'whole-chunk match with the held-out text',
};

/** Points whose sampler gave up on more than this share of samples are left off the chart (listed in the table). */
export const MAX_FAILED_SHARE = 0.25;

/** Okabe–Ito colours and distinct marker shapes (never colour alone). */
const CALM_STYLES = [
  { colour: '#0072b2', shape: 'circle' },
  { colour: '#009e73', shape: 'triangle' },
  { colour: '#cc79a7', shape: 'diamond' },
  { colour: '#56b4e9', shape: 'square' },
  { colour: '#e69f00', shape: 'star' },
  { colour: '#f0e442', shape: 'wye' },
] as const;
export const BASELINE_STYLE = { colour: '#d55e00', shape: 'cross' } as const;

export interface ChartPoint {
  x: number;
  y: number;
  T: number;
  label: string;
  extension: boolean;
}

export interface ChartSeries {
  key: string;
  name: string;
  model: 'calm' | 'baseline';
  colour: string;
  shape: string;
  dashed: boolean;
  points: ChartPoint[];
}

export function failedShare(p: SweepPoint, r: Pick<TempSweepResult, 'contexts' | 'pairs'>): number {
  const total = 2 * r.contexts * r.pairs;
  return total > 0 ? p.failed / total : 0;
}

function toPoints(ps: SweepPoint[], r: TempSweepResult, metric: AccuracyMetric): ChartPoint[] {
  return ps
    .filter((p) => failedShare(p, r) <= MAX_FAILED_SHARE)
    .sort((a, b) => b.T - a.T)
    .map((p) => ({ x: p.diversity.value, y: p[metric].value, T: p.T, label: `${formatTemperature(p.T)}${p.extension ? '*' : ''}`, extension: p.extension }));
}

export function sweepSeries(r: TempSweepResult, metric: AccuracyMetric): ChartSeries[] {
  const calm = r.Ns.map((N, i) => ({
    key: `calm-${N}`,
    name: `CALM batch, N = ${N}`,
    model: 'calm' as const,
    ...CALM_STYLES[i % CALM_STYLES.length],
    dashed: false,
    points: toPoints(r.calm.filter((p) => p.N === N), r, metric),
  }));
  const base = {
    key: 'baseline',
    name: 'baseline, softmax T',
    model: 'baseline' as const,
    ...BASELINE_STYLE,
    dashed: true,
    points: toPoints(r.baseline, r, metric),
  };
  return [...calm, base];
}

/** "62.5 % ± 3.1" */
export function formatRate(v: { value: number; stderr: number }): string {
  return `${(v.value * 100).toFixed(1)} % ± ${(v.stderr * 100).toFixed(1)}`;
}
