/**
 * Geometry of a small grid heatmap (e.g. a 128-dimensional latent as 16 × 8 cells): where each
 * cell goes and which colour it gets. Pure: the component only paints the rectangles.
 */
import type { RGB } from './colour.ts';

export interface HeatmapLayout {
  cols: number;
  rows: number;
  /** Cell side and gap, in CSS pixels. */
  cell: number;
  gap: number;
  width: number;
  height: number;
}

export interface HeatmapCell {
  index: number;
  x: number;
  y: number;
  size: number;
  colour: RGB;
}

/** Row-major grid for n values with `cols` columns. */
export function heatmapLayout(n: number, cols: number, cell: number, gap = 0): HeatmapLayout {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(cols) && cols > 0)) throw new RangeError(`heatmapLayout: bad n=${n} cols=${cols}`);
  const rows = Math.ceil(n / cols);
  const span = (k: number) => (k > 0 ? k * cell + (k - 1) * gap : 0);
  return { cols, rows, cell, gap, width: span(Math.min(n, cols)), height: span(rows) };
}

/** The cells of `values[offset … offset+n)` laid out by `layout`, coloured by `colour`. */
export function heatmapCells(
  values: ArrayLike<number>,
  layout: HeatmapLayout,
  colour: (v: number) => RGB,
  offset = 0,
  n = values.length - offset,
): HeatmapCell[] {
  const out: HeatmapCell[] = [];
  for (let i = 0; i < n; i++) {
    const r = Math.floor(i / layout.cols);
    const c = i % layout.cols;
    out.push({ index: i, x: c * (layout.cell + layout.gap), y: r * (layout.cell + layout.gap), size: layout.cell, colour: colour(values[offset + i]) });
  }
  return out;
}

/** Smallest, largest and root-mean-square value of a slice (for a heatmap's text alternative). */
export function sliceStats(values: ArrayLike<number>, offset: number, n: number): { min: number; max: number; rms: number } {
  let min = Infinity;
  let max = -Infinity;
  let sq = 0;
  for (let i = offset; i < offset + n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sq += v * v;
  }
  return n > 0 ? { min, max, rms: Math.sqrt(sq / n) } : { min: NaN, max: NaN, rms: NaN };
}
