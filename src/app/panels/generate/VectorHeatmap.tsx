/** A vector (hidden state, latent) as a small grid of cells on a canvas, with a text alternative. */
import { useEffect, useMemo, useRef } from 'react';
import { css, divergingColour } from '../../draw/colour.ts';
import { heatmapCells, heatmapLayout, sliceStats } from '../../draw/heatmap.ts';
import { formatSigned } from '../../draw/format.ts';

export interface VectorHeatmapProps {
  values: Float32Array;
  /** Names the vector in the text alternative ("hidden state of step 3"). */
  name: string;
  /** Colour scale saturates at ±max (default: the vector's own largest |value|). */
  max?: number;
  cols?: number;
  cell?: number;
}

export function VectorHeatmap({ values, name, max, cols = 16, cell = 7 }: VectorHeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const n = values.length;
  const layout = useMemo(() => heatmapLayout(n, cols, cell, 0), [n, cols, cell]);
  const stats = useMemo(() => sliceStats(values, 0, n), [values, n]);
  const scale = max ?? Math.max(Math.abs(stats.min), Math.abs(stats.max), 1e-6);
  useEffect(() => {
    const canvas = ref.current;
    const g = canvas?.getContext('2d');
    if (!canvas || !g) return;
    const dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    canvas.width = layout.width * dpr;
    canvas.height = layout.height * dpr;
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    for (const c of heatmapCells(values, layout, (v) => divergingColour(v, scale))) {
      g.fillStyle = css(c.colour);
      g.fillRect(c.x, c.y, c.size, c.size);
    }
  }, [values, layout, scale]);
  return (
    <canvas
      ref={ref}
      className="gn-heatmap"
      style={{ width: `${layout.width}px`, height: `${layout.height}px` }}
      role="img"
      aria-label={`${name}: ${n} numbers from ${formatSigned(stats.min)} to ${formatSigned(stats.max)}, root mean square ${stats.rms.toFixed(2)}`}
    />
  );
}
