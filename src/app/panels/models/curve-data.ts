/**
 * A model's training curve from its manifest history, as chart rows (plain numbers): language models give
 * training and held-out loss (and held-out Brier-1 where recorded) against training minutes; autoencoders give
 * held-out token accuracy and loss against steps. Malformed entries are dropped (lmHistory validates).
 */
import { lmHistory, type ManifestModel } from '../../../engine/manifest.ts';

export interface CurveSeries {
  key: string;
  label: string;
  /** Which y axis: 'left' (loss) or 'right' (accuracy, Brier-1). */
  axis: 'left' | 'right';
}

export interface CurveData {
  x: { key: string; label: string };
  series: CurveSeries[];
  rows: Record<string, number | null>[];
  leftLabel: string;
  rightLabel: string;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function curveData(model: ManifestModel): CurveData | null {
  if (model.kind === 'autoencoder') {
    const raw = model.training?.history;
    if (!Array.isArray(raw)) return null;
    const rows = (raw as Record<string, unknown>[])
      .filter((h) => h && finite(h.step))
      .map((h) => ({ step: h.step as number, loss: finite(h.loss) ? h.loss : null, heldoutAcc: finite(h.heldoutAcc) ? h.heldoutAcc : null }));
    if (rows.length < 2) return null;
    return {
      x: { key: 'step', label: 'training step' },
      series: [
        { key: 'loss', label: 'training loss', axis: 'left' },
        { key: 'heldoutAcc', label: 'held-out token accuracy', axis: 'right' },
      ],
      rows, leftLabel: 'loss', rightLabel: 'accuracy',
    };
  }
  const hist = lmHistory(model);
  if (hist.length < 2) return null;
  const rows = hist.map((h) => ({
    minutes: Math.round((h.seconds / 60) * 100) / 100,
    loss: h.loss, heldoutLoss: h.heldoutLoss, brier1: h.brier1 ?? null,
  }));
  const series: CurveSeries[] = [
    { key: 'loss', label: 'training loss', axis: 'left' },
    { key: 'heldoutLoss', label: 'held-out loss', axis: 'left' },
  ];
  if (rows.some((r) => r.brier1 !== null)) series.push({ key: 'brier1', label: 'held-out Brier-1', axis: 'right' });
  return { x: { key: 'minutes', label: 'training minutes (one CPU core)' }, series, rows, leftLabel: model.kind === 'calm' ? 'energy loss' : 'cross-entropy (nats)', rightLabel: 'Brier-1' };
}

/**
 * x-axis ticks for a curve from 0 to `max`: round steps (1, 2 or 5 × 10^k), about four of them, none in the last
 * tenth of the axis (a tick label there would run into the right axis' lowest label).
 */
export function curveTicks(max: number): number[] {
  if (!(max > 0)) return [0];
  const raw = max / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const ticks: number[] = [];
  for (let x = 0; x <= max * 0.9 + 1e-9; x += step) ticks.push(Number(x.toPrecision(12)));
  return ticks;
}
